using Descent.Training;
using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

public static partial class Plot
{
    /// <summary>
    /// The contour plot of a function of two parameters over a (θ₀, θ₁) grid: filled contours, a colour bar, hover
    /// with the value.
    /// </summary>
    /// <param name="f">f(θ₀, θ₁), e.g. <c>(a, b) =&gt; 8*a*a + 3*a*b</c>.</param>
    /// <param name="xRange">The θ₀ range (min, max).</param>
    /// <param name="yRange">The θ₁ range (min, max).</param>
    /// <param name="title">The chart title; by default "Contours of L(θ₀, θ₁)".</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀ (true geometry; leave off when the ranges differ a lot).</param>
    /// <param name="logColor">Colour by log₁₀(L − L_min): shows the floor of a long narrow valley (the tips MSE) that linear
    /// levels lump together. By default (null) chosen automatically: log when the lowest of the linear levels would cover
    /// more than a quarter of the plot.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="zTitle">The name of the value, for the colour bar and hover.</param>
    /// <param name="resolution">Grid points per axis.</param>
    /// <param name="levels">About how many contour levels.</param>
    /// <param name="minima">Known minima (θ₀, θ₁) to mark with a star, e.g. the least-squares solution.</param>
    /// <example><code>Plot.Contour((a, b) =&gt; a*a + 10*b*b, (-2, 2), (-1, 1), equalAxes: true)</code></example>
    public static GenericChart Contour(Func<double, double, double> f, (double Min, double Max) xRange, (double Min, double Max) yRange,
        string? title = null, bool equalAxes = false, bool? logColor = null, string xTitle = "θ₀", string yTitle = "θ₁",
        string zTitle = "L", int resolution = 60, int levels = 20, IEnumerable<double[]>? minima = null) =>
        ContourPaths(f, xRange, yRange, [], title ?? $"Contours of {zTitle}({xTitle}, {yTitle})", equalAxes, logColor,
            xTitle, yTitle, zTitle, resolution, levels, minima: minima);

    /// <summary>The contour plot of a two-parameter objective (see the function overload).</summary>
    /// <param name="objective">An objective of dimension 2.</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀.</param>
    /// <param name="logColor">Colour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="zTitle">The name of the value.</param>
    /// <param name="resolution">Grid points per axis.</param>
    /// <param name="levels">About how many contour levels.</param>
    /// <example><code>Plot.Contour(mse, (-1, 3), (0, 0.3), logColor: true)</code></example>
    public static GenericChart Contour(IObjective objective, (double Min, double Max) xRange, (double Min, double Max) yRange,
        string? title = null, bool equalAxes = false, bool? logColor = null, string xTitle = "θ₀", string yTitle = "θ₁",
        string zTitle = "L", int resolution = 60, int levels = 20) =>
        Contour(Landscape.Function(objective), xRange, yRange, title, equalAxes, logColor, xTitle, yTitle, zTitle, resolution, levels,
            KnownMinima(objective));

    /// <summary>
    /// Contours with one or more optimizer paths on top: each path's start hollow, end filled, steps joined by
    /// arrows (when few), hover with t, θ and the loss. Run i is drawn in colour i; legend names are the run names.
    /// </summary>
    /// <param name="f">f(θ₀, θ₁): the function the runs minimized.</param>
    /// <param name="xRange">The θ₀ range; parts of paths outside are clipped.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="runs">Runs on a two-parameter objective (θ₀ and θ₁ are drawn).</param>
    /// <param name="title">The chart title; by default "Paths on L(θ₀, θ₁)".</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀.</param>
    /// <param name="logColor">Colour by log₁₀(L − L_min) (long narrow valleys); by default chosen automatically.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="zTitle">The name of the value.</param>
    /// <param name="resolution">Grid points per axis.</param>
    /// <param name="levels">About how many contour levels.</param>
    /// <param name="numbers">Label each point with its t.</param>
    /// <param name="maxPoints">The most points drawn per run; longer runs are thinned, keeping ends and turns.</param>
    /// <param name="minima">Known minima (θ₀, θ₁) to mark with a star, e.g. the least-squares solution.</param>
    /// <example><code>Plot.ContourPaths(f, (-2, 2), (-1, 1), [gd, momentum], equalAxes: true)</code></example>
    public static GenericChart ContourPaths(Func<double, double, double> f, (double Min, double Max) xRange,
        (double Min, double Max) yRange, IEnumerable<Run> runs, string? title = null, bool equalAxes = false,
        bool? logColor = null, string xTitle = "θ₀", string yTitle = "θ₁", string zTitle = "L", int resolution = 60,
        int levels = 20, bool numbers = false, int maxPoints = Thinning.DefaultMaxPoints, IEnumerable<double[]>? minima = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        CheckRange(yRange, nameof(yRange));
        var list = CheckRuns(runs, nameof(runs), allowEmpty: true);
        var fig = new Figure(title ?? $"Paths on {zTitle}({xTitle}, {yTitle})", height: 560);
        AddContourPaths(fig, f, xRange, yRange, list, logColor, xTitle, yTitle, zTitle, resolution, levels, numbers, maxPoints, panel: 1,
            minima: minima);
        if (equalAxes) fig.EqualAxes();
        fig.LegendOnTop = true;
        return fig.ToChart();
    }

