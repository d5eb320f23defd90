using System.Globalization;

namespace Descent.Analysis;

/// <summary>A point θ with its gradient, its Hessian's eigenvalues and what they make it.</summary>
/// <param name="Point">θ.</param>
/// <param name="Gradient">∇f(θ).</param>
/// <param name="Eigenvalues">The Hessian's eigenvalues, smallest first.</param>
/// <param name="Kind">Minimum, maximum, saddle, degenerate, or not a critical point.</param>
public sealed record CriticalPoint(double[] Point, double[] Gradient, double[] Eigenvalues, CriticalPointKind Kind)
{
    /// <summary>‖∇f(θ)‖.</summary>
    public double GradientNorm => Math.Sqrt(Gradient.Sum(g => g * g));

    /// <summary>"[0, 0]: saddle (eigenvalues -2, 2; ‖∇f‖ = 0)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{V(Point)}: {Kind.ToString().ToLowerInvariant()} (eigenvalues {string.Join(", ", Eigenvalues.Select(S))}; ‖∇f‖ = {S(GradientNorm)})");

    private static string S(double v) => v != 0 && Math.Abs(v) < 1e-4
        ? v.ToString("0.##e+00", CultureInfo.InvariantCulture)
        : (v + 0.0).ToString("G6", CultureInfo.InvariantCulture);

    private static string V(double[] v) => v.Length == 1 ? S(v[0]) : "[" + string.Join(", ", v.Select(S)) + "]";
}
