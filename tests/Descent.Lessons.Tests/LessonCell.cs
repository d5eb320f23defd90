using System.Text.Json.Nodes;
using Descent.Notebooks.Formatting;
using Descent.Testing;
using Descent.Notebooks.Model;
using Descent.Notebooks.Running;

namespace Descent.Lessons.Tests;

/// <summary>One executed code cell of a lesson.</summary>
public sealed class LessonCell
{
    private readonly ExecutedCell _result;
    private readonly NotebookCell _cell;

    internal LessonCell(ExecutedCell result, NotebookCell cell)
    {
        _result = result;
        _cell = cell;
    }

    /// <summary>1-based number among code cells.</summary>
    public int Number => _result.CodeCellNumber!.Value;

    /// <summary>0-based index among all cells.</summary>
    public int Index => _result.Index;

    /// <summary>The cell's source.</summary>
    public string Source => _cell.Source;

    /// <summary>How it ended (Ok, Error, TimedOut, NotRun...).</summary>
    public CellRunStatus Status => _result.Status;

    /// <summary>All outputs, in order.</summary>
    public IReadOnlyList<CellOutput> Outputs => _cell.Outputs;

    /// <summary>
    /// Everything a reader sees as text, in output order: stdout, the <c>text/plain</c> of displays and of the result,
    /// and <c>ename: evalue</c> of an error, joined by newlines.
    /// </summary>
    public string Text => string.Join("\n", Outputs.Select(o => o switch
    {
        StreamOutput { Name: "stdout" } s => s.Text.TrimEnd('\n'),
        DisplayDataOutput d => d.Data.GetText("text/plain") ?? "",
        ExecuteResultOutput r => r.Data.GetText("text/plain") ?? "",
        ErrorOutput e => $"{e.EName}: {e.EValue}",
        _ => null,
    }).Where(t => t is not null));

    /// <summary>The <c>text/plain</c> of the cell's result (its trailing expression), or null if it has none.</summary>
    public string? ResultText => Outputs.OfType<ExecuteResultOutput>().FirstOrDefault()?.Data.GetText("text/plain");

    /// <summary>The <c>text/plain</c> of each display, in order (in their final state, after any Update).</summary>
    public IReadOnlyList<string> DisplayTexts => Outputs.OfType<DisplayDataOutput>().Select(d => d.Data.GetText("text/plain") ?? "").ToList();

    /// <summary>Everything written to stdout.</summary>
    public string Stdout => string.Concat(Outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text));

    /// <summary>Everything written to stderr (a clean lesson writes nothing there).</summary>
    public string Stderr => string.Concat(Outputs.OfType<StreamOutput>().Where(s => s.Name == "stderr").Select(s => s.Text));

    /// <summary>The error output, or null.</summary>
    public ErrorOutput? Error => Outputs.OfType<ErrorOutput>().FirstOrDefault();

    /// <summary>The <c>text/html</c> of displays and the result, in order.</summary>
    public IReadOnlyList<string> Html => Outputs.Select(o => o switch
    {
        DisplayDataOutput d => d.Data.GetText("text/html"),
        ExecuteResultOutput r => r.Data.GetText("text/html"),
        _ => null,
    }).OfType<string>().ToList();

    /// <summary>The Plotly figures (<c>data</c>, <c>layout</c>, <c>config</c>) the cell shows, in order.</summary>
    public IReadOnlyList<JsonObject> Charts => Outputs.Select(o => o switch
    {
        DisplayDataOutput d => d.Data.GetJson(PlotlyFormatter.MimeType),
        ExecuteResultOutput r => r.Data.GetJson(PlotlyFormatter.MimeType),
        _ => null,
    }).OfType<JsonObject>().ToList();

    /// <summary>How many Plotly charts the cell shows.</summary>
    public int PlotlyCharts => Charts.Count;

    /// <summary>Wall-clock time of the cell.</summary>
    public TimeSpan Elapsed => _result.Elapsed;

    /// <summary>The source's first line, for messages.</summary>
    public override string ToString() => $"cell {Number}: {Source.Split('\n')[0]}";
}