    /// <summary>Contours of a two-parameter objective with paths on top (see the function overload).</summary>
    /// <param name="objective">An objective of dimension 2.</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="runs">Runs on this objective.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀.</param>
    /// <param name="logColor">Colour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="zTitle">The name of the value.</param>
    /// <param name="resolution">Grid points per axis.</param>
    /// <param name="levels">About how many contour levels.</param>
    /// <param name="numbers">Label each point with its t.</param>
    /// <param name="maxPoints">The most points drawn per run.</param>
    /// <example><code>Plot.ContourPaths(mse, (-1, 3), (0, 0.3), [run], logColor: true)</code></example>
    public static GenericChart ContourPaths(IObjective objective, (double Min, double Max) xRange,
        (double Min, double Max) yRange, IEnumerable<Run> runs, string? title = null, bool equalAxes = false,
        bool? logColor = null, string xTitle = "θ₀", string yTitle = "θ₁", string zTitle = "L", int resolution = 60,
        int levels = 20, bool numbers = false, int maxPoints = Thinning.DefaultMaxPoints) =>
        ContourPaths(Landscape.Function(objective), xRange, yRange, runs, title, equalAxes, logColor, xTitle, yTitle, zTitle,
            resolution, levels, numbers, maxPoints, KnownMinima(objective));

    /// <summary>Draws contours and paths into panel <paramref name="panel"/>; returns each run's trace indices.</summary>
    internal static List<int[]> AddContourPaths(Figure fig, Func<double, double, double> f, (double Min, double Max) xRange,
        (double Min, double Max) yRange, IReadOnlyList<Run> runs, bool? logColor, string xTitle, string yTitle, string zTitle,
        int resolution, int levels, bool numbers, int maxPoints, int panel, bool showScale = true, bool showLegend = true,
        bool notes = true, IEnumerable<double[]>? minima = null)
    {
        string? xa = panel == 1 ? null : "x" + panel, ya = panel == 1 ? null : "y" + panel;
        var grid = Landscape.Sample(f, xRange, yRange, resolution);
        fig.Add(ContourTrace(grid, logColor, levels, xTitle, yTitle, zTitle, showScale).With("xaxis", xa).With("yaxis", ya));
        string hover = $"t = %{{customdata[0]}}<br>{xTitle} = %{{x:.5g}}<br>{yTitle} = %{{y:.5g}}<br>{zTitle} = %{{customdata[1]:.5g}}";
        var indices = new List<int[]>();
        for (int i = 0; i < runs.Count; i++)
        {
            var path = DrawnPath.Plane(runs[i], 0, 1, maxPoints);
            indices.Add(fig.AddRange(PathTraces(path, runs[i].Name, HouseStyle.ColorOf(i), hover, numbers, xa, ya, showLegend,
                xRange: xRange, yRange: yRange)));
        }
        // The stars come last, so they are drawn on top: an SGD run's cloud of points would hide them.
        if (MinimaTrace(minima, f, xTitle, yTitle, zTitle) is { } stars) fig.Add(stars.With("xaxis", xa).With("yaxis", ya));
        var texts = notes ? DivergenceNotes(runs).ToList() : [];
        foreach (var note in Corners(texts, panel)) fig.Note(note);
        Figure.Style(fig.XAxis(panel), xTitle, xRange).With("showgrid", false);
        Figure.Style(fig.YAxis(panel), yTitle, yRange).With("showgrid", false);
        return indices;
    }

