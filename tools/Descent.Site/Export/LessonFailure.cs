namespace Descent.Site.Export;

/// <summary>Why a lesson did not execute to the end.</summary>
/// <param name="CellIndex">The 0-based index of the failing cell among all the notebook's cells, when known.</param>
/// <param name="Message">What went wrong (the error type and message, or the engine's own message).</param>
/// <param name="CodeCellNumber">The failing cell's 1-based number among code cells (as <c>descent run</c> counts), when known.</param>
public sealed record LessonFailure(int? CellIndex, string Message, int? CodeCellNumber = null)
{
    /// <summary>Where it happened, as a reader counts cells: "cell 4 (code cell 2)", or null when not at a cell.</summary>
    public string? Where => CellIndex is { } i ? CodeCellNumber is { } n ? $"cell {i + 1} (code cell {n})" : $"cell {i + 1}" : null;

    /// <summary>"cell 4 (code cell 2): message", or the message alone.</summary>
    public override string ToString() => Where is { } where ? $"{where}: {Message}" : Message;
}
