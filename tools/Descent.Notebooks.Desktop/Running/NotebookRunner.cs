using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Descent.Notebooks.Execution;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Running;

/// <summary>
/// Executes a whole notebook, top to bottom, in a fresh <see cref="NotebookSession"/> (the same session a Jupyter
/// front end talks to through the kernel), and returns the executed copy. The source notebook is not modified.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Loads and runs a notebook file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook (the message names the file and the JSON position).</exception>
    public static Task<NotebookRunResult> RunFileAsync(string path, NotebookRunOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(Notebook.Load(path), options, cancellationToken);

    /// <summary>
    /// Runs every code cell of <paramref name="notebook"/> in order. Stops at the first failing cell unless
    /// <see cref="NotebookRunOptions.AllowErrors"/>; outputs of the cells that ran are kept.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        var clock = Stopwatch.StartNew();
        var executed = notebook.Clone();
        executed.ClearOutputs();
        var workingDirectory = options.WorkingDirectory
                               ?? (notebook.FilePath is { } file ? Path.GetDirectoryName(Path.GetFullPath(file)) : null)
                               ?? Desktop.WorkingDirectoryGate.CurrentDirectoryOrNull() ?? AppContext.BaseDirectory;
        var codeCellCount = executed.Cells.Count(c => c.IsCode);
        var results = new List<CellRunResult>(executed.Cells.Count);

        // Roslyn loads and JIT-compiles while the referenced projects build.
        _ = Desktop.DesktopHost.WarmUpAsync(CancellationToken.None);
        string? buildError = null;
        if (options.BuildReferencedProjects)
        {
            var references = ReferencedProjects.AssemblyReferences(executed, workingDirectory);
            var build = await ReferencedProjects.EnsureBuiltAsync(references, options.Log, cancellationToken);
            if (!build.Succeeded) buildError = build.Error;
        }

        using var session = new NotebookSession(new SessionOptions
        {
            WorkingDirectory = workingDirectory,
            CellTimeout = options.CellTimeout,
            Formatting = options.Formatting,
            NuGetCacheDirectory = options.NuGetCacheDirectory,
        });

        bool stopped = buildError is not null;
        int codeNumber = 0;
        for (int i = 0; i < executed.Cells.Count; i++)
        {
            var cell = executed.Cells[i];
            if (!cell.IsCode)
            {
                results.Add(new CellRunResult(i, null, cell, CellRunStatus.NotCode, null, null));
                continue;
            }
            codeNumber++;
            if (stopped || cancellationToken.IsCancellationRequested)
            {
                results.Add(new CellRunResult(i, codeNumber, cell, CellRunStatus.NotRun, null, null));
                continue;
            }
            if (string.IsNullOrWhiteSpace(cell.Source))
            {
                results.Add(new CellRunResult(i, codeNumber, cell, CellRunStatus.NotCode, null, null));
                continue;
            }
            options.Progress?.Invoke(new NotebookProgress(i, codeNumber, codeCellCount, false, null, clock.Elapsed));

            CellRunResult result;
            var language = executed.LanguageOf(cell);
            if (language != PolyglotMetadata.CSharpKernelName)
            {
                var message = $"This cell's language is '{language}'; the Descent engine runs C# cells only.";
                var error = new ErrorOutput("UnsupportedLanguage", message, [$"UnsupportedLanguage: {message}"]);
                cell.Outputs.Add(error);
                result = new CellRunResult(i, codeNumber, cell, CellRunStatus.Error, null,
                    new CellError(CellErrorKind.Directive, "UnsupportedLanguage", message, [$"UnsupportedLanguage: {message}"]));
            }
            else
            {
                var execution = await session.ExecuteAsync(cell.Source, options.Observer, cancellationToken);
                cell.ExecutionCount = execution.ExecutionCount;
                cell.Outputs.AddRange(execution.Outputs);
                cell.Metadata["execution"] = new JsonObject
                {
                    ["iopub.status.busy"] = Timestamp(execution.StartedAt),
                    ["iopub.execute_input"] = Timestamp(execution.StartedAt),
                    ["shell.execute_reply"] = Timestamp(execution.FinishedAt),
                    ["iopub.status.idle"] = Timestamp(execution.FinishedAt),
                };
                result = new CellRunResult(i, codeNumber, cell, execution.Status switch
                {
                    CellStatus.Ok => CellRunStatus.Ok,
                    CellStatus.TimedOut => CellRunStatus.TimedOut,
                    CellStatus.Interrupted => CellRunStatus.Interrupted,
                    _ => CellRunStatus.Error,
                }, execution, null);
            }
            results.Add(result);
            options.Progress?.Invoke(new NotebookProgress(i, codeNumber, codeCellCount, true, result, clock.Elapsed));
            if (result.Failed && (!options.AllowErrors || result.Status == CellRunStatus.Interrupted)) stopped = true;
        }
        clock.Stop();
        return new NotebookRunResult(executed, results, clock.Elapsed, buildError);
    }

    private static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
