using Descent.Notebooks.Formatting;

namespace Descent.Notebooks.Execution;

/// <summary>Settings of a <see cref="EngineSession"/>.</summary>
public sealed record SessionOptions
{
    /// <summary>The default per-cell time limit: 120 s.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The folder cells run in (the process's current directory while a cell runs) and that relative <c>#r</c> and
    /// <c>#load</c> paths start from: the notebook's folder. Null: leave the current directory alone.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Each cell's time limit (<see cref="Timeout.InfiniteTimeSpan"/> for none). Default 120 s.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>How long a stopped cell may take to reach its next check before it is abandoned. Default 5 s.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How values are formatted (e.g. where chart HTML loads plotly.js from).</summary>
    public FormatterOptions Formatting { get; init; } = FormatterOptions.Default;

    /// <summary>Where <c>#r "nuget: ..."</c> restores are cached (default <see cref="Directives.NuGetRestorer.DefaultCacheDirectory"/>).</summary>
    public string? NuGetCacheDirectory { get; init; }
}
