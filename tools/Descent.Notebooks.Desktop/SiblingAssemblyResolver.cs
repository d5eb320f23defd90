using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Descent.Notebooks.Desktop;

/// <summary>
/// The engine's metadata resolver. <c>#r</c> is handled by the engine itself, so this resolves no reference strings;
/// an assembly a referenced dll needs but nobody referenced is looked for next to that dll only. Roslyn's default
/// resolver would also take it from the running process, which can add a second view of an assembly that is already
/// referenced by path.
/// </summary>
internal sealed class SiblingAssemblyResolver : MetadataReferenceResolver
{
    private static readonly ConcurrentDictionary<string, PortableExecutableReference> References = new(StringComparer.Ordinal);

    private static readonly string EngineAssembly = typeof(Descent.Notebooks.Scripting.NotebookKernel).Assembly.Location;
    private static readonly string? FrameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);

    public static SiblingAssemblyResolver Instance { get; } = new();

    public override bool ResolveMissingAssemblies => true;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) => [];

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
    {
        if (definition is not PortableExecutableReference { FilePath: { } path }) return null;
        // The engine's own assembly and the framework are not the notebook's references: what they depend on
        // (the engine's packages) becomes visible only through `#r "nuget: ..."`, as in Polyglot Notebooks.
        if (string.Equals(path, EngineAssembly, StringComparison.Ordinal)
            || string.Equals(Path.GetDirectoryName(path), FrameworkDirectory, StringComparison.Ordinal))
            return null;
        var candidate = Path.Combine(Path.GetDirectoryName(path)!, referenceIdentity.Name + ".dll");
        return File.Exists(candidate) ? References.GetOrAdd(candidate, p => MetadataReference.CreateFromFile(p)) : null;
    }

    public override bool Equals(object? other) => other is SiblingAssemblyResolver;

    public override int GetHashCode() => 17;
}
