namespace Descent.Notebooks.Execution;

/// <summary>How a cell's execution ended.</summary>
public enum CellStatus
{
    /// <summary>It ran to the end.</summary>
    Ok,

    /// <summary>A compile error, a directive error or an exception.</summary>
    Error,

    /// <summary>It exceeded its time limit and was stopped.</summary>
    TimedOut,

    /// <summary>It was interrupted (<see cref="EngineSession.Interrupt"/>).</summary>
    Interrupted,
}
