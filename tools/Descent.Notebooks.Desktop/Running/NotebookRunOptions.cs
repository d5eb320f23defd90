using Descent.Notebooks.Execution;
using Descent.Notebooks.Formatting;

namespace Descent.Notebooks.Running;

/// <summary>How <see cref="NotebookRunner"/> executes a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>The folder cells run in; default: the notebook file's folder (the current directory for an unsaved notebook).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Each cell's time limit (default 120 s; <see cref="Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan CellTimeout { get; init; } = SessionOptions.DefaultCellTimeout;

    /// <summary>Keep going after a failing cell (its error is recorded); by default execution stops at the first failure.</summary>
    public bool AllowErrors { get; init; }

    /// <summary>Build the projects whose output the notebook <c>#r</c>s when missing or stale, before running (default true).</summary>
    public bool BuildReferencedProjects { get; init; } = true;

    /// <summary>How values are formatted (e.g. where chart HTML loads plotly.js from).</summary>
    public FormatterOptions Formatting { get; init; } = FormatterOptions.Default;

    /// <summary>Where NuGet restores are cached (default <see cref="Desktop.NuGetRestorer.DefaultCacheDirectory"/>).</summary>
    public string? NuGetCacheDirectory { get; init; }

    /// <summary>Hears each cell start and finish, synchronously, on the runner's flow (console writes here are not captured).</summary>
    public Action<NotebookProgress>? Progress { get; init; }

    /// <summary>Receives every cell's outputs as they happen (optional).</summary>
    public IExecutionObserver? Observer { get; init; }

    /// <summary>Hears what the runner does besides running cells (e.g. "building lib/Descent/Descent.csproj (Release)").</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>A progress event of a notebook run.</summary>
/// <param name="CellIndex">0-based index of the cell among all cells.</param>
/// <param name="CodeCellNumber">1-based number among code cells.</param>
/// <param name="CodeCellCount">How many code cells the notebook has.</param>
/// <param name="Finished">False when the cell starts, true when it has finished.</param>
/// <param name="Result">The cell's result, when finished.</param>
/// <param name="NotebookElapsed">Time since the notebook started.</param>
public sealed record NotebookProgress(int CellIndex, int CodeCellNumber, int CodeCellCount, bool Finished, CellRunResult? Result, TimeSpan NotebookElapsed);
