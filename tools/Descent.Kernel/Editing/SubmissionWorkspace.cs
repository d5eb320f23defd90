using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Descent.Notebooks.Editing;

/// <summary>
/// A Roslyn workspace that mirrors a session's chain of submissions the way Roslyn's interactive window does:
/// one submission project per executed cell, each referencing the previous one, so that the cell being edited
/// (one more submission at the end) sees every earlier cell's variables, methods and usings, with the session's
/// references (carrying their XML documentation) and imports. Executed cells are mirrored once and reused.
/// </summary>
internal sealed class SubmissionWorkspace : IDisposable
{
    private readonly AdhocWorkspace _workspace = new();
    private readonly List<(Compilation Compilation, ProjectId Id)> _mirrored = [];
    private readonly Dictionary<MetadataReference, MetadataReference> _documented = [];
    private Solution _solution;
    private int _projects;

    public SubmissionWorkspace() => _solution = _workspace.CurrentSolution;

    /// <summary>A document holding <paramref name="code"/> as the next submission of the session.</summary>
    public Document DocumentFor(EditingContext context, string code)
    {
        var chain = Chain(context.LastSubmission);
        Sync(chain);

        Compilation baseline = context.LastSubmission
            ?? CSharpCompilation.CreateScriptCompilation("Baseline", null, context.References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: context.Imports));
        var id = ProjectId.CreateNewId("edited cell");
        string name = $"Edited{++_projects}";
        var solution = _solution.AddProject(ProjectInfo(id, name, baseline,
            _mirrored.Count == 0 ? null : _mirrored[^1].Id));
        var documentId = DocumentId.CreateNewId(id);
        solution = solution.AddDocument(DocumentInfo.Create(documentId, name + ".csx",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(code), VersionStamp.Create())),
            sourceCodeKind: SourceCodeKind.Script));
        return solution.GetDocument(documentId)!;
    }

    /// <summary>The session's submissions, oldest first.</summary>
    private static List<Compilation> Chain(Compilation? last)
    {
        var chain = new List<Compilation>();
        for (var s = last; s is not null; s = s.ScriptCompilationInfo?.PreviousScriptCompilation) chain.Add(s);
        chain.Reverse();
        return chain;
    }

    // Adds the submissions executed since the last call; rebuilds when the session was reset.
    private void Sync(List<Compilation> chain)
    {
        bool isPrefix = _mirrored.Count <= chain.Count
            && _mirrored.Select((m, i) => ReferenceEquals(m.Compilation, chain[i])).All(same => same);
        if (!isPrefix)
        {
            _mirrored.Clear();
            _solution = _workspace.CurrentSolution;
        }
        for (int i = _mirrored.Count; i < chain.Count; i++)
        {
            var compilation = chain[i];
            var id = ProjectId.CreateNewId($"cell {i + 1}");
            string name = $"Cell{++_projects}";
            _solution = _solution.AddProject(ProjectInfo(id, name, compilation,
                _mirrored.Count == 0 ? null : _mirrored[^1].Id));
            foreach (var tree in compilation.SyntaxTrees)
                _solution = _solution.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(id), name + ".csx",
                    loader: TextLoader.From(TextAndVersion.Create(tree.GetText(), VersionStamp.Create())),
                    sourceCodeKind: SourceCodeKind.Script));
            _mirrored.Add((chain[i], id));
        }
    }

    private ProjectInfo ProjectInfo(ProjectId id, string name, Compilation compilation, ProjectId? previous)
    {
        var parseOptions = compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions
            ?? SubmissionParser.ScriptParseOptions;
        return Microsoft.CodeAnalysis.ProjectInfo.Create(id, VersionStamp.Create(), name, name, LanguageNames.CSharp,
            compilationOptions: compilation.Options.WithScriptClassName(name),
            parseOptions: parseOptions.WithKind(SourceCodeKind.Script).WithDocumentationMode(DocumentationMode.Parse),
            metadataReferences: Documented(compilation.References),
            projectReferences: previous is null ? [] : [new ProjectReference(previous)],
            isSubmission: true);
    }

    // The same references, each carrying the XML documentation found for its file.
    private ImmutableArray<MetadataReference> Documented(IEnumerable<MetadataReference> references)
    {
        var result = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var reference in references)
        {
            if (!_documented.TryGetValue(reference, out var documented))
            {
                documented = reference is PortableExecutableReference { FilePath: { Length: > 0 } path } pe && File.Exists(path)
                    ? MetadataReference.CreateFromFile(path, pe.Properties, XmlDocumentationFiles.For(path))
                    : reference;
                _documented[reference] = documented;
            }
            result.Add(documented);
        }
        return result.ToImmutable();
    }

    public void Dispose() => _workspace.Dispose();
}
