using Descent.Training;
using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

public static partial class Plot
{
    /// <summary>
    /// A slider over precomputed runs (one per learning rate, per momentum value, ...): the left panel shows the
    /// chosen run's path on the curve, the right panel its trace. The slider only toggles which traces are visible,
    /// so it keeps working in exported HTML with no kernel. The title's second line says how the chosen run ended.
    /// </summary>
    /// <param name="f">The function the runs minimized (one parameter).</param>
    /// <param name="xRange">The interval to draw.</param>
    /// <param name="runs">One run per slider position, in slider order.</param>
    /// <param name="labels">Slider labels, e.g. "0.01", "0.1"; by default the run names.</param>
    /// <param name="prefix">Shown before the current label, e.g. "η = ".</param>
    /// <param name="title">The chart title.</param>
    /// <param name="active">The slider position shown first.</param>
    /// <param name="logY">Draw the trace panel's loss on a log scale.</param>
    /// <param name="xTitle">The x axis title of the curve.</param>
    /// <param name="yTitle">The y axis title of the curve.</param>
    /// <example><code>Plot.PathSlider(f, (1, 6.75), runs, labels: etas.Select(e =&gt; e.ToString()), prefix: "η = ")</code></example>
    public static GenericChart PathSlider(Func<double, double> f, (double Min, double Max) xRange, IEnumerable<Run> runs,
        IEnumerable<string>? labels = null, string prefix = "", string? title = null, int active = 0, bool logY = false,
        string xTitle = "x", string yTitle = "f(x)")
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        var list = CheckRuns(runs, nameof(runs));
        var names = SliderLabels(list, labels, active);
        string heading = title ?? "Choose a run with the slider";
        var fig = new Figure(heading, height: HouseStyle.Height + 90);
        var paths = list.Select(r => DrawnPath.Curve(r, Thinning.DefaultMaxPoints)).ToList();
        var pathTraces = AddCurvePaths(fig, f, xRange, list.Select(r => r.Name).ToList(), paths, null, xTitle, yTitle, [], panel: 1);
        var traceTraces = AddTraces(fig, list, logY, TraceAxis.Step, null, null, Thinning.DefaultMaxPoints, panel: 2,
            showLegend: false, notes: false);
        SideBySide(fig);
        VariantSlider(fig, names, pathTraces, traceTraces, list, heading, prefix, active);
        return fig.ToChart();
    }

    /// <summary>
    /// A slider over precomputed two-parameter runs: the left panel shows the chosen run's path on the contour, the
    /// right panel its trace. Works in exported HTML (no kernel needed).
    /// </summary>
    /// <param name="f">f(θ₀, θ₁).</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="runs">One run per slider position, in slider order.</param>
    /// <param name="labels">Slider labels; by default the run names.</param>
    /// <param name="prefix">Shown before the current label, e.g. "γ = ".</param>
    /// <param name="title">The chart title.</param>
    /// <param name="active">The slider position shown first.</param>
    /// <param name="logY">Draw the trace panel's loss on a log scale.</param>
    /// <param name="logColor">Colour the contour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="minima">Known minima (θ₀, θ₁) to mark with a star, e.g. the least-squares solution.</param>
    /// <example><code>Plot.ContourSlider(f, (-2, 2), (-1, 1), runs, labels: ["0", "0.5", "0.9"], prefix: "γ = ")</code></example>
    public static GenericChart ContourSlider(Func<double, double, double> f, (double Min, double Max) xRange,
        (double Min, double Max) yRange, IEnumerable<Run> runs, IEnumerable<string>? labels = null, string prefix = "",
        string? title = null, int active = 0, bool logY = false, bool? logColor = null, string xTitle = "θ₀", string yTitle = "θ₁",
        IEnumerable<double[]>? minima = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckRange(xRange, nameof(xRange));
        CheckRange(yRange, nameof(yRange));
        var list = CheckRuns(runs, nameof(runs));
        var names = SliderLabels(list, labels, active);
        string heading = title ?? "Choose a run with the slider";
        var fig = new Figure(heading, height: HouseStyle.Height + 90);
        var pathTraces = AddContourPaths(fig, f, xRange, yRange, list, logColor, xTitle, yTitle, "L", 60, 20, false,
            Thinning.DefaultMaxPoints, panel: 1, showScale: false, showLegend: false, notes: false, minima: minima);
        var traceTraces = AddTraces(fig, list, logY, TraceAxis.Step, null, null, Thinning.DefaultMaxPoints, panel: 2,
            showLegend: false, notes: false);
        SideBySide(fig);
        VariantSlider(fig, names, pathTraces, traceTraces, list, heading, prefix, active);
        return fig.ToChart();
    }

    /// <summary>A slider over precomputed runs on a two-parameter objective (see the function overload).</summary>
    /// <param name="objective">An objective of dimension 2.</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="runs">One run per slider position.</param>
    /// <param name="labels">Slider labels; by default the run names.</param>
    /// <param name="prefix">Shown before the current label.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="active">The slider position shown first.</param>
    /// <param name="logY">Log scale for the trace panel.</param>
    /// <param name="logColor">Colour the contour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <example><code>Plot.ContourSlider(mse, (-1, 3), (0, 0.3), runs, prefix: "η = ")</code></example>
    public static GenericChart ContourSlider(IObjective objective, (double Min, double Max) xRange,
        (double Min, double Max) yRange, IEnumerable<Run> runs, IEnumerable<string>? labels = null, string prefix = "",
        string? title = null, int active = 0, bool logY = false, bool? logColor = null, string xTitle = "θ₀", string yTitle = "θ₁") =>
        ContourSlider(Landscape.Function(objective), xRange, yRange, runs, labels, prefix, title, active, logY, logColor, xTitle, yTitle,
            KnownMinima(objective));

    /// <summary>
    /// A step slider for a one-parameter run: move it to reveal the path on the curve one step at a time (arrows from
    /// each guess to the next). The title's second line gives the current t, x and f(x). Works in exported HTML.
    /// </summary>
    /// <param name="f">The function the run minimized.</param>
    /// <param name="xRange">The interval to draw.</param>
    /// <param name="run">A run on a one-parameter objective.</param>
    /// <param name="title">The chart title; by default "Step by step: " and the run's name.</param>
    /// <param name="maxSteps">The slider covers the first this-many steps.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <example><code>Plot.StepSlider(f, (1, 6.75), run)</code></example>
    public static GenericChart StepSlider(Func<double, double> f, (double Min, double Max) xRange, Run run,
        string? title = null, int maxSteps = 50, string xTitle = "x", string yTitle = "f(x)")
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(run);
        CheckRange(xRange, nameof(xRange));
        var path = DrawnPath.Curve(run, int.MaxValue, everyStep: true);
        var fig = new Figure(title ?? $"Step by step: {run.Name}", height: HouseStyle.Height + 90);
        var (curve, ys) = CurveTrace(f, xRange, 400, yTitle, HouseStyle.Curve);
        fig.Add(curve.With("showlegend", false));
        var inside = Enumerable.Range(0, path.Count).Where(k => path.X[k] >= xRange.Min && path.X[k] <= xRange.Max).Select(k => path.Y[k]);
        Figure.Style(fig.XAxis(), xTitle, xRange);
        Figure.Style(fig.YAxis(), yTitle, Extent(ys.Concat(inside), pad: 0.1));
        string hover = $"t = %{{customdata[0]}}<br>{xTitle} = %{{x:.6g}}<br>{yTitle} = %{{y:.6g}}<extra></extra>";
        StepReveal(fig, path, run, maxSteps, hover, t => $"t = {path.T[t]}: {xTitle} = {Fmt(path.X[t], 8)}, {yTitle} = {Fmt(path.Y[t], 8)}");
        return fig.ToChart();
    }

    /// <summary>
    /// A step slider for a two-parameter run on its contour: move it to reveal the path one step at a time. The
    /// title's second line gives the current t, θ and loss. Works in exported HTML.
    /// </summary>
    /// <param name="f">f(θ₀, θ₁).</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="run">A run on a two-parameter objective.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="maxSteps">The slider covers the first this-many steps.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀.</param>
    /// <param name="logColor">Colour the contour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="minima">Known minima (θ₀, θ₁) to mark with a star, e.g. the least-squares solution.</param>
    /// <example><code>Plot.StepSlider((a, b) =&gt; a*a + 10*b*b, (-2, 2), (-1, 1), run, equalAxes: true)</code></example>
    public static GenericChart StepSlider(Func<double, double, double> f, (double Min, double Max) xRange,
        (double Min, double Max) yRange, Run run, string? title = null, int maxSteps = 50, bool equalAxes = false,
        bool? logColor = null, string xTitle = "θ₀", string yTitle = "θ₁", IEnumerable<double[]>? minima = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(run);
        CheckRange(xRange, nameof(xRange));
        CheckRange(yRange, nameof(yRange));
        var path = DrawnPath.Plane(run, 0, 1, int.MaxValue, everyStep: true);
        var fig = new Figure(title ?? $"Step by step: {run.Name}", height: HouseStyle.Height + 130);
        fig.Add(ContourTrace(Landscape.Sample(f, xRange, yRange, 60), logColor, 20, xTitle, yTitle, "L", showScale: true));
        if (MinimaTrace(minima, f, xTitle, yTitle, "L") is { } stars) fig.Add(stars.With("showlegend", false));
        Figure.Style(fig.XAxis(), xTitle, xRange).With("showgrid", false);
        Figure.Style(fig.YAxis(), yTitle, yRange).With("showgrid", false);
        if (equalAxes) fig.EqualAxes();
        string hover = $"t = %{{customdata[0]}}<br>{xTitle} = %{{x:.5g}}<br>{yTitle} = %{{y:.5g}}<br>L = %{{customdata[1]:.5g}}<extra></extra>";
        StepReveal(fig, path, run, maxSteps, hover,
            t => $"t = {path.T[t]}: θ = ({Fmt(path.X[t], 5)}, {Fmt(path.Y[t], 5)}), L = {Fmt(path.Loss[t], 5)}");
        return fig.ToChart();
    }

    /// <summary>A step slider for a two-parameter objective's run (see the function overload).</summary>
    /// <param name="objective">An objective of dimension 2.</param>
    /// <param name="xRange">The θ₀ range.</param>
    /// <param name="yRange">The θ₁ range.</param>
    /// <param name="run">A run on this objective.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="maxSteps">The slider covers the first this-many steps.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀.</param>
    /// <param name="logColor">Colour the contour by log₁₀(L − L_min); by default chosen automatically.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <example><code>Plot.StepSlider(mse, (-1, 3), (0, 0.3), run)</code></example>
    public static GenericChart StepSlider(IObjective objective, (double Min, double Max) xRange, (double Min, double Max) yRange,
        Run run, string? title = null, int maxSteps = 50, bool equalAxes = false, bool? logColor = null,
        string xTitle = "θ₀", string yTitle = "θ₁") =>
        StepSlider(Landscape.Function(objective), xRange, yRange, run, title, maxSteps, equalAxes, logColor, xTitle, yTitle,
            KnownMinima(objective));

    /// <summary>Slider labels: given ones (one per run) or the run names; checks the active position.</summary>
    private static IReadOnlyList<string> SliderLabels(IReadOnlyList<Run> runs, IEnumerable<string>? labels, int active)
    {
        var names = labels?.ToList() ?? runs.Select(r => r.Name).ToList();
        if (names.Count != runs.Count)
            throw new ArgumentException($"There are {runs.Count} runs but {names.Count} labels; pass one label per run.", nameof(labels));
        if (active < 0 || active >= runs.Count)
            throw new ArgumentOutOfRangeException(nameof(active), active, $"active must be a slider position from 0 to {runs.Count - 1}.");
        return names;
    }

    /// <summary>
    /// Whether the slider's labels fit side by side in the narrowest output area (about 8 px a character at 14 px,
    /// plus a gap); when they do not they are hidden, and the current value and the title say where the slider is.
    /// </summary>
    internal static bool LabelsFit(IReadOnlyList<string> labels) =>
        labels.Count <= 20 && labels.Max(l => l.Length * 8.5 + 12) * labels.Count <= HouseStyle.NarrowWidth - 40;

    /// <summary>Panel 1 on the left (55%), panel 2 on the right, each with its own axes.</summary>
    private static void SideBySide(Figure fig)
    {
        // The right panel's y axis stands on its right: between the panels its ticks and title would lie on the left
        // panel once the chart is phone-narrow.
        fig.XAxis(1).With("domain", new[] { 0.0, 0.52 });
        fig.XAxis(2).With("domain", new[] { 0.6, 1.0 }).With("anchor", "y2");
        fig.YAxis(2).With("anchor", "x2").With("side", "right");
        fig.ShowLegend = false;
    }

    /// <summary>
    /// One slider position per run: position k shows run k's path traces and trace-plot traces, the other traces that
    /// belong to runs are hidden, everything else (curve, contour) stays. The title's second line is run k's message
    /// (a diverged run's first clause, see <see cref="Ending"/>). A diverged run's path leaves the frame (it is clipped there), so its position also shows a note in the path
    /// panel's corner, "diverged at t = 7", as the charts without a slider do.
    /// </summary>
    private static void VariantSlider(Figure fig, IReadOnlyList<string> labels, IReadOnlyList<int[]> pathTraces,
        IReadOnlyList<int[]> traceTraces, IReadOnlyList<Run> runs, string heading, string prefix, int active)
    {
        int total = fig.Traces.Count;
        var owner = new int[total];
        Array.Fill(owner, -1);
        for (int k = 0; k < runs.Count; k++)
            foreach (var i in pathTraces[k].Concat(traceTraces[k])) owner[i] = k;
        var visible = Enumerable.Range(0, runs.Count)
            .Select(k => Enumerable.Range(0, total).Select(i => owner[i] < 0 || owner[i] == k).ToArray()).ToList();
        var titles = runs.Select(r => $"{heading}<br><sup>{r.Name}: {Ending(r)}</sup>").ToList();
        // One note per diverged run, shown only at its own position.
        var notes = new List<(int Run, int Note)>();
        for (int k = 0; k < runs.Count; k++)
            if (runs[k].Status == RunStatus.Diverged)
                notes.Add((k, fig.Note(Corner($"diverged at t = {runs[k].DivergedAt}", 0, "x domain", "y domain")
                    .With("visible", k == active))));
        var shown = Enumerable.Range(0, runs.Count)
            .Select(k => notes.Select(n => ($"annotations[{n.Note}].visible", (object)(n.Run == k))).ToArray()).ToList();
        AddSlider(fig, labels, visible, titles, active, prefix, shown);
    }

    /// <summary>
    /// How a run ended, for a slider title: its message, or for a diverged run only the message's first clause (where
    /// and how far the loss rose): the advice that follows would take six lines of title at phone width.
    /// </summary>
    private static string Ending(Run run)
    {
        if (run.Status != RunStatus.Diverged) return run.Message;
        int[] cuts = [run.Message.IndexOf(", ", StringComparison.Ordinal), run.Message.IndexOf(". ", StringComparison.Ordinal)];
        int cut = cuts.Where(c => c > 0).DefaultIfEmpty(run.Message.Length).Min();
        return run.Message[..cut];
    }

    /// <summary>
    /// Reveals a path step by step: one trace per step (an arrow from the previous point into a dot at the new one);
    /// slider position t shows the steps 1..t. Record 0 (the start) is always shown, hollow.
    /// </summary>
    private static void StepReveal(Figure fig, DrawnPath path, Run run, int maxSteps, string hover, Func<int, string> caption)
    {
        Guard.Positive(maxSteps, nameof(maxSteps), "number of slider steps");
        int steps = Math.Min(maxSteps, path.Count - 1);
        string color = HouseStyle.Blue;
        object?[] Custom(int k) => [path.T[k], Significant(path.Loss[k], 6)];
        int first = fig.Traces.Count;
        fig.Add(NewTrace("scatter").With("name", "start").With("showlegend", false)
            .With("x", new[] { path.X[0] }).With("y", new[] { path.Y[0] }).With("mode", "markers")
            .With("marker", Obj(("symbol", "circle-open"), ("size", HouseStyle.MarkerSize + 6), ("color", color), ("line", Obj(("width", 3)))))
            .With("customdata", new[] { Custom(0) }).With("hovertemplate", hover));
        for (int t = 1; t <= steps; t++)
        {
            fig.Add(NewTrace("scatter").With("name", $"t = {path.T[t]}").With("showlegend", false)
                .With("x", new[] { path.X[t - 1], path.X[t], path.X[t] }).With("y", new[] { path.Y[t - 1], path.Y[t], path.Y[t] })
                .With("mode", "lines+markers").With("line", Obj(("color", color), ("width", HouseStyle.LineWidth)))
                .With("marker", Obj(("symbol", new[] { "circle", "arrow", "circle" }), ("angleref", "previous"),
                    ("size", new[] { 0, 15, HouseStyle.MarkerSize }), ("opacity", 1), ("standoff", new[] { 0.0, HouseStyle.MarkerSize / 2.0 + 1, 0 }),
                    ("color", color)))
                .With("customdata", new[] { Custom(t - 1), Custom(t), Custom(t) }).With("hovertemplate", hover));
        }
        int total = fig.Traces.Count;
        var visible = Enumerable.Range(0, steps + 1)
            .Select(t => Enumerable.Range(0, total).Select(i => i < first + 1 || i - first <= t).ToArray()).ToList();
        string more = path.Count - 1 > steps ? $" (first {steps} of {path.Count - 1} steps)" : "";
        var titles = Enumerable.Range(0, steps + 1).Select(t => $"{fig.Title}{more}<br><sup>{caption(t)}</sup>").ToList();
        AddSlider(fig, Enumerable.Range(0, steps + 1).Select(t => path.T[t].ToString(Invariant)).ToList(), visible, titles, steps, "t = ");
        if (run.Status == RunStatus.Diverged && steps == path.Count - 1)
            fig.Note(Corner($"{run.Name}: diverged at t = {run.DivergedAt}"));
    }

    /// <summary>
    /// Adds a plotly.js slider whose position k sets every trace's visibility to <paramref name="visible"/>[k] and the
    /// title to <paramref name="titles"/>[k] (one "update" call: no kernel involved), and the layout attributes of
    /// <paramref name="layout"/>[k] when given (e.g. "annotations[0].visible"). The figure starts at <paramref name="active"/>.
    /// </summary>
    internal static void AddSlider(Figure fig, IReadOnlyList<string> labels, IReadOnlyList<bool[]> visible,
        IReadOnlyList<string> titles, int active, string prefix, IReadOnlyList<(string Key, object Value)[]>? layout = null)
    {
        for (int i = 0; i < fig.Traces.Count; i++) fig.Traces[i].With("visible", visible[active][i]);
        fig.Layout.With("title", Obj(("text", titles[active])));
        var steps = labels.Select((label, k) => new Props()
            .With("label", label).With("method", "update")
            .With("args", new object[] { Obj(("visible", visible[k])), Obj([("title.text", titles[k]), .. layout?[k] ?? []]) })).ToArray();
        fig.Slider(new Props().With("active", active).With("steps", steps)
            .With("currentvalue", Obj(("prefix", prefix), ("visible", true), ("xanchor", "left"), ("font", Obj(("size", HouseStyle.FontSize + 2), ("color", "#222222")))))
            .With("pad", Obj(("t", 70), ("b", 10))).With("len", 1.0).With("x", 0).With("y", 0)
            // Many positions: their tick labels would collide, so hide them (the current value and the title still say where we are).
            .With("font", Obj(("size", HouseStyle.FontSize - 2), ("color", LabelsFit(labels) ? "#222222" : "rgba(0,0,0,0)"))));
        fig.Layout.With("margin", Obj(("l", 80), ("r", 30), ("t", 90), ("b", 40)));
    }
}
