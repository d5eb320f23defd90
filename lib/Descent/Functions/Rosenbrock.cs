namespace Descent.Functions;

/// <summary>
/// Rosenbrock's banana valley f(x, y) = (a − x)² + b(y − x²)² (a = 1, b = 100 by default), minimum at (a, a²).
/// ∇f = (−2(a − x) − 4b x(y − x²), 2b(y − x²)); H = [[2 − 4b(y − x²) + 8b x², −4b x], [−4b x, 2b]].
/// </summary>
public sealed class Rosenbrock : Surface
{
    /// <summary>Creates (a − x)² + b(y − x²)².</summary>
    public Rosenbrock(double a = 1, double b = 100)
    {
        Guard.Finite(a, nameof(a));
        if (!double.IsFinite(b) || b <= 0)
            throw new ArgumentOutOfRangeException(nameof(b), b, $"b must be a finite number > 0, but it was {Show(b)}.");
        A = a;
        B = b;
    }

    /// <summary>The a in (a − x)².</summary>
    public double A { get; }

    /// <summary>The b in b(y − x²)².</summary>
    public double B { get; }

    /// <inheritdoc />
    public override string Name => "Rosenbrock";

    /// <inheritdoc />
    public override string Formula => $"f(x, y) = ({Show(A)} − x)² + {Show(B)}(y − x²)²";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (A - 3, A + 1);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (A * A - 2, A * A + 2);

    /// <inheritdoc />
    public override IReadOnlyList<double[]> Minima => [[A, A * A]];

    /// <summary>f = (a − x)² + b(y − x²)²</summary>
    public override double Value(double x, double y) => (A - x) * (A - x) + B * (y - x * x) * (y - x * x);

    /// <summary>∇f = (−2(a − x) − 4b x(y − x²), 2b(y − x²))</summary>
    public override (double Dx, double Dy) Gradient(double x, double y) =>
        (-2 * (A - x) - 4 * B * x * (y - x * x), 2 * B * (y - x * x));

    /// <summary>H = [[2 − 4b(y − x²) + 8b x², −4b x], [−4b x, 2b]]</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double x, double y) =>
        (2 - 4 * B * (y - x * x) + 8 * B * x * x, -4 * B * x, 2 * B);
}
