using System.Globalization;

namespace Descent.Notebooks.Execution;

/// <summary>A compile error, positioned inside the cell (or inside a <c>#load</c>ed file).</summary>
/// <param name="Id">The compiler's id, e.g. <c>CS0103</c>.</param>
/// <param name="Message">The compiler's message.</param>
/// <param name="Line">1-based line inside the cell.</param>
/// <param name="Column">1-based column inside the cell.</param>
/// <param name="SourceLine">The text of the offending line.</param>
/// <param name="FilePath">The <c>#load</c>ed file the error is in, or null when it is in the cell itself.</param>
public sealed record CellDiagnostic(string Id, string Message, int Line, int Column, string SourceLine, string? FilePath = null)
{
    /// <summary><c>(line,column): error ID: message</c>, as the C# compiler writes it (prefixed by the file for a loaded file).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(FilePath is null ? "" : FilePath)}({Line},{Column}): error {Id}: {Message}");
}
