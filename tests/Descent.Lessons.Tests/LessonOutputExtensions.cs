using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Helpers the lesson test classes share: find a code cell by its stable id, read the numbers a cell printed, and
/// walk the Plotly figures it showed.
/// </summary>
public static partial class LessonOutputExtensions
{
    /// <summary>The code cell whose notebook id is <paramref name="id"/> (ids are stable, readable names such as "step-2").</summary>
    public static LessonCell CellWithId(this LessonRun lesson, string id)
    {
        var matches = lesson.CodeCells.Where(c => lesson.Executed.Cells[c.Index].Id == id).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"{lesson.Name} has {matches.Count} code cells with id \"{id}\"; expected exactly one.");
    }

    /// <summary>Every decimal number in <paramref name="text"/>, in order ("array([4.00000000, 4.12 ...])" gives 4, 4.12, ...).</summary>
    public static double[] Numbers(string text) =>
        NumberPattern().Matches(text.Replace('−', '-'))
            .Select(m => double.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The number printed after <paramref name="label"/> (e.g. "new x: ") on the first line that has it.</summary>
    public static double NumberAfter(string text, string label)
    {
        int at = text.IndexOf(label, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"\"{label}\" does not occur in:\n{text}");
        var match = NumberPattern().Match(text.Replace('−', '-'), at + label.Length);
        return double.Parse(match.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The exact text printed after <paramref name="label"/> up to the end of its line.</summary>
    public static string TextAfter(string text, string label)
    {
        int at = text.IndexOf(label, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"\"{label}\" does not occur in:\n{text}");
        int start = at + label.Length, end = text.IndexOf('\n', start);
        return (end < 0 ? text[start..] : text[start..end]).TrimEnd();
    }

    /// <summary>Every Plotly figure the lesson shows, in order.</summary>
    public static IReadOnlyList<JsonObject> AllCharts(this LessonRun lesson) =>
        lesson.CodeCells.SelectMany(c => c.Charts).ToList();

    /// <summary>The one chart a cell shows.</summary>
    public static JsonObject Chart(this LessonCell cell) =>
        cell.Charts.Count == 1 ? cell.Charts[0] : throw new InvalidOperationException($"{cell} shows {cell.Charts.Count} charts, not one.");

    /// <summary>The figure's title (the first line, without the HTML subtitle; a title the house style wrapped, joined again).</summary>
    public static string Title(this JsonObject chart) =>
        (chart["layout"]?["title"]?["text"]?.GetValue<string>() ?? "").Replace("<br>\u200B", " ", StringComparison.Ordinal).Split("<br>")[0];

    /// <summary>The traces of a figure.</summary>
    public static IReadOnlyList<JsonObject> Traces(this JsonObject chart) =>
        chart["data"]!.AsArray().Select(t => t!.AsObject()).ToList();

    /// <summary>A trace's name ("" when it has none).</summary>
    public static string Name(this JsonObject trace) => trace["name"]?.GetValue<string>() ?? "";

    /// <summary>The trace whose name is <paramref name="name"/>.</summary>
    public static JsonObject TraceNamed(this JsonObject chart, string name) =>
        chart.Traces().SingleOrDefault(t => t.Name() == name)
        ?? throw new InvalidOperationException(
            $"No trace named \"{name}\" in \"{chart.Title()}\"; traces: {string.Join(", ", chart.Traces().Select(t => t.Name()))}.");

    /// <summary>A numeric array of a trace ("x", "y"), nulls as NaN.</summary>
    public static double[] Values(this JsonObject trace, string key) =>
        trace[key]!.AsArray().Select(v => v is null ? double.NaN : v.GetValue<double>()).ToArray();

    /// <summary>The positions of the figure's first slider.</summary>
    public static JsonArray SliderSteps(this JsonObject chart)
    {
        var steps = chart["layout"]?["sliders"]?[0]?["steps"]?.AsArray()
            ?? throw new InvalidOperationException($"\"{chart.Title()}\" has no slider.");
        // A copy whose titles read as written: the house style's wrapping breaks ("<br>" and a zero-width space) back to spaces.
        var copy = steps.DeepClone().AsArray();
        foreach (var step in copy)
            if (step?["args"]?[1]?["title.text"] is JsonValue title)
                step["args"]![1]!["title.text"] = title.GetValue<string>().Replace("<br>\u200B", " ", StringComparison.Ordinal);
        return copy;
    }

    /// <summary>The body rows of the first HTML table a cell shows, each as its cells' decoded text (the "#" column included).</summary>
    public static IReadOnlyList<string[]> HtmlTableRows(this LessonCell cell)
    {
        var html = cell.Html.FirstOrDefault(h => h.Contains("<table", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{cell} shows no HTML table.");
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..];
        return RowPattern().Matches(body).Select(row => CellPattern().Matches(row.Groups[1].Value)
            .Select(c => System.Net.WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray()).ToList();
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][+-]?\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();
}
