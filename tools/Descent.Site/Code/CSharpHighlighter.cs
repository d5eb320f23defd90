using System.Text;
using Descent.Notebooks.Directives;
using Descent.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Classification;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Descent.Site.Code;

/// <summary>
/// Highlights a notebook's C# cells at export time with Roslyn's <see cref="Classifier"/>, the classifier editors use.
/// The cells are compiled as a chain of script submissions, exactly as the engine runs them, so a variable, method or
/// type declared in one cell is recognised in the next. The HTML uses short class names (<c>k</c> keyword, <c>s</c>
/// string, <c>n</c> number, <c>c</c> comment, <c>t</c> type, <c>m</c> method, <c>p</c> property or field,
/// <c>v</c> local or parameter, <c>pp</c> directive, <c>ns</c> namespace, <c>o</c> operator) styled by site.css.
/// </summary>
internal sealed class CSharpHighlighter
{
    private static readonly Lazy<Workspace> HostWorkspace = new(() => new AdhocWorkspace());

    /// <summary>Highlights the code cells of one notebook, in order, compiled as the engine compiles them.</summary>
    /// <param name="cells">The sources of the notebook's code cells, in order.</param>
    /// <param name="notebookDirectory">The notebook's folder (where <c>#r "file.dll"</c> paths start).</param>
    /// <returns>One HTML fragment per cell (escaped text with classification spans), to go inside <c>&lt;pre&gt;&lt;code&gt;</c>.</returns>
    public IReadOnlyList<string> Highlight(IReadOnlyList<string> cells, string? notebookDirectory)
    {
        // The engine's own session compiles each cell against the ones before it (directives, references, usings
        // and declarations as when the lesson runs), without running anything.
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = notebookDirectory });
        var result = new List<string>(cells.Count);
        foreach (var source in cells)
        {
            var directiveLines = DirectiveLines(source);
            try
            {
                var compilation = session.CompileWithoutRunningAsync(source).GetAwaiter().GetResult();
                var tree = compilation.SyntaxTrees.Last();
                var model = compilation.GetSemanticModel(tree);
                // The SemanticModel overload classifies a script submission chain directly; the Document overload would
                // need a solution of chained submission projects for the same result.
#pragma warning disable CS0618
                var spans = Classifier.GetClassifiedSpans(model, new TextSpan(0, tree.Length), HostWorkspace.Value);
#pragma warning restore CS0618
                result.Add(ToHtml(source, ToSource(spans, tree.GetText().ToString(), source), directiveLines));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The classifier needs MEF host services; if they cannot be composed, the syntax alone still colours
                // keywords, literals, comments and directives.
                var code = CellDirectives.Parse(source).Code;
                result.Add(ToHtml(source, ToSource(SyntacticSpans(code), code, source), directiveLines));
            }
        }
        return result;
    }

    /// <summary>The CSS class for a Roslyn classification, or null for plain text.</summary>
    internal static string? CssClass(string classification) => classification switch
    {
        ClassificationTypeNames.Comment or ClassificationTypeNames.ExcludedCode => "c",
        _ when classification.StartsWith("xml doc comment", StringComparison.Ordinal) => "c",
        ClassificationTypeNames.Keyword or ClassificationTypeNames.ControlKeyword => "k",
        ClassificationTypeNames.PreprocessorKeyword or ClassificationTypeNames.PreprocessorText => "pp",
        ClassificationTypeNames.StringLiteral or ClassificationTypeNames.VerbatimStringLiteral
            or ClassificationTypeNames.StringEscapeCharacter => "s",
        ClassificationTypeNames.NumericLiteral => "n",
        ClassificationTypeNames.ClassName or ClassificationTypeNames.RecordClassName or ClassificationTypeNames.StructName
            or ClassificationTypeNames.RecordStructName or ClassificationTypeNames.InterfaceName or ClassificationTypeNames.EnumName
            or ClassificationTypeNames.DelegateName or ClassificationTypeNames.TypeParameterName or ClassificationTypeNames.ModuleName => "t",
        ClassificationTypeNames.MethodName or ClassificationTypeNames.ExtensionMethodName => "m",
        ClassificationTypeNames.PropertyName or ClassificationTypeNames.FieldName or ClassificationTypeNames.ConstantName
            or ClassificationTypeNames.EnumMemberName or ClassificationTypeNames.EventName => "p",
        ClassificationTypeNames.LocalName or ClassificationTypeNames.ParameterName => "v",
        ClassificationTypeNames.NamespaceName => "ns",
        ClassificationTypeNames.Operator or ClassificationTypeNames.OperatorOverloaded => "o",
        _ => null,
    };

    private static string ToHtml(string source, IEnumerable<ClassifiedSpan> spans, IReadOnlyList<TextSpan> magic)
    {
        var classes = new string?[source.Length];
        foreach (var span in spans)
        {
            if (ClassificationTypeNames.AdditiveTypeNames.Contains(span.ClassificationType)) continue;
            var css = CssClass(span.ClassificationType);
            if (css is null) continue;
            for (var k = span.TextSpan.Start; k < span.TextSpan.End && k < source.Length; k++) classes[k] ??= css;
        }
        foreach (var span in magic)
            for (var k = span.Start; k < span.End; k++) classes[k] = "pp";

        var sb = new StringBuilder(source.Length * 2);
        var i = 0;
        while (i < source.Length)
        {
            var css = classes[i];
            var j = i + 1;
            while (j < source.Length && classes[j] == css && source[j] != '\n') j++;
            var text = Html.Html.Escape(source[i..j]);
            if (css is null || string.IsNullOrWhiteSpace(source[i..j])) sb.Append(text);
            else sb.Append("<span class=\"").Append(css).Append("\">").Append(text).Append("</span>");
            i = j;
        }
        return sb.ToString();
    }

    /// <summary>Token kinds alone: what is left when the semantic classifier cannot run.</summary>
    private static IEnumerable<ClassifiedSpan> SyntacticSpans(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, Descent.Notebooks.Submissions.SubmissionChain.ParseOptions).GetRoot();
        foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
        {
            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    yield return new ClassifiedSpan(ClassificationTypeNames.Comment, trivia.Span);
            var kind = token.Kind();
            if (SyntaxFacts.IsKeywordKind(kind) || SyntaxFacts.IsContextualKeyword(kind))
                yield return new ClassifiedSpan(token.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.DirectiveTriviaSyntax
                    ? ClassificationTypeNames.PreprocessorKeyword : ClassificationTypeNames.Keyword, token.Span);
            else if (kind is SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringTextToken
                     or SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.SingleLineRawStringLiteralToken
                     or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8StringLiteralToken)
                yield return new ClassifiedSpan(ClassificationTypeNames.StringLiteral, token.Span);
            else if (kind == SyntaxKind.NumericLiteralToken)
                yield return new ClassifiedSpan(ClassificationTypeNames.NumericLiteral, token.Span);
        }
    }

    /// <summary>
    /// Spans of the compiled code (the cell with its directive lines emptied: same lines, other offsets) as spans of the
    /// cell's source: a line that is not a directive is the same text in both.
    /// </summary>
    private static IEnumerable<ClassifiedSpan> ToSource(IEnumerable<ClassifiedSpan> spans, string code, string source)
    {
        var codeStarts = LineStarts(code);
        var sourceStarts = LineStarts(source);
        foreach (var span in spans)
        {
            int line = Array.BinarySearch(codeStarts, span.TextSpan.Start);
            if (line < 0) line = ~line - 1;
            if (line < 0 || line >= sourceStarts.Length) continue;
            int start = sourceStarts[line] + span.TextSpan.Start - codeStarts[line];
            yield return new ClassifiedSpan(span.ClassificationType, new TextSpan(start, span.TextSpan.Length));
        }
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        return starts.ToArray();
    }

    /// <summary>
    /// The spans of the lines the engine takes as directives (<c>#r</c>, <c>#i</c>, <c>#load</c>, <c>#!time</c>:
    /// whatever <see cref="CellDirectives"/> blanks out before Roslyn sees the cell), shown as directives.
    /// </summary>
    private static List<TextSpan> DirectiveLines(string source)
    {
        var lines = source.Split('\n');
        var starts = new int[lines.Length];
        for (int k = 1; k < lines.Length; k++) starts[k] = starts[k - 1] + lines[k - 1].Length + 1;
        var spans = new List<TextSpan>();
        foreach (var directive in CellDirectives.Parse(source).Directives)
        {
            int k = directive.Line - 1;
            if (k < 0 || k >= lines.Length) continue;
            var line = lines[k].TrimEnd('\r');
            int start = line.Length - line.TrimStart().Length, end = line.TrimEnd().Length;
            if (end > start) spans.Add(new TextSpan(starts[k] + start, end - start));
        }
        return spans;
    }
}
