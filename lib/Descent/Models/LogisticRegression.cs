using Descent.Data;
using Descent.Losses;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Models;

/// <summary>
/// Logistic regression fitted by gradient descent on the negative log-likelihood (mean form by default):
/// θ ← θ − α ∇L(θ), ∇L = (1/n) Σ (σ(xᵢᵀθ) − yᵢ) xᵢ. Uses any <see cref="Stepper"/> (plain GD by default), and keeps the run.
/// </summary>
public static class LogisticRegression
{
    /// <summary>Fits θ on (𝕏, y) with y ∈ {0, 1}.</summary>
    /// <param name="x">The features (add an intercept column with <see cref="DesignMatrix.WithIntercept"/>; standardize first for speed).</param>
    /// <param name="y">The labels, 0 or 1.</param>
    /// <param name="stepper">The optimizer; by default plain gradient descent with α = 0.5.</param>
    /// <param name="stop">When to stop; by default 5000 steps or ‖∇L‖ ≤ 1e-6.</param>
    /// <param name="start">θ₀; by default zeros.</param>
    /// <param name="reduction">Mean (default) or sum of the per-observation losses.</param>
    public static LogisticModel Fit(DesignMatrix x, double[] y, Stepper? stepper = null, StopRule? stop = null,
        double[]? start = null, Reduction reduction = Reduction.Mean)
    {
        var loss = new LogisticLoss(x, y, reduction);
        var theta0 = start ?? new double[loss.Dimension];
        stepper ??= new GradientDescent(0.5);
        stop ??= new StopRule(MaxSteps: 5000, GradientTolerance: 1e-6);
        var run = stepper.Run(loss, theta0, stop);
        return new LogisticModel(run.Theta, x.ColumnNames, run);
    }

    /// <summary>Fits θ on a dataset's (X, y).</summary>
    public static LogisticModel Fit(Dataset data, Stepper? stepper = null, StopRule? stop = null, double[]? start = null,
        Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.X, data.Y, stepper, stop, start, reduction);
    }
}
