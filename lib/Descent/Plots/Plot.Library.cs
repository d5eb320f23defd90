using System.Text.RegularExpressions;
using Descent.Analysis;
using Descent.Functions;
using Descent.Training;
using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

/// <summary>
/// Overloads for the library's own functions: a <see cref="Curve"/> brings its range, derivative and name, a
/// <see cref="Functions.Surface"/> its window, exact gradient, known minima and variable names (read from its formula),
/// so <c>Plot.PathOnCurve(Curves.Quartic, run)</c> or <c>Plot.ContourPaths(mse, [run])</c> need nothing else.
/// </summary>
public static partial class Plot
{
    /// <summary>A curve on its own range, with its derivative dashed when asked, marked points and a tangent.</summary>
    /// <param name="curve">A library curve, e.g. <c>Curves.Quartic</c>.</param>
    /// <param name="xRange">The interval; by default the curve's range.</param>
    /// <param name="title">The chart title; by default the curve's formula.</param>
    /// <param name="derivative">Also draw f′ (dashed).</param>
    /// <param name="points">x values to mark (e.g. <c>curve.StationaryPoints()</c>).</param>
    /// <param name="tangentAt">Draws the tangent at this x.</param>
    /// <example><code>Plot.Function(Curves.Quartic, derivative: true, points: Curves.Quartic.StationaryPoints())</code></example>
    public static GenericChart Function(Curve curve, (double Min, double Max)? xRange = null, string? title = null,
        bool derivative = false, IEnumerable<double>? points = null, double? tangentAt = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (x, y) = CurveLabels(curve);
        return Function(curve.F, xRange ?? curve.Range, title ?? curve.Formula, derivative ? curve.DF : null, points, tangentAt,
            x, y);
    }

    /// <summary>One gradient step on a library curve: old guess hollow, new filled, the exact tangent, the step arrow.</summary>
    /// <param name="curve">A library curve.</param>
    /// <param name="x">The old guess.</param>
    /// <param name="newX">The new guess.</param>
    /// <param name="xRange">The interval; by default the curve's range.</param>
    /// <param name="tangent">Whether to draw the tangent at the old guess.</param>
    /// <param name="title">The chart title.</param>
    /// <example><code>Plot.Step(Curves.Quartic, x: 4, newX: 4.4)</code></example>
    public static GenericChart Step(Curve curve, double x, double newX, (double Min, double Max)? xRange = null,
        bool tangent = true, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (xt, yt) = CurveLabels(curve);
        return Step(curve.F, xRange ?? curve.Range, x, newX, curve.DF, tangent, title, xt, yt);
    }

    /// <summary>A run on a library curve: numbered guesses joined by arrows, on the curve's range.</summary>
    /// <param name="curve">The curve the run minimized.</param>
    /// <param name="run">A one-parameter run.</param>
    /// <param name="xRange">The interval; by default the curve's range.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="numbers">Label each guess with its t; by default when at most 25 points are drawn.</param>
    /// <param name="maxPoints">The most points drawn.</param>
    /// <example><code>Plot.PathOnCurve(Curves.Quartic, new GradientDescent(0.3).Run(Curves.Quartic, [4.0], StopRule.After(20)))</code></example>
    public static GenericChart PathOnCurve(Curve curve, Run run, (double Min, double Max)? xRange = null, string? title = null,
        bool? numbers = null, int maxPoints = Thinning.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (x, y) = CurveLabels(curve);
        return PathOnCurve(curve.F, xRange ?? curve.Range, run, title, numbers, x, y, maxPoints);
    }

    /// <summary>Several runs on a library curve, each in its own colour.</summary>
    /// <param name="curve">The curve the runs minimized.</param>
    /// <param name="runs">One-parameter runs.</param>
    /// <param name="xRange">The interval; by default the curve's range.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="numbers">Label each guess with its t.</param>
    /// <param name="maxPoints">The most points drawn per run.</param>
    /// <example><code>Plot.PathOnCurve(Curves.Quartic, [slow, good, wild])</code></example>
    public static GenericChart PathOnCurve(Curve curve, IEnumerable<Run> runs, (double Min, double Max)? xRange = null,
        string? title = null, bool? numbers = null, int maxPoints = Thinning.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (x, y) = CurveLabels(curve);
        return PathOnCurve(curve.F, xRange ?? curve.Range, runs, title, numbers, x, y, maxPoints);
    }

