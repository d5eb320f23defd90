namespace Descent.Functions;

/// <summary>
/// Beale's function f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5):
/// a flat floor and steep walls, a standard test for optimizers. Writing aₖ = cₖ − x + x yᵏ (k = 1, 2, 3),
/// ∂f/∂x = Σ 2aₖ(yᵏ − 1) and ∂f/∂y = Σ 2aₖ k x yᵏ⁻¹.
/// </summary>
public sealed class Beale : Surface
{
    private static readonly double[] C = [1.5, 2.25, 2.625];

    /// <inheritdoc />
    public override string Name => "Beale";

    /// <inheritdoc />
    public override string Formula => "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (-4.5, 4.5);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (-4.5, 4.5);

    /// <inheritdoc />
    public override IReadOnlyList<double[]> Minima => [[3, 0.5]];

    /// <summary>f = Σₖ (cₖ − x + x yᵏ)²</summary>
    public override double Value(double x, double y)
    {
        double f = 0, yk = 1;
        for (int k = 1; k <= 3; k++)
        {
            yk *= y;
            double a = C[k - 1] - x + x * yk;
            f += a * a;
        }
        return f;
    }

    /// <summary>∂f/∂x = Σ 2aₖ(yᵏ − 1), ∂f/∂y = Σ 2aₖ k x yᵏ⁻¹</summary>
    public override (double Dx, double Dy) Gradient(double x, double y)
    {
        double dx = 0, dy = 0, ykm1 = 1;          // ykm1 = yᵏ⁻¹
        for (int k = 1; k <= 3; k++)
        {
            double yk = ykm1 * y;
            double a = C[k - 1] - x + x * yk;
            dx += 2 * a * (yk - 1);
            dy += 2 * a * k * x * ykm1;
            ykm1 = yk;
        }
        return (dx, dy);
    }

    /// <summary>
    /// ∂²f/∂x² = Σ 2(yᵏ − 1)², ∂²f/∂x∂y = Σ 2[k x yᵏ⁻¹(yᵏ − 1) + aₖ k yᵏ⁻¹],
    /// ∂²f/∂y² = Σ 2[(k x yᵏ⁻¹)² + aₖ k(k − 1) x yᵏ⁻²]
    /// </summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double x, double y)
    {
        double xx = 0, xy = 0, yy = 0, ykm2 = 0, ykm1 = 1;   // yᵏ⁻², yᵏ⁻¹ (y⁻¹ never used: its factor k − 1 = 0)
        for (int k = 1; k <= 3; k++)
        {
            double yk = ykm1 * y;
            double a = C[k - 1] - x + x * yk;
            double ay = k * x * ykm1;                       // ∂aₖ/∂y
            xx += 2 * (yk - 1) * (yk - 1);
            xy += 2 * (ay * (yk - 1) + a * k * ykm1);
            yy += 2 * (ay * ay + a * k * (k - 1) * x * ykm2);
            ykm2 = ykm1;
            ykm1 = yk;
        }
        return (xx, xy, yy);
    }
}
