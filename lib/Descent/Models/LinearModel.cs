using System.Globalization;
using Descent.Data;
using Descent.Losses;

namespace Descent.Models;

/// <summary>A fitted linear model ŷ = 𝕏θ: its parameters, predictions and MSE.</summary>
public sealed class LinearModel
{
    internal LinearModel(double[] theta, IReadOnlyList<string> features, string method)
    {
        Theta = theta;
        Features = features;
        Method = method;
    }

    /// <summary>θ, one parameter per column of 𝕏 (θ₀ is the intercept when the first column is all ones).</summary>
    public double[] Theta { get; }

    /// <summary>The column names θ goes with, e.g. ["intercept", "total_bill"].</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>How it was fitted: "QR least squares", "normal equations", "closed form Σxy/Σx²", or "gradient descent".</summary>
    public string Method { get; }

    /// <summary>ŷ = 𝕏θ.</summary>
    public double[] Predict(DesignMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Multiply(Theta);
    }

    /// <summary>The MSE (1/n) Σ (yᵢ − ŷᵢ)² of this model on (𝕏, y).</summary>
    public double Mse(DesignMatrix x, double[] y) => new MseLoss(x, y).Value(Theta);

    /// <summary>"ŷ = 0.920270 + 0.105025·total_bill (QR least squares)".</summary>
    public override string ToString()
    {
        var terms = Theta.Select((t, j) => Features[j] == "intercept"
            ? t.ToString("G6", CultureInfo.InvariantCulture)
            : $"{t.ToString("G6", CultureInfo.InvariantCulture)}·{Features[j]}");
        return $"ŷ = {string.Join(" + ", terms).Replace("+ -", "− ", StringComparison.Ordinal)} ({Method})";
    }
}
