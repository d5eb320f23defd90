namespace Descent.Functions;

/// <summary>
/// The loss surface of the smallest network with a hidden unit, ŷ = w₂ tanh(w₁ x), fitted by mean squared error to 21
/// points that the network itself made: x = −2, −1.8, …, 2 and y = 2 tanh(1.5x), so (w₁, w₂) = (1.5, 2) fits exactly,
/// L(w₁, w₂) = mean((w₂ tanh(w₁ xᵢ) − yᵢ)²).
/// Because tanh is odd, w₂ tanh(w₁ x) = (−w₂) tanh(−w₁ x): (−1.5, −2) fits exactly too. Two minima with zero loss,
/// and between them, at the origin (where the network outputs 0), a saddle: the loss is not convex.
/// </summary>
/// <remarks>
/// With tᵢ = tanh(w₁ xᵢ), sᵢ = 1 − tᵢ² (the slope of tanh) and eᵢ = w₂ tᵢ − yᵢ, averaging over the n = 21 points:
/// ∂L/∂w₁ = mean(2 eᵢ w₂ sᵢ xᵢ), ∂L/∂w₂ = mean(2 eᵢ tᵢ);
/// ∂²L/∂w₁² = mean(2 w₂ sᵢ xᵢ² (w₂ sᵢ − 2 eᵢ tᵢ)), ∂²L/∂w₁∂w₂ = mean(2 sᵢ xᵢ (w₂ tᵢ + eᵢ)), ∂²L/∂w₂² = mean(2 tᵢ²).
/// At the origin tᵢ = 0 and eᵢ = −yᵢ, so the Hessian is [[0, −2 mean(xy)], [−2 mean(xy), 0]]: eigenvalues ±2 mean(xy).
/// </remarks>
public sealed class TanhUnit : Surface
{
    private static readonly double[] X = Curve.Linspace(-2, 2, 21);
    private static readonly double[] Y = X.Select(x => 2 * Math.Tanh(1.5 * x)).ToArray();   // made by w₁ = 1.5, w₂ = 2

    /// <summary>The inputs xᵢ: 21 points from −2 to 2.</summary>
    public IReadOnlyList<double> Inputs => X;

    /// <summary>The targets yᵢ = 2 tanh(1.5 xᵢ).</summary>
    public IReadOnlyList<double> Targets => Y;

    /// <inheritdoc />
    public override string Name => "one tanh unit";

    /// <inheritdoc />
    public override string Formula => "L(w₁, w₂) = mean((w₂ tanh(w₁x) − y)²)";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (-3, 3);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (-3, 3);

    /// <summary>(1.5, 2), which made the data, and its sign flip (−1.5, −2).</summary>
    public override IReadOnlyList<double[]> Minima => [[1.5, 2], [-1.5, -2]];

    /// <summary>L = mean((w₂ tanh(w₁ xᵢ) − yᵢ)²)</summary>
    public override double Value(double w1, double w2)
    {
        double sum = 0;
        for (int i = 0; i < X.Length; i++)
        {
            double e = w2 * Math.Tanh(w1 * X[i]) - Y[i];
            sum += e * e;
        }
        return sum / X.Length;
    }

    /// <summary>∂L/∂w₁ = mean(2 eᵢ w₂ sᵢ xᵢ), ∂L/∂w₂ = mean(2 eᵢ tᵢ)</summary>
    public override (double Dx, double Dy) Gradient(double w1, double w2)
    {
        double d1 = 0, d2 = 0, n = X.Length;
        for (int i = 0; i < X.Length; i++)
        {
            double t = Math.Tanh(w1 * X[i]), e = w2 * t - Y[i];
            d1 += 2 * e * w2 * (1 - t * t) * X[i] / n;
            d2 += 2 * e * t / n;
        }
        return (d1, d2);
    }

    /// <summary>
    /// ∂²L/∂w₁² = mean(2 w₂ sᵢ xᵢ² (w₂ sᵢ − 2 eᵢ tᵢ)), ∂²L/∂w₁∂w₂ = mean(2 sᵢ xᵢ (w₂ tᵢ + eᵢ)), ∂²L/∂w₂² = mean(2 tᵢ²)
    /// </summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double w1, double w2)
    {
        double h11 = 0, h12 = 0, h22 = 0, n = X.Length;
        for (int i = 0; i < X.Length; i++)
        {
            double t = Math.Tanh(w1 * X[i]), s = 1 - t * t, e = w2 * t - Y[i];
            h11 += 2 * w2 * s * X[i] * X[i] * (w2 * s - 2 * e * t) / n;
            h12 += 2 * s * X[i] * (w2 * t + e) / n;
            h22 += 2 * t * t / n;
        }
        return (h11, h12, h22);
    }
}
