using System.Diagnostics;
using System.Runtime.InteropServices.JavaScript;
using System.Text.Json.Nodes;
using Descent.Notebooks.Execution;
using Descent.Notebooks.Formatting;
using Descent.Notebooks.Model;
using Descent.Site.Html;
using Descent.Site.Markdown;
using Descent.Site.Outputs;

namespace Descent.Browser;

/// <summary>
/// The entry points the worker (wwwroot/worker.js) calls: <see cref="Start"/> once, then <see cref="Run"/> per cell.
/// Outputs go back to the page as they happen through <see cref="Post"/>, as messages of PROTOCOL.md: each carries
/// the nbformat output exactly as <c>descent run</c> writes it, and the same output rendered by the site's own renderer.
/// </summary>
public static partial class Runtime
{
    private static EngineSession? s_session;
    private static OutputRenderer? s_renderer;

    /// <summary>The notebook folder of the virtual file system: relative paths in cells start here.</summary>
    private const string NotebookFolder = "/site/notebooks";

    /// <summary>Sends one message (a JSON object) to the page.</summary>
    [JSImport("post", "descent")]
    private static partial void Post(string json);

    public static void Main() { }

    /// <summary>Creates the session and compiles a throwaway cell so the student's first cell is fast.</summary>
    [JSExport]
    public static async Task Start()
    {
        Directory.CreateDirectory(NotebookFolder);
        Directory.SetCurrentDirectory(NotebookFolder);
        var host = new BrowserHost(NotebookFolder);
        s_session = new EngineSession(host, new SessionOptions
        {
            CellTimeout = Timeout.InfiniteTimeSpan,
            Formatting = FormatterOptions.Default with { PlotlyScriptUrl = null },
        });
        var safety = new HtmlSafety();
        s_renderer = new OutputRenderer(safety, new MarkdownRenderer(safety, [], _ => null, null), "run");
        var clock = Stopwatch.StartNew();
        await s_session.WarmUpAsync();
        Send(new JsonObject { ["type"] = "warm", ["ms"] = clock.Elapsed.TotalMilliseconds });
    }

    /// <summary>Runs one cell, continuing the session; outputs are posted as they happen.</summary>
    [JSExport]
    public static async Task Run(int runId, string code)
    {
        var session = s_session ?? throw new InvalidOperationException("Start the runtime first.");
        var clock = Stopwatch.StartNew();
        var result = await session.ExecuteAsync(code, new PageObserver(runId));
        Send(new JsonObject
        {
            ["type"] = "done", ["runId"] = runId, ["executionCount"] = result.ExecutionCount, ["ms"] = clock.Elapsed.TotalMilliseconds,
            ["status"] = result.Status switch
            {
                CellStatus.Ok => "ok",
                CellStatus.TimedOut => "timeout",
                CellStatus.Interrupted => "interrupted",
                _ => "error",
            },
        });
    }

    private static void Send(JsonObject message) => Post(message.ToJsonString());

    /// <summary>One output as the exported pages show it (chart ids restart at every render; the page renames them).</summary>
    private static string Render(CellOutput output) => s_renderer!.RenderAll([output], []);

    /// <summary>The engine's outputs, as messages to the page.</summary>
    private sealed class PageObserver(int runId) : IExecutionObserver
    {
        public void OnStarted(int executionCount) =>
            Send(new JsonObject { ["type"] = "started", ["runId"] = runId, ["executionCount"] = executionCount });

        public void OnStream(string name, string text) => Output(new StreamOutput(name, text));

        public void OnDisplay(string displayId, MimeBundle data, JsonObject metadata) =>
            Output(new DisplayDataOutput(data, metadata), displayId);

        public void OnDisplayUpdate(string displayId, MimeBundle data, JsonObject metadata)
        {
            var output = new DisplayDataOutput(data, metadata);
            Send(new JsonObject
            {
                ["type"] = "update", ["runId"] = runId, ["displayId"] = displayId, ["output"] = output.ToJson(),
                ["html"] = WithDisplayId(Render(output), displayId),
            });
        }

        public void OnResult(int executionCount, MimeBundle data, JsonObject metadata) =>
            Output(new ExecuteResultOutput(executionCount, data, metadata));

        public void OnError(CellError error) => Output(error.ToOutput());

        private void Output(CellOutput output, string? displayId = null)
        {
            var html = Render(output);
            var message = new JsonObject { ["type"] = "output", ["runId"] = runId, ["output"] = output.ToJson(), ["html"] = displayId is null ? html : WithDisplayId(html, displayId) };
            if (displayId is not null) message["displayId"] = displayId;
            Send(message);
        }

        private static string WithDisplayId(string html, string displayId) =>
            $"<div class=\"display\" data-display-id=\"{displayId}\">{html}</div>";
    }
}
