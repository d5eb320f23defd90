using System.Text.Json.Nodes;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Execution;

/// <summary>
/// Receives a cell's outputs as they happen (the Jupyter kernel turns each call into an iopub message).
/// Every method has an empty default, so an observer implements only what it needs.
/// Calls for one cell are made one at a time, in output order, from whichever thread produced the output;
/// console writes made inside an observer go to the real console, not into the cell.
/// </summary>
public interface IExecutionObserver
{
    /// <summary>The cell starts running with this execution count (before its first output).</summary>
    void OnStarted(int executionCount) { }

    /// <summary>Text written to the console. <paramref name="name"/> is <c>stdout</c> or <c>stderr</c>.</summary>
    void OnStream(string name, string text) { }

    /// <summary>A new output from <c>display(...)</c>, <c>.Display()</c> or a formatter, with its display id.</summary>
    void OnDisplay(string displayId, MimeBundle data, JsonObject metadata) { }

    /// <summary>An earlier display output (any cell's) replaced through its handle's <c>Update</c>.</summary>
    void OnDisplayUpdate(string displayId, MimeBundle data, JsonObject metadata) { }

    /// <summary>The value of the cell's trailing expression.</summary>
    void OnResult(int executionCount, MimeBundle data, JsonObject metadata) { }

    /// <summary>The cell failed: compile error, exception, directive error, time limit or interrupt.</summary>
    void OnError(CellError error) { }
}
