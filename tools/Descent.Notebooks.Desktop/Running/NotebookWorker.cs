using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Descent.Notebooks.Running;

/// <summary>
/// The worker side of <see cref="IsolatedNotebookRunner"/>: runs notebooks with <see cref="NotebookRunner"/> in this
/// process, one request at a time (a JSON line on standard input: the notebook, the file for the executed copy and the
/// options), and reports to the parent as JSON lines on the process's real standard output: cell started, cell finished
/// with its outputs, log lines, done, and, before the process dies of something a cell did, what killed it. Console
/// text written outside a cell goes to standard error, so it cannot mix with the report; cells read an empty standard
/// input. After a notebook with a cell stopped by its time limit or an interrupt (its thread may still be running),
/// the worker says it retires and exits, ending that thread; it also exits when its standard input closes.
/// </summary>
public static class NotebookWorker
{
    /// <summary>The hidden subcommand of <c>descent</c> that runs a worker.</summary>
    public const string Subcommand = "__run-notebook";

    private static readonly object WriteGate = new();
    private static Stream? s_report;
    private static volatile int s_runningCell = -1;
    private static volatile int s_lastCell = -1;
    private static volatile bool s_busy;
    private static volatile int s_request;
    // Which request each assembly was loaded during (a cell's submissions): an exception on a thread a cell started
    // names, by the cell code on its stack, the notebook that started it, even after that notebook ended.
    private static readonly ConditionalWeakTable<Assembly, StrongBox<(int Request, int Cell)>> AssemblyRequests = new();

