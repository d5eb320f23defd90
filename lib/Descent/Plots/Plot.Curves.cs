using Descent.Analysis;
using Descent.Training;
using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

public static partial class Plot
{
    private const string CurveHover = "x = %{x:.6g}<br>f(x) = %{y:.6g}<extra></extra>";

    /// <summary>
    /// A function on an interval, optionally with its derivative (dashed), marked points and the tangent at a point.
    /// </summary>
    /// <param name="f">The function f(x).</param>
    /// <param name="xRange">The interval (min, max) to draw, e.g. (1, 6.75).</param>
    /// <param name="title">The chart title; by default "f(x) on [min, max]".</param>
    /// <param name="derivative">f′(x): drawn dashed when given, and used for the tangent.</param>
    /// <param name="points">x values to mark on the curve (e.g. the roots of f′).</param>
    /// <param name="tangentAt">Draws the tangent line at this x (slope from <paramref name="derivative"/>, else a central difference).</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="samples">How many points draw the curve.</param>
    /// <example><code>Plot.Function(f, (1, 6.75), derivative: df, points: [2.393, 3.531, 5.326])</code></example>
    public static GenericChart Function(Func<double, double> f, (double Min, double Max) xRange, string? title = null,
        Func<double, double>? derivative = null, IEnumerable<double>? points = null, double? tangentAt = null,
        string xTitle = "x", string yTitle = "f(x)", int samples = 400)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        var fig = new Figure(title ?? $"{yTitle} on [{Fmt(xRange.Min)}, {Fmt(xRange.Max)}]");
        var (curve, ys) = CurveTrace(f, xRange, samples, yTitle, HouseStyle.Curve);
        fig.Add(curve);
        var yExtent = Extent(ys);
        if (derivative is not null)
        {
            var (d, dys) = CurveTrace(derivative, xRange, samples, Prime(yTitle), HouseStyle.SkyBlue, dash: "dash");
            fig.Add(d);
            yExtent = Extent(ys.Concat(dys));
            fig.YAxis().With("zeroline", true).With("zerolinecolor", "#999999").With("zerolinewidth", 1.5);
        }
        if (points is not null)
        {
            var xs = points.ToArray();
            fig.Add(NewTrace("scatter").With("name", "marked points").With("x", xs).With("y", Finite(xs.Select(f)))
                .With("mode", "markers+text").With("text", xs.Select(x => $"x = {Fmt(x)}").ToArray())
                .With("textposition", "bottom center")
                .With("marker", Obj(("color", HouseStyle.Vermillion), ("size", HouseStyle.MarkerSize + 2)))
                .With("hovertemplate", CurveHover));
        }
        if (tangentAt is { } x0)
            fig.Add(Tangent(f, derivative, x0, xRange));
        Figure.Style(fig.XAxis(), xTitle, xRange);
        Figure.Style(fig.YAxis(), yTitle, yExtent);
        return fig.ToChart();
    }

    /// <summary>
    /// One gradient step on a curve (the Data 100 <c>plot_one_step</c> picture): the old guess hollow, the new guess
    /// filled, the tangent at the old guess, and an arrow along the x axis for the step.
    /// </summary>
    /// <param name="f">The function f(x).</param>
    /// <param name="xRange">The interval (min, max) to draw.</param>
    /// <param name="x">The old guess x_t.</param>
    /// <param name="newX">The new guess x_(t+1) (e.g. x − α f′(x)).</param>
    /// <param name="derivative">f′(x) for the tangent; by default a central difference.</param>
    /// <param name="tangent">Whether to draw the tangent at the old guess.</param>
    /// <param name="title">The chart title; by default "One step: x = 4 → 4.4".</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <example><code>Plot.Step(f, (1, 6.75), x: 4, newX: 4.4, derivative: df)</code></example>
    public static GenericChart Step(Func<double, double> f, (double Min, double Max) xRange, double x, double newX,
        Func<double, double>? derivative = null, bool tangent = true, string? title = null,
        string xTitle = "x", string yTitle = "f(x)")
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        if (!double.IsFinite(x) || !double.IsFinite(newX))
            throw new ArgumentException($"The guesses must be finite numbers, but x = {Fmt(x)} and newX = {Fmt(newX)}.");
        var fig = new Figure(title ?? $"One step: x = {Fmt(x, 6)} → {Fmt(newX, 6)}");
        var (curve, ys) = CurveTrace(f, xRange, 400, yTitle, HouseStyle.Curve);
        fig.Add(curve);
        double fx = f(x), fnew = f(newX);
        var (lo, hi) = Extent(ys.Append(fx).Append(fnew), pad: 0.1);
        double arrowY = lo + 0.04 * (hi - lo);

        if (tangent) fig.Add(Tangent(f, derivative, x, xRange));
        // Dotted drops from both guesses to the step arrow, so the arrow reads as "x moved from here to here".
        fig.Add(NewTrace("scatter").With("x", new double?[] { x, x, null, newX, newX })
            .With("y", new double?[] { fx, arrowY, null, fnew, arrowY }).With("mode", "lines")
            .With("line", Obj(("color", "#888888"), ("width", 1.5), ("dash", "dot")))
            .With("showlegend", false).With("hoverinfo", "skip"));
        fig.Add(ArrowTrace(x, arrowY, newX, arrowY, $"step: x → {Fmt(newX, 6)} (Δx = {Fmt(newX - x)})",
            HouseStyle.Vermillion, width: 3.5));
        fig.Add(NewTrace("scatter").With("name", $"old guess x = {Fmt(x, 6)}").With("x", new[] { x }).With("y", Finite([fx]))
            .With("mode", "markers").With("hovertemplate", CurveHover)
            .With("marker", Obj(("symbol", "circle-open"), ("size", 16), ("color", HouseStyle.Blue), ("line", Obj(("width", 3))))));
        fig.Add(NewTrace("scatter").With("name", $"new guess x = {Fmt(newX, 6)}").With("x", new[] { newX }).With("y", Finite([fnew]))
            .With("mode", "markers").With("hovertemplate", CurveHover)
            .With("marker", Obj(("symbol", "circle"), ("size", 16), ("color", HouseStyle.Blue))));
        Figure.Style(fig.XAxis(), xTitle, xRange);
        Figure.Style(fig.YAxis(), yTitle, (lo, hi));
        return fig.ToChart();
    }

    /// <summary>
    /// A one-parameter run drawn on its curve: the guesses numbered (when few) and joined by arrows, start hollow,
    /// end filled.
    /// </summary>
    /// <param name="f">The function the run minimized.</param>
    /// <param name="xRange">The interval to draw; guesses outside it (a diverging run) are clipped.</param>
    /// <param name="run">A run on a one-parameter objective (θ has one coordinate).</param>
    /// <param name="title">The chart title; by default "Gradient descent on f: " and the run's name.</param>
    /// <param name="numbers">Label each guess with its t; by default when at most 25 points are drawn.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="maxPoints">The most points drawn; longer runs are thinned, keeping ends and turns.</param>
    /// <example><code>Plot.PathOnCurve(f, (1, 6.75), run)</code></example>
    public static GenericChart PathOnCurve(Func<double, double> f, (double Min, double Max) xRange, Run run,
        string? title = null, bool? numbers = null, string xTitle = "x", string yTitle = "f(x)",
        int maxPoints = Thinning.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PathOnCurve(f, xRange, [run], title ?? $"Gradient descent on {yTitle}: {run.Name}", numbers, xTitle, yTitle, maxPoints);
    }

    /// <summary>Several one-parameter runs on one curve, each in its own colour (see the single-run overload).</summary>
    /// <param name="f">The function the runs minimized.</param>
    /// <param name="xRange">The interval to draw.</param>
    /// <param name="runs">Runs on a one-parameter objective.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="numbers">Label each guess with its t; by default when at most 25 points are drawn per run.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="maxPoints">The most points drawn per run.</param>
    /// <example><code>Plot.PathOnCurve(f, (1, 6.75), [slow, good, wild])</code></example>
    public static GenericChart PathOnCurve(Func<double, double> f, (double Min, double Max) xRange, IEnumerable<Run> runs,
        string? title = null, bool? numbers = null, string xTitle = "x", string yTitle = "f(x)",
        int maxPoints = Thinning.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        var list = CheckRuns(runs, nameof(runs));
        var paths = list.Select(r => DrawnPath.Curve(r, maxPoints)).ToList();
        var fig = new Figure(title ?? $"Gradient descent on {yTitle}");
        var notes = DivergenceNotes(list).ToList();
        AddCurvePaths(fig, f, xRange, list.Select(r => r.Name).ToList(), paths, numbers, xTitle, yTitle, notes);
        return fig.ToChart();
    }

    /// <summary>
    /// Guesses from a lesson's own loop (x_0, x_1, ...) drawn on the curve: numbered, joined by arrows.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="xRange">The interval to draw.</param>
    /// <param name="guesses">x_0, x_1, x_2, ... in order.</param>
    /// <param name="name">The legend name, e.g. "α = 0.3".</param>
    /// <param name="title">The chart title.</param>
    /// <param name="numbers">Label each guess with its t; by default when at most 25 points are drawn.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <example><code>Plot.PathOnCurve(f, (1, 6.75), guesses, name: "α = 0.3")</code></example>
    public static GenericChart PathOnCurve(Func<double, double> f, (double Min, double Max) xRange, IEnumerable<double> guesses,
        string name = "guesses", string? title = null, bool? numbers = null, string xTitle = "x", string yTitle = "f(x)")
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(guesses);
        CheckRange(xRange, nameof(xRange));
        var list = guesses.ToList();
        if (list.Count == 0) throw new ArgumentException("guesses is empty; pass at least the starting guess.", nameof(guesses));
        var path = DrawnPath.Guesses(list, f, Thinning.DefaultMaxPoints);
        var notes = new List<string>();
        if (path.RecordCount > path.Count && !path.Thinned)
            notes.Add($"{name}: not finite after t = {path.T[^1]}");
        var fig = new Figure(title ?? $"Guesses on {yTitle}: {name}");
        AddCurvePaths(fig, f, xRange, [name], [path], numbers, xTitle, yTitle, notes);
        return fig.ToChart();
    }

    /// <summary>Draws a curve and paths on it into panel <paramref name="panel"/> of a figure; returns each path's trace indices.</summary>
    internal static List<int[]> AddCurvePaths(Figure fig, Func<double, double> f, (double Min, double Max) xRange,
        IReadOnlyList<string> names, IReadOnlyList<DrawnPath> paths, bool? numbers, string xTitle, string yTitle,
        IReadOnlyList<string> notes, int panel = 1)
    {
        string? xa = panel == 1 ? null : "x" + panel, ya = panel == 1 ? null : "y" + panel;
        var (curve, ys) = CurveTrace(f, xRange, 400, yTitle, HouseStyle.Curve);
        fig.Add(curve.With("xaxis", xa).With("yaxis", ya).With("showlegend", false));
        var inside = paths.SelectMany(p => Enumerable.Range(0, p.Count)
            .Where(k => p.X[k] >= xRange.Min && p.X[k] <= xRange.Max).Select(k => p.Y[k]));
        var yRange = Extent(ys.Concat(inside), pad: 0.1);
        string hover = $"t = %{{customdata[0]}}<br>{xTitle} = %{{x:.6g}}<br>{yTitle} = %{{y:.6g}}";
        var indices = new List<int[]>();
        for (int i = 0; i < paths.Count; i++)
        {
            bool label = numbers ?? paths[i].Count <= 25;
            indices.Add(fig.AddRange(PathTraces(paths[i], names[i], HouseStyle.ColorOf(i), hover, label, xa, ya,
                xRange: xRange, yRange: yRange)));
        }
        foreach (var note in Corners(notes, panel)) fig.Note(note);
        Figure.Style(fig.XAxis(panel), xTitle, xRange);
        Figure.Style(fig.YAxis(panel), yTitle, yRange);
        return indices;
    }

    /// <summary>
    /// The convexity chord test: the segment between (a, f(a)) and (b, f(b)). f is convex on [a, b] exactly when the
    /// curve never rises above the chord: t f(a) + (1 − t) f(b) ≥ f(t a + (1 − t) b) for all t in [0, 1].
    /// Where the curve rises above the chord is shaded and the worst point marked; the title says whether the test holds.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="xRange">The interval to draw.</param>
    /// <param name="a">One end of the chord.</param>
    /// <param name="b">The other end of the chord.</param>
    /// <param name="title">The chart title; by default it states the result.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <example><code>Plot.Chord(f, (1, 6.75), a: 2, b: 6)</code></example>
    public static GenericChart Chord(Func<double, double> f, (double Min, double Max) xRange, double a, double b,
        string? title = null, string xTitle = "x", string yTitle = "f(x)")
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        if (!double.IsFinite(a) || !double.IsFinite(b) || a == b)
            throw new ArgumentException($"The chord needs two different finite points, but a = {Fmt(a)} and b = {Fmt(b)}.");
        if (a > b) (a, b) = (b, a);
        double fa = f(a), fb = f(b);
        // The verdict is the library's chord test (Analysis.Convexity), so the picture and the printed result agree.
        var test = Convexity.Chord(f, a, b, points: 401);
        bool holds = test.Holds;
        var failing = test.Failures.ToHashSet();
        var sorted = test.Points.OrderBy(p => p.T * a + (1 - p.T) * b).ToArray();
        var xs = sorted.Select(p => p.T * a + (1 - p.T) * b).ToArray();
        var curveY = sorted.Select(p => p.Value).ToArray();
        var chordY = sorted.Select(p => p.Chord).ToArray();
        var above = sorted.Select(failing.Contains).ToArray();
        var worstPoint = test.Worst;
        double worstX = worstPoint.T * a + (1 - worstPoint.T) * b, worstGap = -worstPoint.Gap;

        var fig = new Figure(title ?? (holds
            ? $"Chord from x = {Fmt(a)} to {Fmt(b)}: the curve stays below it (convex here)"
            : $"Chord from x = {Fmt(a)} to {Fmt(b)}: the curve rises above it (not convex)"));
        var (curve, ys) = CurveTrace(f, xRange, 400, yTitle, HouseStyle.Curve);
        fig.Add(curve);
        if (!holds)
        {
            // Shade curve-above-chord regions: a closed polygon per run of positive gap.
            var px = new List<double?>();
            var py = new List<double?>();
            int i = 0;
            while (i < xs.Length)
            {
                if (!above[i]) { i++; continue; }
                int start = i;
                while (i < xs.Length && above[i]) i++;
                for (int k = start; k < i; k++) { px.Add(xs[k]); py.Add(curveY[k]); }
                for (int k = i - 1; k >= start; k--) { px.Add(xs[k]); py.Add(chordY[k]); }
                px.Add(xs[start]); py.Add(curveY[start]);
                px.Add(null); py.Add(null);
            }
            fig.Add(NewTrace("scatter").With("name", "curve above the chord").With("x", px.ToArray()).With("y", py.ToArray())
                .With("mode", "lines").With("fill", "toself").With("fillcolor", "rgba(213,94,0,0.28)")
                .With("line", Obj(("width", 0))).With("hoverinfo", "skip"));
        }
        fig.Add(NewTrace("scatter").With("name", "chord").With("x", new[] { a, b }).With("y", Finite([fa, fb]))
            .With("mode", "lines+markers").With("line", Obj(("color", HouseStyle.Blue), ("width", 3)))
            .With("marker", Obj(("size", HouseStyle.MarkerSize + 3), ("color", HouseStyle.Blue)))
            .With("hovertemplate", CurveHover));
        if (!holds)
            fig.Add(NewTrace("scatter").With("name", $"worst: f is {Fmt(worstGap, 3)} above the chord")
                .With("x", new[] { worstX, worstX }).With("y", new[] { worstPoint.Chord, worstPoint.Value })
                .With("mode", "lines+markers").With("line", Obj(("color", HouseStyle.Vermillion), ("width", 3)))
                .With("marker", Obj(("size", 9), ("color", HouseStyle.Vermillion))).With("hovertemplate", CurveHover));
        Figure.Style(fig.XAxis(), xTitle, xRange);
        Figure.Style(fig.YAxis(), yTitle, Extent(ys.Concat([fa, fb])));
        fig.LegendOnTop = true;
        return fig.ToChart();
    }

    /// <summary>
    /// Basins of attraction on a curve: where each starting point ends up. Top: the curve with each start point
    /// coloured by the minimum it reaches (the minima starred). Bottom: the final point against the start point.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="xRange">The interval of start points.</param>
    /// <param name="finalPoint">Runs the optimizer from a start x_0 and returns the final x (e.g. <c>x0 =&gt; gd.Run(obj, [x0]).Theta[0]</c>).</param>
    /// <param name="starts">How many evenly spaced start points.</param>
    /// <param name="tolerance">Final points closer than this count as the same minimum.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title of the curve.</param>
    /// <example><code>Plot.Basins(f, (1, 6.75), x0 =&gt; new GradientDescent(0.3).Run(obj, [x0]).Theta[0])</code></example>
    public static GenericChart Basins(Func<double, double> f, (double Min, double Max) xRange, Func<double, double> finalPoint,
        int starts = 80, double tolerance = 1e-3, string? title = null, string xTitle = "x", string yTitle = "f(x)")
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(finalPoint);
        CheckRange(xRange, nameof(xRange));
        Guard.Positive(starts - 1, nameof(starts), "number of start points minus one");
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be > 0, e.g. 1e-3.");

        var x0 = Linspace(xRange.Min, xRange.Max, starts);
        var final = x0.Select(finalPoint).ToArray();
        // Group the final points: sorted, a new minimum starts where the gap exceeds the tolerance.
        var centres = new List<double>();
        foreach (var v in final.Where(double.IsFinite).Order())
            if (centres.Count == 0 || v - centres[^1] > tolerance * Math.Max(1, Math.Abs(v))) centres.Add(v);
        int Group(double v) => double.IsFinite(v)
            ? centres.FindLastIndex(c => c <= v + tolerance * Math.Max(1, Math.Abs(v)))
            : -1;
        var group = final.Select(Group).ToArray();

        var fig = new Figure(title ?? $"Where each start point ends up ({centres.Count} minim{(centres.Count == 1 ? "um" : "a")})", height: 640);
        var (curve, ys) = CurveTrace(f, xRange, 400, yTitle, HouseStyle.Curve);
        fig.Add(curve.With("showlegend", false).With("yaxis", "y2"));
        for (int g = -1; g < centres.Count; g++)
        {
            var members = Enumerable.Range(0, starts).Where(i => group[i] == g).ToArray();
            if (members.Length == 0) continue;
            // The group's representative: the member final point with the lowest f.
            string color = g < 0 ? "#888888" : HouseStyle.ColorOf(g);
            double star = g < 0 ? double.NaN : members.Select(i => final[i]).MinBy(f);
            string name = g < 0 ? "diverged" : $"→ x* ≈ {Fmt(star, 5)}";
            string hover = "start x₀ = %{x:.4g}<br>final x = %{customdata:.6g}<extra></extra>";
            var custom = members.Select(i => (double?)(double.IsFinite(final[i]) ? final[i] : null)).ToArray();
            fig.Add(NewTrace("scatter").With("name", name).With("legendgroup", name).With("yaxis", "y2")
                .With("x", members.Select(i => x0[i]).ToArray()).With("y", Finite(members.Select(i => f(x0[i]))))
                .With("mode", "markers").With("marker", Obj(("color", color), ("size", HouseStyle.MarkerSize)))
                .With("customdata", custom).With("hovertemplate", hover));
            fig.Add(NewTrace("scatter").With("name", name).With("legendgroup", name).With("showlegend", false)
                .With("x", members.Select(i => x0[i]).ToArray()).With("y", custom)
                .With("mode", "markers").With("marker", Obj(("color", color), ("size", HouseStyle.MarkerSize - 2)))
                .With("customdata", custom).With("hovertemplate", hover));
            if (g >= 0)
                fig.Add(NewTrace("scatter").With("name", name).With("legendgroup", name).With("showlegend", false).With("yaxis", "y2")
                    .With("x", new[] { star }).With("y", Finite([f(star)])).With("mode", "markers")
                    .With("marker", Obj(("symbol", "star"), ("size", 22), ("color", color), ("line", Obj(("color", "#000000"), ("width", 1.5)))))
                    .With("hovertemplate", CurveHover));
        }
        Figure.Style(fig.XAxis(), "start point " + xTitle + "₀", xRange);
        Figure.Style(fig.YAxis(), "final " + xTitle, Extent(final.Append(xRange.Min).Append(xRange.Max)))
            .With("domain", new[] { 0.0, 0.36 });
        Figure.Style(fig.YAxis(2), yTitle, Extent(ys, 0.08)).With("domain", new[] { 0.44, 1.0 }).With("anchor", "x");
        fig.LegendOnTop = true;
        return fig.ToChart();
    }

    /// <summary>The curve (x, f(x)) sampled on the range; returns the trace and the sampled values.</summary>
    internal static (Plotly.NET.Trace Trace, double[] Values) CurveTrace(Func<double, double> f, (double Min, double Max) range,
        int samples, string name, string color, string? dash = null)
    {
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "Draw a curve with at least 2 samples.");
        var xs = Linspace(range.Min, range.Max, samples);
        var ys = xs.Select(f).ToArray();
        var trace = NewTrace("scatter").With("name", name).With("x", xs.Select(x => Significant(x, 8)).ToArray())
            .With("y", ys.Select(y => Significant(y, 6)).ToArray())
            .With("mode", "lines").With("line", Obj(("color", color), ("width", 2.5), ("dash", dash)))
            .With("hovertemplate", $"x = %{{x:.4g}}<br>{name} = %{{y:.4g}}<extra></extra>");
        return (trace, ys);
    }

    /// <summary>The tangent line at x0 over a window around it, named with its slope.</summary>
    internal static Plotly.NET.Trace Tangent(Func<double, double> f, Func<double, double>? derivative, double x0,
        (double Min, double Max) range)
    {
        double slope = derivative?.Invoke(x0) ?? CentralDifference(f, x0);
        double fx = f(x0), w = 0.15 * (range.Max - range.Min);
        double a = Math.Max(range.Min, x0 - w), b = Math.Min(range.Max, x0 + w);
        return NewTrace("scatter").With("name", $"tangent at x = {Fmt(x0, 6)}: slope {Fmt(slope, 5)}")
            .With("x", new[] { a, x0, b }).With("y", Finite([fx + slope * (a - x0), fx, fx + slope * (b - x0)]))
            .With("mode", "lines").With("line", Obj(("color", HouseStyle.Orange), ("width", 3), ("dash", "dash")))
            .With("hoverinfo", "skip");
    }

    /// <summary>f′(x) by a central difference (for tangents when no derivative is given).</summary>
    internal static double CentralDifference(Func<double, double> f, double x)
    {
        double h = 1e-5 * Math.Max(1, Math.Abs(x));
        return (f(x + h) - f(x - h)) / (2 * h);
    }

    /// <summary>"f(x)" → "f′(x)"; other titles get a prime appended to their first word.</summary>
    private static string Prime(string title)
    {
        int open = title.IndexOf('(');
        return open > 0 ? title[..open] + "′" + title[open..] : title + "′";
    }

    /// <summary>One arrow as a trace: a line from (x0, y0) to (x1, y1) with an arrowhead at the end.</summary>
    internal static Plotly.NET.Trace ArrowTrace(double x0, double y0, double x1, double y1, string name, string color,
        double width = 3, string? dash = null, string? xaxis = null, string? yaxis = null) =>
        NewTrace("scatter").With("name", name).With("x", new[] { x0, x1 }).With("y", new[] { y0, y1 })
            .With("mode", "lines+markers")
            .With("line", Obj(("color", color), ("width", width), ("dash", dash)))
            .With("marker", Obj(("symbol", "arrow"), ("angleref", "previous"), ("size", new[] { 0, 6 + 4 * width }), ("opacity", 1), ("line", Obj(("width", 0))),
                ("color", color)))
            .With("hovertemplate", $"{name}<br>from (%{{customdata[0]:.4g}}, %{{customdata[1]:.4g}})<extra></extra>")
            .With("customdata", new[] { new[] { x0, y0 }, new[] { x0, y0 } })
            .With("xaxis", xaxis).With("yaxis", yaxis);
}
