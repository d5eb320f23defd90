using Descent.Training;
using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

public static partial class Plot
{
    /// <summary>
    /// Labelled arrows in the (θ₀, θ₁) plane, optionally over a contour and with paths: for pictures such as
    /// Nesterov's look-ahead (the momentum step, then the gradient at the look-ahead point). Arrow i is drawn in colour i.
    /// </summary>
    /// <param name="arrows">The arrows, e.g. <c>Arrow.Vector("−γv", θ, [..])</c>.</param>
    /// <param name="f">f(θ₀, θ₁) to draw as a contour underneath (optional).</param>
    /// <param name="xRange">The θ₀ range; by default the arrows' extent, padded.</param>
    /// <param name="yRange">The θ₁ range; by default the arrows' extent, padded.</param>
    /// <param name="runs">Paths to draw underneath (optional).</param>
    /// <param name="title">The chart title.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀, so angles between arrows are true.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <example><code>Plot.Arrows([Arrow.Vector("−γv", θ, momentum), Arrow.Vector("−α∇L(look-ahead)", ahead, step)], f)</code></example>
    public static GenericChart Arrows(IEnumerable<Arrow> arrows, Func<double, double, double>? f = null,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null, IEnumerable<Run>? runs = null,
        string title = "Vectors", bool equalAxes = true, string xTitle = "θ₀", string yTitle = "θ₁")
    {
        ArgumentNullException.ThrowIfNull(arrows);
        var list = arrows.ToList();
        if (list.Count == 0) throw new ArgumentException("arrows is empty; pass at least one Arrow.", nameof(arrows));
        foreach (var a in list)
            if (a.From is not { Length: >= 2 } || a.To is not { Length: >= 2 })
                throw new ArgumentException($"The arrow \"{a.Label}\" needs 2 coordinates at both ends.", nameof(arrows));
        var runList = CheckRuns(runs ?? [], nameof(runs), allowEmpty: true);
        var fig = new Figure(title, height: 580);
        var xr = xRange ?? Extent(list.SelectMany(a => new[] { a.From[0], a.To[0] }), 0.25);
        var yr = yRange ?? Extent(list.SelectMany(a => new[] { a.From[1], a.To[1] }), 0.25);
        if (equalAxes && xRange is null && yRange is null)
        {
            // A square window: with equal axes the plot then fills the chart's height instead of becoming a sliver.
            double half = Math.Max(xr.Max - xr.Min, yr.Max - yr.Min) / 2;
            double cx = (xr.Min + xr.Max) / 2, cy = (yr.Min + yr.Max) / 2;
            (xr, yr) = ((cx - half, cx + half), (cy - half, cy + half));
        }
        CheckRange(xr, nameof(xRange));
        CheckRange(yr, nameof(yRange));
        if (f is not null)
            AddContourPaths(fig, f, xr, yr, runList, null, xTitle, yTitle, "L", 60, 20, false, Thinning.DefaultMaxPoints, 1, showScale: false);
        else
        {
            string hover = $"t = %{{customdata[0]}}<br>{xTitle} = %{{x:.5g}}<br>{yTitle} = %{{y:.5g}}<br>L = %{{customdata[1]:.5g}}";
            for (int i = 0; i < runList.Count; i++)
                fig.AddRange(PathTraces(DrawnPath.Plane(runList[i], 0, 1, Thinning.DefaultMaxPoints), runList[i].Name,
                    "#9a9a9a", hover, false));
            Figure.Style(fig.XAxis(), xTitle, xr);
            Figure.Style(fig.YAxis(), yTitle, yr);
        }
        for (int i = 0; i < list.Count; i++)
        {
            var a = list[i];
            fig.Add(VectorTrace(a, a.Color ?? HouseStyle.ColorOf(i), a.Color == HouseStyle.Black ? 4.5 : 3.5));
        }
        var origins = list.Select(a => (a.From[0], a.From[1])).Distinct().ToList();
        fig.Add(NewTrace("scatter").With("name", "tail").With("showlegend", false)
            .With("x", Finite(origins.Select(o => o.Item1))).With("y", Finite(origins.Select(o => o.Item2)))
            .With("mode", "markers").With("marker", Obj(("color", HouseStyle.Black), ("size", HouseStyle.MarkerSize)))
            .With("hovertemplate", $"{xTitle} = %{{x:.5g}}<br>{yTitle} = %{{y:.5g}}<extra></extra>"));
        if (equalAxes) fig.EqualAxes();
        fig.ShowLegend = true;
        return fig.ToChart();
    }

