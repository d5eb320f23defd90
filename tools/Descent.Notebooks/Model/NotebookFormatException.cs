namespace Descent.Notebooks.Model;

/// <summary>
/// A file is not a readable nbformat 4 notebook. The message names the file and, for malformed JSON,
/// the line and column where reading stopped.
/// </summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException(string message, string? filePath = null, long? line = null, long? column = null, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The notebook file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>1-based line of a JSON syntax error, when known.</summary>
    public long? Line { get; }

    /// <summary>1-based column (byte position + 1) of a JSON syntax error, when known.</summary>
    public long? Column { get; }
}
