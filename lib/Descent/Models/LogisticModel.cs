using System.Globalization;
using Descent.Data;
using Descent.Losses;
using Descent.Training;

namespace Descent.Models;

/// <summary>A fitted logistic regression p = σ(xᵀθ): its parameters, the run that fitted them, probabilities and accuracy.</summary>
public sealed class LogisticModel
{
    internal LogisticModel(double[] theta, IReadOnlyList<string> features, Run run, string? warning = null)
    {
        Theta = theta;
        Features = features;
        Run = run;
        Warning = warning;
    }

    /// <summary>θ, one weight per column of 𝕏.</summary>
    public double[] Theta { get; }

    /// <summary>The column names θ goes with.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The gradient-descent run that fitted θ (for trace plots).</summary>
    public Run Run { get; }

    /// <summary>Whether the run that fitted θ diverged (then θ is where the run stopped, not a fit).</summary>
    public bool Diverged => Run.Status == RunStatus.Diverged;

    /// <summary>
    /// Null when the fit went well; when the run diverged, a sentence saying at which step, how far the loss rose, and
    /// what to do (scale the features or use a smaller step size). <see cref="ToString"/> starts with it.
    /// </summary>
    public string? Warning { get; }

    /// <summary>pᵢ = σ(xᵢᵀθ), the predicted probability that yᵢ = 1.</summary>
    public double[] Probabilities(DesignMatrix x)
    {
        Check(x);
        return x.Multiply(Theta).Select(LogisticLoss.Sigmoid).ToArray();
    }

    /// <summary>The predicted class: 1 when pᵢ ≥ <paramref name="threshold"/>, else 0.</summary>
    public double[] Predict(DesignMatrix x, double threshold = 0.5)
    {
        if (!(threshold > 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be strictly between 0 and 1.");
        return Probabilities(x).Select(p => p >= threshold ? 1.0 : 0.0).ToArray();
    }

    /// <summary>The fraction of rows whose predicted class equals y.</summary>
    public double Accuracy(DesignMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        Check(x);
        Guard.SameRows(x.Rows, y.Length, "X", "y");
        var predicted = Predict(x);
        int right = 0;
        for (int i = 0; i < y.Length; i++) if (predicted[i] == y[i]) right++;
        return (double)right / y.Length;
    }

    /// <summary>The fraction of a dataset's rows classified correctly.</summary>
    public double Accuracy(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Accuracy(data.X, data.Y);
    }

    /// <summary>"p = σ(−0.2 + 1.3·Age − 0.8·MaxHR), fitted by GD (α = 0.5): ...", after "Warning: ..." when the run diverged.</summary>
    public override string ToString()
    {
        var terms = Theta.Select((t, j) => Features[j] == "intercept"
            ? t.ToString("G4", CultureInfo.InvariantCulture)
            : $"{t.ToString("G4", CultureInfo.InvariantCulture)}·{Features[j]}");
        string model = $"p = σ({string.Join(" + ", terms).Replace("+ -", "− ", StringComparison.Ordinal)}), fitted by {Run}";
        return Warning is null ? model : $"Warning: {Warning}{Environment.NewLine}{model}";
    }

    private void Check(DesignMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Guard.Length(x.Columns, Theta.Length, "X.Columns", $"this model ({string.Join(", ", Features)})");
    }
}
