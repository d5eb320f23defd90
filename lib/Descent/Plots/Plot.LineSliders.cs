using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

public static partial class Plot
{
    /// <summary>
    /// A slider over precomputed sets of lines: position k shows the lines of <paramref name="positions"/>[k] (one or more
    /// series over the shared <paramref name="x"/>), the others are hidden. The axes keep one range for every position, so
    /// moving the slider compares like with like. The slider only toggles visibility, so it works in exported HTML with no
    /// kernel. Series i of every position is drawn in colour i.
    /// </summary>
    /// <param name="x">The x values, shared by every series.</param>
    /// <param name="positions">One (label, series) per slider position, in slider order.</param>
    /// <param name="title">The chart title; the second line names the current position.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="prefix">Shown before the current label, e.g. "γ = ".</param>
    /// <param name="active">The slider position shown first.</param>
    /// <param name="logY">Log scale on y (values ≤ 0 are left out).</param>
    /// <param name="yRange">A fixed y range; by default the extent of every position's values.</param>
    /// <example><code>Plot.LinesSlider(steps, gammas.Select(g =&gt; ($"{g}", new[] { ("error", Errors(g)) })), "Error", "k", "x_k", prefix: "γ = ")</code></example>
    public static GenericChart LinesSlider(IEnumerable<double> x,
        IEnumerable<(string Label, IEnumerable<(string Name, IEnumerable<double> Y)> Series)> positions,
        string title, string xTitle, string yTitle, string prefix = "", int active = 0, bool logY = false,
        (double Min, double Max)? yRange = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var xs = x.ToArray();
        var list = positions.Select(p => (p.Label, Series: (p.Series ?? throw new ArgumentNullException(nameof(positions)))
            .Select(s => (s.Name, Y: s.Y.ToArray())).ToList())).ToList();
        if (list.Count == 0) throw new ArgumentException("positions is empty; pass at least one (label, series) pair.", nameof(positions));
        if (active < 0 || active >= list.Count)
            throw new ArgumentOutOfRangeException(nameof(active), active, $"active must be a slider position from 0 to {list.Count - 1}.");
        var fig = new Figure(title, height: HouseStyle.Height + 90);
        var owner = new List<int>();
        for (int k = 0; k < list.Count; k++)
            for (int i = 0; i < list[k].Series.Count; i++)
            {
                var (name, y) = list[k].Series[i];
                if (y.Length != xs.Length)
                    throw new ArgumentException(
                        $"Series \"{name}\" at position \"{list[k].Label}\" has {y.Length} values but there are {xs.Length} x values; pass one y per x.",
                        nameof(positions));
                var shown = logY ? y.Select(v => v > 0 ? v : double.NaN) : y;
                fig.Add(NewTrace("scatter").With("name", name).With("x", Finite(xs)).With("y", Finite(shown))
                    .With("mode", "lines").With("line", Obj(("color", HouseStyle.ColorOf(i)), ("width", 3)))
                    .With("hovertemplate", $"{xTitle} = %{{x:.6g}}<br>{yTitle} = %{{y:.6g}}<extra>{name}</extra>"));
                owner.Add(k);
            }
        var all = list.SelectMany(p => p.Series.SelectMany(s => s.Y)).Where(v => double.IsFinite(v) && (!logY || v > 0)).ToList();
        var range = yRange ?? (all.Count == 0 ? ((double, double)?)null
            : logY ? (all.Min(), all.Max() * 1.5) : Extent(all));
        Figure.Style(fig.XAxis(), xTitle, xs.Length > 0 ? (xs.Min(), xs.Max()) : null);
        Figure.Style(fig.YAxis(), yTitle, range, logY);
        var visible = Enumerable.Range(0, list.Count).Select(k => owner.Select(o => o == k).ToArray()).ToList();
        var titles = list.Select(p => $"{title}<br><sup>{prefix}{p.Label}</sup>").ToList();
        AddSlider(fig, list.Select(p => p.Label).ToList(), visible, titles, active, prefix);
        return fig.ToChart();
    }
}
