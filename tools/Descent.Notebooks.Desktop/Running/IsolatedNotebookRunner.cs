using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Descent.Notebooks.Execution;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Running;

/// <summary>How to start a notebook worker: a program and the arguments before <see cref="NotebookWorker.Subcommand"/>.</summary>
/// <param name="FileName">The program (the <c>dotnet</c> host, or the <c>descent</c> executable).</param>
/// <param name="Arguments">What comes before the worker's own arguments (e.g. the path of descent.dll).</param>
public sealed record NotebookWorkerCommand(string FileName, IReadOnlyList<string> Arguments);

/// <summary>
/// Runs a notebook like <see cref="NotebookRunner.RunFileAsync"/>, but in a worker process (<see cref="NotebookWorker"/>),
/// so that nothing a cell does can end the caller: a stack overflow, <c>Environment.Exit</c>, an exception on a thread
/// the cell started, or a thread left spinning past its time limit (it dies with the worker, which exits when the
/// notebook is done). When the worker dies, the cell that was running gets an error naming the cause (with a few
/// lines of the worker's standard error), the cells before it keep their outputs, and the result is otherwise the one
/// <see cref="NotebookRunner"/> gives. <see cref="NotebookRunOptions.Observer"/> is not supported (outputs arrive
/// per finished cell); <see cref="NotebookRunOptions.Formatting"/> passes only its plotly.js address.
/// </summary>
public static class IsolatedNotebookRunner
{
    private const int StderrHead = 10;
    private const int StderrTail = 10;
    private const int MaxLineLength = 300;

