using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Descent.Notebooks.Execution;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Running;

/// <summary>How to start a notebook worker: a program and the arguments before <see cref="NotebookWorker.Subcommand"/>.</summary>
/// <param name="FileName">The program (the <c>dotnet</c> host, or the <c>descent</c> executable).</param>
/// <param name="Arguments">What comes before the worker's own arguments (e.g. the path of descent.dll).</param>
public sealed record NotebookWorkerCommand(string FileName, IReadOnlyList<string> Arguments);

/// <summary>
/// Runs notebooks like <see cref="NotebookRunner.RunFileAsync"/>, but in a worker process (<see cref="NotebookWorker"/>),
/// so that nothing a cell does can end the caller: a stack overflow, <c>Environment.Exit</c>, an exception on a thread
/// the cell started, or a thread left spinning past its time limit. One worker runs the notebooks one after the other
/// (one process start, one Roslyn warm-up); it is replaced after it dies, and after a notebook in which a cell was
/// stopped by its time limit or an interrupt (the cell's thread may still run; it ends with its process). When the
/// worker dies, the cell that was running gets an error naming the cause (with a few lines of the worker's standard
/// error), the cells before it keep their outputs, and the result is otherwise the one <see cref="NotebookRunner"/>
/// gives. <see cref="NotebookRunOptions.Observer"/> is not supported (outputs arrive per finished cell), and
/// <see cref="NotebookRunOptions.Formatting"/> passes only its plotly.js address.
/// </summary>
public sealed class IsolatedNotebookRunner(NotebookWorkerCommand command) : IDisposable
{
    private const int StderrHead = 10;
    private const int StderrTail = 10;
    private const int MaxLineLength = 300;

    private Worker? _worker;
    private int _requests;
    private string? _previous;

    /// <summary>How many worker processes have been started.</summary>
    public int WorkersStarted { get; private set; }

    /// <summary>Runs one notebook in a worker of its own (started with <paramref name="worker"/>, ended after).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook.</exception>
    public static async Task<NotebookRunResult> RunFileAsync(string path, NotebookRunOptions options, NotebookWorkerCommand worker,
        CancellationToken cancellationToken = default)
    {
        using var runner = new IsolatedNotebookRunner(worker);
        return await runner.RunFileAsync(path, options, cancellationToken);
    }

    /// <summary>Starts the worker now (it warms up Roslyn while the caller does something else, e.g. a build).</summary>
    public void Start()
    {
        if (_worker is null || _worker.Process.HasExited) Replace(StartWorker());
    }

    /// <summary>Runs the notebook at <paramref name="path"/> in the worker (starting one if there is none).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook.</exception>
    public async Task<NotebookRunResult> RunFileAsync(string path, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var full = Path.GetFullPath(path);
        var source = Notebook.Load(full); // malformed or missing: the same exceptions as in-process, before the worker sees it
        var executed = source.Clone();
        executed.ClearOutputs();
        var clock = Stopwatch.StartNew();
        var resultFile = Path.Combine(Path.GetTempPath(), $"descent-worker-{Environment.ProcessId}-{Guid.NewGuid():N}.ipynb");
        var id = ++_requests;
        var request = new JsonObject
        {
            ["id"] = id,
            ["source"] = full,
            ["result"] = resultFile,
            ["timeout"] = options.CellTimeout == Timeout.InfiniteTimeSpan ? 0 : options.CellTimeout.TotalSeconds,
            ["allowErrors"] = options.AllowErrors,
            ["build"] = options.BuildReferencedProjects,
            ["plotlyUrl"] = options.Formatting.PlotlyScriptUrl ?? "",
        }.ToJsonString();

        Worker worker;
        WorkerState state;
        bool cancelled = false;
        Worker? retired = null;
        for (int attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                executed = source.Clone();
                executed.ClearOutputs();
            }
            worker = await SendAsync(request);
            state = new WorkerState(executed, id);
            try
            {
                while (await worker.Events.Reader.WaitToReadAsync(cancellationToken))
                {
                    while (worker.Events.Reader.TryRead(out var message)) Handle(message, state, options);
                    if (state.Done) break;
                }
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
            // A thread an earlier notebook started ended the worker: this notebook is not to blame; it runs again in a new worker.
            if (cancelled || state.Done || state.StaleDeath is null || attempt > 0) break;
            options.Log?.Invoke($"a thread an earlier notebook ({_previous ?? "?"}) started threw {state.StaleDeath} after that notebook ended, " +
                                "and ended the worker process; running this notebook again in a new one");
            await worker.WaitForEndAsync(TimeSpan.FromSeconds(10));
            worker.Kill();
            Replace(null);
        }
        if (cancelled || !state.Done || state.Retire)
        {
            // dead, or to be retired: wait for its end (and the rest of its stderr), then forget it
            if (cancelled) worker.Kill();
            await worker.WaitForEndAsync(cancelled || state.Retire ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30));
            worker.Kill();
            if (_worker == worker) _worker = null; // disposed below, once what it left has been read
            retired = worker;
        }
        clock.Stop();
        _previous = Path.GetFileName(full);

