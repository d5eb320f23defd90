using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Text;
using Descent.Notebooks.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;

namespace Descent.Notebooks.Execution;

/// <summary>
/// What every cell compiles against, as the .NET Interactive C# kernel set it up: the whole shared framework, the
/// engine's scripting surface (<c>display</c>, <c>HTML</c>, <c>.Display()</c>), and its default imports.
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

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(CreateReferences);

    /// <summary>
    /// The references every session starts with: every assembly of the shared framework the process runs on
    /// (<c>System.*</c>, <c>Microsoft.CSharp</c>, <c>netstandard</c>...) and the engine assembly. Shared by all sessions,
    /// so metadata is read once per process.
    /// </summary>
    public static ImmutableArray<MetadataReference> DefaultReferences => s_references.Value;

    /// <summary>The options the first cell of a session compiles with.</summary>
    public static ScriptOptions CreateOptions() => ScriptOptions.Default
        .WithReferences(DefaultReferences)
        .WithImports(DefaultImports)
        .WithMetadataResolver(SiblingAssemblyResolver.Instance)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithAllowUnsafe(true)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(Encoding.UTF8);

    private static readonly object CompilationGate = new();

    /// <summary>
    /// Runs <paramref name="work"/> (anything that binds or compiles script code against <see cref="DefaultReferences"/>)
    /// while no other such work runs in the process. Roslyn caches the symbols of a shared reference on its metadata;
    /// two compilations binding the same references at the same moment can each create their own, and a session whose
    /// cells end up with both sees every call through a default import as ambiguous (CS0121). The engine takes this gate
    /// around each cell's compilation; take it too when binding <see cref="NotebookSession.CreateSubmission"/> scripts
    /// from another thread.
    /// </summary>
    public static T Synchronized<T>(Func<T> work)
    {
        lock (CompilationGate) return work();
    }

    private static readonly object WarmUpGate = new();
    private static Task? s_warmUp;

    /// <summary>
    /// Loads and JIT-compiles Roslyn and reads the framework's metadata by compiling a throwaway script on a background
    /// thread, once per process: call it early (at kernel start, before a build) so the first real cell is fast.
    /// </summary>
    public static Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        lock (WarmUpGate)
        {
            s_warmUp ??= Task.Run(() =>
            {
                var script = Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.Create(
                    "var __descentWarmUp = new List<double> { 1.5 }.Select(x => x * 2).Sum();", CreateOptions().WithFilePath("warm-up"));
                Synchronized(() => script.Compile());
            }, CancellationToken.None);
            return s_warmUp.WaitAsync(cancellationToken);
        }
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in tpa.Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!(name.StartsWith("System", StringComparison.Ordinal) || name is "mscorlib" or "netstandard" or "Microsoft.CSharp"
                  or "Microsoft.VisualBasic" or "Microsoft.VisualBasic.Core" or "Microsoft.Win32.Primitives" or "Microsoft.Win32.Registry"))
                continue;
            if (!IsManagedAssembly(path)) continue;
            builder.Add(MetadataReference.CreateFromFile(path));
        }
        builder.Add(MetadataReference.CreateFromFile(typeof(NotebookKernel).Assembly.Location));
        return builder.ToImmutable();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