    /// <summary>Runs the notebook at <paramref name="path"/> in a worker started with <paramref name="worker"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook.</exception>
    public static async Task<NotebookRunResult> RunFileAsync(string path, NotebookRunOptions options, NotebookWorkerCommand worker,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var full = Path.GetFullPath(path);
        var source = Notebook.Load(full); // malformed or missing: the same exceptions as in-process, before a process starts
        var executed = source.Clone();
        executed.ClearOutputs();
        var clock = Stopwatch.StartNew();
        var resultFile = Path.Combine(Path.GetTempPath(), $"descent-worker-{Environment.ProcessId}-{Guid.NewGuid():N}.ipynb");

        var psi = new ProcessStartInfo(worker.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Desktop.WorkingDirectoryGate.CurrentDirectoryOrNull() ?? Path.GetDirectoryName(full)!,
        };
        foreach (var a in worker.Arguments) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(NotebookWorker.Subcommand);
        psi.ArgumentList.Add(full);
        psi.ArgumentList.Add("--result");
        psi.ArgumentList.Add(resultFile);
        psi.ArgumentList.Add("--timeout");
        psi.ArgumentList.Add(options.CellTimeout == Timeout.InfiniteTimeSpan ? "0" : options.CellTimeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        if (options.AllowErrors) psi.ArgumentList.Add("--allow-errors");
        if (!options.BuildReferencedProjects) psi.ArgumentList.Add("--no-build");
        psi.ArgumentList.Add("--plotly-url");
        psi.ArgumentList.Add(options.Formatting.PlotlyScriptUrl ?? "");
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // A crash dump of a dying worker would only take time and disk.
        psi.Environment["DOTNET_DbgEnableMiniDump"] = "0";

        var state = new WorkerState(executed);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {worker.FileName}.");
        process.StandardInput.Close();
        var stderr = ReadStderrAsync(process.StandardError, state);
        var stdout = ReadReportAsync(process.StandardOutput, state, options);
        bool cancelled = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
            try { process.Kill(entireProcessTree: true); } catch (Exception e) when (e is InvalidOperationException or AggregateException or System.ComponentModel.Win32Exception) { }
        }
        try { await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None); }
        catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException) { }
        if (!cancelled)
        {
            try { await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (TimeoutException) { }
        }
        clock.Stop();

        try
        {
            Notebook notebook = executed;
            int? failedAt = null;
            if (!cancelled && state.Done && File.Exists(resultFile))
            {
                notebook = Notebook.Load(resultFile);
                notebook.FilePath = source.FilePath;
            }
            else
            {
                var blame = state.EventCell ?? state.Running ?? FirstNotRun(executed, state);
                if (cancelled)
                {
                    if (state.Running is { } running) state.SetError(running, CellRunStatus.Interrupted,
                        new CellError(CellErrorKind.Interrupted, "Interrupted", "The cell was interrupted.", ["Interrupted: The cell was interrupted."]));
                    failedAt = state.Running;
                }
                else if (blame is { } cell)
                {
                    var (reason, detail) = CauseOfDeath(state, process);
                    var message = $"{reason}: the cell ended the notebook's process (the cells before it kept their outputs; the notebook stopped here).";
                    var traceback = new List<string> { $"ProcessDied: {message}" };
                    if (detail is not null) traceback.Add(detail);
                    if (state.StderrLineCount > 0)
                    {
                        traceback.Add(state.StderrLineCount > StderrHead + StderrTail
                            ? $"The process's standard error ({state.StderrLineCount:N0} lines; the first {StderrHead} and the last {StderrTail}):"
                            : "The process's standard error:");
                        traceback.AddRange(state.StderrHead.Select(l => "  " + l));
                        if (state.StderrLineCount > StderrHead + StderrTail) traceback.Add($"  ... {state.StderrLineCount - StderrHead - StderrTail:N0} lines left out ...");
                        traceback.AddRange(state.StderrTail.Select(l => "  " + l));
                    }
                    failedAt = cell;
                    state.SetError(cell, CellRunStatus.Error, new CellError(CellErrorKind.Runtime, "ProcessDied", message, traceback));
                }
            }
            var results = Results(notebook, state);
            // the cell the worker could not report: it is heard as finished, like the others
            if (failedAt is { } f && results[f].CodeCellNumber is { } number)
                options.Progress?.Invoke(new NotebookProgress(f, number, state.CodeCount, true, results[f], clock.Elapsed));
            return new NotebookRunResult(notebook, results, clock.Elapsed, state.BuildError);
        }
        finally
        {
            try { File.Delete(resultFile); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static int? FirstNotRun(Notebook notebook, WorkerState state)
    {
        for (int i = 0; i < notebook.Cells.Count; i++)
            if (notebook.Cells[i].IsCode && !string.IsNullOrWhiteSpace(notebook.Cells[i].Source) && !state.Finished.ContainsKey(i)) return i;
        return state.LastStarted;
    }

    private static (string Reason, string? Detail) CauseOfDeath(WorkerState state, Process process)
    {
        int? exitCode = process.HasExited ? process.ExitCode : null;
        if (state.Crash is { } crash)
            return state.CrashWhileRunning
                ? ($"a thread the cell started threw {crash}", "An exception no code catches, on a thread other than the cell's own, ends a .NET process.")
                : ($"a thread the cell started threw {crash} after the cell ended", "An exception no code catches, on a thread other than the cell's own, ends a .NET process.");
        if (state.StackOverflow)
            return ("stack overflow (infinite recursion?)", "A stack overflow cannot be caught in .NET: it ends the process. Check the recursion's base case.");
        if (state.ExitCalled is { } code)
            return ($"Environment.Exit({code}) was called", "Environment.Exit ends the whole process; a notebook cell should throw an exception instead.");
        if (exitCode is > 128 and < 160 && !OperatingSystem.IsWindows())
            return ($"the process was killed by signal {exitCode - 128}{(exitCode == 137 ? " (SIGKILL: out of memory?)" : exitCode == 134 ? " (SIGABRT)" : "")}", null);
        return exitCode is { } c ? ($"the process exited with code {c} before the notebook was done", null) : ("the process stopped answering", null);
    }

    private static List<CellRunResult> Results(Notebook notebook, WorkerState state)
    {
        var results = new List<CellRunResult>(notebook.Cells.Count);
        int code = 0;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (!cell.IsCode)
            {
                results.Add(new CellRunResult(i, null, cell, CellRunStatus.NotCode, null, null));
                continue;
            }
            code++;
            if (state.Finished.TryGetValue(i, out var f))
            {
                // the cell of the notebook being returned (the worker's final copy carries later display updates)
                results.Add(new CellRunResult(i, code, cell, f.Status, f.Execution is { } e
                    ? new CellExecutionResult(e.ExecutionCount, e.Status, cell.Outputs, e.Error, e.StartedAt, e.FinishedAt, e.Elapsed, e.HasReturnValue, null)
                    : null, f.Error));
                continue;
            }
            results.Add(new CellRunResult(i, code, cell, string.IsNullOrWhiteSpace(cell.Source) ? CellRunStatus.NotCode : CellRunStatus.NotRun, null, null));
        }
        return results;
    }

    private static async Task ReadReportAsync(StreamReader reader, WorkerState state, NotebookRunOptions options)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            JsonObject? message;
            try
            {
                message = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                continue; // not the worker's report (a cell writing to the raw standard output)
            }
            if (message?["event"]?.GetValue<string>() is not { } kind) continue;
            int? cell = message["cell"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;
            switch (kind)
            {
                case "log":
                    options.Log?.Invoke(message["message"]?.GetValue<string>() ?? "");
                    break;
                case "start" when cell is { } i && i < state.Notebook.Cells.Count:
                    state.Running = i;
                    state.LastStarted = i;
                    options.Progress?.Invoke(new NotebookProgress(i, state.CodeNumber(i), state.CodeCount, false, null, Seconds(message["t"])));
                    break;
                case "finish" when cell is { } i && i < state.Notebook.Cells.Count:
                    state.Running = null;
                    var result = state.Finish(i, message);
                    options.Progress?.Invoke(new NotebookProgress(i, state.CodeNumber(i), state.CodeCount, true, result, Seconds(message["t"])));
                    break;
                case "crash":
                    state.Crash ??= message["exception"]?.GetValue<string>();
                    state.CrashWhileRunning = message["running"]?.GetValue<bool>() ?? false;
                    state.EventCell ??= cell is >= 0 ? cell : null;
                    break;
                case "exit":
                    state.ExitCalled ??= message["code"]?.GetValue<int>();
                    state.EventCell ??= cell is >= 0 ? cell : null;
                    break;
                case "done":
                    state.BuildError = message["buildError"]?.GetValue<string>();
                    state.Done = true;
                    break;
            }
        }
    }

    private static async Task ReadStderrAsync(StreamReader reader, WorkerState state)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!state.StackOverflow && line.StartsWith("Stack overflow.", StringComparison.Ordinal)) state.StackOverflow = true;
            if (line.Length > MaxLineLength) line = line[..MaxLineLength] + "…";
            state.StderrLineCount++;
            if (state.StderrHead.Count < StderrHead) state.StderrHead.Add(line);
            else
            {
                state.StderrTail.Enqueue(line);
                if (state.StderrTail.Count > StderrTail) state.StderrTail.Dequeue();
            }
        }
    }

    private static TimeSpan Seconds(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? TimeSpan.FromSeconds(v.GetValue<double>()) : TimeSpan.Zero;

    private sealed record FinishedCell(CellRunStatus Status, CellExecutionResult? Execution, CellError? Error);

    private sealed class WorkerState(Notebook notebook)
    {
        public Notebook Notebook { get; } = notebook;
        public Dictionary<int, FinishedCell> Finished { get; } = [];
        public int CodeCount { get; } = notebook.Cells.Count(c => c.IsCode);
        public int? Running { get; set; }
        public int? LastStarted { get; set; }
        public int? EventCell { get; set; }
        public string? Crash { get; set; }
        public bool CrashWhileRunning { get; set; }
        public int? ExitCalled { get; set; }
        public bool Done { get; set; }
        public string? BuildError { get; set; }
        public bool StackOverflow { get; set; }
        public int StderrLineCount { get; set; }
        public List<string> StderrHead { get; } = [];
        public Queue<string> StderrTail { get; } = new();

        public int CodeNumber(int index) => Notebook.Cells.Take(index + 1).Count(c => c.IsCode);

        /// <summary>Puts a finished cell's outputs into the notebook being rebuilt, and returns its result.</summary>
        public CellRunResult Finish(int index, JsonObject message)
        {
            var cell = Notebook.Cells[index];
            cell.Outputs.Clear();
            if (message["outputs"] is JsonArray outputs)
                foreach (var o in outputs.OfType<JsonObject>()) cell.Outputs.Add(CellOutput.FromJson(o));
            if (message["executionCount"] is JsonValue count && count.GetValueKind() == JsonValueKind.Number) cell.ExecutionCount = count.GetValue<int>();
            if (message["execution"] is JsonObject timing) cell.Metadata["execution"] = timing.DeepClone();
            var status = Enum.TryParse<CellRunStatus>(message["status"]?.GetValue<string>(), out var s) ? s : CellRunStatus.Error;
            CellError? error = null;
            if (message["error"] is JsonObject e)
                error = new CellError(Enum.TryParse<CellErrorKind>(e["kind"]?.GetValue<string>(), out var k) ? k : CellErrorKind.Runtime,
                    e["ename"]?.GetValue<string>() ?? "Error", e["evalue"]?.GetValue<string>() ?? "",
                    (e["traceback"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? []);
            CellExecutionResult? execution = null;
            if (message["elapsed"] is JsonValue elapsed && elapsed.GetValueKind() == JsonValueKind.Number)
            {
                var started = DateTimeOffset.Parse(message["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                var finished = DateTimeOffset.Parse(message["finishedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                var cellStatus = status switch
                {
                    CellRunStatus.Ok => CellStatus.Ok,
                    CellRunStatus.TimedOut => CellStatus.TimedOut,
                    CellRunStatus.Interrupted => CellStatus.Interrupted,
                    _ => CellStatus.Error,
                };
                execution = new CellExecutionResult(cell.ExecutionCount ?? 0, cellStatus, cell.Outputs, error, started, finished,
                    TimeSpan.FromSeconds(elapsed.GetValue<double>()), message["hasReturnValue"]?.GetValue<bool>() ?? false, null);
            }
            Finished[index] = new FinishedCell(status, execution, error);
            return new CellRunResult(index, CodeNumber(index), cell, status, execution, error);
        }

        /// <summary>Marks a cell failed with <paramref name="error"/>, keeping what it printed before.</summary>
        public void SetError(int index, CellRunStatus status, CellError error)
        {
            var cell = Notebook.Cells[index];
            cell.Outputs.Add(error.ToOutput());
            CellExecutionResult? execution = Finished.TryGetValue(index, out var f) ? f.Execution : null;
            Finished[index] = new FinishedCell(status, execution, error);
        }
    }
}
