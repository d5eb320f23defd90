using Descent.Schedules;
using Descent.Training;
using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

public static partial class Plot
{
    /// <summary>
    /// The trace plot of one run: its loss L(θ_t) at every step t. A diverged run is marked where it diverged.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="logY">Draw the loss on a log scale (needs positive values: see <paramref name="minimum"/>).</param>
    /// <param name="x">What the x axis counts: steps, epochs or gradient evaluations.</param>
    /// <param name="minimum">When given, draws L(θ_t) − L* (the distance to the optimum), which a log scale shows best.</param>
    /// <param name="title">The chart title; by default "Trace: " and the run's name.</param>
    /// <param name="yTitle">The y axis title; by default "loss L(θₜ)" (or "L(θₜ) − L*").</param>
    /// <param name="maxPoints">The most points drawn per run; longer runs are thinned, keeping ends and turns.</param>
    /// <example><code>Plot.Trace(run, logY: true)</code></example>
    public static GenericChart Trace(Run run, bool logY = false, TraceAxis x = TraceAxis.Step, double? minimum = null,
        string? title = null, string? yTitle = null, int maxPoints = Thinning.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Trace([run], logY, x, minimum, title ?? $"Trace: {run.Name}", yTitle, maxPoints);
    }

    /// <summary>
    /// Trace plots of several runs on one chart (legend names are the run names, e.g. "η = 0.3"); each diverged run
    /// is marked at the step where it diverged.
    /// </summary>
    /// <param name="runs">The runs; run i is drawn in colour i.</param>
    /// <param name="logY">Draw the loss on a log scale.</param>
    /// <param name="x">What the x axis counts: steps, epochs or gradient evaluations.</param>
    /// <param name="minimum">When given, draws L(θ_t) − L* instead of L(θ_t).</param>
    /// <param name="title">The chart title; by default "Loss per iteration".</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="maxPoints">The most points drawn per run.</param>
    /// <example><code>Plot.Trace([slow, good, wild], logY: true)</code></example>
    public static GenericChart Trace(IEnumerable<Run> runs, bool logY = false, TraceAxis x = TraceAxis.Step,
        double? minimum = null, string? title = null, string? yTitle = null, int maxPoints = Thinning.DefaultMaxPoints)
    {
        var list = CheckRuns(runs, nameof(runs));
        var fig = new Figure(title ?? (x switch
        {
            TraceAxis.Epoch => "Loss per epoch",
            TraceAxis.GradientEvaluations => "Loss against gradient evaluations",
            _ => "Loss per iteration",
        }));
        AddTraces(fig, list, logY, x, minimum, yTitle, maxPoints, panel: 1);
        return fig.ToChart();
    }

