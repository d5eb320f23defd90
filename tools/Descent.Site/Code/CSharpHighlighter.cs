using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
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
internal sealed partial class CSharpHighlighter
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> PlatformReferences = new(LoadPlatformReferences);
    private static readonly Lazy<Workspace> HostWorkspace = new(() => new AdhocWorkspace());
    private static readonly CSharpParseOptions ScriptParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>Highlights the code cells of one notebook, in order, with the engine's imports in scope.</summary>
    /// <param name="cells">The sources of the notebook's code cells, in order.</param>
    /// <param name="notebookDirectory">The folder <c>#r "file.dll"</c> paths are resolved against.</param>
    /// <returns>One HTML fragment per cell (escaped text with classification spans), to go inside <c>&lt;pre&gt;&lt;code&gt;</c>.</returns>
    public IReadOnlyList<string> Highlight(IReadOnlyList<string> cells, string? notebookDirectory)
    {
        var references = PlatformReferences.Value.AddRange(LocalReferences(cells, notebookDirectory));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: ScriptEnvironment.DefaultImports,
            nullableContextOptions: NullableContextOptions.Disable);
        var result = new List<string>(cells.Count);
        // Submissions a later cell can continue from, newest first. A submission with errors (a failing cell, an
        // unresolved reference) cannot be continued, so the next cell continues the last one that can.
        var chain = new Stack<CSharpCompilation>();
        for (var i = 0; i < cells.Count; i++)
        {
            var source = cells[i];
            var (parseable, directiveLines) = BlankDirectiveLines(source);
            try
            {
                var tree = CSharpSyntaxTree.ParseText(parseable, ScriptParseOptions);
                var compilation = ContinueChain(chain, $"Cell{i}", tree, references, options);
                var model = compilation.GetSemanticModel(tree);
                // The SemanticModel overload classifies a script submission chain directly; the Document overload would
                // need a solution of chained submission projects for the same result.
#pragma warning disable CS0618
                var spans = Classifier.GetClassifiedSpans(model, new TextSpan(0, parseable.Length), HostWorkspace.Value);
#pragma warning restore CS0618
                result.Add(ToHtml(source, spans, directiveLines));
                chain.Push(compilation);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The classifier needs MEF host services; if they cannot be composed, the syntax alone still colours
                // keywords, literals, comments and directives.
                result.Add(ToHtml(source, SyntacticSpans(parseable), directiveLines));
            }
        }
        return result;
    }

    private static CSharpCompilation ContinueChain(Stack<CSharpCompilation> chain, string name, SyntaxTree tree,
        ImmutableArray<MetadataReference> references, CSharpCompilationOptions options)
    {
        while (chain.Count > 0)
        {
            try
            {
                return CSharpCompilation.CreateScriptCompilation(name, tree, references, options, chain.Peek());
            }
            catch (InvalidOperationException)
            {
                chain.Pop(); // "Previous submission has errors"
            }
        }
        return CSharpCompilation.CreateScriptCompilation(name, tree, references, options);
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
        var root = CSharpSyntaxTree.ParseText(source, ScriptParseOptions).GetRoot();
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
    /// The engine's directive lines (<c>#r</c>, <c>#i</c>, <c>#load</c>, <c>#!time</c>: whatever
    /// <see cref="CellDirectives"/> takes out before Roslyn sees the cell) are replaced by spaces, so offsets hold,
    /// and shown as directives.
    /// </summary>
    private static (string Parseable, List<TextSpan> DirectiveLines) BlankDirectiveLines(string source)
    {
        var code = CellDirectives.Parse(source).Code.Split('\n');
        var lines = source.Split('\n');
        var spans = new List<TextSpan>();
        if (code.Length != lines.Length) return (source, spans);
        var sb = new StringBuilder(source.Length);
        var offset = 0;
        for (var k = 0; k < lines.Length; k++)
        {
            var line = lines[k];
            var isDirective = code[k].TrimEnd('\r').Length == 0 && line.Trim().Length > 0;
            if (isDirective)
            {
                var start = line.Length - line.TrimStart().Length;
                var end = line.TrimEnd().Length;
                spans.Add(new TextSpan(offset + start, end - start));
                sb.Append(' ', line.Length);
            }
            else sb.Append(line);
            if (k < lines.Length - 1) sb.Append('\n');
            offset += line.Length + 1;
        }
        return (sb.ToString(), spans);
    }

    private static IEnumerable<MetadataReference> LocalReferences(IReadOnlyList<string> cells, string? notebookDirectory)
    {
        foreach (var cell in cells)
        {
            foreach (Match m in ReferenceDirective().Matches(cell))
            {
                var path = m.Groups[1].Value;
                if (path.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) continue;
                var full = Path.IsPathRooted(path) || notebookDirectory is null ? path : Path.Combine(notebookDirectory, path);
                if (File.Exists(full)) yield return MetadataReference.CreateFromFile(full);
            }
        }
    }

    /// <summary>
    /// What the engine compiles every cell against (<see cref="ScriptEnvironment.DefaultReferences"/>: the shared
    /// framework and the engine's <c>display</c>), plus the packages lessons <c>#r</c> that the engine carries.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadPlatformReferences()
    {
        var packages = new[] { typeof(Plotly.NET.GenericChart).Assembly, typeof(MathNet.Numerics.LinearAlgebra.Vector<double>).Assembly,
            typeof(Microsoft.FSharp.Core.Unit).Assembly }.Select(a => a.Location);
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var csharpPlotly = tpa.Where(p => Path.GetFileName(p) == "Plotly.NET.CSharp.dll");
        return ScriptEnvironment.DefaultReferences.AddRange(packages.Concat(csharpPlotly).Distinct().Where(File.Exists)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));
    }

    [GeneratedRegex(@"^[ \t]*#r[ \t]+""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex ReferenceDirective();
}
