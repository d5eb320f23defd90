using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Tags;

namespace Descent.Notebooks.Editing;

/// <summary>
/// Completion, inspection and completeness for the cell being edited, against a session's current state
/// (earlier cells' variables and methods, references, imports), on Roslyn's completion service and semantic
/// model. Not thread-safe: call it from one thread at a time (the kernel's shell thread).
/// </summary>
public sealed class CodeAssistant : IDisposable
{
    /// <summary>Above this many candidates, signatures are left out (computing each costs a symbol lookup).</summary>
    public const int DescribedLimit = 40;

    // Members as "double Math.Sqrt(double d)"; types with their namespace, "class System.Math".
    private static readonly SymbolDisplayFormat MemberFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
                       | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeRef
                       | SymbolDisplayMemberOptions.IncludeConstantValue,
        kindOptions: SymbolDisplayKindOptions.IncludeTypeKeyword | SymbolDisplayKindOptions.IncludeNamespaceKeyword,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
                          | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut
                          | SymbolDisplayParameterOptions.IncludeExtensionThis,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        localOptions: SymbolDisplayLocalOptions.IncludeType | SymbolDisplayLocalOptions.IncludeConstantValue,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
                              | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
                              | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat TypeFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints,
        kindOptions: SymbolDisplayKindOptions.IncludeTypeKeyword,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
                              | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private readonly Func<EditingContext> _context;
    // Created on first use: building a workspace composes Roslyn's MEF services, which takes a second.
    private readonly Lazy<SubmissionWorkspace> _workspace = new(() => new SubmissionWorkspace());

    /// <summary>Creates the services over a session; <paramref name="context"/> is read at every request.</summary>
    public CodeAssistant(Func<EditingContext> context) => _context = context;

    /// <summary>Whether <paramref name="code"/> is complete, incomplete (with an indent) or invalid.</summary>
    public static SubmissionCompleteness IsComplete(string code) => SubmissionParser.Classify(code);

