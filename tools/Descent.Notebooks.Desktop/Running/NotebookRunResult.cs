using Descent.Notebooks.Execution;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Running;

/// <summary>How one cell of a notebook run ended.</summary>
public enum CellRunStatus
{
    /// <summary>A markdown or raw cell (nothing to run), or an empty code cell.</summary>
    NotCode,

    /// <summary>Ran to the end.</summary>
    Ok,

    /// <summary>Failed: compile error, exception, directive error, unsupported language.</summary>
    Error,

    /// <summary>Stopped by its time limit.</summary>
    TimedOut,

    /// <summary>Interrupted (the run was cancelled).</summary>
    Interrupted,

    /// <summary>Not run, because an earlier cell failed (or the referenced build failed).</summary>
    NotRun,
}

/// <summary>One cell of a notebook run.</summary>
public sealed class CellRunResult
{
    internal CellRunResult(int index, int? codeCellNumber, NotebookCell cell, CellRunStatus status, CellExecutionResult? execution, CellError? error)
    {
        Index = index;
        CodeCellNumber = codeCellNumber;
        Cell = cell;
        Status = status;
        Execution = execution;
        Error = error ?? execution?.Error;
    }

    /// <summary>0-based index among all cells.</summary>
    public int Index { get; }

    /// <summary>1-based number among code cells (null for markdown and raw cells).</summary>
    public int? CodeCellNumber { get; }

    /// <summary>The cell in the executed notebook (outputs included).</summary>
    public NotebookCell Cell { get; }

    /// <summary>How it ended.</summary>
    public CellRunStatus Status { get; }

    /// <summary>The session's result for this cell (null when it did not run).</summary>
    public CellExecutionResult? Execution { get; }

    /// <summary>The failure, if any.</summary>
    public CellError? Error { get; }

    /// <summary>Wall-clock time (zero when it did not run).</summary>
    public TimeSpan Elapsed => Execution?.Elapsed ?? TimeSpan.Zero;

    /// <summary>True for a failed cell (error, time limit, interrupt).</summary>
    public bool Failed => Status is CellRunStatus.Error or CellRunStatus.TimedOut or CellRunStatus.Interrupted;
}

/// <summary>The outcome of running a notebook: the executed copy and what happened in each cell.</summary>
public sealed class NotebookRunResult
{
    internal NotebookRunResult(Notebook notebook, IReadOnlyList<CellRunResult> cells, TimeSpan elapsed, string? buildError)
    {
        Notebook = notebook;
        Cells = cells;
        Elapsed = elapsed;
        BuildError = buildError;
    }

    /// <summary>The executed notebook: outputs, execution counts and <c>metadata.execution</c> timings in its code cells.</summary>
    public Notebook Notebook { get; }

    /// <summary>One entry per cell of the notebook, in order.</summary>
    public IReadOnlyList<CellRunResult> Cells { get; }

    /// <summary>Total wall-clock time, building included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Why a referenced project could not be built (then no cell ran), or null.</summary>
    public string? BuildError { get; }

    /// <summary>True if every code cell ran clean (no error output at all).</summary>
    public bool Succeeded => BuildError is null && Cells.All(c => c.Status is CellRunStatus.Ok or CellRunStatus.NotCode);

    /// <summary>The first failed cell, or null.</summary>
    public CellRunResult? FirstFailure => Cells.FirstOrDefault(c => c.Failed);

    /// <summary>Code cells that ran (whatever the outcome).</summary>
    public int CellsRun => Cells.Count(c => c.Execution is not null);

    /// <summary>How many code cells the notebook has.</summary>
    public int CodeCellCount => Cells.Count(c => c.CodeCellNumber is not null);
}