    /// <summary>
    /// The update cartoon at step t of a run: from θ_(t−1), the vectors that make up the update, to scale: the plain
    /// gradient step −α∇L, the momentum (−v, from the state "v", or −α s from Adam's first moment "s"), the adaptively
    /// scaled step (−α g ⊘ √r, from "r"; for Adam −α s ⊘ √r, before bias correction), and the actual step
    /// θ_t − θ_(t−1) (black, thicker). A component that coincides with the actual step is named in the actual step's label.
    /// For momentum methods a dashed arrow closes the triangle from the gradient step's tip to the actual step's tip:
    /// the part of the step the velocity carried over from earlier steps (−γ v_(t−1)).
    /// </summary>
    /// <param name="run">A run on a two-parameter objective whose steps record Gradient, LearningRate and State.</param>
    /// <param name="t">The step to draw (1 … number of steps): the update from θ_(t−1) to θ_t.</param>
    /// <param name="f">f(θ₀, θ₁) to draw as a contour underneath (optional).</param>
    /// <param name="xRange">The θ₀ range; by default the vectors' extent, padded.</param>
    /// <param name="yRange">The θ₁ range; by default the vectors' extent, padded.</param>
    /// <param name="title">The chart title; by default "The update at t = …: " and the run's name.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀, so angles between vectors are true.</param>
    /// <example><code>Plot.UpdateCartoon(adamRun, t: 3, f)</code></example>
    public static GenericChart UpdateCartoon(Run run, int t, Func<double, double, double>? f = null,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null, string? title = null, bool equalAxes = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (t < 1 || t >= run.Steps.Count)
            throw new ArgumentOutOfRangeException(nameof(t), t,
                $"The run \"{run.Name}\" has steps 1 to {run.Steps.Count - 1}; pick t in that range (t = 1 is the first update).");
        var before = run.Steps[t - 1];
        var after = run.Steps[t];
        if (before.Theta.Length != 2)
            throw new ArgumentException($"The update cartoon draws a two-parameter run; \"{run.Name}\" has {before.Theta.Length} parameters.", nameof(run));
        if (after.Gradient.Length != 2)
            throw new ArgumentException($"Step {t} of \"{run.Name}\" recorded no gradient, so its update cannot be drawn.", nameof(run));
        double alpha = after.LearningRate;
        var g = after.Gradient;
        var theta = before.Theta;
        var step = new[] { after.Theta[0] - theta[0], after.Theta[1] - theta[1] };
        var parts = new List<(string Label, double[] Vector)>
        {
            ("−α∇L: plain gradient step", [-alpha * g[0], -alpha * g[1]]),
        };
        var state = after.State;
        const double delta = 1e-8;
        if (state.TryGetValue("s", out var s) && s.Length == 2)
        {
            parts.Add(("−α s: momentum (first moment)", [-alpha * s[0], -alpha * s[1]]));
            if (state.TryGetValue("r", out var r2) && r2.Length == 2)
                parts.Add(("−α s ⊘ √r: scaled momentum, before bias correction",
                    [-alpha * s[0] / (Math.Sqrt(r2[0]) + delta), -alpha * s[1] / (Math.Sqrt(r2[1]) + delta)]));
        }
        else if (state.TryGetValue("r", out var r) && r.Length == 2)
            parts.Add(("−α g ⊘ √r: adaptively scaled step", [-alpha * g[0] / (Math.Sqrt(r[0]) + delta), -alpha * g[1] / (Math.Sqrt(r[1]) + delta)]));
        if (state.TryGetValue("v", out var v) && v.Length == 2)
        {
            // Courses write momentum two ways: θ −= v (v carries α) or θ −= α v. Draw the one this optimizer took.
            double[] minusV = [-v[0], -v[1]], minusAlphaV = [-alpha * v[0], -alpha * v[1]];
            parts.Add(Distance(minusAlphaV, step) < Distance(minusV, step)
                ? ("−α v: velocity step (momentum)", minusAlphaV)
                : ("−v: velocity (momentum)", minusV));
        }
        // A part equal to the actual step is said in the step's label instead of drawn twice.
        double scale = Math.Max(Math.Sqrt(step[0] * step[0] + step[1] * step[1]), 1e-300);
        var same = parts.Where(p => Distance(p.Vector, step) <= 1e-6 * scale + 1e-15).ToList();
        string stepLabel = "θₜ − θₜ₋₁: the actual step" + (same.Count > 0 ? " = " + string.Join(" = ", same.Select(p => p.Label.Split(':')[0])) : "");
        var arrows = parts.Except(same).Select(p => Arrow.Vector(p.Label, theta, p.Vector)).ToList();
        double carriedX = step[0] + alpha * g[0], carriedY = step[1] + alpha * g[1];
        if (state.ContainsKey("v") && Math.Sqrt(carriedX * carriedX + carriedY * carriedY) > 1e-6 * scale)
        {
            // Vector addition: from the tip of the gradient step to the tip of the actual step is what the velocity
            // carried over from earlier steps (−γ v_(t−1) in the deck's convention).
            double[] gradientTip = [theta[0] - alpha * g[0], theta[1] - alpha * g[1]];
            arrows.Add(new Arrow("carried over: (θₜ − θₜ₋₁) + α∇L", gradientTip, [theta[0] + step[0], theta[1] + step[1]])
                { Color = HouseStyle.Purple, Dash = "dash" });
        }
        arrows.Add(Arrow.Vector(stepLabel, theta, step) with { Color = HouseStyle.Black });

        return Arrows(arrows, f, xRange, yRange, [], title ?? $"The update at t = {after.T}: {run.Name}", equalAxes);
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]));

    /// <summary>One arrow trace with hover giving the vector's components.</summary>
    private static Plotly.NET.Trace VectorTrace(Arrow a, string color, double width)
    {
        double dx = a.To[0] - a.From[0], dy = a.To[1] - a.From[1];
        return NewTrace("scatter").With("name", a.Label)
            .With("x", Finite([a.From[0], a.To[0]])).With("y", Finite([a.From[1], a.To[1]]))
            .With("mode", "lines+markers")
            .With("line", Obj(("color", color), ("width", width), ("dash", a.Dash)))
            .With("marker", Obj(("symbol", "arrow"), ("angleref", "previous"), ("size", new[] { 0, 8 + 3 * width }), ("opacity", 1),
                ("color", color), ("line", Obj(("width", 0)))))
            .With("hovertemplate", $"{a.Label}<br>vector = ({Fmt(dx, 5)}, {Fmt(dy, 5)})<extra></extra>");
    }
}