    /// <summary>
    /// The completions at <paramref name="position"/> (a UTF-16 index): members after a dot, otherwise locals,
    /// earlier cells' variables and methods, types, namespaces and keywords — filtered by the word being typed.
    /// </summary>
    public CodeCompletionList Complete(string code, int position, CancellationToken cancel = default)
    {
        position = Math.Clamp(position, 0, code.Length);
        var document = _workspace.Value.DocumentFor(_context(), DirectiveMask.Apply(code));
        var service = CompletionService.GetService(document);
        if (service is null) return CodeCompletionList.Empty(position);
        var list = service.GetCompletionsAsync(document, position, cancellationToken: cancel).GetAwaiter().GetResult();
        if (list is null) return CodeCompletionList.Empty(position);

        int start = Math.Min(list.Span.Start, position), end = Math.Max(list.Span.End, position);
        string typed = code[start..position];
        var items = list.ItemsList
            .Where(i => i.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.FilterText.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(i => i.SortText, StringComparer.OrdinalIgnoreCase)
            .DistinctBy(InsertionText)
            .ToList();
        bool describe = items.Count <= DescribedLimit;
        var completions = items.Select(i => new CodeCompletion(InsertionText(i), Kind(i.Tags),
            describe ? Describe(service, document, i, cancel) : "")).ToList();
        return new CodeCompletionList(completions, start, end);
    }

    /// <summary>
    /// The signature(s) and documentation of the symbol at <paramref name="position"/> (the identifier under or
    /// just before the cursor, or else the method whose argument list holds the cursor); null when there is none.
    /// </summary>
    public SymbolHelp? Inspect(string code, int position, CancellationToken cancel = default)
    {
        position = Math.Clamp(position, 0, code.Length);
        var document = _workspace.Value.DocumentFor(_context(), DirectiveMask.Apply(code));
        var model = document.GetSemanticModelAsync(cancel).GetAwaiter().GetResult();
        if (model is null) return null;
        var symbols = SymbolsAt(model, position, cancel);
        if (symbols.Count == 0) return null;

        var primary = symbols[0];
        var documented = primary is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : primary.OriginalDefinition;
        var (summary, details) = DocCommentText.Read(documented.GetDocumentationCommentXml(expandIncludes: true, cancellationToken: cancel));
        var signatures = symbols.Take(12).Select(Signature).Distinct().ToList();
        if (symbols.Count > 12) signatures.Add($"(+{symbols.Count - 12} more overloads)");
        return new SymbolHelp(signatures, summary, details);
    }

    /// <summary>Builds the Roslyn services (MEF composition, completion providers) ahead of the first request.</summary>
    public void WarmUp()
    {
        const string code = "System.Math.";
        Complete(code, code.Length);
    }

    private static string InsertionText(CompletionItem item) =>
        item.Properties.TryGetValue("InsertionText", out var text) && !string.IsNullOrEmpty(text) ? text : item.DisplayText;

    private static string Describe(CompletionService service, Document document, CompletionItem item, CancellationToken cancel)
    {
        var description = service.GetDescriptionAsync(document, item, cancel).GetAwaiter().GetResult();
        string text = description?.Text ?? "";
        int newline = text.IndexOf('\n');
        return (newline < 0 ? text : text[..newline]).Trim();
    }

    private static string Kind(ImmutableArray<string> tags)
    {
        foreach (var tag in tags)
        {
            switch (tag)
            {
                case WellKnownTags.Method or WellKnownTags.ExtensionMethod: return "method";
                case WellKnownTags.Property: return "property";
                case WellKnownTags.Field: return "field";
                case WellKnownTags.Class or WellKnownTags.Delegate or WellKnownTags.Module: return "class";
                case WellKnownTags.Structure: return "struct";
                case WellKnownTags.Interface: return "interface";
                case WellKnownTags.Enum: return "enum";
                case WellKnownTags.EnumMember or WellKnownTags.Constant: return "constant";
                case WellKnownTags.Event: return "event";
                case WellKnownTags.Keyword or WellKnownTags.Intrinsic: return "keyword";
                case WellKnownTags.Local or WellKnownTags.Parameter or WellKnownTags.RangeVariable: return "variable";
                case WellKnownTags.Namespace: return "module";
                case WellKnownTags.TypeParameter: return "type parameter";
                case WellKnownTags.Snippet: return "snippet";
            }
        }
        return "text";
    }

    private static List<ISymbol> SymbolsAt(SemanticModel model, int position, CancellationToken cancel)
    {
        var root = model.SyntaxTree.GetRoot(cancel);
        foreach (int at in new[] { position, position - 1 })
        {
            if (at < 0 || at >= root.FullSpan.End) continue;
            var token = root.FindToken(at);
            if (!token.Span.Contains(at) && token.Span.End != at) continue;
            if (!token.IsKind(SyntaxKind.IdentifierToken) && !SyntaxFacts.IsPredefinedType(token.Kind())) continue;
            var found = SymbolsOf(model, token.Parent!, cancel);
            if (found.Count > 0) return found;
        }
        // Inside an argument list: the method (or constructor) being called.
        var enclosing = root.FindToken(Math.Max(0, Math.Min(position, root.FullSpan.End - 1))).Parent;
        var arguments = enclosing?.AncestorsAndSelf().OfType<ArgumentListSyntax>()
            .FirstOrDefault(a => a.OpenParenToken.Span.End <= position);
        return arguments?.Parent switch
        {
            InvocationExpressionSyntax call => SymbolsOf(model, call.Expression, cancel),
            BaseObjectCreationExpressionSyntax creation => SymbolsOf(model, creation, cancel),
            _ => [],
        };
    }

    private static List<ISymbol> SymbolsOf(SemanticModel model, SyntaxNode node, CancellationToken cancel)
    {
        var info = model.GetSymbolInfo(node, cancel);
        var symbols = new List<ISymbol>();
        if (info.Symbol is { } symbol) symbols.Add(symbol);
        symbols.AddRange(info.CandidateSymbols);
        if (symbols.Count == 0 && model.GetDeclaredSymbol(node, cancel) is { } declared) symbols.Add(declared);
        if (symbols.Count == 0 && model.GetTypeInfo(node, cancel).Type is { TypeKind: not TypeKind.Error } type) symbols.Add(type);
        // A method: list its overloads after the one the call binds to.
        if (symbols.Count > 0 && symbols[0] is IMethodSymbol && node is ExpressionSyntax expression)
            symbols.AddRange(model.GetMemberGroup(expression, cancel).Where(m => !symbols.Contains(m, SymbolEqualityComparer.Default)));
        return symbols.Distinct(SymbolEqualityComparer.Default).ToList();
    }

    // Earlier cells' variables are fields of a compiler-generated script class: show them without it.
    private static string Signature(ISymbol symbol)
    {
        bool inScriptClass = symbol.ContainingType is { IsScriptClass: true };
        var format = inScriptClass
            ? MemberFormat.RemoveMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType)
            : MemberFormat;
        string text = symbol.ToDisplayString(format);
        return symbol switch
        {
            INamedTypeSymbol type => (type.IsStatic ? "static " : "") + type.ToDisplayString(TypeFormat),
            ILocalSymbol => $"(local) {text}",
            IFieldSymbol when inScriptClass => $"(notebook variable) {text}",
            IParameterSymbol => $"(parameter) {text}",
            _ => text,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_workspace.IsValueCreated) _workspace.Value.Dispose();
    }
}
