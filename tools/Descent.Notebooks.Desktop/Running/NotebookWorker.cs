using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Descent.Notebooks.Running;

/// <summary>
/// The worker side of <see cref="IsolatedNotebookRunner"/>: runs one notebook with <see cref="NotebookRunner"/> in
/// this process and reports to the parent as JSON lines on the process's real standard output (cell started, cell
/// finished with its outputs, log lines, and, before the process dies of something a cell did, what killed it).
/// The executed notebook goes to the file the parent names; then the process exits, ending any thread a cell left
/// running. Console text written outside a cell goes to standard error, so it cannot mix with the report.
/// </summary>
public static class NotebookWorker
{
    /// <summary>The hidden subcommand of <c>descent</c> that runs a worker.</summary>
    public const string Subcommand = "__run-notebook";

    private static readonly object WriteGate = new();
    private static Stream? s_report;
    private static volatile int s_runningCell = -1;
    private static volatile int s_lastCell = -1;
    private static volatile bool s_done;

    /// <summary>
    /// Runs the worker: <c>__run-notebook &lt;notebook&gt; --result &lt;file&gt; [--timeout s] [--allow-errors] [--no-build] [--plotly-url url]</c>
    /// (an empty <c>--plotly-url</c>: charts load plotly.js from nowhere). Exits the process when done; returns only on bad arguments.
    /// </summary>
    public static async Task<int> MainAsync(string[] args)
    {
        string? source = null, result = null;
        double timeout = RunSetup.DefaultTimeoutSeconds;
        bool allowErrors = false, build = true;
        var formatting = Formatting.FormatterOptions.Default;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case Subcommand: break;
                case "--result": result = args[++i]; break;
                case "--timeout": timeout = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--allow-errors": allowErrors = true; break;
                case "--no-build": build = false; break;
                case "--plotly-url": formatting = formatting with { PlotlyScriptUrl = args[++i] is { Length: > 0 } url ? url : null }; break;
                default: source = args[i]; break;
            }
        }
        if (source is null || result is null || !RunSetup.TryCellTimeout(timeout, out var cellTimeout, out _))
        {
            Console.Error.WriteLine($"descent {Subcommand}: usage: {Subcommand} <notebook> --result <file> [--timeout s] [--allow-errors] [--no-build] [--plotly-url url]");
            return 2;
        }

        // The report gets the real standard output; anything else written to the console goes to standard error.
        s_report = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Report(new JsonObject
        {
            ["event"] = "crash",
            ["cell"] = s_runningCell >= 0 ? s_runningCell : s_lastCell,
            ["running"] = s_runningCell >= 0,
            ["exception"] = e.ExceptionObject is Exception x ? $"{x.GetType().FullName}: {x.Message}" : e.ExceptionObject?.ToString(),
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!s_done)
                Report(new JsonObject
                {
                    ["event"] = "exit",
                    ["cell"] = s_runningCell >= 0 ? s_runningCell : s_lastCell,
                    ["running"] = s_runningCell >= 0,
                    ["code"] = Environment.ExitCode,
                });
        };

        var run = await NotebookRunner.RunFileAsync(source, new NotebookRunOptions
        {
            AllowErrors = allowErrors,
            CellTimeout = cellTimeout,
            BuildReferencedProjects = build,
            Formatting = formatting,
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
        run.Notebook.Save(result);
        s_done = true;
        Report(new JsonObject
        {
            ["event"] = "done",
            ["elapsed"] = run.Elapsed.TotalSeconds,
            ["buildError"] = run.BuildError,
        });
        // Ends the threads a cell abandoned (a loop past its time limit, a thread it started) with the process.
        Environment.Exit(0);
        return 0;
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
