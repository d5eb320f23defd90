namespace Descent.Notebooks.Editing;

/// <summary>One completion candidate for the text at the cursor.</summary>
/// <param name="Text">The text that replaces the completion span.</param>
/// <param name="Kind">The kind of symbol, in JupyterLab's vocabulary: method, property, field, class, struct,
/// interface, enum, keyword, variable, module (namespace), event, function, constant, snippet, text.</param>
/// <param name="Description">The symbol's one-line signature when it is cheap to compute, else "".</param>
public sealed record CodeCompletion(string Text, string Kind, string Description);

/// <summary>Completions and the span of the code (UTF-16 indices) they replace.</summary>
public sealed record CodeCompletionList(IReadOnlyList<CodeCompletion> Items, int SpanStart, int SpanEnd)
{
    /// <summary>No completions at <paramref name="position"/>.</summary>
    public static CodeCompletionList Empty(int position) => new([], position, position);
}

/// <summary>The signature and documentation of the symbol at the cursor.</summary>
/// <param name="Signatures">The symbol's declaration(s), one per overload, e.g. <c>double Math.Sqrt(double d)</c>.</param>
/// <param name="Summary">The XML documentation's summary as plain text ("" when none).</param>
/// <param name="Details">Parameters, returns, exceptions and remarks as plain-text lines.</param>
public sealed record SymbolHelp(IReadOnlyList<string> Signatures, string Summary, IReadOnlyList<string> Details)
{
    /// <summary>The help as plain text: signatures, a blank line, the summary, then the details.</summary>
    public string ToPlainText()
    {
        var parts = new List<string> { string.Join("\n", Signatures) };
        if (Summary.Length > 0) parts.Add(Summary);
        if (Details.Count > 0) parts.Add(string.Join("\n", Details));
        return string.Join("\n\n", parts);
    }

    /// <summary>The help as Markdown: signatures in a C# code block, then the text.</summary>
    public string ToMarkdown()
    {
        var parts = new List<string> { "```csharp\n" + string.Join("\n", Signatures) + "\n```" };
        if (Summary.Length > 0) parts.Add(Summary);
        if (Details.Count > 0) parts.Add(string.Join("\n", Details.Select(d => "- " + d)));
        return string.Join("\n\n", parts);
    }
}

/// <summary>Whether a cell's code is ready to run (Jupyter's is_complete).</summary>
public enum SubmissionStatus
{
    /// <summary>It parses as a complete submission.</summary>
    Complete,
    /// <summary>It ends in the middle of a statement, block or expression: more lines are needed.</summary>
    Incomplete,
    /// <summary>It is complete but has syntax errors that more lines cannot fix.</summary>
    Invalid,
}

/// <summary>is_complete's answer, with the indent for the next line when incomplete.</summary>
public sealed record SubmissionCompleteness(SubmissionStatus Status, string Indent);
