namespace Descent.Functions;

/// <summary>
/// A bowl with a cliff: L(x, y) = 0.05x² + 0.5y² + 5(1 + tanh(5(x − 2))). A gentle bowl with its minimum at the
/// origin (to within 2·10⁻⁶), and at x = 2 a step of height 10 whose face is steep: there the gradient along x reaches 25, against about
/// 0.3 on the terrace above it. A gradient step taken on the face throws θ far past the minimum; gradient clipping
/// (<see cref="Optimizers.Stepper.ClipNorm"/>) caps that step.
/// </summary>
/// <remarks>
/// With t = tanh(5(x − 2)) and tanh′ = 1 − tanh²: ∂L/∂x = 0.1x + 25(1 − t²), ∂L/∂y = y;
/// ∂²L/∂x² = 0.1 − 250 t(1 − t²), ∂²L/∂x∂y = 0, ∂²L/∂y² = 1.
/// </remarks>
public sealed class Cliff : Surface
{
    /// <inheritdoc />
    public override string Name => "a bowl with a cliff";

    /// <inheritdoc />
    public override string Formula => "L(x, y) = 0.05x² + 0.5y² + 5(1 + tanh(5(x − 2)))";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (-9, 4.5);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (-2.5, 2.5);

    /// <summary>
    /// The origin, the bowl's minimum. The cliff's tail still tilts the bowl there by 25(1 − tanh²(−10)) ≈ 2·10⁻⁷, so
    /// the exact minimizer is at x ≈ −2·10⁻⁶: the same point on any chart.
    /// </summary>
    public override IReadOnlyList<double[]> Minima => [[0, 0]];

    /// <summary>L = 0.05x² + 0.5y² + 5(1 + tanh(5(x − 2)))</summary>
    public override double Value(double x, double y) =>
        0.05 * x * x + 0.5 * y * y + 5 * (1 + Math.Tanh(5 * (x - 2)));

    /// <summary>∇L = (0.1x + 25(1 − t²), y), t = tanh(5(x − 2)); the cliff term is at most 25, at x = 2.</summary>
    public override (double Dx, double Dy) Gradient(double x, double y)
    {
        double t = Math.Tanh(5 * (x - 2));
        return (0.1 * x + 25 * (1 - t * t), y);
    }

    /// <summary>H = [[0.1 − 250 t(1 − t²), 0], [0, 1]]</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double x, double y)
    {
        double t = Math.Tanh(5 * (x - 2));
        return (0.1 - 250 * t * (1 - t * t), 0, 1);
    }
}
