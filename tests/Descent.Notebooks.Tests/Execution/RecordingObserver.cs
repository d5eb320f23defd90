using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Descent.Notebooks.Execution;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Tests.Execution;

/// <summary>Records every observer call as a line, in order.</summary>
internal sealed class RecordingObserver : IExecutionObserver
{
    public ConcurrentQueue<string> Events { get; } = new();

    public List<string> List => Events.ToList();

    public void OnStarted(int executionCount) => Events.Enqueue($"started {executionCount}");
    public void OnStream(string name, string text) => Events.Enqueue($"{name}: {text}");
    public void OnDisplay(string displayId, MimeBundle data, JsonObject metadata) => Events.Enqueue($"display {displayId}: {data.GetText("text/plain")}");
    public void OnDisplayUpdate(string displayId, MimeBundle data, JsonObject metadata) => Events.Enqueue($"update {displayId}: {data.GetText("text/plain")}");
    public void OnResult(int executionCount, MimeBundle data, JsonObject metadata) => Events.Enqueue($"result {executionCount}: {data.GetText("text/plain")}");
    public void OnError(CellError error) => Events.Enqueue($"error {error.EName}: {error.EValue}");
}
