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
        axis.With("title", Obj(("text", Readable.Scripts(title))));
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

    /// <summary>Adds a text note (an annotation) placed in data or paper coordinates; returns its index in layout.annotations.</summary>
    public int Note(Props annotation)
    {
        annotations.Add(annotation);
        return annotations.Count - 1;
    }

    /// <summary>Adds a slider (a layout.sliders entry).</summary>
    public void Slider(Props slider) => sliders.Add(slider);

    /// <summary>Shows or hides the legend; by default it shows when at least two traces ask for it.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Kept for the charts that asked for it: every legend now stands in horizontal rows between the title and the plot.</summary>
    public bool LegendOnTop { get; set; }

    /// <summary>
    /// Pins the title to the top of the figure, puts the legend's rows right under it and makes the top margin tall
    /// enough for them, so a long legend wraps into more rows instead of running into the title or a colour bar.
    /// </summary>
    private void PlaceLegendOnTop(IReadOnlyList<IReadOnlyList<string>> shown)
    {
        int rows = shown.Select(entries => LegendRows(entries)).DefaultIfEmpty(1).Max();
        double height = Layout.Get("height") is int h ? h : HouseStyle.Height;
        int top = Readable.TitleHeight(TitleTexts());
        Layout.With("legend", Obj(("orientation", "h"), ("x", 0), ("xanchor", "left"),
            ("yref", "container"), ("y", 1 - (top + 4) / height), ("yanchor", "top")));
        var margin = Layout.Get("margin") as Props ?? Obj(("l", 80), ("r", 30), ("b", 70));
        margin["t"] = top + 14 + 27 * rows;
        Layout.With("margin", margin);
    }

    /// <summary>
    /// The legend's entries in each state the figure can be in: one list per slider position (the traces that position
    /// shows), or one list of the visible traces when no slider sets visibility. plotly.js lists only visible traces, so a
    /// slider over many sets of lines shows one set's entries at a time, and the legend is sized for the longest set.
    /// </summary>
    internal IReadOnlyList<IReadOnlyList<string>> LegendEntries()
    {
        List<string> Entries(Func<int, bool> visible) => traces.Select((t, i) => (t, i))
            .Where(p => visible(p.i) && p.t.Get("showlegend") is not false && p.t.Get("name") is string)
            .Select(p => (string)p.t.Get("name")!).ToList();
        var states = new List<IReadOnlyList<string>>();
        foreach (var slider in sliders.OfType<Props>())
            if (slider.GetValueOrDefault("steps") is Props[] steps)
                foreach (var step in steps)
                    if (step.GetValueOrDefault("args") is object[] { Length: >= 1 } args && args[0] is Props update
                        && update.GetValueOrDefault("visible") is bool[] visible && visible.Length == traces.Count)
                        states.Add(Entries(i => visible[i]));
        if (states.Count == 0) states.Add(Entries(i => traces[i].Get("visible") is not false));
        return states;
    }

    /// <summary>Every text the title takes: its own, and each one a slider step sets.</summary>
    private List<string> TitleTexts()
    {
        var texts = new List<string>();
        if (Layout.Get("title") is Props t && t.GetValueOrDefault("text") is string own) texts.Add(own);
        foreach (var slider in sliders.OfType<Props>())
            if (slider.GetValueOrDefault("steps") is Props[] steps)
                foreach (var step in steps)
                    if (step.GetValueOrDefault("args") is object[] { Length: 2 } args && args[1] is Props update
                        && update.GetValueOrDefault("title.text") is string text)
                        texts.Add(text);
        return texts;
    }

    /// <summary>
    /// Wraps the title (and every title a slider sets) for the narrowest output area, pins it to the top of the
    /// figure and makes the top margin tall enough for its lines, so it never runs off the chart or into the plot.
    /// </summary>
    private void PlaceTitle()
    {
        if (Layout.Get("title") is Props title && title.GetValueOrDefault("text") is string text)
            title["text"] = Readable.WrapTitle(text);
        foreach (var slider in sliders.OfType<Props>())
            if (slider.GetValueOrDefault("steps") is Props[] steps)
                foreach (var step in steps)
                    if (step.GetValueOrDefault("args") is object[] { Length: 2 } args && args[1] is Props update
                        && update.GetValueOrDefault("title.text") is string t)
                        update["title.text"] = Readable.WrapTitle(t);
        double height = Layout.Get("height") is int h ? h : HouseStyle.Height;
        // plotly.js lifts a title of several lines by about 19 px a line past the first: the top line stays 10 px down.
        double Y(string text) => 1 - (10 + 19 * (Readable.Lines(text) - 1)) / height;
        if (Layout.Get("title") is Props pinned)
            pinned.With("yref", "container").With("y", Y(pinned.GetValueOrDefault("text") as string ?? "")).With("yanchor", "top");
        foreach (var slider in sliders.OfType<Props>())
            if (slider.GetValueOrDefault("steps") is Props[] steps)
                foreach (var step in steps)
                    if (step.GetValueOrDefault("args") is object[] { Length: 2 } args && args[1] is Props update
                        && update.GetValueOrDefault("title.text") is string t)
                        update["title.y"] = Y(t);
        var margin = Layout.Get("margin") as Props ?? Obj(("l", 80), ("r", 30), ("b", 70));
        margin["t"] = Math.Max(Readable.TitleHeight(TitleTexts()) + 16, 40);
        Layout.With("margin", margin);
    }

    /// <summary>
    /// How many rows a horizontal legend needs: about 8.5 px a character plus 50 px for the symbol and gap, in the
    /// narrowest output area charts are laid out for (<see cref="HouseStyle.NarrowWidth"/>, a phone).
    /// </summary>
    internal static int LegendRows(IEnumerable<string> entries, double width = HouseStyle.NarrowWidth)
    {
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
        var shown = LegendEntries();
        bool legend = ShowLegend ?? shown.Any(entries => entries.Count >= 2);
        Layout.With("showlegend", legend);
        if (Layout.Get("height") is int tall && tall > HouseStyle.MaxHeight) Layout.With("height", HouseStyle.MaxHeight);
        PlaceTitle();
        // The legend always stands in rows between the title and the plot: on the right it would cover the plot in a
        // phone's narrow output area (a figure cannot ask for a media query).
        if (legend) PlaceLegendOnTop(shown);
        Readable.LogAxisTicks(Layout, traces);
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