    /// <summary>Stars at known minima (black, outlined white so they show on any colour), or null when there are none.</summary>
    internal static Plotly.NET.Trace? MinimaTrace(IEnumerable<double[]>? minima, Func<double, double, double> f,
        string xTitle, string yTitle, string zTitle, bool threeD = false)
    {
        var list = minima?.Where(m => m is { Length: >= 2 } && double.IsFinite(m[0]) && double.IsFinite(m[1])).ToList();
        if (list is null || list.Count == 0) return null;
        var values = list.Select(m => f(m[0], m[1])).ToArray();
        var trace = NewTrace(threeD ? "scatter3d" : "scatter").With("name", list.Count == 1 ? "minimum" : "minima")
            .With("x", list.Select(m => m[0]).ToArray()).With("y", list.Select(m => m[1]).ToArray())
            .With("mode", "markers")
            .With("marker", Obj(("symbol", threeD ? "diamond" : "star"), ("size", threeD ? 7 : 22), ("color", HouseStyle.Black),
                ("line", Obj(("color", "#ffffff"), ("width", threeD ? 0 : 2)))))
            .With("customdata", Finite(values))
            .With("hovertemplate", $"minimum<br>{xTitle} = %{{x:.6g}}<br>{yTitle} = %{{y:.6g}}<br>{zTitle} = %{{customdata:.6g}}<extra></extra>");
        if (threeD) trace.With("z", Finite(values));
        return trace;
    }

    /// <summary>A surface's known minima, for objectives that know theirs (the library's <see cref="Functions.Surface"/>s).</summary>
    internal static IEnumerable<double[]>? KnownMinima(IObjective objective) => (objective as Functions.Surface)?.Minima;

