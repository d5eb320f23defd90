using System.Text.Json.Nodes;

namespace Descent.Lessons.Tests;

/// <summary>
/// Reading runs back from the charts of lessons 06–10. A path on a contour or a curve is drawn as two traces with the
/// same name (the line, then its markers), and a grid repeats names across panels, so these helpers pick by position.
/// </summary>
public static class PathTraceExtensions
{
    /// <summary>The first trace named <paramref name="name"/>: a path's line, or the first panel's copy in a grid.</summary>
    public static JsonObject FirstTrace(this JsonObject chart, string name) =>
        chart.Traces().FirstOrDefault(t => t.Name() == name)
        ?? throw new InvalidOperationException(
            $"No trace named \"{name}\" in \"{chart.Title()}\"; traces: {string.Join(", ", chart.Traces().Select(t => t.Name()).Distinct())}.");

    /// <summary>The last trace named <paramref name="name"/>: in a paths-and-loss grid, the run's loss trace.</summary>
    public static JsonObject LastTrace(this JsonObject chart, string name) =>
        chart.Traces().LastOrDefault(t => t.Name() == name)
        ?? throw new InvalidOperationException($"No trace named \"{name}\" in \"{chart.Title()}\".");

    /// <summary>The finite values of a trace's array (gaps and NaN left out).</summary>
    public static double[] FiniteValues(this JsonObject trace, string key) =>
        trace.Values(key).Where(double.IsFinite).ToArray();

    /// <summary>The rows of a table a cell printed (its text/plain without the caption and header lines).</summary>
    public static string[] TableRows(this LessonCell cell) =>
        cell.Text.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToArray();
}
