namespace Descent.Data;

/// <summary>A data file has a row that cannot be read; the message names the file and the line.</summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception for line <paramref name="line"/> (1-based, the header is line 1) of <paramref name="source"/>.</summary>
    public CsvFormatException(string source, int line, string problem)
        : base($"{source}, line {line}: {problem}")
    {
        Source = source;
        Line = line;
    }

    /// <summary>The file (or embedded resource) being read.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line number; line 1 is the header.</summary>
    public int Line { get; }
}
