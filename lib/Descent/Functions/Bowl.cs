namespace Descent.Functions;

/// <summary>
/// An axis-aligned bowl f(x₁, x₂) = a x₁² + b x₂², with ∇f = (2a x₁, 2b x₂) and Hessian diag(2a, 2b).
/// Its minimum is at the origin; its condition number is max(a, b)/min(a, b): the bowl x₁² + 2x₂² has 2,
/// the ill-conditioned 0.1x₁² + 2x₂² has 20 (a long narrow valley where GD zig-zags).
/// </summary>
public sealed class Bowl : Surface
{
    /// <summary>Creates the bowl a x₁² + b x₂² (a, b &gt; 0).</summary>
    public Bowl(double a, double b, string? name = null)
    {
        if (!(double.IsFinite(a) && a > 0 && double.IsFinite(b) && b > 0))
            throw new ArgumentOutOfRangeException(nameof(a),
                $"A bowl a x₁² + b x₂² needs a > 0 and b > 0 (finite); got a = {Show(a)}, b = {Show(b)}.");
        A = a;
        B = b;
        Name = name ?? "bowl";
    }

    /// <summary>The coefficient of x₁².</summary>
    public double A { get; }

    /// <summary>The coefficient of x₂².</summary>
    public double B { get; }

    /// <summary>κ = λmax/λmin of the Hessian = max(a, b)/min(a, b).</summary>
    public double ConditionNumber => Math.Max(A, B) / Math.Min(A, B);

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Formula => $"f(x₁, x₂) = {Coefficient(A)}x₁² + {Coefficient(B)}x₂²";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (-3, 3);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (-3, 3);

    /// <inheritdoc />
    public override IReadOnlyList<double[]> Minima => [[0, 0]];

    /// <summary>f = a x₁² + b x₂²</summary>
    public override double Value(double x1, double x2) => A * x1 * x1 + B * x2 * x2;

    /// <summary>∇f = (2a x₁, 2b x₂)</summary>
    public override (double Dx, double Dy) Gradient(double x1, double x2) => (2 * A * x1, 2 * B * x2);

    /// <summary>H = [[2a, 0], [0, 2b]]</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double x1, double x2) => (2 * A, 0, 2 * B);

    private static string Coefficient(double c) => c == 1 ? "" : Show(c) + " ";
}
