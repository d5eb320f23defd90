namespace Descent.Notebooks.Scripting;

/// <summary>
/// Thrown inside a running cell when it is interrupted or exceeds its time limit (see <see cref="CellGuard"/>).
/// The session survives: the next cell continues from the state the stopped cell left.
/// </summary>
public sealed class CellStoppedException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public CellStoppedException(string message, bool isTimeout) : base(message) => IsTimeout = isTimeout;

    /// <summary>True if the cell's time limit stopped it; false for an interrupt.</summary>
    public bool IsTimeout { get; }
}