    /// <summary>Serves requests until standard input closes, then exits the process.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        _ = args;
        // The report gets the real standard output; anything else written to the console goes to standard error.
        s_report = Console.OpenStandardOutput();
        using var requests = new StreamReader(Console.OpenStandardInput());
        Console.SetOut(Console.Error);
        Console.SetIn(StreamReader.Null);
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var (request, origin) = e.ExceptionObject is Exception thrown ? Origin(thrown) : (s_request, -1);
            Report(new JsonObject
            {
                ["id"] = request,
                ["origin"] = origin,
                ["event"] = "crash",
                ["cell"] = s_runningCell >= 0 ? s_runningCell : s_lastCell,
                ["running"] = s_runningCell >= 0,
                ["exception"] = e.ExceptionObject is Exception x ? $"{x.GetType().FullName}: {x.Message}" : e.ExceptionObject?.ToString(),
            });
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (s_busy)
                Report(new JsonObject
                {
                    ["event"] = "exit",
                    ["cell"] = s_runningCell >= 0 ? s_runningCell : s_lastCell,
                    ["running"] = s_runningCell >= 0,
                    ["code"] = Environment.ExitCode,
                });
        };
        // Ctrl+C reaches the whole process group: the parent decides (it ends the worker when it cancels).
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => ctx.Cancel = true);
        WatchParent();
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => AssemblyRequests.AddOrUpdate(e.LoadedAssembly, new StrongBox<(int, int)>((s_request, s_runningCell)));
        _ = Desktop.DesktopHost.WarmUpAsync(CancellationToken.None);

        while (await requests.ReadLineAsync() is { } line)
        {
            if (JsonNode.Parse(line) is not JsonObject request) continue;
            s_request = request["id"]?.GetValue<int>() ?? 0;
            s_runningCell = -1;
            s_lastCell = -1;
            s_busy = true;
            bool retire = false;
            string? failure = null;
            NotebookRunResult? run = null;
            try
            {
                var timeout = request["timeout"]?.GetValue<double>() ?? RunSetup.DefaultTimeoutSeconds;
                RunSetup.TryCellTimeout(timeout, out var cellTimeout, out _);
                run = await NotebookRunner.RunFileAsync(request["source"]!.GetValue<string>(), new NotebookRunOptions
                {
                    AllowErrors = request["allowErrors"]?.GetValue<bool>() ?? false,
                    CellTimeout = cellTimeout,
                    BuildReferencedProjects = request["build"]?.GetValue<bool>() ?? true,
                    Formatting = Formatting.FormatterOptions.Default with
                    {
                        PlotlyScriptUrl = request["plotlyUrl"]?.GetValue<string>() is { Length: > 0 } url ? url : null,
                    },
                    Log = message => Report(new JsonObject { ["event"] = "log", ["message"] = message }),
                    Progress = p =>
                    {
                        if (!p.Finished)
                        {
                            s_runningCell = p.CellIndex;
                            s_lastCell = p.CellIndex;
                            Report(new JsonObject { ["event"] = "start", ["cell"] = p.CellIndex, ["t"] = p.NotebookElapsed.TotalSeconds });
                            return;
                        }
                        s_runningCell = -1;
                        Report(Finished(p));
                    },
                });
                run.Notebook.Save(request["result"]!.GetValue<string>());
                retire = run.Cells.Any(c => c.Status is CellRunStatus.TimedOut or CellRunStatus.Interrupted);
            }
            catch (Exception e)
            {
                failure = $"{e.GetType().FullName}: {e.Message}";
                retire = true;
            }
            s_busy = false;
            Report(new JsonObject
            {
                ["event"] = "done",
                ["buildError"] = run?.BuildError,
                ["failure"] = failure,
                ["retire"] = retire,
            });
            // A thread a cell abandoned at its time limit may still be running: it ends with the process.
            if (retire) Environment.Exit(0);
        }
        Environment.Exit(0);
        return 0;
    }

    /// <summary>The environment variable that names the parent's process id (set by <see cref="IsolatedNotebookRunner"/>).</summary>
    public const string ParentVariable = "DESCENT_WORKER_PARENT";

    /// <summary>A worker whose parent is gone (killed, so it could not end the worker) exits, even while a cell spins.</summary>
    private static void WatchParent()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(ParentVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 1) return;
        new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(1000);
                bool gone;
                try
                {
                    using var parent = Process.GetProcessById(pid);
                    gone = parent.HasExited;
                }
                catch (ArgumentException)
                {
                    gone = true;
                }
                catch (InvalidOperationException)
                {
                    gone = true;
                }
                if (gone)
                {
                    s_busy = false;
                    Environment.Exit(1);
                }
            }
        }) { IsBackground = true, Name = "descent worker parent watch" }.Start();
    }

    /// <summary>The request and the cell whose code is on the exception's stack (the thread's origin), else the current request.</summary>
    private static (int Request, int Cell) Origin(Exception e)
    {
        try
        {
            foreach (var frame in new StackTrace(e, fNeedFileInfo: false).GetFrames())
                if (frame.GetMethod()?.DeclaringType?.Assembly is { } assembly && AssemblyRequests.TryGetValue(assembly, out var origin) && origin.Value.Request > 0)
                    return origin.Value;
        }
        catch (Exception) { } // the report must go out whatever happens here
        return (s_request, -1);
    }

    private static JsonObject Finished(NotebookProgress p)
    {
        var r = p.Result!;
        var cell = r.Cell;
        var json = new JsonObject
        {
            ["event"] = "finish",
            ["cell"] = p.CellIndex,
            ["t"] = p.NotebookElapsed.TotalSeconds,
            ["status"] = r.Status.ToString(),
            ["executionCount"] = cell.ExecutionCount,
            ["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode?)o.ToJson()).ToArray()),
            ["execution"] = cell.Metadata["execution"]?.DeepClone(),
        };
        if (r.Execution is { } e)
        {
            json["startedAt"] = e.StartedAt.ToString("O", CultureInfo.InvariantCulture);
            json["finishedAt"] = e.FinishedAt.ToString("O", CultureInfo.InvariantCulture);
            json["elapsed"] = e.Elapsed.TotalSeconds;
            json["hasReturnValue"] = e.HasReturnValue;
        }
        if (r.Error is { } error)
            json["error"] = new JsonObject
            {
                ["kind"] = error.Kind.ToString(),
                ["ename"] = error.EName,
                ["evalue"] = error.EValue,
                ["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode?)t).ToArray()),
            };
        return json;
    }

    private static void Report(JsonObject message)
    {
        var stream = s_report;
        if (stream is null) return;
        if (!message.ContainsKey("id")) message["id"] = s_request;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString() + "\n");
        lock (WriteGate)
        {
            try
            {
                stream.Write(bytes);
                stream.Flush();
            }
            catch (IOException) { } // the parent is gone
        }
    }
}
