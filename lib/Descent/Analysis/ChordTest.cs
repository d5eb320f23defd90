using System.Globalization;
using System.Text;

namespace Descent.Analysis;

/// <summary>One point of a chord test: at t, the chord t f(a) + (1 − t) f(b) and the function f(t a + (1 − t) b).</summary>
/// <param name="T">t ∈ [0, 1].</param>
/// <param name="Chord">t f(a) + (1 − t) f(b): the straight line between the two end points.</param>
/// <param name="Value">f(t a + (1 − t) b): the function between them.</param>
public sealed record ChordPoint(double T, double Chord, double Value)
{
    /// <summary>Chord − value: ≥ 0 where the convexity inequality holds.</summary>
    public double Gap => Chord - Value;
}

/// <summary>
/// The convexity inequality t f(a) + (1 − t) f(b) ≥ f(t a + (1 − t) b) checked at every t of a grid for one pair (a, b).
/// A function is convex when it holds for every pair: the chord never dips below the curve.
/// </summary>
public sealed class ChordTest
{
    internal ChordTest(double[] a, double[] b, IReadOnlyList<ChordPoint> points, double tolerance)
    {
        A = a;
        B = b;
        Points = points;
        Failures = points.Where(p => p.Gap < -tolerance).ToArray();
    }

    /// <summary>The end point a.</summary>
    public double[] A { get; }

    /// <summary>The end point b.</summary>
    public double[] B { get; }

    /// <summary>Every t tested, with the chord and the function there (for the chord picture).</summary>
    public IReadOnlyList<ChordPoint> Points { get; }

    /// <summary>The points where the chord lies below the function: the inequality fails there.</summary>
    public IReadOnlyList<ChordPoint> Failures { get; }

    /// <summary>Whether the inequality held at every t.</summary>
    public bool Holds => Failures.Count == 0;

    /// <summary>The point with the most negative gap (chord − value); if the test held, the smallest gap strictly between the ends.</summary>
    public ChordPoint Worst => (Points.Count > 2 ? Points.Skip(1).Take(Points.Count - 2) : Points).MinBy(p => p.Gap)!;

    /// <summary>"chord from a = 2 to b = 5.5: fails at 27 of 101 points (worst t = 0.62: chord -0.31 &lt; f 0.04)".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"chord from a = {V(A)} to b = {V(B)}: ");
        var w = Worst;
        if (Holds)
            sb.Append(CultureInfo.InvariantCulture, $"holds at all {Points.Count} points (smallest gap {w.Gap:G4} at t = {w.T:G3})");
        else
            sb.Append(CultureInfo.InvariantCulture,
                $"fails at {Failures.Count} of {Points.Count} points (worst t = {w.T:G3}: chord {w.Chord:G4} < f {w.Value:G4})");
        return sb.ToString();
    }

    private static string V(double[] v) => v.Length == 1
        ? v[0].ToString("G6", CultureInfo.InvariantCulture)
        : "[" + string.Join(", ", v.Select(x => x.ToString("G6", CultureInfo.InvariantCulture))) + "]";
}
