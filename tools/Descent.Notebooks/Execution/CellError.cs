using Descent.Notebooks.Model;

namespace Descent.Notebooks.Execution;

/// <summary>What kind of failure a <see cref="CellError"/> is.</summary>
public enum CellErrorKind
{
    /// <summary>The cell did not compile.</summary>
    Compilation,

    /// <summary>The cell threw an exception.</summary>
    Runtime,

    /// <summary>A directive (<c>#r</c>, <c>#i</c>, <c>#load</c>, <c>#!...</c>) could not be carried out: unknown, file missing, restore failed.</summary>
    Directive,

    /// <summary>The cell exceeded its time limit.</summary>
    Timeout,

    /// <summary>The cell was interrupted.</summary>
    Interrupted,
}

/// <summary>
/// A cell's failure, in Jupyter's terms (<see cref="EName"/>, <see cref="EValue"/>, <see cref="Traceback"/>) and in the
/// engine's (<see cref="Kind"/>, <see cref="Diagnostics"/>, <see cref="Exception"/>).
/// </summary>
public sealed class CellError
{
    internal CellError(CellErrorKind kind, string ename, string evalue, IReadOnlyList<string> traceback,
        IReadOnlyList<CellDiagnostic>? diagnostics = null, Exception? exception = null)
    {
        Kind = kind;
        EName = ename;
        EValue = evalue;
        Traceback = traceback;
        Diagnostics = diagnostics ?? [];
        Exception = exception;
    }

    /// <summary>The kind of failure.</summary>
    public CellErrorKind Kind { get; }

    /// <summary>Jupyter's <c>ename</c>: the exception's type name, <c>CompilationError</c>, <c>DirectiveError</c>, <c>TimeoutError</c> or <c>Interrupted</c>.</summary>
    public string EName { get; }

    /// <summary>Jupyter's <c>evalue</c>: the message (for a compile error, the first diagnostic).</summary>
    public string EValue { get; }

    /// <summary>Jupyter's <c>traceback</c>: the lines to show (diagnostics with the source line, or the stack trimmed to the notebook's frames).</summary>
    public IReadOnlyList<string> Traceback { get; }

    /// <summary>The compile errors, positioned inside the cell (empty for other kinds).</summary>
    public IReadOnlyList<CellDiagnostic> Diagnostics { get; }

    /// <summary>The exception the cell threw (runtime errors), if any.</summary>
    public Exception? Exception { get; }

    /// <summary>The nbformat error output.</summary>
    public ErrorOutput ToOutput() => new(EName, EValue, Traceback);

    /// <summary>One line: <c>ename: evalue</c>.</summary>
    public override string ToString() => $"{EName}: {EValue}";
}
