using Descent.Optimizers;
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
    /// gradient step −α∇L, the momentum (−v or −α v from the velocity "v"; −α s̃ from Adam's first moment "s"), the
    /// adaptively scaled step (−α g ⊘ (δ + √r) from "r"; Adam's −α s̃ ⊘ (δ + √r̃)), and the actual step θ_t − θ_(t−1)
    /// (black, thicker). A component that coincides with the actual step is named in the actual step's label.
    /// For momentum methods a dashed arrow closes the triangle from the gradient step's tip to the actual step's tip:
    /// the part of the step the velocity carried over from earlier steps (−γ v_(t−1)).
    /// </summary>
    /// <remarks>
    /// Pass the <paramref name="stepper"/> that made the run: the cartoon then uses its own δ, ρ, momentum convention
    /// and bias correction, so its update rule's arrow is exactly the step it took (Adam's bias-corrected s̃ and r̃,
    /// Adagrad's δ = 10⁻⁷, RMSProp's δ = 10⁻⁶). A run does not record its stepper's hyperparameters, so without
    /// it the cartoon draws what the run recorded: Adam's moments s and r before bias correction (not Adam's step),
    /// δ = 10⁻⁸ for every adaptive method, and whichever momentum convention matches the step.
    /// </remarks>
    /// <param name="run">A run on a two-parameter objective whose steps record Gradient, LearningRate and State.</param>
    /// <param name="t">The step to draw (1 … number of steps): the update from θ_(t−1) to θ_t.</param>
    /// <param name="f">f(θ₀, θ₁) to draw as a contour underneath (optional).</param>
    /// <param name="xRange">The θ₀ range; by default the vectors' extent, padded.</param>
    /// <param name="yRange">The θ₁ range; by default the vectors' extent, padded.</param>
    /// <param name="title">The chart title; by default "The update at t = …: " and the run's name.</param>
    /// <param name="equalAxes">One unit of θ₁ as long as one unit of θ₀, so angles between vectors are true.</param>
    /// <param name="stepper">The stepper that made the run, for its hyperparameters (recommended; see remarks).</param>
    /// <example><code>var adam = new Adam(0.1); var run = adam.Run(f, [-2.8, 1.5]); Plot.UpdateCartoon(run, t: 3, f.F, stepper: adam)</code></example>
    public static GenericChart UpdateCartoon(Run run, int t, Func<double, double, double>? f = null,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null, string? title = null, bool equalAxes = true,
        Stepper? stepper = null)
    {
        var update = TakeApart(run, t, stepper);
        var (theta, step, alpha, g) = (update.Theta, update.Step, update.After.LearningRate, update.After.Gradient);

        // A part equal to the actual step is said in the step's label instead of drawn twice.
        double scale = Math.Max(Math.Sqrt(step[0] * step[0] + step[1] * step[1]), 1e-300);
        var same = update.Parts.Where(p => Distance(p.Vector, step) <= 1e-6 * scale + 1e-15).ToList();
        string stepLabel = "θₜ − θₜ₋₁: the actual step" + (same.Count > 0 ? " = " + string.Join(" = ", same.Select(p => p.Label.Split(':')[0])) : "");
        var arrows = update.Parts.Except(same).Select(p => Arrow.Vector(p.Label, theta, p.Vector)).ToList();
        double carriedX = step[0] + alpha * g[0], carriedY = step[1] + alpha * g[1];
        if (update.After.State.ContainsKey("v") && Math.Sqrt(carriedX * carriedX + carriedY * carriedY) > 1e-6 * scale)
        {
            // Vector addition: from the tip of the gradient step to the tip of the actual step is what the velocity
            // carried over from earlier steps (−γ v_(t−1) in the deck's convention).
            double[] gradientTip = [theta[0] - alpha * g[0], theta[1] - alpha * g[1]];
            arrows.Add(new Arrow("carried over: (θₜ − θₜ₋₁) + α∇L", gradientTip, [theta[0] + step[0], theta[1] + step[1]])
                { Color = HouseStyle.Purple, Dash = "dash" });
        }
        arrows.Add(Arrow.Vector(stepLabel, theta, step) with { Color = HouseStyle.Black });

        return Arrows(arrows, f, xRange, yRange, [], title ?? $"The update at t = {update.After.T}: {run.Name}", equalAxes);
    }

    /// <summary>One update of a run taken apart: from θ_(t−1), the actual step and the labelled vectors it is made of.</summary>
    internal sealed record Update(StepRecord Before, StepRecord After, double[] Step, IReadOnlyList<(string Label, double[] Vector)> Parts)
    {
        /// <summary>θ_(t−1), where every vector starts.</summary>
        public double[] Theta => Before.Theta;
    }

    /// <summary>Takes step t of <paramref name="run"/> apart into the vectors <see cref="UpdateCartoon"/> draws.</summary>
    internal static Update TakeApart(Run run, int t, Stepper? stepper)
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
        if (after.T != before.T + 1)
            throw new ArgumentException(
                $"Records {t - 1} and {t} of \"{run.Name}\" are steps {before.T} and {after.T}: the run recorded only some steps, " +
                "so one update cannot be drawn. Record every step (recordEvery: 1).", nameof(run));
        var step = new[] { after.Theta[0] - before.Theta[0], after.Theta[1] - before.Theta[1] };
        double α = after.LearningRate;
        var g = after.Gradient;
        var gradientStep = stepper is Nesterov
            ? ("−α∇L(θ̃): gradient step, with the gradient at the look-ahead point θ̃", Times(-α, g))
            : ("−α∇L: plain gradient step", Times(-α, g));
        List<(string, double[])> parts = [gradientStep];
        parts.AddRange(stepper switch
        {
            null => RecordedParts(after, step),
            GradientDescent => [],
            Momentum m => [MomentumPart(m.Convention == MomentumConvention.VelocityIncludesLearningRate, α, State(after, "v", m))],
            Nesterov n => [MomentumPart(velocityIncludesLearningRate: true, α, State(after, "v", n))],
            Adagrad a => [ScaledPart(α, g, State(after, "r", a), a.Delta)],
            RMSProp p => [ScaledPart(α, g, State(after, "r", p), p.Delta)],
            Adam adam => AdamParts(adam, after.T, α, State(after, "s", adam), State(after, "r", adam)),
            _ => RecordedParts(after, step),
        });
        return new Update(before, after, step, parts);
    }

    /// <summary>Momentum: θ moves by −v when v carries α (v_t = γ v_(t−1) + α g), by −α v otherwise.</summary>
    private static (string, double[]) MomentumPart(bool velocityIncludesLearningRate, double α, double[] v) =>
        velocityIncludesLearningRate ? ("−v: velocity (momentum)", Times(-1, v)) : ("−α v: velocity step (momentum)", Times(-α, v));

    /// <summary>Adagrad and RMSProp: −α / (δ + √r) · g, element by element.</summary>
    private static (string, double[]) ScaledPart(double α, double[] g, double[] r, double δ) =>
        ("−α g ⊘ (δ + √r): adaptively scaled step", [-α / (δ + Math.Sqrt(r[0])) * g[0], -α / (δ + Math.Sqrt(r[1])) * g[1]]);

    /// <summary>
    /// Adam at step t: s̃ = s / (1 − ρ₁^t), r̃ = r / (1 − ρ₂^t) (or s and r as they are, without bias correction);
    /// the momentum −α s̃ and the step −α s̃ ⊘ (δ + √r̃).
    /// </summary>
    private static (string, double[])[] AdamParts(Adam adam, int t, double α, double[] s, double[] r)
    {
        double c1 = adam.BiasCorrection ? 1 - Math.Pow(adam.Rho1, t) : 1;     // 1 − ρ₁^t
        double c2 = adam.BiasCorrection ? 1 - Math.Pow(adam.Rho2, t) : 1;     // 1 − ρ₂^t
        double[] sTilde = [s[0] / c1, s[1] / c1], rTilde = [r[0] / c2, r[1] / c2];
        double δ = adam.Delta;
        double[] adamStep = [-α * sTilde[0] / (δ + Math.Sqrt(rTilde[0])), -α * sTilde[1] / (δ + Math.Sqrt(rTilde[1]))];
        return adam.BiasCorrection
            ? [("−α s̃: momentum (bias-corrected first moment)", Times(-α, sTilde)),
               ("−α s̃ ⊘ (δ + √r̃): Adam's step, bias-corrected", adamStep)]
            : [("−α s: momentum (first moment)", Times(-α, sTilde)),
               ("−α s ⊘ (δ + √r): Adam's step without bias correction", adamStep)];
    }

    /// <summary>
    /// The parts drawn without the stepper, from the recorded state alone: Adam's moments before bias correction,
    /// δ = 10⁻⁸ for every adaptive method, and the momentum convention that matches the step.
    /// </summary>
    private static List<(string, double[])> RecordedParts(StepRecord after, double[] step)
    {
        const double delta = 1e-8;
        double alpha = after.LearningRate;
        var g = after.Gradient;
        var state = after.State;
        var parts = new List<(string, double[])>();
        if (state.TryGetValue("s", out var s) && s.Length == 2)
        {
            parts.Add(("−α s: momentum (first moment)", Times(-alpha, s)));
            if (state.TryGetValue("r", out var r2) && r2.Length == 2)
                parts.Add(("−α s ⊘ √r: scaled momentum, before bias correction",
                    [-alpha * s[0] / (Math.Sqrt(r2[0]) + delta), -alpha * s[1] / (Math.Sqrt(r2[1]) + delta)]));
        }
        else if (state.TryGetValue("r", out var r) && r.Length == 2)
            parts.Add(("−α g ⊘ √r: adaptively scaled step", [-alpha * g[0] / (Math.Sqrt(r[0]) + delta), -alpha * g[1] / (Math.Sqrt(r[1]) + delta)]));
        if (state.TryGetValue("v", out var v) && v.Length == 2)
        {
            // Courses write momentum two ways: θ −= v (v carries α) or θ −= α v. Draw the one this optimizer took.
            parts.Add(MomentumPart(Distance(Times(-1, v), step) <= Distance(Times(-alpha, v), step), alpha, v));
        }
        return parts;
    }

    /// <summary>The state vector <paramref name="name"/> the record holds, which <paramref name="stepper"/> must have recorded.</summary>
    private static double[] State(StepRecord record, string name, Stepper stepper) =>
        record.State.TryGetValue(name, out var value) && value.Length == 2
            ? value
            : throw new ArgumentException(
                $"Step {record.T} recorded the state [{string.Join(", ", record.State.Keys)}], but {stepper.GetType().Name} keeps " +
                $"\"{name}\": pass the stepper that made this run.", nameof(stepper));

    private static double[] Times(double c, double[] x) => [c * x[0], c * x[1]];

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