    /// <summary>A lesson's own guesses x_0, x_1, ... on a library curve.</summary>
    /// <param name="curve">The curve.</param>
    /// <param name="guesses">x_0, x_1, x_2, ... in order.</param>
    /// <param name="name">The legend name, e.g. "α = 1".</param>
    /// <param name="xRange">The interval; by default the curve's range.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="numbers">Label each guess with its t.</param>
    /// <example><code>Plot.PathOnCurve(Curves.Quartic, guesses, name: "α = 1")</code></example>
    public static GenericChart PathOnCurve(Curve curve, IEnumerable<double> guesses, string name = "guesses",
        (double Min, double Max)? xRange = null, string? title = null, bool? numbers = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (x, y) = CurveLabels(curve);
        return PathOnCurve(curve.F, xRange ?? curve.Range, guesses, name, title, numbers, x, y);
    }

    /// <summary>The convexity chord test drawn on a library curve.</summary>
    /// <param name="curve">The curve.</param>
    /// <param name="a">One end of the chord.</param>
    /// <param name="b">The other end.</param>
    /// <param name="xRange">The interval; by default the curve's range.</param>
    /// <param name="title">The chart title; by default it states the result.</param>
    /// <example><code>Plot.Chord(Curves.Quartic, 2, 6)</code></example>
    public static GenericChart Chord(Curve curve, double a, double b, (double Min, double Max)? xRange = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (x, y) = CurveLabels(curve);
        return Chord(curve.F, xRange ?? curve.Range, a, b, title, x, y);
    }

    /// <summary>A slider over runs on a library curve: path on the left, trace on the right.</summary>
    /// <param name="curve">The curve the runs minimized.</param>
    /// <param name="runs">One run per slider position.</param>
    /// <param name="labels">Slider labels; by default the run names.</param>
    /// <param name="prefix">Shown before the current label, e.g. "η = ".</param>
    /// <param name="title">The chart title.</param>
    /// <param name="active">The slider position shown first.</param>
    /// <param name="logY">Log scale for the trace panel.</param>
    /// <param name="xRange">The interval; by default the curve's range.</param>
    /// <example><code>Plot.PathSlider(Curves.Quartic, runs, labels: ["0.05", "0.3", "1"], prefix: "η = ")</code></example>
    public static GenericChart PathSlider(Curve curve, IEnumerable<Run> runs, IEnumerable<string>? labels = null, string prefix = "",
        string? title = null, int active = 0, bool logY = false, (double Min, double Max)? xRange = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (x, y) = CurveLabels(curve);
        return PathSlider(curve.F, xRange ?? curve.Range, runs, labels, prefix, title, active, logY, x, y);
    }

    /// <summary>A step slider for a run on a library curve.</summary>
    /// <param name="curve">The curve the run minimized.</param>
    /// <param name="run">A one-parameter run.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="maxSteps">The slider covers the first this-many steps.</param>
    /// <param name="xRange">The interval; by default the curve's range.</param>
    /// <example><code>Plot.StepSlider(Curves.Quartic, run)</code></example>
    public static GenericChart StepSlider(Curve curve, Run run, string? title = null, int maxSteps = 50,
        (double Min, double Max)? xRange = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var (x, y) = CurveLabels(curve);
        return StepSlider(curve.F, xRange ?? curve.Range, run, title, maxSteps, x, y);
    }

    /// <summary>Contours of a library surface over its window, its known minima starred.</summary>
    /// <param name="surface">A library surface, e.g. <c>Surfaces.Rosenbrock</c> or an <c>MseSurface</c>.</param>
    /// <param name="title">The chart title; by default the surface's formula.</param>
    /// <param name="equalAxes">One unit of y as long as one unit of x.</param>
    /// <param name="logColor">Colour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <param name="xRange">The x range; by default the surface's window.</param>
    /// <param name="yRange">The y range; by default the surface's window.</param>
    /// <example><code>Plot.Contour(Surfaces.Rosenbrock)</code></example>
    public static GenericChart Contour(Functions.Surface surface, string? title = null, bool equalAxes = false, bool? logColor = null,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var (x, y, z) = SurfaceLabels(surface);
        return Contour(surface.F, xRange ?? surface.XRange, yRange ?? surface.YRange, title ?? surface.Formula, equalAxes, logColor,
            x, y, z, minima: surface.Minima);
    }

