using Descent.Notebooks.Model;

namespace Descent.Notebooks.Execution;

/// <summary>The outcome of running one cell in a <see cref="EngineSession"/>.</summary>
public sealed class CellExecutionResult
{
    internal CellExecutionResult(int executionCount, CellStatus status, IReadOnlyList<CellOutput> outputs, CellError? error,
        DateTimeOffset startedAt, DateTimeOffset finishedAt, TimeSpan elapsed, bool hasReturnValue, object? returnValue)
    {
        ExecutionCount = executionCount;
        Status = status;
        Outputs = outputs;
        Error = error;
        StartedAt = startedAt;
        FinishedAt = finishedAt;
        Elapsed = elapsed;
        HasReturnValue = hasReturnValue;
        ReturnValue = returnValue;
    }

    /// <summary>The execution count the cell ran with (Jupyter's <c>In [n]</c>).</summary>
    public int ExecutionCount { get; }

    /// <summary>How it ended.</summary>
    public CellStatus Status { get; }

    /// <summary>True if <see cref="Status"/> is <see cref="CellStatus.Ok"/>.</summary>
    public bool Succeeded => Status == CellStatus.Ok;

    /// <summary>
    /// The outputs in order (streams merged, displays in their final state, the result, then the error if any).
    /// Display outputs are live: a later <c>Update</c> from another cell changes them.
    /// </summary>
    public IReadOnlyList<CellOutput> Outputs { get; }

    /// <summary>The failure, or null.</summary>
    public CellError? Error { get; }

    /// <summary>When the cell started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset FinishedAt { get; }

    /// <summary>Wall-clock time, directives (restores) and compilation included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>True if the cell ended with an expression (no semicolon) whose value was displayed.</summary>
    public bool HasReturnValue { get; }

    /// <summary>The trailing expression's value (null when there is none).</summary>
    public object? ReturnValue { get; }

    /// <summary>All <c>text/plain</c> of results and displays plus stdout, in output order, joined by newlines (handy in tests).</summary>
    public string Text => string.Join("\n", Outputs.Select(o => o switch
    {
        StreamOutput s => s.Text.TrimEnd('\n'),
        DisplayDataOutput d => d.Data.GetText("text/plain") ?? "",
        ExecuteResultOutput r => r.Data.GetText("text/plain") ?? "",
        ErrorOutput e => $"{e.EName}: {e.EValue}",
        _ => "",
    }));
}
