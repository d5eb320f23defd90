using Descent.Functions;
using MathNet.Numerics.LinearAlgebra;

namespace Descent.Analysis;

/// <summary>
/// The second-derivative test: at a point where ∇f = 0, the Hessian's eigenvalues decide. All positive: a minimum;
/// all negative: a maximum; both signs: a saddle; a zero eigenvalue (and no sign change): undecided (degenerate).
/// </summary>
public static class CriticalPoints
{
    /// <summary>The Hessian of f at θ as a matrix.</summary>
    public static Matrix<double> Hessian(ITwiceDifferentiable f, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(theta.Length, f.Dimension, nameof(theta), "the objective");
        int d = f.Dimension;
        var h = new double[d * d];
        f.Hessian(theta, h);
        return Matrix<double>.Build.Dense(d, d, (i, j) => h[i * d + j]);
    }

    /// <summary>The Hessian's eigenvalues at θ, smallest first (the Hessian is symmetric, so they are real).</summary>
    public static double[] HessianEigenvalues(ITwiceDifferentiable f, ReadOnlySpan<double> theta)
    {
        Guard.Finite(theta, nameof(theta));
        var h = Hessian(f, theta);
        var eigenvalues = h.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Array.Sort(eigenvalues);
        return eigenvalues;
    }

    /// <summary>Classifies θ by its gradient and the Hessian's eigenvalues.</summary>
    /// <param name="f">The function.</param>
    /// <param name="theta">The point.</param>
    /// <param name="gradientTolerance">‖∇f‖ at most this counts as zero.</param>
    /// <param name="eigenvalueTolerance">|λ| at most this (relative to max(1, max |λ|)) counts as zero.</param>
    public static CriticalPoint Classify(ITwiceDifferentiable f, ReadOnlySpan<double> theta,
        double gradientTolerance = 1e-6, double eigenvalueTolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(f);
        var eigenvalues = HessianEigenvalues(f, theta);
        var g = new double[theta.Length];
        f.Gradient(theta, g);
        double norm = Math.Sqrt(g.Sum(v => v * v));
        double zero = eigenvalueTolerance * Math.Max(1, eigenvalues.Max(Math.Abs));
        int positive = eigenvalues.Count(l => l > zero), negative = eigenvalues.Count(l => l < -zero);
        var kind = norm > gradientTolerance ? CriticalPointKind.NotCritical
            : positive > 0 && negative > 0 ? CriticalPointKind.Saddle
            : positive + negative < eigenvalues.Length ? CriticalPointKind.Degenerate
            : positive > 0 ? CriticalPointKind.Minimum
            : CriticalPointKind.Maximum;
        return new CriticalPoint(theta.ToArray(), g, eigenvalues, kind);
    }

    /// <summary>Classifies the point x of a curve by f′(x) and f″(x).</summary>
    public static CriticalPoint Classify(Curve f, double x, double gradientTolerance = 1e-6) =>
        Classify(f, [x], gradientTolerance);

    /// <summary>Every stationary point of a curve on its range, classified: for the quartic, minimum, maximum, minimum.</summary>
    public static IReadOnlyList<CriticalPoint> Of(Curve f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.StationaryPoints().Select(x => Classify(f, x)).ToArray();
    }
}
