using System.Collections.Immutable;
using System.Text;
using Descent.Notebooks.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Descent.Notebooks.Submissions;

namespace Descent.Notebooks.Execution;

/// <summary>
/// What every cell compiles with, as the .NET Interactive C# kernel set it up: its default imports, and the engine's
/// scripting surface (<c>display</c>, <c>HTML</c>, <c>.Display()</c>). The references themselves come from the host.
/// </summary>
public static class ScriptEnvironment
{
    /// <summary>The namespaces every cell imports (the C# kernel's defaults), plus the engine's <c>using static</c> for <c>display</c> and <c>HTML</c>.</summary>
    public static ImmutableArray<string> DefaultImports { get; } =
    [
        "System",
        "System.Text",
        "System.Collections",
        "System.Collections.Generic",
        "System.Threading.Tasks",
        "System.Linq",
        typeof(NotebookKernel).FullName!,
    ];

    private static readonly object CompilationGate = new();

    /// <summary>
    /// Runs <paramref name="work"/> (anything that binds or compiles script code against <see cref="DefaultReferences"/>)
    /// while no other such work runs in the process. Roslyn caches the symbols of a shared reference on its metadata;
    /// two compilations binding the same references at the same moment can each create their own, and a session whose
    /// cells end up with both sees every call through a default import as ambiguous (CS0121). The engine takes this gate
    /// around each cell's compilation; take it too when binding a compilation that continues
    /// <see cref="EngineSession.Compilation"/> from another thread (completion does).
    /// </summary>
    public static T Synchronized<T>(Func<T> work)
    {
        lock (CompilationGate) return work();
    }

    private static readonly object WarmUpGate = new();
    private static readonly Dictionary<ImmutableArray<MetadataReference>, Task> s_warmUps = [];

    /// <summary>
    /// Loads and JIT-compiles Roslyn and reads the references' metadata by compiling a throwaway cell, once per set of
    /// references: call it early (at kernel start, before a build, while a student reads) so the first real cell is fast.
    /// </summary>
    public static Task WarmUpAsync(ImmutableArray<MetadataReference> references, MetadataReferenceResolver? resolver, bool concurrentBuild,
        CancellationToken cancellationToken = default)
    {
        lock (WarmUpGate)
        {
            if (!s_warmUps.TryGetValue(references, out var warmUp))
            {
                void Compile()
                {
                    var chain = new SubmissionChain(concurrentBuild: concurrentBuild);
                    var compilation = chain.CreateCompilation("var __descentWarmUp = new List<double> { 1.5 }.Select(x => x * 2).Sum();",
                        "warm-up", references, DefaultImports, resolver);
                    Synchronized(() => compilation.Emit(Stream.Null));
                }
                // In the browser (one thread) this runs when the worker is next idle: while the student reads.
                warmUp = Task.Run(Compile, CancellationToken.None);
                s_warmUps[references] = warmUp;
            }
            return warmUp.WaitAsync(cancellationToken);
        }
    }
}
