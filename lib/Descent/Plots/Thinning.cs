namespace Descent.Plots;

/// <summary>
/// Chooses which points of a long run to draw, so a 100,000-step SGD run draws instantly and its shape survives.
/// </summary>
/// <remarks>
/// Ramer–Douglas–Peucker, greedy to a budget: start from the first and last points; repeatedly add the point
/// that lies farthest from the polyline drawn so far (the sharpest turn still missing) until the budget is
/// spent or every remaining point lies on the line. Distances are measured after scaling each coordinate to
/// its own range, so a path whose θ₀ spans 4 and θ₁ spans 0.2 is judged as it looks on the chart.
/// </remarks>
internal static class Thinning
{
    /// <summary>The most points a chart draws for one trace unless told otherwise.</summary>
    public const int DefaultMaxPoints = 2000;

    /// <summary>Lines with at most this many points are drawn whole: every step shows (with its arrow).</summary>
    public const int KeepAllUpTo = 60;

    /// <summary>
    /// A point closer than this to the line through its kept neighbours (as a fraction of the plot's width or height,
    /// 0.05%: half a pixel on a 1,000-pixel chart) cannot be seen, so a long smooth run draws with few points.
    /// </summary>
    public const double VisualTolerance = 5e-4;

    /// <summary>
    /// The points of a line worth drawing: all of them for a short line; for a longer one at most
    /// <paramref name="maxPoints"/>, stopping early once every remaining point is within <see cref="VisualTolerance"/>.
    /// </summary>
    public static int[] ForDrawing(IReadOnlyList<double> x, IReadOnlyList<double> y, int maxPoints = DefaultMaxPoints) =>
        x.Count <= KeepAllUpTo ? Enumerable.Range(0, x.Count).ToArray() : Select(x, y, maxPoints, VisualTolerance);

    /// <summary>
    /// Indices (ascending, first and last always included) of at most <paramref name="maxPoints"/> points of the
    /// polyline (x[i], y[i]) that keep its turns. Non-finite points are always kept (they mark divergence). With a
    /// <paramref name="tolerance"/>, stops adding points once none deviates more than that (in scaled units).
    /// </summary>
    public static int[] Select(IReadOnlyList<double> x, IReadOnlyList<double> y, int maxPoints = DefaultMaxPoints, double tolerance = 0)
    {
        int n = x.Count;
        if (y.Count != n) throw new ArgumentException($"x has {n} points but y has {y.Count}.", nameof(y));
        if (maxPoints < 2)
            throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints,
                "A thinned line keeps at least its first and last points: pass maxPoints ≥ 2.");
        if (n <= maxPoints && tolerance <= 0) return Enumerable.Range(0, n).ToArray();

        var xs = Normalize(x);
        var ys = Normalize(y);
        var keep = new bool[n];
        keep[0] = keep[n - 1] = true;
        int kept = 2;
        for (int i = 1; i < n - 1; i++)
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) { keep[i] = true; kept++; }

        // Segments between kept points, largest deviation first.
        var queue = new PriorityQueue<(int From, int To, int Far), double>();
        void Consider(int from, int to)
        {
            if (to - from < 2) return;
            var (far, distance) = Farthest(xs, ys, from, to);
            if (far >= 0 && distance > tolerance * tolerance) queue.Enqueue((from, to, far), -distance);
        }
        int previous = 0;
        for (int i = 1; i < n; i++)
            if (keep[i]) { Consider(previous, i); previous = i; }

        while (kept < maxPoints && queue.TryDequeue(out var segment, out _))
        {
            keep[segment.Far] = true;
            kept++;
            Consider(segment.From, segment.Far);
            Consider(segment.Far, segment.To);
        }

        var result = new int[kept];
        for (int i = 0, k = 0; i < n; i++) if (keep[i]) result[k++] = i;
        return result;
    }

    /// <summary>Values scaled to [0, 1] by their finite range (a constant series maps to 0).</summary>
    private static double[] Normalize(IReadOnlyList<double> v)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var value in v)
            if (double.IsFinite(value)) { lo = Math.Min(lo, value); hi = Math.Max(hi, value); }
        double span = hi > lo ? hi - lo : 1;
        var result = new double[v.Count];
        for (int i = 0; i < result.Length; i++) result[i] = (v[i] - (double.IsFinite(lo) ? lo : 0)) / span;
        return result;
    }

    /// <summary>The interior point of (from, to) farthest from the segment joining them, and its distance.</summary>
    private static (int Index, double Distance) Farthest(double[] x, double[] y, int from, int to)
    {
        double ax = x[from], ay = y[from], dx = x[to] - ax, dy = y[to] - ay;
        double length2 = dx * dx + dy * dy;
        int best = -1;
        double bestDistance = -1;
        for (int i = from + 1; i < to; i++)
        {
            double px = x[i] - ax, py = y[i] - ay, d2;
            if (length2 == 0) d2 = px * px + py * py;
            else
            {
                double s = Math.Clamp((px * dx + py * dy) / length2, 0, 1);
                double ex = px - s * dx, ey = py - s * dy;
                d2 = ex * ex + ey * ey;
            }
            if (d2 > bestDistance) { bestDistance = d2; best = i; }
        }
        return (best, bestDistance);
    }
}
