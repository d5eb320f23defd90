using System.Text.RegularExpressions;
using Plotly.NET;

namespace Descent.Plots;

/// <summary>
/// What keeps a chart's texts readable from a laptop (1280 px) down to a phone (400 px): titles wrapped for the
/// narrowest output area, sub- and superscripts written as such, and log axes with a few uniformly labelled ticks.
/// </summary>
internal static partial class Readable
{
    /// <summary>Characters of a title line (at <see cref="HouseStyle.TitleSize"/>) that fit the narrowest output area.</summary>
    public const int TitleLine = 31;

    /// <summary>Characters of a title's smaller second line (plotly.js draws &lt;sup&gt; at 70%).</summary>
    public const int SupLine = 44;

    /// <summary>
    /// Characters of a corner note's line (at <see cref="HouseStyle.NoteSize"/>, about 8 px a character): 22 fit the plot
    /// area a phone's page leaves a one-panel chart (about 200 px between the y tick labels and the colour bar).
    /// </summary>
    public const int NoteLine = 22;

    /// <summary>The height of one line of a corner note in pixels (1.3 em and the note's background padding).</summary>
    public const int NoteLineHeight = (int)(HouseStyle.NoteSize * 1.3 + 2);

    /// <summary>
    /// A corner note wrapped to <see cref="NoteLine"/> characters: a longer "name: what happened" breaks after the colon
    /// first ("GD, α = 0.55:" over "diverged at t = 1"), then each part at spaces, never inside an "α = 0.55", filling
    /// the last lines first (what happened stays on one line: "η = 0.11" over "diverged at t = 12").
    /// </summary>
    public static string WrapNote(string note)
    {
        if (Visible(note) <= NoteLine) return note;
        const string Glued = "\u0001=\u0001";
        int colon = note.IndexOf(": ", StringComparison.Ordinal);
        var parts = colon < 0 ? [note] : new[] { note[..(colon + 1)], note[(colon + 2)..] };
        return string.Join("<br>", parts.SelectMany(part => WrapFromEnd(part.Replace(" = ", Glued, StringComparison.Ordinal), NoteLine)))
            .Replace(Glued, " = ", StringComparison.Ordinal);
    }

    /// <summary>The height of one title line in pixels (plotly.js spaces lines 1.3 em apart).</summary>
    public const int TitleLineHeight = (int)(HouseStyle.TitleSize * 1.3 + 1);

    /// <summary>"∂h_L" → "∂h&lt;sub&gt;L&lt;/sub&gt;", "x^2" → "x&lt;sup&gt;2&lt;/sup&gt;"; a word with an underscore inside ("total_bill") stays.</summary>
    public static string Scripts(string text) =>
        Superscript().Replace(Subscript().Replace(text, m => $"<sub>{Inner(m.Groups[1].Value)}</sub>"),
            m => $"<sup>{Inner(m.Groups[1].Value)}</sup>");

    private static string Inner(string s) => s.StartsWith('{') ? s[1..^1] : s;

    [GeneratedRegex(@"(?<=[^\W_]|[∂θ])_(\{[^}]*\}|[^\W_](?![\w]))")]
    private static partial Regex Subscript();

    [GeneratedRegex(@"(?<=[^\W_]|[)])\^(\{[^}]*\}|[−-]?\d+(?!\w)|[^\W_](?!\w))")]
    private static partial Regex Superscript();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>
    /// A title wrapped for the narrowest output area: the main line at <see cref="TitleLine"/> characters, a
    /// &lt;sup&gt; line under it at <see cref="SupLine"/> (plotly.js keeps the &lt;sup&gt; across the break).
    /// </summary>
    public static string WrapTitle(string title)
    {
        var parts = Unwrap(title).Split("<br>");
        var wrapped = new List<string>();
        foreach (var part in parts)
        {
            bool sup = part.StartsWith("<sup>", StringComparison.Ordinal) && part.EndsWith("</sup>", StringComparison.Ordinal);
            string body = sup ? part[5..^6] : part;
            string lines = string.Join(Break, Wrap(body, sup ? SupLine : TitleLine));
            wrapped.Add(sup ? $"<sup>{lines}</sup>" : lines);
        }
        return string.Join("<br>", wrapped);
    }

    /// <summary>
    /// The line break wrapping inserts: "&lt;br&gt;" and a zero-width space, which draws as nothing, so a reader of the
    /// figure can tell a wrapped line from a new one (<see cref="Unwrap"/>).
    /// </summary>
    public const string Break = "<br>\u200B";

    /// <summary>A wrapped title as it was written: each wrapping break back to a space.</summary>
    public static string Unwrap(string title) => title.Replace(Break, " ", StringComparison.Ordinal);