    /// <summary>Draws trace plots into panel <paramref name="panel"/> of a figure; returns each run's trace indices.</summary>
    internal static List<int[]> AddTraces(Figure fig, IReadOnlyList<Run> runs, bool logY, TraceAxis axis, double? minimum,
        string? yTitle, int maxPoints, int panel, bool showLegend = true, int colorOffset = 0, bool notes = true)
    {
        string? xa = panel == 1 ? null : "x" + panel, ya = panel == 1 ? null : "y" + panel;
        string xTitle = axis switch
        {
            TraceAxis.Epoch => "epoch",
            TraceAxis.GradientEvaluations => "gradient evaluations",
            _ => "iteration t",
        };
        yTitle ??= minimum is null ? "loss L(θₜ)" : "L(θₜ) − L*";
        var indices = new List<int[]>();
        var noteTexts = new List<string>();
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            string color = HouseStyle.ColorOf(i + colorOffset);
            var (records, xs) = Records(run, axis);
            var ys = records.Select(r => minimum is { } m ? r.Loss - m : r.Loss).ToArray();
            if (logY)
            {
                int negative = Array.FindIndex(ys, v => v < 0);
                if (negative >= 0)
                    throw new ArgumentException(
                        $"The run \"{run.Name}\" has a negative value {Fmt(ys[negative])} at t = {records[negative].T}, which a log scale " +
                        "cannot draw. Pass minimum: L* (the lowest loss) to draw L − L*, or use logY: false.", nameof(logY));
            }
            // Thin in the coordinates the reader sees (log of the loss on a log axis).
            var yDrawn = ys.Select(v => logY ? (v > 0 ? Math.Log10(v) : double.NaN) : v).ToArray();
            var keep = ThinFinite(xs, yDrawn, maxPoints);
            bool thinned = keep.Length < records.Count;
            int dimension = run.Steps[0].Theta.Length;
            var custom = keep.Select(k => TraceCustom(records[k], dimension)).ToArray();
            string theta = dimension switch
            {
                1 => "<br>θ = %{customdata[1]:.6g}",
                2 => "<br>θ = (%{customdata[1]:.5g}, %{customdata[2]:.5g})",
                3 => "<br>θ = (%{customdata[1]:.4g}, %{customdata[2]:.4g}, %{customdata[3]:.4g})",
                _ => "",
            };
            string xHover = axis == TraceAxis.Step ? "" : $"<br>{xTitle} = %{{x}}";
            string hover = $"t = %{{customdata[0]}}{xHover}{theta}<br>{yTitle} = %{{y:.6g}}<extra>{run.Name}</extra>";
            var line = NewTrace("scatter").With("name", run.Name).With("legendgroup", run.Name).With("showlegend", showLegend)
                .With("x", Drawn(keep.Select(k => xs[k]).ToArray(), thinned))
                .With("y", Drawn(keep.Select(k => !double.IsFinite(ys[k]) || (logY && !(ys[k] > 0)) ? double.NaN : ys[k]).ToArray(), thinned))
                .With("mode", !thinned && keep.Length <= Thinning.KeepAllUpTo ? "lines+markers" : "lines")
                .With("line", Obj(("color", color), ("width", HouseStyle.LineWidth)))
                .With("marker", Obj(("color", color), ("size", 7)))
                .With("customdata", custom).With("hovertemplate", hover)
                .With("xaxis", xa).With("yaxis", ya);
            var traces = new List<int> { fig.Add(line) };
            if (run.Status == RunStatus.Diverged)
            {
                // Mark the divergence where it began (Run.DivergedAt, the onset of the climb); if the loss is not
                // drawable there, at the last drawable loss before it.
                int onset = run.DivergedAt!.Value;
                int at = Math.Max(0, records.Count - 1);
                for (int k = 0; k < records.Count; k++)
                    if (records[k].T >= onset) { at = k; break; }
                bool Drawable(double v) => double.IsFinite(v) && (!logY || v > 0);
                int lastDrawable = Array.FindLastIndex(ys, at, v => Drawable(v));
                double markX = xs[at];
                double? markY = lastDrawable >= 0 ? ys[lastDrawable] : null;
                var mark = records[at];
                string label = $"{run.Name} diverged at t = {onset}";
                traces.Add(fig.Add(NewTrace("scatter").With("name", label).With("legendgroup", run.Name)
                    .With("showlegend", showLegend)
                    .With("x", new[] { markX }).With("y", new[] { markY }).With("mode", "markers")
                    .With("marker", Obj(("symbol", "x-thin-open"), ("size", 22), ("color", color),
                        ("line", Obj(("width", 4), ("color", color)))))
                    .With("hovertemplate", $"{label}<br>L = {Fmt(mark.Loss)}<extra></extra>")
                    .With("xaxis", xa).With("yaxis", ya)));
                noteTexts.Add(label);
            }
            indices.Add(traces.ToArray());
        }
        if (notes && runs.Count == 1)
            foreach (var note in Corners(noteTexts, panel)) fig.Note(note);
        Figure.Style(fig.XAxis(panel), xTitle);
        Figure.Style(fig.YAxis(panel), yTitle, log: logY);
        if (!logY) fig.YAxis(panel).With("exponentformat", "power");
        else fig.YAxis(panel).With("exponentformat", "power").With("dtick", 1);
        return indices;
    }

    /// <summary>
    /// The records a trace draws for the chosen x axis and their x positions. For epochs: passes over the data so far
    /// (rows processed / n, <see cref="Run.EpochProgress"/>), so a mini-batch run and a batch run compare fairly.
    /// </summary>
    private static (IReadOnlyList<StepRecord> Records, double[] X) Records(Run run, TraceAxis axis)
    {
        var steps = run.Steps;
        switch (axis)
        {
            case TraceAxis.Epoch:
                if (run.RowsPerEpoch is null)
                    throw new ArgumentException(
                        $"The run \"{run.Name}\" has no epochs: it ran on a plain function, not on rows of data. " +
                        "Use x: TraceAxis.Step, or a run over a dataset.", nameof(axis));
                return (steps, run.EpochProgress);
            case TraceAxis.GradientEvaluations:
                if (steps.Count > 1 && steps.All(s => s.GradientEvaluations == 0))
                    throw new ArgumentException(
                        $"The run \"{run.Name}\" records no gradient evaluations (all are 0). Use x: TraceAxis.Step.", nameof(axis));
                return (steps, steps.Select(s => (double)s.GradientEvaluations).ToArray());
            default:
                return (steps, steps.Select(s => (double)s.T).ToArray());
        }
    }

    /// <summary>t, then θ (up to 3 coordinates) for a trace point's hover.</summary>
    private static object?[] TraceCustom(StepRecord r, int dimension)
    {
        var row = new object?[1 + (dimension <= 3 ? dimension : 0)];
        row[0] = r.T;
        if (dimension <= 3)
            for (int i = 0; i < dimension; i++) row[1 + i] = Significant(r.Theta[i], 6);
        return row;
    }

    /// <summary>Thinning where non-finite y values (a log axis cannot draw them, or divergence) are kept as gaps.</summary>
    private static int[] ThinFinite(double[] xs, double[] ys, int maxPoints)
    {
        var safe = ys.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();
        return Thinning.ForDrawing(xs, safe, maxPoints);
    }

    /// <summary>
    /// Learning-rate schedules α_t over the steps t = 0 … steps − 1, one line each (legend: the schedule's own name).
    /// </summary>
    /// <param name="schedules">The schedules, e.g. constant, step decay, exponential, 1/t.</param>
    /// <param name="steps">How many steps to draw.</param>
    /// <param name="names">Legend names; by default each schedule's ToString().</param>
    /// <param name="logY">Draw α on a log scale.</param>
    /// <param name="title">The chart title.</param>
    /// <example><code>Plot.Schedules([Schedule.Constant(0.1), exponential, inverseTime], steps: 200)</code></example>
    public static GenericChart Schedules(IEnumerable<Schedule> schedules, int steps = 100,
        IEnumerable<string>? names = null, bool logY = false, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        Guard.Positive(steps, nameof(steps), "number of steps");
        var list = schedules.ToList();
        if (list.Count == 0) throw new ArgumentException("schedules is empty; pass at least one schedule.", nameof(schedules));
        var labels = names?.ToList() ?? list.Select(s => s.ToString() ?? "schedule").ToList();
        if (labels.Count != list.Count)
            throw new ArgumentException($"There are {list.Count} schedules but {labels.Count} names; pass one name per schedule.", nameof(names));
        var fig = new Figure(title ?? "Learning-rate schedules");
        var t = Enumerable.Range(0, steps).ToArray();
        for (int i = 0; i < list.Count; i++)
        {
            var alpha = t.Select(list[i].At).ToArray();
            var keep = Thinning.ForDrawing(t.Select(v => (double)v).ToArray(), alpha.Select(a => logY && a > 0 ? Math.Log10(a) : a).ToArray());
            fig.Add(NewTrace("scatter").With("name", labels[i])
                .With("x", keep.Select(k => t[k]).ToArray()).With("y", Finite(keep.Select(k => alpha[k])))
                .With("mode", "lines").With("line", Obj(("color", HouseStyle.ColorOf(i)), ("width", 3), ("shape", "linear")))
                .With("hovertemplate", $"t = %{{x}}<br>αₜ = %{{y:.5g}}<extra>{labels[i]}</extra>"));
        }
        Figure.Style(fig.XAxis(), "step t");
        Figure.Style(fig.YAxis(), "learning rate αₜ", log: logY).With("exponentformat", "power");
        fig.ShowLegend = true;
        return fig.ToChart();
    }

    /// <summary>
    /// A general line chart in the house style, for the numbers a lesson computes itself (success rate against
    /// restarts, steps against condition number, ...): one line per series over shared x values.
    /// </summary>
    /// <param name="x">The x values.</param>
    /// <param name="series">(name, y values) per line; each y has as many values as x.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="logX">Log scale on x.</param>
    /// <param name="logY">Log scale on y.</param>
    /// <param name="markers">Draw a marker at every point.</param>
    /// <example><code>Plot.Lines(restarts, [("success rate", rates)], title: "Random restarts", xTitle: "restarts", yTitle: "P(global minimum)")</code></example>
    public static GenericChart Lines(IEnumerable<double> x, IEnumerable<(string Name, IEnumerable<double> Y)> series,
        string title, string xTitle, string yTitle, bool logX = false, bool logY = false, bool markers = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var xs = x.ToArray();
        var list = series.Select(s => (s.Name, Y: s.Y.ToArray())).ToList();
        if (list.Count == 0) throw new ArgumentException("series is empty; pass at least one (name, values) pair.", nameof(series));
        var fig = new Figure(title);
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Y.Length != xs.Length)
                throw new ArgumentException(
                    $"Series \"{list[i].Name}\" has {list[i].Y.Length} values but there are {xs.Length} x values; pass one y per x.", nameof(series));
            fig.Add(NewTrace("scatter").With("name", list[i].Name).With("x", Finite(xs)).With("y", Finite(list[i].Y))
                .With("mode", markers ? "lines+markers" : "lines")
                .With("line", Obj(("color", HouseStyle.ColorOf(i)), ("width", 3)))
                .With("marker", Obj(("color", HouseStyle.ColorOf(i)), ("size", HouseStyle.MarkerSize)))
                .With("hovertemplate", $"{xTitle} = %{{x:.6g}}<br>{yTitle} = %{{y:.6g}}<extra>{list[i].Name}</extra>"));
        }
        Figure.Style(fig.XAxis(), xTitle, log: logX);
        Figure.Style(fig.YAxis(), yTitle, log: logY);
        return fig.ToChart();
    }
}
