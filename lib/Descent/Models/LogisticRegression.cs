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
    /// <param name="stepper">
    /// The optimizer; by default plain gradient descent with α = <see cref="DefaultLearningRate"/>, which suits standardized
    /// features. On raw features (a column in the hundreds, like MaxHR) that step is far too large and the run diverges:
    /// the model's <see cref="LogisticModel.Warning"/> then says so.
    /// </param>
    /// <param name="stop">When to stop; by default 5000 steps or ‖∇L‖ ≤ 1e-6.</param>
    /// <param name="start">θ₀; by default zeros.</param>
    /// <param name="reduction">Mean (default) or sum of the per-observation losses.</param>
    /// <returns>
    /// The model, with the run that fitted it. When the run diverged, <see cref="LogisticModel.Warning"/> says where and
    /// what to do, and the model's <see cref="LogisticModel.ToString"/> starts with it: θ is then not a fit.
    /// </returns>
    public static LogisticModel Fit(DesignMatrix x, double[] y, Stepper? stepper = null, StopRule? stop = null,
        double[]? start = null, Reduction reduction = Reduction.Mean)
    {
        var loss = new LogisticLoss(x, y, reduction);
        var theta0 = start ?? new double[loss.Dimension];
        bool byDefault = stepper is null;
        stepper ??= new GradientDescent(DefaultLearningRate);
        stop ??= new StopRule(MaxSteps: 5000, GradientTolerance: 1e-6);
        var run = stepper.Run(loss, theta0, stop);
        return new LogisticModel(run.Theta, x.ColumnNames, run, DivergenceWarning(run, byDefault, SafeLearningRate(x, reduction)));
    }

    /// <summary>The step size of the default stepper, plain gradient descent: α = 0.5.</summary>
    public const double DefaultLearningRate = 0.5;

    /// <summary>
    /// A step size plain GD cannot diverge with on (𝕏, y): 1/L, where L = ¼ · (1/n) Σ ‖xᵢ‖² bounds the curvature of the
    /// mean cross-entropy (σ′ ≤ ¼, and the Hessian (1/n) 𝕏ᵀ diag(σ′) 𝕏 has largest eigenvalue at most ¼ · (1/n) Σ ‖xᵢ‖²);
    /// for the sum form, n times smaller.
    /// </summary>
    public static double SafeLearningRate(DesignMatrix x, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(x);
        double squares = 0;
        foreach (var v in x.Values) squares += v * v;
        double curvature = 0.25 * squares / (reduction == Reduction.Mean ? x.Rows : 1);
        return curvature > 0 ? 1 / curvature : double.PositiveInfinity;
    }

    /// <summary>Null for a run that did not diverge; otherwise where it diverged, how far the loss went, and what to do.</summary>
    private static string? DivergenceWarning(Run run, bool byDefault, double safe)
    {
        if (run.DivergedAt is not int onset) return null;
        string who = byDefault
            ? $"The default step size α = {Show(DefaultLearningRate)}"
            : $"The optimizer {run.Name}";
        var start = run.Steps[0];
        return $"{who} diverged on these data at step {onset} (the loss rose from {Show(start.Loss)} at the start " +
               $"to {Show(run.Loss)} at step {run.Last.T}), so θ is not a fit. Scale the features " +
               "(var scaler = Standardizer.Fit(x); x = scaler.Transform(x)) or pass a smaller step size: " +
               $"α = {Show(safe)} cannot diverge on these data (LogisticRegression.SafeLearningRate(x)), " +
               $"so try LogisticRegression.Fit(x, y, new GradientDescent({Show(safe)})).";
    }

    private static string Show(double x) => x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Fits θ on a dataset's (X, y).</summary>
    public static LogisticModel Fit(Dataset data, Stepper? stepper = null, StopRule? stop = null, double[]? start = null,
        Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.X, data.Y, stepper, stop, start, reduction);
    }
}
