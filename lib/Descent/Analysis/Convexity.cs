using Descent.Functions;

namespace Descent.Analysis;

/// <summary>
/// Convexity by its definition (Data 100, CS109B): f is convex when for all a, b and t ∈ [0, 1],
/// t f(a) + (1 − t) f(b) ≥ f(t a + (1 − t) b). Equivalently (for smooth f) f″ ≥ 0, or the Hessian is positive
/// semi-definite, everywhere. For a convex f every stationary point is a global minimum.
/// </summary>
public static class Convexity
{
    /// <summary>The chord test between a and b for a function of one variable, at <paramref name="points"/> values of t.</summary>
    public static ChordTest Chord(Func<double, double> f, double a, double b, int points = 101, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Finite(a, nameof(a));
        Guard.Finite(b, nameof(b));
        return Chord(x => f(x[0]), [a], [b], points, tolerance);
    }

    /// <summary>The chord test between the points a and b for any objective (a surface, a loss).</summary>
    public static ChordTest Chord(IObjective f, double[] a, double[] b, int points = 101, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(a);
        Guard.Length(a.Length, f.Dimension, nameof(a), "the objective");
        return Chord(x => f.Value(x), a, b, points, tolerance);
    }

    private static ChordTest Chord(Func<double[], double> f, double[] a, double[] b, int points, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(b);
        Guard.Length(b.Length, a.Length, nameof(b), "the end point a's dimension");
        Guard.Finite(a, nameof(a));
        Guard.Finite(b, nameof(b));
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "Test at least 2 values of t (the two ends).");
        if (!double.IsFinite(tolerance) || tolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a small number ≥ 0.");
        double fa = f(a), fb = f(b);
        double scale = Math.Max(1, Math.Max(Math.Abs(fa), Math.Abs(fb)));
        var x = new double[a.Length];
        var result = new ChordPoint[points];
        for (int k = 0; k < points; k++)
        {
            double t = (double)k / (points - 1);
            for (int j = 0; j < x.Length; j++) x[j] = t * a[j] + (1 - t) * b[j];
            result[k] = new ChordPoint(t, t * fa + (1 - t) * fb, f(x));
        }
        return new ChordTest((double[])a.Clone(), (double[])b.Clone(), result, tolerance * scale);
    }

    /// <summary>
    /// Tries the chord test for every pair (a, b) of a grid of <paramref name="gridPoints"/> points on [min, max] and
    /// returns the pair whose chord dips furthest below f; if every pair held, the chord over the whole interval
    /// (whose <see cref="ChordTest.Holds"/> is then true).
    /// </summary>
    public static ChordTest Check(Func<double, double> f, double min, double max, int gridPoints = 40, int tPoints = 41)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Interval(min, max, "[min, max]");
        if (gridPoints < 2) throw new ArgumentOutOfRangeException(nameof(gridPoints), gridPoints, "Use at least 2 grid points.");
        var xs = Curve.Linspace(min, max, gridPoints);
        ChordTest? worst = null;
        for (int i = 0; i < xs.Length; i++)
            for (int j = i + 1; j < xs.Length; j++)
            {
                var test = Chord(f, xs[i], xs[j], tPoints);
                if (!test.Holds && (worst is null || test.Worst.Gap < worst.Worst.Gap)) worst = test;
            }
        return worst ?? Chord(f, min, max, tPoints);
    }

    /// <summary>Whether f″ ≥ 0 at every point of a grid on the curve's range (the second-derivative test for convexity).</summary>
    public static bool SecondDerivativeNonNegative(Curve f, int points = 1000)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Curve.Linspace(f.Range.Min, f.Range.Max, points).All(x => f.SecondDerivative(x) >= 0);
    }
}
