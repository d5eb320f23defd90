using Descent.Notebooks.Formatting;
using Descent.Notebooks.Model;
using Descent.Notebooks.Running;

namespace Descent.Site.Export;

/// <summary>
/// Runs lessons for the site through the engine (<see cref="NotebookRunner"/>, the same runner as <c>descent run</c>),
/// or takes copies that were executed already. Execution stops at a lesson's first failing cell, as <c>descent run</c>
/// does; the cells before it keep their outputs and the failure is recorded with its cell.
/// </summary>
public static class LessonExecution
{
    /// <summary>
    /// The formatting the site's lessons are executed with: chart outputs never load plotly.js from anywhere (the pages
    /// bring their own copy, and the executed .ipynb beside them must not name a CDN either).
    /// </summary>
    public static FormatterOptions SiteFormatting { get; } = FormatterOptions.Default with { PlotlyScriptUrl = null };

    /// <summary>Executes one lesson.</summary>
    /// <param name="path">The notebook.</param>
    /// <param name="cellTimeout">Each cell's time limit.</param>
    /// <param name="progress">Hears each cell start and finish (optional).</param>
    /// <param name="log">Hears what the runner does besides running cells, e.g. building the library (optional).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook (the message names the file and position).</exception>
    public static async Task<ExecutedLesson> RunAsync(string path, TimeSpan cellTimeout, Action<NotebookProgress>? progress = null,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var result = await NotebookRunner.RunFileAsync(path, new NotebookRunOptions
        {
            AllowErrors = false,
            CellTimeout = cellTimeout,
            Formatting = SiteFormatting,
            Progress = progress,
            Log = log,
        }, cancellationToken);
        return new ExecutedLesson(path, result.Notebook, FailureOf(result));
    }

    /// <summary>
    /// Executes one lesson as <see cref="RunAsync"/> does, but in <paramref name="runner"/>'s worker process
    /// (<see cref="IsolatedNotebookRunner"/>): a cell that ends its process (a stack overflow, <c>Environment.Exit</c>, an
    /// exception on a thread it started) fails the lesson at that cell instead of ending the export.
    /// </summary>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook.</exception>
    public static async Task<ExecutedLesson> RunIsolatedAsync(string path, TimeSpan cellTimeout, IsolatedNotebookRunner runner,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunFileAsync(path, new NotebookRunOptions
        {
            AllowErrors = false,
            CellTimeout = cellTimeout,
            Formatting = SiteFormatting,
            Log = log,
        }, cancellationToken);
        return new ExecutedLesson(path, result.Notebook, FailureOf(result));
    }

    /// <summary>
    /// Takes a notebook that already carries its outputs (from <c>descent run</c>, a kernel or Polyglot), reporting the
    /// failure it records: its first error output in a cell not tagged <c>raises-exception</c>, or no executed cell at
    /// all. Chart outputs get the site's HTML fallback, which loads plotly.js from nowhere (a <c>descent run</c> copy
    /// names a CDN there, for front ends without plotly.js); every other output is kept as it is.
    /// </summary>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook.</exception>
    public static ExecutedLesson Executed(string path)
    {
        var notebook = Notebook.Load(path);
        foreach (var output in notebook.CodeCells.SelectMany(c => c.Outputs))
        {
            var data = output switch
            {
                DisplayDataOutput d => d.Data,
                ExecuteResultOutput r => r.Data,
                _ => null,
            };
            // only a fallback that would load plotly.js from elsewhere is replaced; the rest stays byte for byte
            if (data?.GetJson(PlotlyFormatter.MimeType) is { } figure && data.GetText("text/html") is { } html && html.Contains("://", StringComparison.Ordinal))
                data.SetText("text/html", PlotlyHtml.Render(figure, "plotly-" + Guid.NewGuid().ToString("N")[..12], SiteFormatting.PlotlyScriptUrl));
        }
        return new ExecutedLesson(path, notebook, RecordedFailure(notebook));
    }

    /// <summary>The failure an executed notebook records, or null when every code cell ran without an unexpected error.</summary>
    public static LessonFailure? RecordedFailure(Notebook notebook)
    {
        var codeCells = notebook.CodeCells.Where(c => c.Source.Trim().Length > 0).ToList();
        if (codeCells.Count > 0 && codeCells.All(c => c.ExecutionCount is null && c.Outputs.Count == 0))
            return new LessonFailure(null, "the notebook has not been executed (no code cell has an execution count or an output): " +
                "run it first with `descent run`, or export without --executed");
        int codeNumber = 0;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (!cell.IsCode) continue;
            codeNumber++;
            if (cell.Metadata["tags"] is System.Text.Json.Nodes.JsonArray tags && tags.Any(t => t?.ToString() == "raises-exception")) continue;
            if (cell.Outputs.OfType<ErrorOutput>().FirstOrDefault() is { } error)
                return new LessonFailure(i, $"{error.EName}: {error.EValue}", codeNumber);
        }
        return null;
    }

    /// <summary>The failure a run reports (a build error before any cell, or the first failing cell), or null.</summary>
    public static LessonFailure? FailureOf(NotebookRunResult result)
    {
        if (result.BuildError is { } build) return new LessonFailure(null, "what the lesson references could not be built: " + build);
        if (result.FirstFailure is not { } cell) return null;
        var message = cell.Error?.ToString() ?? cell.Status switch
        {
            CellRunStatus.TimedOut => "the cell ran past its time limit",
            CellRunStatus.Interrupted => "the run was interrupted",
            _ => "the cell failed",
        };
        return new LessonFailure(cell.Index, message, cell.CodeCellNumber);
    }
}
