using MathNet.Numerics.LinearAlgebra;

namespace Descent.Functions;

/// <summary>
/// The general quadratic f(x) = ½ xᵀA x − bᵀx in two variables, with ∇f = A x − b and Hessian A
/// (A symmetric). When A is positive definite its unique minimizer is x* = A⁻¹b, and GD with step α
/// converges when α &lt; 2/λmax(A), at a speed set by the condition number λmax/λmin.
/// </summary>
public sealed class Quadratic : Surface
{
    private readonly double a11, a12, a22, b1, b2;

    /// <summary>Creates ½ xᵀA x − bᵀx from a symmetric 2 × 2 <paramref name="a"/> and a 2-vector <paramref name="b"/>.</summary>
    public Quadratic(double[,] a, double[] b, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.GetLength(0) != 2 || a.GetLength(1) != 2)
            throw new ArgumentException(
                $"A must be 2 × 2 for a surface, but it is {a.GetLength(0)} × {a.GetLength(1)}.", nameof(a));
        Guard.Length(b.Length, 2, nameof(b), "a quadratic in two variables");
        Guard.Finite([a[0, 0], a[0, 1], a[1, 0], a[1, 1]], nameof(a));
        Guard.Finite(b, nameof(b));
        if (a[0, 1] != a[1, 0])
            throw new ArgumentException(
                $"A must be symmetric (A[0,1] = A[1,0]), but A[0,1] = {Show(a[0, 1])} and A[1,0] = {Show(a[1, 0])}. " +
                "Use (A + Aᵀ)/2: it gives the same quadratic form.", nameof(a));
        (a11, a12, a22) = (a[0, 0], a[0, 1], a[1, 1]);
        (b1, b2) = (b[0], b[1]);
        Name = name ?? "quadratic";
    }

    /// <summary>The matrix A.</summary>
    public Matrix<double> A => Matrix<double>.Build.DenseOfArray(new[,] { { a11, a12 }, { a12, a22 } });

    /// <summary>The vector b.</summary>
    public Vector<double> B => Vector<double>.Build.Dense([b1, b2]);

    /// <summary>The eigenvalues of A, smallest first.</summary>
    public double[] Eigenvalues
    {
        get
        {
            double mean = (a11 + a22) / 2, radius = Math.Sqrt((a11 - a22) * (a11 - a22) / 4 + a12 * a12);
            return [mean - radius, mean + radius];
        }
    }

    /// <summary>κ = λmax/λmin (infinite unless A is positive definite).</summary>
    public double ConditionNumber => Eigenvalues[0] > 0 ? Eigenvalues[1] / Eigenvalues[0] : double.PositiveInfinity;

    /// <summary>The unique minimizer x* = A⁻¹b; only when A is positive definite.</summary>
    /// <exception cref="InvalidOperationException">A is not positive definite, so there is no unique minimum.</exception>
    public double[] Minimizer
    {
        get
        {
            if (Eigenvalues[0] <= 0)
                throw new InvalidOperationException(
                    $"A has eigenvalues {Show(Eigenvalues[0])} and {Show(Eigenvalues[1])}; the quadratic has a unique " +
                    "minimum only when both are positive.");
            double det = a11 * a22 - a12 * a12;
            return [(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det];
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> Minima => Eigenvalues[0] > 0 ? [Minimizer] : [];

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Formula =>
        $"f(x) = ½ xᵀAx − bᵀx, A = [[{Show(a11)}, {Show(a12)}], [{Show(a12)}, {Show(a22)}]], b = [{Show(b1)}, {Show(b2)}]";

    /// <inheritdoc />
    public override (double Min, double Max) XRange
    {
        get { var c = Center; return (c[0] - 3, c[0] + 3); }
    }

    /// <inheritdoc />
    public override (double Min, double Max) YRange
    {
        get { var c = Center; return (c[1] - 3, c[1] + 3); }
    }

    private double[] Center => Eigenvalues[0] > 0 ? Minimizer : [0, 0];

    /// <summary>f = ½(a₁₁x² + 2a₁₂xy + a₂₂y²) − (b₁x + b₂y)</summary>
    public override double Value(double x, double y) =>
        0.5 * (a11 * x * x + 2 * a12 * x * y + a22 * y * y) - (b1 * x + b2 * y);

    /// <summary>∇f = A x − b</summary>
    public override (double Dx, double Dy) Gradient(double x, double y) =>
        (a11 * x + a12 * y - b1, a12 * x + a22 * y - b2);

    /// <summary>H = A</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double x, double y) => (a11, a12, a22);
}