        try
        {
            Notebook notebook = executed;
            int? failedAt = null;
            if (!cancelled && state.Done && state.Failure is null && File.Exists(resultFile))
            {
                notebook = Notebook.Load(resultFile);
                notebook.FilePath = source.FilePath;
            }
            else if (cancelled)
            {
                if (state.Running is { } running)
                {
                    state.SetError(running, CellRunStatus.Interrupted,
                        new CellError(CellErrorKind.Interrupted, "Interrupted", "The cell was interrupted.", ["Interrupted: The cell was interrupted."]));
                    failedAt = running;
                }
            }
            else if ((state.EventCell ?? state.Running ?? FirstNotRun(executed, state)) is { } cell)
            {
                var (reason, detail) = CauseOfDeath(state, worker);
                var message = $"{reason}: the cell ended the notebook's process (the cells before it kept their outputs; the notebook stopped here).";
                var traceback = new List<string> { $"ProcessDied: {message}" };
                if (detail is not null) traceback.Add(detail);
                traceback.AddRange(worker.StderrExcerpt());
                state.SetError(cell, CellRunStatus.Error, new CellError(CellErrorKind.Runtime, "ProcessDied", message, traceback));
                failedAt = cell;
            }
            var results = Results(notebook, state);
            // the cell the worker could not report: it is heard as finished, like the others
            if (failedAt is { } f && results[f].CodeCellNumber is { } number)
                options.Progress?.Invoke(new NotebookProgress(f, number, state.CodeCount, true, results[f], clock.Elapsed));
            return new NotebookRunResult(notebook, results, clock.Elapsed, state.BuildError);
        }
        finally
        {
            retired?.Dispose();
            try { File.Delete(resultFile); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Ends the worker (it exits when its standard input closes; killed if it does not).</summary>
    public void Dispose()
    {
        var worker = _worker;
        _worker = null;
        if (worker is null) return;
        try { worker.Process.StandardInput.Close(); } catch (IOException) { }
        if (!worker.Process.WaitForExit(2000)) worker.Kill();
        worker.Dispose();
    }

    private void Replace(Worker? next)
    {
        var previous = _worker;
        _worker = next;
        if (previous is not null && previous != next)
        {
            previous.Kill();
            previous.Dispose();
        }
    }

    /// <summary>Sends a request to the live worker, or to a new one when it has died (or dies as the request is written).</summary>
    private async Task<Worker> SendAsync(string request)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (_worker is null || _worker.Process.HasExited) Replace(StartWorker());
            var worker = _worker!;
            // what the worker said after the last notebook was done: only a thread of it ending the process matters
            bool dying = false;
            while (worker.Events.Reader.TryRead(out var stale))
                dying |= stale["event"]?.GetValue<string>() is "crash" or "exit";
            if (dying)
            {
                await worker.WaitForEndAsync(TimeSpan.FromSeconds(10));
                Replace(StartWorker());
                worker = _worker!;
            }
            worker.ResetStderr();
            try
            {
                await worker.Process.StandardInput.WriteLineAsync(request);
                await worker.Process.StandardInput.FlushAsync();
                return worker;
            }
            catch (IOException) when (attempt == 0)
            {
                Replace(null);
            }
        }
    }