    /// <summary>Paths on the contours of a library surface over its window, its known minima starred.</summary>
    /// <param name="surface">The surface the runs minimized.</param>
    /// <param name="runs">Runs on the surface.</param>
    /// <param name="title">The chart title; by default "Paths on " and the surface's name.</param>
    /// <param name="equalAxes">One unit of y as long as one unit of x.</param>
    /// <param name="logColor">Colour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <param name="xRange">The x range; by default the surface's window.</param>
    /// <param name="yRange">The y range; by default the surface's window.</param>
    /// <param name="numbers">Label each point with its t.</param>
    /// <param name="maxPoints">The most points drawn per run.</param>
    /// <example><code>Plot.ContourPaths(MseSurface.From(Datasets.Tips()), [gd, sgd])</code></example>
    public static GenericChart ContourPaths(Functions.Surface surface, IEnumerable<Run> runs, string? title = null,
        bool equalAxes = false, bool? logColor = null, (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null,
        bool numbers = false, int maxPoints = Thinning.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var (x, y, z) = SurfaceLabels(surface);
        return ContourPaths(surface.F, xRange ?? surface.XRange, yRange ?? surface.YRange, runs, title ?? $"Paths on {surface.Name}",
            equalAxes, logColor, x, y, z, numbers: numbers, maxPoints: maxPoints, minima: surface.Minima);
    }

    /// <summary>The 3D surface of a library surface over its window, with paths lifted onto it.</summary>
    /// <param name="surface">The surface.</param>
    /// <param name="runs">Runs to lift onto it (optional).</param>
    /// <param name="title">The chart title; by default the surface's name.</param>
    /// <param name="xRange">The x range; by default the surface's window.</param>
    /// <param name="yRange">The y range; by default the surface's window.</param>
    /// <param name="maxPoints">The most points drawn per run.</param>
    /// <example><code>Plot.Surface(MseSurface.From(Datasets.Tips()), [run])</code></example>
    public static GenericChart Surface(Functions.Surface surface, IEnumerable<Run>? runs = null, string? title = null,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null, int maxPoints = Thinning.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var (x, y, z) = SurfaceLabels(surface);
        return Surface(surface.F, xRange ?? surface.XRange, yRange ?? surface.YRange, runs, title ?? surface.Name, x, y, z,
            maxPoints: maxPoints, minima: surface.Minima);
    }

    /// <summary>Exact gradient arrows over the contours of a library surface.</summary>
    /// <param name="surface">The surface.</param>
    /// <param name="arrows">Arrows per axis.</param>
    /// <param name="descent">Draw −∇f instead of ∇f.</param>
    /// <param name="normalize">Draw every arrow the same length.</param>
    /// <param name="runs">Paths to draw on top.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="equalAxes">One unit of y as long as one unit of x.</param>
    /// <param name="xRange">The x range; by default the surface's window.</param>
    /// <param name="yRange">The y range; by default the surface's window.</param>
    /// <example><code>Plot.GradientField(Surfaces.GradientExample)</code></example>
    public static GenericChart GradientField(Functions.Surface surface, int arrows = 12, bool descent = false, bool normalize = false,
        IEnumerable<Run>? runs = null, string? title = null, bool equalAxes = true,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var (x, y, z) = SurfaceLabels(surface);
        return GradientField(surface.F, xRange ?? surface.XRange, yRange ?? surface.YRange, (a, b) => surface.Gradient(a, b), arrows,
            descent, normalize, runs, title, equalAxes, x, y, z, surface.Minima);
    }

    /// <summary>A slider over runs on a library surface: path on the contour, trace beside it.</summary>
    /// <param name="surface">The surface the runs minimized.</param>
    /// <param name="runs">One run per slider position.</param>
    /// <param name="labels">Slider labels; by default the run names.</param>
    /// <param name="prefix">Shown before the current label, e.g. "γ = ".</param>
    /// <param name="title">The chart title.</param>
    /// <param name="active">The slider position shown first.</param>
    /// <param name="logY">Log scale for the trace panel.</param>
    /// <param name="logColor">Colour the contour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <example><code>Plot.ContourSlider(Surfaces.IllConditioned, runs, labels: ["0", "0.5", "0.9"], prefix: "γ = ")</code></example>
    public static GenericChart ContourSlider(Functions.Surface surface, IEnumerable<Run> runs, IEnumerable<string>? labels = null,
        string prefix = "", string? title = null, int active = 0, bool logY = false, bool? logColor = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var (x, y, _) = SurfaceLabels(surface);
        return ContourSlider(surface.F, surface.XRange, surface.YRange, runs, labels, prefix, title, active, logY, logColor, x, y,
            surface.Minima);
    }

    /// <summary>A step slider for a run on a library surface.</summary>
    /// <param name="surface">The surface the run minimized.</param>
    /// <param name="run">The run.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="maxSteps">The slider covers the first this-many steps.</param>
    /// <param name="equalAxes">One unit of y as long as one unit of x.</param>
    /// <param name="logColor">Colour the contour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <example><code>Plot.StepSlider(Surfaces.IllConditioned, run)</code></example>
    public static GenericChart StepSlider(Functions.Surface surface, Run run, string? title = null, int maxSteps = 50,
        bool equalAxes = false, bool? logColor = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var (x, y, _) = SurfaceLabels(surface);
        return StepSlider(surface.F, surface.XRange, surface.YRange, run, title, maxSteps, equalAxes, logColor, x, y, surface.Minima);
    }

    /// <summary>
    /// A basin map from <c>Basins.Of</c>: for one-parameter starts, the curve with each start coloured by the minimum it
    /// reaches (top) and the end point against the start (bottom); for two-parameter starts, the start grid coloured by
    /// minimum over the contour of <paramref name="f"/>. Starts that reached no known minimum are grey.
    /// </summary>
    /// <param name="map">The basin map.</param>
    /// <param name="f">The function (a <see cref="Curve"/> or <see cref="Functions.Surface"/>, or any objective of the same dimension); optional for 2D.</param>
    /// <param name="title">The chart title; by default the share of starts reaching each minimum.</param>
    /// <example><code>Plot.Basins(Basins.Of(Curves.Quartic), Curves.Quartic)</code></example>
    public static GenericChart Basins(BasinMap map, IObjective? f = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        int dimension = map.Points[0].Start.Length;
        string Share(int i) => $"{100 * map.Fraction(i):F0}%";
        string Where(double[] m) => m.Length == 1 ? Fmt(m[0], 6) : $"({string.Join(", ", m.Select(v => Fmt(v, 4)))})";
        string heading = title ?? $"Basins of attraction under {map.Optimizer}";
        string Name(int? i) => i is int k ? $"→ {Where(map.Minima[k])} ({Share(k)})" : $"elsewhere ({100 * map.Unresolved:F0}%)";
        if (dimension == 1)
        {
            if (f is null || f.Dimension != 1)
                throw new ArgumentException("A one-parameter basin map is drawn on its curve: pass the curve as f.", nameof(f));
            Func<double, double> curveF = x => f.Value([x]);
            var starts = map.Points.Select(p => p.Start[0]).ToArray();
            var range = (starts.Min(), starts.Max());
            if (range.Item1 == range.Item2) range = (range.Item1 - 1, range.Item2 + 1);
            var (xt, yt) = f is Curve c ? CurveLabels(c) : ("x", "f(x)");
            var groups = map.Points.Select(p => p.Minimum).Distinct().OrderBy(m => m ?? int.MaxValue).ToList();
            var fig = new Figure(heading, height: 640);
            var (curve, ys) = CurveTrace(curveF, range, 400, yt, HouseStyle.Curve);
            fig.Add(curve.With("showlegend", false).With("yaxis", "y2"));
            foreach (var g in groups)
            {
                var members = map.Points.Where(p => p.Minimum == g).ToArray();
                string color = g is int k ? HouseStyle.ColorOf(k) : "#888888";
                string name = Name(g);
                var ends = members.Select(p => (double?)(p.Diverged || !double.IsFinite(p.End[0]) ? null : p.End[0])).ToArray();
                string hover = "start x₀ = %{x:.4g}<br>end x = %{customdata:.6g}<extra></extra>";
                fig.Add(NewTrace("scatter").With("name", name).With("legendgroup", name).With("yaxis", "y2")
                    .With("x", members.Select(p => p.Start[0]).ToArray()).With("y", Finite(members.Select(p => curveF(p.Start[0]))))
                    .With("mode", "markers").With("marker", Obj(("color", color), ("size", HouseStyle.MarkerSize)))
                    .With("customdata", ends).With("hovertemplate", hover));
                fig.Add(NewTrace("scatter").With("name", name).With("legendgroup", name).With("showlegend", false)
                    .With("x", members.Select(p => p.Start[0]).ToArray()).With("y", ends)
                    .With("mode", "markers").With("marker", Obj(("color", color), ("size", HouseStyle.MarkerSize - 2)))
                    .With("customdata", ends).With("hovertemplate", hover));
                if (g is int m)
                {
                    double star = map.Minima[m][0];
                    fig.Add(NewTrace("scatter").With("name", name).With("legendgroup", name).With("showlegend", false).With("yaxis", "y2")
                        .With("x", new[] { star }).With("y", Finite([curveF(star)])).With("mode", "markers")
                        .With("marker", Obj(("symbol", "star"), ("size", 22), ("color", color), ("line", Obj(("color", "#000000"), ("width", 1.5)))))
                        .With("hovertemplate", CurveHover));
                }
            }
            Figure.Style(fig.XAxis(), "start point " + xt + "₀", range);
            var finals = map.Points.Where(p => !p.Diverged).Select(p => p.End[0]).Append(range.Item1).Append(range.Item2);
            Figure.Style(fig.YAxis(), "end point " + xt, Extent(finals)).With("domain", new[] { 0.0, 0.36 });
            Figure.Style(fig.YAxis(2), yt, Extent(ys, 0.08)).With("domain", new[] { 0.44, 1.0 }).With("anchor", "x");
            fig.LegendOnTop = true;
            return fig.ToChart();
        }
        if (dimension == 2)
        {
            var xs = map.Points.Select(p => p.Start[0]).ToArray();
            var ys = map.Points.Select(p => p.Start[1]).ToArray();
            var xr = Extent(xs, 0.03);
            var yr = Extent(ys, 0.03);
            var fig = new Figure(heading, height: 580);
            var (xt, yt, zt) = f is Functions.Surface s ? SurfaceLabels(s) : ("θ₀", "θ₁", "L");
            if (f is not null)
            {
                var fn = Landscape.Function(f);
                fig.Add(ContourTrace(Landscape.Sample(fn, xr, yr, 60), null, 20, xt, yt, zt, showScale: false));
            }
            foreach (var g in map.Points.Select(p => p.Minimum).Distinct().OrderBy(m => m ?? int.MaxValue))
            {
                var members = map.Points.Where(p => p.Minimum == g).ToArray();
                string color = g is int k ? HouseStyle.ColorOf(k) : "#888888";
                fig.Add(NewTrace("scatter").With("name", Name(g)).With("legendgroup", Name(g))
                    .With("x", members.Select(p => p.Start[0]).ToArray()).With("y", members.Select(p => p.Start[1]).ToArray())
                    .With("mode", "markers").With("marker", Obj(("color", color), ("size", 8), ("symbol", "square"), ("opacity", 0.85)))
                    .With("customdata", members.Select(p => p.Steps).ToArray())
                    .With("hovertemplate", $"start ({xt}, {yt}) = (%{{x:.4g}}, %{{y:.4g}})<br>steps: %{{customdata}}<extra>{Name(g)}</extra>"));
            }
            for (int i = 0; i < map.Minima.Count; i++)
                fig.Add(NewTrace("scatter").With("name", Name(i)).With("legendgroup", Name(i)).With("showlegend", false)
                    .With("x", new[] { map.Minima[i][0] }).With("y", new[] { map.Minima[i][1] }).With("mode", "markers")
                    .With("marker", Obj(("symbol", "star"), ("size", 22), ("color", HouseStyle.ColorOf(i)), ("line", Obj(("color", "#000000"), ("width", 1.5)))))
                    .With("hovertemplate", $"minimum {i}: ({xt}, {yt}) = (%{{x:.6g}}, %{{y:.6g}})<extra></extra>"));
            Figure.Style(fig.XAxis(), "start " + xt, xr).With("showgrid", false);
            Figure.Style(fig.YAxis(), "start " + yt, yr).With("showgrid", false);
            fig.LegendOnTop = true;
            return fig.ToChart();
        }
        throw new ArgumentException($"A basin map of {dimension}-parameter starts cannot be drawn; Plot.Basins draws 1 or 2 parameters.", nameof(map));
    }

    /// <summary>The variable and function names of a curve, read from its formula "f(x) = ...": ("x", "f(x)").</summary>
    internal static (string X, string Y) CurveLabels(Curve curve)
    {
        var m = Regex.Match(curve.Formula, @"^\s*([^\s(=]+)\(([^,()]+)\)\s*=");
        return m.Success ? (m.Groups[2].Value.Trim(), $"{m.Groups[1].Value}({m.Groups[2].Value.Trim()})") : ("x", "f(x)");
    }

    /// <summary>
    /// The variable and function names of a surface, read from its formula "L(w, b) = ...": ("w", "b", "L"); θ₀, θ₁, L
    /// when the formula does not start that way.
    /// </summary>
    internal static (string X, string Y, string Z) SurfaceLabels(Functions.Surface surface)
    {
        var m = Regex.Match(surface.Formula, @"^\s*([^\s(=]+)\(([^,()]+),([^,()]+)\)\s*=");
        return m.Success ? (m.Groups[2].Value.Trim(), m.Groups[3].Value.Trim(), m.Groups[1].Value) : ("θ₀", "θ₁", "L");
    }
}
