using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

/// <summary>
/// Assembles one figure: traces, a layout in the house style (slim template, title, axes, legend) and the
/// config. Every public chart builds a <see cref="Figure"/> and returns <see cref="ToChart"/>.
/// </summary>
internal sealed class Figure
{
    private readonly List<Trace> traces = [];
    private readonly List<object> annotations = [];
    private readonly List<object> sliders = [];

    public Figure(string title, int height = HouseStyle.Height)
    {
        Title = title;
        Layout = new Layout()
            .With("template", Template())
            .With("title", Obj(("text", title)))
            .With("height", height)
            .With("margin", Obj(("l", 80), ("r", 30), ("t", 80), ("b", 70)));
    }

    /// <summary>The chart title.</summary>
    public string Title { get; }

    /// <summary>The layout; charts add axes, sliders and so on to it.</summary>
    public Layout Layout { get; }

    /// <summary>The traces added so far, in drawing order.</summary>
    public IReadOnlyList<Trace> Traces => traces;

    /// <summary>Adds a trace; returns its index (what a slider's visibility array refers to).</summary>
    public int Add(Trace trace)
    {
        traces.Add(trace);
        return traces.Count - 1;
    }

    /// <summary>Adds several traces; returns the index of each.</summary>
    public int[] AddRange(IEnumerable<Trace> more) => more.Select(Add).ToArray();

    /// <summary>The x axis with the given number (1 is "xaxis", 2 is "xaxis2"), created on first use.</summary>
    public Props XAxis(int id = 1) => Axis("xaxis", id);

    /// <summary>The y axis with the given number (1 is "yaxis", 2 is "yaxis2"), created on first use.</summary>
    public Props YAxis(int id = 1) => Axis("yaxis", id);

    private Props Axis(string prefix, int id)
    {
        string key = id == 1 ? prefix : prefix + id;
        if (Layout.Get(key) is Props existing) return existing;
        var axis = new Props();
        Layout.SetProperty(key, axis);
        return axis;
    }

    /// <summary>Sets an axis title and, optionally, a fixed range and a log scale.</summary>
    public static Props Style(Props axis, string title, (double Min, double Max)? range = null, bool log = false)
    {
        axis.With("title", Obj(("text", title)));
        if (log) axis.With("type", "log");
        if (range is { } r)
            axis.With("range", log ? new[] { Math.Log10(r.Min), Math.Log10(r.Max) } : new[] { r.Min, r.Max });
        return axis;
    }

    /// <summary>Makes one y unit as long on screen as one x unit (circles look round, gradients look perpendicular).</summary>
    public void EqualAxes(int id = 1)
    {
        string x = id == 1 ? "x" : "x" + id;
        YAxis(id).With("scaleanchor", x).With("scaleratio", 1);
        XAxis(id).With("constrain", "domain");
        YAxis(id).With("constrain", "domain");
    }

    /// <summary>Adds a text note (an annotation) placed in data or paper coordinates.</summary>
    public void Note(Props annotation) => annotations.Add(annotation);

    /// <summary>Adds a slider (a layout.sliders entry).</summary>
    public void Slider(Props slider) => sliders.Add(slider);

    /// <summary>Shows or hides the legend; by default it shows when at least two traces ask for it.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Puts the legend in horizontal rows between the title and the plot (else it stands on the right).</summary>
    public bool LegendOnTop { get; set; }

    /// <summary>
    /// Pins the title to the top of the figure, puts the legend's rows right under it and makes the top margin tall
    /// enough for them, so a long legend wraps into more rows instead of running into the title or a colour bar.
    /// </summary>
    private void PlaceLegendOnTop(IReadOnlyList<string> entries)
    {
        int rows = LegendRows(entries);
        double height = Layout.Get("height") is int h ? h : HouseStyle.Height;
        if (Layout.Get("title") is Props title)
            title.With("yref", "container").With("y", 1 - 12 / height).With("yanchor", "top");
        Layout.With("legend", Obj(("orientation", "h"), ("x", 0), ("xanchor", "left"),
            ("yref", "container"), ("y", 1 - 48 / height), ("yanchor", "top")));
        var margin = Layout.Get("margin") as Props ?? Obj(("l", 80), ("r", 30), ("b", 70));
        margin["t"] = 58 + 27 * rows;
        Layout.With("margin", margin);
    }

    /// <summary>
    /// How many rows a horizontal legend needs: about 8.5 px a character plus 50 px for the symbol and gap, in the
    /// 600 px a notebook's output area leaves at least.
    /// </summary>
    internal static int LegendRows(IEnumerable<string> entries)
    {
        const double width = 600;
        int rows = 1;
        double used = 0;
        foreach (var name in entries)
        {
            double w = 8.5 * name.Length + 50;
            if (used > 0 && used + w > width) { rows++; used = 0; }
            used += w;
        }
        return rows;
    }

    /// <summary>The finished chart.</summary>
    public GenericChart ToChart()
    {
        var entries = traces.Where(t => t.Get("showlegend") is not false && t.Get("name") is string)
            .Select(t => (string)t.Get("name")!).ToList();
        bool legend = ShowLegend ?? entries.Count >= 2;
        Layout.With("showlegend", legend);
        if (legend && LegendOnTop) PlaceLegendOnTop(entries);
        if (annotations.Count > 0) Layout.With("annotations", annotations.ToArray());
        if (sliders.Count > 0) Layout.With("sliders", sliders.ToArray());
        var chart = GenericChart.ofTraceObjects(false, traces);
        chart = GenericChart.setLayout(Layout, chart);
        return GenericChart.setConfig(Config(), chart);
    }

    /// <summary>Responsive width, no Plotly logo: the chart fits the notebook's output area.</summary>
    internal static Config Config() => new Config().With("responsive", true).With("displaylogo", false);

    /// <summary>
    /// The slim house template: fonts that read on a projector, white background with light grids, axis lines,
    /// the Okabe–Ito colourway. Axis defaults in a template apply to every x and y axis of the figure.
    /// </summary>
    internal static Props Template()
    {
        Props Axis() => Obj(
            ("showgrid", true), ("gridcolor", "#e4e4e4"), ("zeroline", false),
            ("showline", true), ("linecolor", "#555555"), ("linewidth", 1.5), ("ticks", "outside"),
            ("automargin", true), ("title", Obj(("standoff", 12), ("font", Obj(("size", HouseStyle.FontSize + 2))))));
        var layout = Obj(
            ("font", Obj(("family", "Arial, Helvetica, sans-serif"), ("size", HouseStyle.FontSize), ("color", "#222222"))),
            ("title", Obj(("font", Obj(("size", HouseStyle.TitleSize))), ("x", 0.02), ("xanchor", "left"))),
            ("paper_bgcolor", "#ffffff"), ("plot_bgcolor", "#ffffff"),
            ("colorway", HouseStyle.Colors.ToArray()),
            ("xaxis", Axis()), ("yaxis", Axis()),
            ("hoverlabel", Obj(("font", Obj(("size", HouseStyle.FontSize))))),
            ("legend", Obj(("bgcolor", "rgba(255,255,255,0.85)"), ("font", Obj(("size", HouseStyle.FontSize))))));
        return Obj(("layout", layout));
    }
}