    private Worker StartWorker()
    {
        var psi = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Desktop.WorkingDirectoryGate.CurrentDirectoryOrNull() ?? Path.GetTempPath(),
        };
        foreach (var a in command.Arguments) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(NotebookWorker.Subcommand);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment[NotebookWorker.ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // A crash dump of a dying worker would only take time and disk.
        psi.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {command.FileName}.");
        WorkersStarted++;
        return new Worker(process);
    }

    private static void Handle(JsonObject message, WorkerState state, NotebookRunOptions options)
    {
        if (message["event"]?.GetValue<string>() is not { } kind) return;
        if ((message["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.Number ? id.GetValue<int>() : 0) != state.Request)
        {
            // from the notebook before: a thread it left running is ending the worker
            if (kind is "crash") state.StaleDeath ??= message["exception"]?.GetValue<string>() ?? "an exception";
            return;
        }
        int? cell = message["cell"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;
        switch (kind)
        {
            case "log":
                options.Log?.Invoke(message["message"]?.GetValue<string>() ?? "");
                break;
            case "start" when cell is { } i && i >= 0 && i < state.Notebook.Cells.Count:
                state.Running = i;
                state.LastStarted = i;
                options.Progress?.Invoke(new NotebookProgress(i, state.CodeNumber(i), state.CodeCount, false, null, Seconds(message["t"])));
                break;
            case "finish" when cell is { } i && i >= 0 && i < state.Notebook.Cells.Count:
                state.Running = null;
                var result = state.Finish(i, message);
                options.Progress?.Invoke(new NotebookProgress(i, state.CodeNumber(i), state.CodeCount, true, result, Seconds(message["t"])));
                break;
            case "crash":
                state.Crash ??= message["exception"]?.GetValue<string>();
                state.CrashWhileRunning = message["running"]?.GetValue<bool>() ?? false;
                state.CrashOrigin = message["origin"] is JsonValue o && o.GetValueKind() == JsonValueKind.Number && o.GetValue<int>() is >= 0 and var c
                    && c < state.Notebook.Cells.Count ? c : null;
                state.EventCell ??= cell is >= 0 ? cell : null;
                break;
            case "exit":
                state.ExitCalled ??= message["code"]?.GetValue<int>();
                state.EventCell ??= cell is >= 0 ? cell : null;
                break;
            case "done":
                state.BuildError = message["buildError"]?.GetValue<string>();
                state.Failure = message["failure"]?.GetValue<string>();
                state.Retire = message["retire"]?.GetValue<bool>() ?? false;
                state.Done = true;
                break;
        }
    }

    private static int? FirstNotRun(Notebook notebook, WorkerState state)
    {
        for (int i = 0; i < notebook.Cells.Count; i++)
            if (notebook.Cells[i].IsCode && !string.IsNullOrWhiteSpace(notebook.Cells[i].Source) && !state.Finished.ContainsKey(i)) return i;
        return state.LastStarted;
    }

    private static (string Reason, string? Detail) CauseOfDeath(WorkerState state, Worker worker)
    {
        if (state.Failure is { } failure) return ($"the notebook's worker failed: {failure}", null);
        int? exitCode = worker.Process.HasExited ? worker.Process.ExitCode : null;
        if (state.Crash is { } earlier && state.CrashOrigin is { } origin && origin != (state.EventCell ?? state.Running))
            return ($"a thread that code cell {state.CodeNumber(origin)} started threw {earlier} while this cell ran",
                "An exception no code catches, on a thread other than the cell's own, ends a .NET process.");
        if (state.Crash is { } crash)
            return state.CrashWhileRunning
                ? ($"a thread the cell started threw {crash}", "An exception no code catches, on a thread other than the cell's own, ends a .NET process.")
                : ($"a thread the cell started threw {crash} after the cell ended", "An exception no code catches, on a thread other than the cell's own, ends a .NET process.");
        if (worker.StackOverflow)
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

    private static TimeSpan Seconds(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? TimeSpan.FromSeconds(v.GetValue<double>()) : TimeSpan.Zero;

    private sealed record FinishedCell(CellRunStatus Status, CellExecutionResult? Execution, CellError? Error);

    private sealed class WorkerState(Notebook notebook, int request)
    {
        public Notebook Notebook { get; } = notebook;
        public int Request { get; } = request;
        public string? StaleDeath { get; set; }
        public Dictionary<int, FinishedCell> Finished { get; } = [];
        public int CodeCount { get; } = notebook.Cells.Count(c => c.IsCode);
        public int? Running { get; set; }
        public int? LastStarted { get; set; }
        public int? EventCell { get; set; }
        public string? Crash { get; set; }
        public bool CrashWhileRunning { get; set; }
        public int? CrashOrigin { get; set; }
        public int? ExitCalled { get; set; }
        public bool Done { get; set; }
        public string? BuildError { get; set; }
        public string? Failure { get; set; }
        public bool Retire { get; set; }

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

    /// <summary>A worker process: its report as a channel of messages, and the ends of its standard error.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly object _gate = new();
        private readonly List<string> _head = [];
        private readonly Queue<string> _tail = new();
        private int _lines;
        private readonly Task _stdout;
        private readonly Task _stderr;

        public Worker(Process process)
        {
            Process = process;
            _stdout = ReadReportAsync();
            _stderr = ReadStderrAsync();
        }

        public Process Process { get; }

        public Channel<JsonObject> Events { get; } = Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        public bool StackOverflow { get; private set; }

        public void ResetStderr()
        {
            lock (_gate)
            {
                _head.Clear();
                _tail.Clear();
                _lines = 0;
            }
        }

        /// <summary>The first and last lines of what the worker wrote to standard error during the current notebook.</summary>
        public List<string> StderrExcerpt()
        {
            lock (_gate)
            {
                var lines = new List<string>();
                if (_lines == 0) return lines;
                lines.Add(_lines > StderrHead + StderrTail
                    ? $"The process's standard error ({_lines:N0} lines; the first {StderrHead} and the last {StderrTail}):"
                    : "The process's standard error:");
                lines.AddRange(_head.Select(l => "  " + l));
                if (_lines > StderrHead + StderrTail) lines.Add($"  ... {_lines - StderrHead - StderrTail:N0} lines left out ...");
                lines.AddRange(_tail.Select(l => "  " + l));
                return lines;
            }
        }

        public async Task WaitForEndAsync(TimeSpan limit)
        {
            try { await Task.WhenAll(_stdout, _stderr, Process.WaitForExitAsync()).WaitAsync(limit); }
            catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException or InvalidOperationException) { }
        }

        public void Kill()
        {
            try { Process.Kill(entireProcessTree: true); }
            catch (Exception e) when (e is InvalidOperationException or AggregateException or System.ComponentModel.Win32Exception) { }
        }

        public void Dispose() => Process.Dispose();

        private async Task ReadReportAsync()
        {
            try
            {
                while (await Process.StandardOutput.ReadLineAsync() is { } line)
                {
                    try
                    {
                        if (JsonNode.Parse(line) is JsonObject message) Events.Writer.TryWrite(message);
                    }
                    catch (JsonException) { } // not the worker's report (a cell writing to the raw standard output)
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
            finally
            {
                Events.Writer.TryComplete();
            }
        }

        private async Task ReadStderrAsync()
        {
            try
            {
                while (await Process.StandardError.ReadLineAsync() is { } line)
                {
                    if (!StackOverflow && line.StartsWith("Stack overflow.", StringComparison.Ordinal)) StackOverflow = true;
                    if (line.Length > MaxLineLength) line = line[..MaxLineLength] + "…";
                    lock (_gate)
                    {
                        _lines++;
                        if (_head.Count < StderrHead) _head.Add(line);
                        else
                        {
                            _tail.Enqueue(line);
                            if (_tail.Count > StderrTail) _tail.Dequeue();
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
        }
    }
}
