namespace Descent.Site.Export;

/// <summary>Why a lesson did not execute to the end.</summary>
/// <param name="CellIndex">The 0-based index of the failing cell in the notebook's cells, when known.</param>
/// <param name="Message">What went wrong (the error type and message, or the engine's own message).</param>
public sealed record LessonFailure(int? CellIndex, string Message)
{
    /// <summary>"cell 7: ..." or the message alone.</summary>
    public override string ToString() => CellIndex is { } i ? $"cell {i + 1}: {Message}" : Message;
}
