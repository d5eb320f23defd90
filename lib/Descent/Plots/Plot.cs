using System.Globalization;
using Descent.Training;
using Plotly.NET;
using static Descent.Plots.PlotlyObjects;

namespace Descent.Plots;

/// <summary>
/// The pictures every lesson draws: one static method per picture, each returning a Plotly.NET
/// <see cref="GenericChart"/> that a notebook cell displays. Type <c>Plot.</c> to see them all.
/// </summary>
/// <remarks>
/// Every chart shares one house style (<see cref="HouseStyle"/>): the Okabe–Ito palette, projector-sized fonts,
/// a title, axis titles with Greek letters, hover text with t, θ and the loss, and a slim template. Run i is
/// drawn in colour i in every chart, so the same optimizer keeps its colour from a contour to its trace.
/// Long runs are thinned to at most <c>maxPoints</c> points (2,000 by default) keeping the first and last
/// points and the turns. Sliders are precomputed: they keep working in exported HTML, where no C# runs.
/// </remarks>
public static partial class Plot
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A number for titles and legends: 4 significant digits, a real minus sign.</summary>
    internal static string Fmt(double value, int digits = 4)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "−∞";
        string s = value.ToString("G" + digits, Invariant);
        if (s.Contains('E'))
        {
            // 1E-05 → 1×10⁻⁵ reads better on a slide than computer notation.
            var parts = s.Split('E');
            int exponent = int.Parse(parts[1], Invariant);
            string mantissa = parts[0] == "1" ? "" : parts[0] + "×";
            s = mantissa + "10" + Superscript(exponent);
        }
        return s.Replace('-', '−');
    }

    internal static string Superscript(int n)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = Math.Abs(n).ToString(Invariant);
        return (n < 0 ? "⁻" : "") + string.Concat(text.Select(c => digits[c - '0']));
    }

    /// <summary>Checks a (min, max) range: finite, min &lt; max.</summary>
    internal static void CheckRange((double Min, double Max) range, string name)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || range.Min >= range.Max)
            throw new ArgumentException(
                $"{name} = ({Fmt(range.Min)}, {Fmt(range.Max)}) is not a range: pass (min, max) with finite min < max, " +
                "for example (1, 6.75).", name);
    }

    /// <summary>The runs as a list, checked: at least one, none null.</summary>
    internal static IReadOnlyList<Run> CheckRuns(IEnumerable<Run> runs, string name, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(runs, name);
        var list = runs.ToList();
        if (list.Count == 0 && !allowEmpty)
            throw new ArgumentException($"{name} is empty; pass at least one run, for example [run].", name);
        for (int i = 0; i < list.Count; i++)
            if (list[i] is null) throw new ArgumentNullException(name, $"{name}[{i}] is null.");
        return list;
    }

    /// <summary>n evenly spaced values from min to max inclusive.</summary>
    internal static double[] Linspace(double min, double max, int n)
    {
        var result = new double[n];
        for (int i = 0; i < n; i++) result[i] = n == 1 ? min : min + (max - min) * i / (n - 1);
        if (n > 1) result[^1] = max;
        return result;
    }

    /// <summary>(min, max) of the finite values, widened by <paramref name="pad"/> of the span on each side.</summary>
    internal static (double Min, double Max) Extent(IEnumerable<double> values, double pad = 0.06)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
            if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (!double.IsFinite(lo)) return (0, 1);
        double span = hi - lo;
        if (span <= 0) span = Math.Max(Math.Abs(lo), 1) * 0.1;
        return (lo - pad * span, hi + pad * span);
    }

    /// <summary>
    /// The two traces that draw one path: a line with an arrowhead into every point (when there are few enough
    /// points to read), and the points themselves: the start hollow, the end filled and larger, numbered on request.
    /// Both carry the hover text; they share a legend entry.
    /// </summary>
    internal static Plotly.NET.Trace[] PathTraces(DrawnPath path, string name, string color, string hoverTemplate,
        bool numbers, string? xaxis = null, string? yaxis = null, bool showLegend = true, int arrowLimit = 60,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null)
    {
        int n = path.Count;
        // A step shorter than about 2% of the plot gets no arrowhead: the head would hide the step.
        double xSpan = xRange is { } xr ? xr.Max - xr.Min : Math.Max(path.X.DefaultIfEmpty(0).Max() - path.X.DefaultIfEmpty(0).Min(), 1e-300);
        double ySpan = yRange is { } yr ? yr.Max - yr.Min : Math.Max(path.Y.DefaultIfEmpty(0).Max() - path.Y.DefaultIfEmpty(0).Min(), 1e-300);
        bool Visible(int k) => k > 0 && Math.Sqrt(Math.Pow((path.X[k] - path.X[k - 1]) / xSpan, 2) + Math.Pow((path.Y[k] - path.Y[k - 1]) / ySpan, 2)) >= 0.02;
        var custom = Enumerable.Range(0, n).Select(k => new object?[] { path.T[k], Significant(path.Loss[k], 6) }).ToArray();
        // Arrows and a marker per point only when every step is drawn: on a thinned line they would mark non-steps.
        bool arrows = n <= arrowLimit && n >= 2 && !path.Thinned;
        var line = NewTrace("scatter")
            .With("name", name).With("legendgroup", name).With("showlegend", showLegend)
            .With("x", Drawn(path.X, path.Thinned)).With("y", Drawn(path.Y, path.Thinned))
            .With("mode", arrows ? "lines+markers" : "lines")
            .With("line", Obj(("color", color), ("width", HouseStyle.LineWidth)))
            .With("customdata", custom)
            .With("hovertemplate", hoverTemplate + "<extra>" + name + "</extra>")
            .With("xaxis", xaxis).With("yaxis", yaxis);
        if (arrows)
            // Opacity 1 everywhere a marker size is an array: plotly.js takes array sizes for a bubble chart and
            // would otherwise draw the markers at 70% opacity.
            line.With("marker", Obj(("symbol", "arrow"), ("angleref", "previous"), ("color", color),
                ("size", Enumerable.Range(0, n).Select(k => Visible(k) ? 15 : 0).ToArray()), ("opacity", 1),
                ("standoff", HouseStyle.MarkerSize / 2.0 + 1)));

        // Which points get a marker: all of them when few, else the start and the end only.
        var marked = arrows ? Enumerable.Range(0, n).ToArray() : (n >= 2 ? [0, n - 1] : [0]);
        string Symbol(int k) => k == 0 ? "circle-open" : k == n - 1 ? "circle" : "circle";
        double Size(int k) => k == 0 || k == n - 1 ? HouseStyle.MarkerSize + 5 : HouseStyle.MarkerSize;
        var marks = NewTrace("scatter")
            .With("name", name).With("legendgroup", name).With("showlegend", false)
            .With("x", Drawn(marked.Select(k => path.X[k]).ToArray(), path.Thinned))
            .With("y", Drawn(marked.Select(k => path.Y[k]).ToArray(), path.Thinned))
            .With("mode", numbers ? "markers+text" : "markers")
            .With("marker", Obj(("color", color),
                ("symbol", marked.Select(Symbol).ToArray()),
                ("size", marked.Select(Size).ToArray()), ("opacity", 1),
                ("line", Obj(("color", color), ("width", 2.5)))))
            .With("customdata", marked.Select(k => custom[k]).ToArray())
            .With("hovertemplate", hoverTemplate + "<extra>" + name + "</extra>")
            .With("xaxis", xaxis).With("yaxis", yaxis);
        if (numbers)
            marks.With("text", Labels(path, marked, xSpan, ySpan)).With("cliponaxis", false)
                 .With("textposition", "top center")
                 .With("textfont", Obj(("size", HouseStyle.FontSize - 1), ("color", color)));
        return [line, marks];
    }

    /// <summary>
    /// Coordinates for the JSON: exact for a run drawn whole (so a lesson can read θ back), 7 significant digits for a
    /// thinned long run (far below a pixel, and half the bytes).
    /// </summary>
    internal static double?[] Drawn(double[] values, bool thinned) =>
        thinned ? values.Select(v => Significant(v, 7)).ToArray() : Finite(values);

    /// <summary>
    /// Step numbers for the marked points. Points that land (almost) on an earlier labelled point — a run bouncing
    /// between two values — share its label ("2, 4, 6") instead of printing numbers on top of each other.
    /// </summary>
    private static string[] Labels(DrawnPath path, int[] marked, double xSpan, double ySpan)
    {
        var labels = new string[marked.Length];
        var counts = new int[marked.Length];
        for (int i = 0; i < marked.Length; i++)
        {
            int k = marked[i];
            int owner = -1;
            for (int j = 0; j < i && owner < 0; j++)
                if (labels[j].Length > 0 && Math.Abs(path.X[marked[j]] - path.X[k]) < 0.015 * xSpan
                    && Math.Abs(path.Y[marked[j]] - path.Y[k]) < 0.03 * ySpan)
                    owner = j;
            string t = path.T[k].ToString(Invariant);
            if (owner < 0) { labels[i] = t; counts[i] = 1; continue; }
            labels[i] = "";
            if (++counts[owner] <= 4) labels[owner] += ", " + t;
            else if (counts[owner] == 5) labels[owner] += ", …";
        }
        return labels;
    }

    /// <summary>
    /// A note in the top-right corner of the plot: how a run ended when that matters (divergence). It is wrapped to
    /// <see cref="Readable.NoteLine"/> characters, so it fits inside the plot area of a phone's page instead of running
    /// left over the y tick labels; <paramref name="linesAbove"/> lines of earlier notes stand above it.
    /// </summary>
    internal static Props Corner(string text, int linesAbove = 0, string? xref = null, string? yref = null) =>
        Obj(("text", Readable.WrapNote(text)), ("xref", xref ?? "paper"), ("yref", yref ?? "paper"), ("x", 0.99), ("y", 0.98),
            ("yshift", -linesAbove * Readable.NoteLineHeight), ("xanchor", "right"), ("yanchor", "top"), ("showarrow", false),
            ("bgcolor", "rgba(255,255,255,0.85)"), ("font", Obj(("size", HouseStyle.NoteSize))));

    /// <summary>Notes stacked in the top-right corner of panel <paramref name="panel"/>, each under the lines of the ones before.</summary>
    internal static IEnumerable<Props> Corners(IEnumerable<string> texts, int panel = 1)
    {
        string? xref = panel == 1 ? null : "x" + panel + " domain", yref = panel == 1 ? null : "y" + panel + " domain";
        int lines = 0;
        foreach (var text in texts)
        {
            yield return Corner(text, lines, xref, yref);
            lines += Readable.Lines(Readable.WrapNote(text));
        }
    }

    /// <summary>"GD (α = 1.5) diverged at t = 7" for every diverged run, else nothing.</summary>
    internal static IEnumerable<string> DivergenceNotes(IEnumerable<Run> runs) =>
        runs.Where(r => r.Status == RunStatus.Diverged).Select(r => $"{r.Name}: diverged at t = {r.DivergedAt}");
}