    /// <summary>Word-wraps text at <paramref name="width"/> visible characters (tags count as nothing).</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && Visible(line) + 1 + Visible(word) > width) { yield return line; line = word; }
            else line = line.Length == 0 ? word : line + " " + word;
        }
        yield return line;
    }

    /// <summary>Word-wraps like <see cref="Wrap"/> but fills lines from the end: only the first line is short.</summary>
    private static IEnumerable<string> WrapFromEnd(string text, int width) =>
        Wrap(string.Join(' ', text.Split(' ').Reverse()), width).Reverse().Select(line => string.Join(' ', line.Split(' ').Reverse()));

    private static int Visible(string s) => Tag().Replace(s, "").Length;

    /// <summary>The lines a (wrapped) title takes.</summary>
    public static int Lines(string title) => string.IsNullOrEmpty(title) ? 0 : title.Replace(Break, "<br>").Split("<br>").Length;

    /// <summary>The pixels from the figure's top to below the tallest of these titles, once wrapped.</summary>
    /// (plotly.js draws a title's lines a little further apart than 1.3 em once there are three or more: 8 px a line spare.)
    public static int TitleHeight(IEnumerable<string> titles)
    {
        int lines = titles.Select(t => Lines(WrapTitle(t))).DefaultIfEmpty(0).Max();
        return 10 + TitleLineHeight * lines + 8 * Math.Max(0, lines - 1);
    }

    /// <summary>
    /// Ticks for every log axis of the figure, chosen from the data on it: at most 6 (5 on an x axis, which narrows on
    /// a phone), every label in one form. Spanning three decades or more, powers of ten every k decades labelled
    /// 10⁻¹⁸-style; less, the values 1, 2, 5 × 10ᵏ labelled as numbers. No unlabelled minor digits, no SI prefixes.
    /// </summary>
    public static void LogAxisTicks(Layout layout, IReadOnlyList<Plotly.NET.Trace> traces)
    {
        foreach (var prefix in new[] { "xaxis", "yaxis" })
            for (int id = 1; id <= 9; id++)
            {
                string key = id == 1 ? prefix : prefix + id;
                if (layout.Get(key) is not Props axis || axis.GetValueOrDefault("type") as string != "log") continue;
                string anchorName = (prefix == "xaxis" ? "x" : "y") + (id == 1 ? "" : id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                string coordinate = prefix == "xaxis" ? "x" : "y";
                double lo, hi;
                if (axis.GetValueOrDefault("range") is double[] { Length: 2 } range) (lo, hi) = (range[0], range[1]);
                else
                {
                    var values = traces.Where(t => (t.Get(coordinate + "axis") as string ?? coordinate) == anchorName)
                        .SelectMany(t => Numbers(t.Get(coordinate))).Where(v => v > 0 && double.IsFinite(v)).ToList();
                    if (values.Count == 0) continue;
                    (lo, hi) = (Math.Log10(values.Min()), Math.Log10(values.Max()));
                }
                var (vals, texts) = LogTicks(lo, hi, prefix == "xaxis" ? 5 : 6);
                if (vals.Length < 2) continue;
                axis.Remove("dtick");
                axis["tickmode"] = "array";
                axis["tickvals"] = vals;
                axis["ticktext"] = texts;
            }
    }

    /// <summary>Tick values and labels for a log axis from 10^lo to 10^hi (see <see cref="LogAxisTicks"/>).</summary>
    public static (double[] Values, string[] Texts) LogTicks(double lo, double hi, int maxTicks)
    {
        if (hi < lo) (lo, hi) = (hi, lo);
        // Plotly pads an autoranged axis a little: ticks just outside the data still show.
        double padded = (hi - lo) * 0.05 + 0.02;
        double from = lo - padded, to = hi + padded;
        if (hi - lo >= 2.5)
        {
            int first = (int)Math.Ceiling(from), last = (int)Math.Floor(to);
            int step = Math.Max(1, (int)Math.Ceiling((last - first + 1) / (double)maxTicks));
            int start = (int)(Math.Ceiling(first / (double)step) * step);
            var ks = new List<int>();
            for (int k = start; k <= last; k += step) ks.Add(k);
            return (ks.Select(k => Math.Pow(10, k)).ToArray(), ks.Select(k => "10" + Plot.Superscript(k)).ToArray());
        }
        foreach (var mantissas in new[] { new[] { 1.0, 2, 5 }, new[] { 1.0, 3 }, new[] { 1.0 } })
        {
            var values = new List<double>();
            for (int k = (int)Math.Floor(from); k <= (int)Math.Ceiling(to); k++)
                foreach (var m in mantissas)
                {
                    double v = m * Math.Pow(10, k);
                    if (Math.Log10(v) >= from && Math.Log10(v) <= to) values.Add(v);
                }
            if (values.Count <= maxTicks || mantissas.Length == 1)
                return (values.ToArray(), values.Select(v => Plot.Fmt(v, 6)).ToArray());
        }
        return ([], []);
    }

    private static IEnumerable<double> Numbers(object? values) => values switch
    {
        double[] d => d,
        double?[] d => d.Where(v => v.HasValue).Select(v => v!.Value),
        int[] i => i.Select(v => (double)v),
        IEnumerable<object?> o => o.Select(v => v switch { double d => d, int i => i, long l => l, float f => f, _ => double.NaN }),
        _ => [],
    };
}
