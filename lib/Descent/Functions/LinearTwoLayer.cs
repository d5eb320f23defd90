namespace Descent.Functions;

/// <summary>
/// The loss surface of a linear network with two layers and no activation, ŷ = w₂ w₁ x, fitted by mean squared error
/// to data (x, y): L(w₁, w₂) = mean((y − w₂ w₁ x)²). The network computes only the lines through the origin, ŷ = θx with
/// θ = w₂w₁, whose MSE is a convex parabola in θ; but as a function of the weights the loss is a quartic,
/// L(w₁, w₂) = mean(y²) − 2 mean(xy) w₁w₂ + mean(x²) w₁²w₂²,
/// with a saddle at the origin and a whole hyperbola of minima, w₁w₂ = θ* = mean(xy)/mean(x²).
/// </summary>
/// <remarks>
/// With a = mean(y²), b = mean(xy), c = mean(x²):
/// ∂L/∂w₁ = −2b w₂ + 2c w₁w₂², ∂L/∂w₂ = −2b w₁ + 2c w₁²w₂;
/// ∂²L/∂w₁² = 2c w₂², ∂²L/∂w₁∂w₂ = −2b + 4c w₁w₂, ∂²L/∂w₂² = 2c w₁².
/// At the origin the Hessian is [[0, −2b], [−2b, 0]], with eigenvalues ±2b: a saddle.
/// </remarks>
/// <example>
/// <code>
/// var tips = Datasets.Tips();
/// var deepLinear = new LinearTwoLayer(tips.TotalBill, tips.Tip);
/// CriticalPoints.Classify(deepLinear, [0.0, 0.0]);   // a saddle, eigenvalues ±2 mean(bill · tip)
/// </code>
/// </example>
public sealed class LinearTwoLayer : Surface
{
    private readonly double yy, xy, xx;   // mean(y²), mean(xy), mean(x²)

    /// <summary>The surface for the data (x, y): the pairs (xᵢ, yᵢ), at least one, all finite.</summary>
    public LinearTwoLayer(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.Length(y.Count, x.Count, nameof(y), $"the {x.Count} inputs x");
        if (x.Count == 0) throw new ArgumentException("The network needs at least one data point (x, y).", nameof(x));
        Guard.Finite(x.ToArray(), nameof(x));
        Guard.Finite(y.ToArray(), nameof(y));
        yy = y.Average(v => v * v);
        xy = x.Zip(y, (a, b) => a * b).Average();
        xx = x.Average(v => v * v);
    }

    /// <summary>mean(y²), the loss at the origin.</summary>
    public double MeanYY => yy;

    /// <summary>mean(xy).</summary>
    public double MeanXY => xy;

    /// <summary>mean(x²).</summary>
    public double MeanXX => xx;

    /// <summary>θ* = mean(xy)/mean(x²): every point of the hyperbola w₁w₂ = θ* is a global minimum.</summary>
    public double ThetaStar => xy / xx;

    /// <inheritdoc />
    public override string Name => "linear two-layer network";

    /// <inheritdoc />
    public override string Formula => "L(w₁, w₂) = mean((y − w₂w₁x)²)";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (-0.8, 0.8);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (-0.8, 0.8);

    /// <summary>L = mean(y²) − 2 mean(xy) w₁w₂ + mean(x²) w₁²w₂²</summary>
    public override double Value(double w1, double w2) =>
        yy - 2 * xy * w1 * w2 + xx * w1 * w1 * w2 * w2;

    /// <summary>∇L = (−2 mean(xy) w₂ + 2 mean(x²) w₁w₂², −2 mean(xy) w₁ + 2 mean(x²) w₁²w₂)</summary>
    public override (double Dx, double Dy) Gradient(double w1, double w2) =>
        (-2 * xy * w2 + 2 * xx * w1 * w2 * w2,
         -2 * xy * w1 + 2 * xx * w1 * w1 * w2);

    /// <summary>H = [[2 mean(x²) w₂², −2 mean(xy) + 4 mean(x²) w₁w₂], [·, 2 mean(x²) w₁²]]</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double w1, double w2) =>
        (2 * xx * w2 * w2, -2 * xy + 4 * xx * w1 * w2, 2 * xx * w1 * w1);
}
