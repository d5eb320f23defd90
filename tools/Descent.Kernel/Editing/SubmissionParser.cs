using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Descent.Notebooks.Editing;

/// <summary>
/// Jupyter's is_complete for C# cells, on Roslyn's parser: a submission that ends inside a block, a statement or
/// an expression is incomplete (with the indent for the next line); a complete one with syntax errors is invalid.
/// </summary>
public static class SubmissionParser
{
    /// <summary>Script parse options at the latest language version, as cells are compiled.</summary>
    public static readonly CSharpParseOptions ScriptParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    /// <summary>Classifies <paramref name="code"/>.</summary>
    public static SubmissionCompleteness Classify(string code)
    {
        string masked = DirectiveMask.Apply(code);
        if (string.IsNullOrWhiteSpace(masked)) return new SubmissionCompleteness(SubmissionStatus.Complete, "");
        var tree = CSharpSyntaxTree.ParseText(masked, ScriptParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
            return new SubmissionCompleteness(SubmissionStatus.Incomplete, IndentAfter(tree, masked));
        bool hasErrors = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return new SubmissionCompleteness(hasErrors ? SubmissionStatus.Invalid : SubmissionStatus.Complete, "");
    }

    // Four spaces per unclosed brace, and never less than the last line's own indent.
    private static string IndentAfter(SyntaxTree tree, string code)
    {
        int depth = 0;
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (token.IsMissing) continue;
            if (token.IsKind(SyntaxKind.OpenBraceToken)) depth++;
            else if (token.IsKind(SyntaxKind.CloseBraceToken)) depth = Math.Max(0, depth - 1);
        }
        string lastLine = code.TrimEnd('\n', '\r').Split('\n')[^1];
        int lastIndent = lastLine.Length - lastLine.TrimStart(' ', '\t').Length;
        return new string(' ', Math.Max(4 * depth, lastIndent));
    }
}