    /// <summary>The contour trace for a sampled grid, linear or log-coloured.</summary>
    internal static Plotly.NET.Trace ContourTrace(Landscape grid, bool? logColorAsked, int levels, string xTitle, string yTitle,
        string zTitle, bool showScale)
    {
        bool logColor = logColorAsked ?? grid.PrefersLogColor(levels);
        if (levels < 2 || levels > 200)
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "Ask for between 2 and 200 contour levels; 20 reads well.");
        var (zMin, zMax) = grid.ZRange;
        double shift = 1e-3 * Math.Max(zMax - zMin, 1e-12);
        // Log colouring measures height above the lowest grid value, so negative losses work too.
        double Transform(double z) => logColor ? Math.Log10(z - zMin + shift) : z;
        var z = grid.Z.Select(row => row.Select(v => Significant(Transform(v), 4)).ToArray()).ToArray();
        var colorbar = Obj(("title", Obj(("text", zTitle), ("side", "right"))), ("thickness", 16), ("len", 0.85),
            ("outlinewidth", 0), ("exponentformat", "power"));
        if (logColor)
        {
            // Ticks at heights 10^k above the floor, labelled with the value itself.
            double lo = Math.Log10(shift), hi = Math.Log10(zMax - zMin + shift);
            var ks = Enumerable.Range((int)Math.Ceiling(lo), Math.Max(0, (int)Math.Floor(hi) - (int)Math.Ceiling(lo) + 1)).ToArray();
            colorbar.With("tickvals", ks.Select(k => (double)k).ToArray())
                .With("ticktext", ks.Select(k => Fmt(zMin - shift + Math.Pow(10, k), 3)).ToArray());
        }
        string valueHover = logColor
            ? $"log₁₀({zTitle} − {zTitle}_min) ≈ %{{z:.2f}}"
            : $"{zTitle} = %{{z:.4g}}";
        return NewTrace("contour")
            .With("name", zTitle).With("showlegend", false)
            .With("z", z)
            .With("x0", grid.X[0]).With("dx", grid.X[1] - grid.X[0])
            .With("y0", grid.Y[0]).With("dy", grid.Y[1] - grid.Y[0])
            .With("ncontours", levels).With("autocontour", true)
            .With("colorscale", HouseStyle.Landscape)
            .With("contours", Obj(("coloring", "fill"), ("showlines", true)))
            .With("line", Obj(("color", "rgba(40,40,40,0.28)"), ("width", 1)))
            .With("showscale", showScale).With("colorbar", colorbar)
            .With("hovertemplate", $"{xTitle} = %{{x:.4g}}<br>{yTitle} = %{{y:.4g}}<br>{valueHover}<extra></extra>");
    }

    /// <summary>
    /// The 3D surface of a function of two parameters, with optional paths lifted onto it (each point drawn at
    /// its recorded loss, just above the surface so it stays visible).
    /// </summary>
    /// <param name="f">f(θ₀, θ₁).</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="runs">Runs to lift onto the surface (none by default).</param>
    /// <param name="title">The chart title; by default "Surface of L(θ₀, θ₁)".</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="zTitle">The z axis title.</param>
    /// <param name="resolution">Grid points per axis.</param>
    /// <param name="maxPoints">The most points drawn per run.</param>
    /// <param name="minima">Known minima (θ₀, θ₁) to mark with a star, e.g. the least-squares solution.</param>
    /// <example><code>Plot.Surface(f, (-2, 2), (-1, 1), [run])</code></example>
    public static GenericChart Surface(Func<double, double, double> f, (double Min, double Max) xRange, (double Min, double Max) yRange,
        IEnumerable<Run>? runs = null, string? title = null, string xTitle = "θ₀", string yTitle = "θ₁", string zTitle = "L",
        int resolution = 50, int maxPoints = Thinning.DefaultMaxPoints, IEnumerable<double[]>? minima = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        CheckRange(yRange, nameof(yRange));
        var list = CheckRuns(runs ?? [], nameof(runs), allowEmpty: true);
        var grid = Landscape.Sample(f, xRange, yRange, resolution);
        var (zMin, zMax) = grid.ZRange;
        var fig = new Figure(title ?? $"Surface of {zTitle}({xTitle}, {yTitle})", height: 640);
        fig.Add(NewTrace("surface").With("name", zTitle).With("showlegend", false)
            .With("x", grid.X.Select(v => Significant(v, 6)).ToArray()).With("y", grid.Y.Select(v => Significant(v, 6)).ToArray())
            .With("z", grid.Z.Select(row => row.Select(v => Significant(v, 4)).ToArray()).ToArray())
            .With("colorscale", HouseStyle.Relief).With("showscale", false).With("opacity", 0.9)
            .With("contours", Obj(("z", Obj(("show", true), ("usecolormap", true), ("project", Obj(("z", false))),
                ("width", 1)))))
            .With("hovertemplate", $"{xTitle} = %{{x:.4g}}<br>{yTitle} = %{{y:.4g}}<br>{zTitle} = %{{z:.4g}}<extra></extra>"));
        if (MinimaTrace(minima, f, xTitle, yTitle, zTitle, threeD: true) is { } stars) fig.Add(stars);
        double lift = 0.012 * Math.Max(zMax - zMin, 1e-12);
        for (int i = 0; i < list.Count; i++)
        {
            var path = DrawnPath.Plane(list[i], 0, 1, maxPoints);
            string color = HouseStyle.ColorOf(i);
            int n = path.Count;
            var custom = Enumerable.Range(0, n).Select(k => new object?[] { path.T[k], Significant(path.Loss[k], 6) }).ToArray();
            fig.Add(NewTrace("scatter3d").With("name", list[i].Name)
                .With("x", path.X).With("y", path.Y).With("z", Finite(path.Loss.Select(l => l + lift)))
                .With("mode", n <= 200 ? "lines+markers" : "lines")
                .With("line", Obj(("color", color), ("width", 6)))
                .With("marker", Obj(("color", color), ("size", Enumerable.Range(0, n).Select(k => k == 0 || k == n - 1 ? 7 : 3.5).ToArray()), ("opacity", 1),
                    ("symbol", Enumerable.Range(0, n).Select(k => k == 0 ? "circle-open" : "circle").ToArray())))
                .With("customdata", custom)
                .With("hovertemplate", $"t = %{{customdata[0]}}<br>{xTitle} = %{{x:.5g}}<br>{yTitle} = %{{y:.5g}}<br>{zTitle} = %{{customdata[1]:.5g}}<extra>{list[i].Name}</extra>"));
        }
        Props Axis(string text) => Obj(("title", Obj(("text", text))), ("backgroundcolor", "#ffffff"),
            ("gridcolor", "#dddddd"), ("showspikes", false));
        fig.Layout.With("scene", new Props()
            .With("xaxis", Axis(xTitle).With("range", new[] { xRange.Min, xRange.Max }))
            .With("yaxis", Axis(yTitle).With("range", new[] { yRange.Min, yRange.Max }))
            .With("zaxis", Axis(zTitle))
            .With("aspectmode", "manual").With("aspectratio", Obj(("x", 1), ("y", 1), ("z", 0.7)))
            .With("camera", Obj(("eye", Obj(("x", 1.5), ("y", -1.5), ("z", 1.0))))));
        fig.Layout.With("margin", Obj(("l", 10), ("r", 10), ("t", 70), ("b", 10)));
        fig.LegendOnTop = true;
        return fig.ToChart();
    }

    /// <summary>The 3D surface of a two-parameter objective with optional lifted paths (see the function overload).</summary>
    /// <param name="objective">An objective of dimension 2.</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="runs">Runs to lift onto the surface.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="zTitle">The z axis title.</param>
    /// <param name="resolution">Grid points per axis.</param>
    /// <param name="maxPoints">The most points drawn per run.</param>
    /// <example><code>Plot.Surface(mse, (-1, 3), (0, 0.3), [run])</code></example>
    public static GenericChart Surface(IObjective objective, (double Min, double Max) xRange, (double Min, double Max) yRange,
        IEnumerable<Run>? runs = null, string? title = null, string xTitle = "θ₀", string yTitle = "θ₁", string zTitle = "L",
        int resolution = 50, int maxPoints = Thinning.DefaultMaxPoints) =>
        Surface(Landscape.Function(objective), xRange, yRange, runs, title, xTitle, yTitle, zTitle, resolution, maxPoints,
            KnownMinima(objective));

    /// <summary>
    /// Gradient arrows over a contour: at each point of an arrows × arrows grid, the gradient ∇f (the direction of
    /// steepest increase) or, with <paramref name="descent"/>, the step direction −∇f. Arrows are drawn to scale
    /// (longest = one grid cell) so they shrink near a minimum; <paramref name="normalize"/> draws directions only.
    /// </summary>
    /// <param name="f">f(θ₀, θ₁).</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="gradient">∇f(θ₀, θ₁); by default central differences of f.</param>
    /// <param name="arrows">Arrows per axis.</param>
    /// <param name="descent">Draw −∇f (where gradient descent goes) instead of ∇f.</param>
    /// <param name="normalize">Draw every arrow the same length (direction only).</param>
    /// <param name="runs">Paths to draw on top (optional).</param>
    /// <param name="title">The chart title.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀: then gradients look perpendicular to the contours.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="zTitle">The name of the value.</param>
    /// <param name="minima">Known minima (θ₀, θ₁) to mark with a star, e.g. the least-squares solution.</param>
    /// <example><code>Plot.GradientField((a, b) =&gt; 8*a*a + 3*a*b, (-1, 1), (-1, 1), gradient: (a, b) =&gt; (16*a + 3*b, 3*a))</code></example>
    public static GenericChart GradientField(Func<double, double, double> f, (double Min, double Max) xRange,
        (double Min, double Max) yRange, Func<double, double, (double, double)>? gradient = null, int arrows = 12,
        bool descent = false, bool normalize = false, IEnumerable<Run>? runs = null, string? title = null,
        bool equalAxes = true, string xTitle = "θ₀", string yTitle = "θ₁", string zTitle = "L", IEnumerable<double[]>? minima = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        CheckRange(yRange, nameof(yRange));
        if (arrows < 2 || arrows > 40)
            throw new ArgumentOutOfRangeException(nameof(arrows), arrows, "Draw between 2 and 40 arrows per axis; 12 reads well.");
        var list = CheckRuns(runs ?? [], nameof(runs), allowEmpty: true);
        gradient ??= Landscape.NumericGradient(f);
        string symbol = descent ? "−∇" + zTitle : "∇" + zTitle;
        var fig = new Figure(title ?? (descent ? $"Descent directions {symbol}" : $"Gradient {symbol}: the direction of steepest increase"), height: 560);
        AddContourPaths(fig, f, xRange, yRange, list, null, xTitle, yTitle, zTitle, 60, 20, false, Thinning.DefaultMaxPoints, 1,
            minima: minima);

        // Grid points inset by half a cell so arrows stay inside the plot.
        double xSpan = xRange.Max - xRange.Min, ySpan = yRange.Max - yRange.Min;
        var xs = Enumerable.Range(0, arrows).Select(i => xRange.Min + (i + 0.5) * xSpan / arrows).ToArray();
        var ys = Enumerable.Range(0, arrows).Select(i => yRange.Min + (i + 0.5) * ySpan / arrows).ToArray();
        var field = ys.SelectMany(y => xs.Select(x =>
        {
            var (gx, gy) = gradient(x, y);
            return (X: x, Y: y, Gx: descent ? -gx : gx, Gy: descent ? -gy : gy);
        })).Where(p => double.IsFinite(p.Gx) && double.IsFinite(p.Gy)).ToList();
        // Length as the eye sees it: each component as a fraction of its axis.
        double Seen(double gx, double gy) => Math.Sqrt(gx / xSpan * (gx / xSpan) + gy / ySpan * (gy / ySpan));
        double longest = field.Select(p => Seen(p.Gx, p.Gy)).DefaultIfEmpty(0).Max();
        double cell = 0.9 / arrows;
        var ax = new List<double?>();
        var ay = new List<double?>();
        var size = new List<double>();
        var custom = new List<object?>();
        foreach (var p in field)
        {
            double seen = Seen(p.Gx, p.Gy);
            if (seen == 0) continue;
            double k = normalize ? cell / seen : cell / longest;
            ax.AddRange([p.X, p.X + k * p.Gx, null]);
            ay.AddRange([p.Y, p.Y + k * p.Gy, null]);
            // A short arrow gets a smaller head, so the head never hides the arrow.
            size.AddRange([0, normalize ? 11 : Math.Round(4 + 8 * seen / longest, 1), 0]);
            var data = new[] { Significant(p.X, 4), Significant(p.Y, 4), Significant(p.Gx, 4), Significant(p.Gy, 4) };
            custom.AddRange([data, data, null]);
        }
        fig.Add(NewTrace("scatter").With("name", symbol).With("x", ax.ToArray()).With("y", ay.ToArray())
            .With("mode", "lines+markers").With("line", Obj(("color", HouseStyle.Black), ("width", 1.8)))
            .With("marker", Obj(("symbol", "arrow"), ("angleref", "previous"), ("size", size.ToArray()), ("color", HouseStyle.Black), ("opacity", 1),
                ("line", Obj(("width", 0)))))
            .With("customdata", custom.ToArray())
            .With("hovertemplate", $"at ({xTitle}, {yTitle}) = (%{{customdata[0]}}, %{{customdata[1]}})<br>{symbol} = (%{{customdata[2]}}, %{{customdata[3]}})<extra></extra>"));
        if (equalAxes) fig.EqualAxes();
        fig.LegendOnTop = true;
        return fig.ToChart();
    }

    /// <summary>Gradient arrows over the contour of a two-parameter objective, using its exact gradient.</summary>
    /// <param name="objective">An objective of dimension 2.</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="arrows">Arrows per axis.</param>
    /// <param name="descent">Draw −∇L instead of ∇L.</param>
    /// <param name="normalize">Draw every arrow the same length.</param>
    /// <param name="runs">Paths to draw on top.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="zTitle">The name of the value.</param>
    /// <example><code>Plot.GradientField(mse, (-1, 3), (0, 0.3), equalAxes: false)</code></example>
    public static GenericChart GradientField(IObjective objective, (double Min, double Max) xRange, (double Min, double Max) yRange,
        int arrows = 12, bool descent = false, bool normalize = false, IEnumerable<Run>? runs = null, string? title = null,
        bool equalAxes = true, string xTitle = "θ₀", string yTitle = "θ₁", string zTitle = "L") =>
        GradientField(Landscape.Function(objective), xRange, yRange, Landscape.Gradient(objective), arrows, descent, normalize,
            runs, title, equalAxes, xTitle, yTitle, zTitle, KnownMinima(objective));
}
