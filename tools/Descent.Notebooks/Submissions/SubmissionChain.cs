using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;

namespace Descent.Notebooks.Submissions;

/// <summary>
/// A session's cells as a chain of C# script submissions, the way Roslyn's interactive compiler chains them: each cell
/// is compiled with <see cref="CSharpCompilation.CreateScriptCompilation"/> against the previous cell's compilation, so
/// variables, methods, types and usings carry over; it is emitted to memory, loaded into the session's own
/// <see cref="AssemblyLoadContext"/>, and run by calling its factory with the array of earlier submissions' objects.
/// This is the one place the engine compiles and loads a cell, on the desktop and in the browser alike (Roslyn's
/// scripting layer cannot run in the browser: it asks for assembly file paths, which assemblies there do not have).
/// </summary>
public sealed class SubmissionChain
{
    /// <summary>How every cell is parsed: C# script, the latest language version.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    private readonly string _id = Guid.NewGuid().ToString("N");
    private readonly SubmissionLoadContext _loadContext;
    private readonly bool _concurrentBuild;
    private CSharpCompilation? _last;
    private object?[] _states = new object?[4];
    private int _submissions;
    private int _compilations;

    /// <param name="resolveAssembly">
    /// Finds an assembly a submission needs at run time that is neither an earlier submission nor already loaded by the
    /// host (e.g. a <c>#r</c>'d file); null to let the default context decide.
    /// </param>
    /// <param name="concurrentBuild">Let Roslyn compile on several threads (false where there is one, as in the browser).</param>
    public SubmissionChain(Func<AssemblyLoadContext, AssemblyName, Assembly?>? resolveAssembly = null, bool concurrentBuild = true)
    {
        _loadContext = new SubmissionLoadContext(_id, resolveAssembly);
        _concurrentBuild = concurrentBuild;
    }

    /// <summary>The compilation of the last submission in the chain (every earlier one behind it), or null before the first.</summary>
    public CSharpCompilation? Last => Volatile.Read(ref _last);

    /// <summary>The load context the session's submissions (and the files they <c>#r</c>) are loaded into.</summary>
    public AssemblyLoadContext LoadContext => _loadContext;

    /// <summary>
    /// The compilation of <paramref name="code"/> as the next submission (not added to the chain).
    /// <paramref name="path"/> names the code in diagnostics and stack traces ("Cell In[3]", or a #load'ed file).
    /// </summary>
    public CSharpCompilation CreateCompilation(string code, string path, IEnumerable<MetadataReference> references,
        IEnumerable<string> imports, MetadataReferenceResolver? resolver = null)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions, path, Encoding.UTF8);
        return CreateCompilation(tree, references, imports, resolver);
    }

    /// <summary>The compilation of <paramref name="tree"/> as the next submission (not added to the chain).</summary>
    public CSharpCompilation CreateCompilation(SyntaxTree tree, IEnumerable<MetadataReference> references,
        IEnumerable<string> imports, MetadataReferenceResolver? resolver = null)
    {
        int number = Volatile.Read(ref _submissions) + 1;
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            scriptClassName: string.Create(CultureInfo.InvariantCulture, $"Submission#{number}"),
            usings: imports,
            optimizationLevel: OptimizationLevel.Release,
            allowUnsafe: true,
            concurrentBuild: _concurrentBuild,
            metadataReferenceResolver: resolver,
            assemblyIdentityComparer: DesktopAssemblyIdentityComparer.Default);
        return CSharpCompilation.CreateScriptCompilation(AssemblyName(number), tree, references, options, Last, typeof(object));
    }

    /// <summary>
    /// The name of a submission's assembly: unique to this chain, so sessions never see each other's cells, and to this
    /// compilation, so a cell that was abandoned and never joined the chain does not block the name of the next one.
    /// </summary>
    private string AssemblyName(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"\u211B*{_id}#{number}-{Interlocked.Increment(ref _compilations)}");

    /// <summary>
    /// Emits and loads a compilation made by <see cref="CreateCompilation(string, string, IEnumerable{MetadataReference}, IEnumerable{string}, MetadataReferenceResolver?)"/>.
    /// Returns the error diagnostics instead when it does not compile (the chain is unchanged either way).
    /// </summary>
    public LoadedSubmission Load(CSharpCompilation compilation, CancellationToken cancellationToken = default)
    {
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb),
            cancellationToken: cancellationToken);
        if (!result.Success)
            return new LoadedSubmission(compilation, null, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray());
        pe.Position = 0;
        pdb.Position = 0;
        var assembly = _loadContext.Add(compilation.AssemblyName!, pe, pdb);
        MethodInfo? factory = null;
        if (compilation.GetEntryPoint(cancellationToken) is { } entry)
        {
            var typeName = entry.ContainingNamespace.IsGlobalNamespace
                ? entry.ContainingType.MetadataName
                : entry.ContainingNamespace.ToDisplayString() + "." + entry.ContainingType.MetadataName;
            factory = assembly.GetType(typeName, throwOnError: true)!
                .GetMethod(entry.MetadataName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        }
        return new LoadedSubmission(compilation, factory, []);
    }

    /// <summary>
    /// Starts running a loaded submission on the calling thread, against a copy of the earlier submissions' objects.
    /// Call <see cref="Commit"/> with the returned run when its task has finished (successfully or with an exception
    /// thrown by the cell's code) to make it part of the chain; a run that is abandoned is simply never committed.
    /// </summary>
    public SubmissionRun Start(LoadedSubmission submission)
    {
        if (!submission.Succeeded) throw new InvalidOperationException("The submission did not compile.");
        int count = Volatile.Read(ref _submissions);
        var states = new object?[Math.Max(_states.Length, count + 4)];
        Array.Copy(_states, states, _states.Length);
        if (submission.Factory is null) return new SubmissionRun(submission, states, Task.FromResult<object?>(null));
        Task<object?> task;
        try
        {
            var started = (Task<object>)submission.Factory.Invoke(null, [states])!;
            task = started.ContinueWith(static t => (object?)t.GetAwaiter().GetResult(), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            task = Task.FromException<object?>(inner);
        }
        return new SubmissionRun(submission, states, task);
    }

    /// <summary>Makes a finished run the newest submission of the chain: later cells see its variables and usings.</summary>
    public void Commit(SubmissionRun run)
    {
        _states = run.States;
        Append(run.Submission.Compilation);
    }

    /// <summary>Adds a compilation to the chain without running it (for tools that only compile, such as the site's highlighter).</summary>
    public void Append(CSharpCompilation compilation)
    {
        Volatile.Write(ref _last, compilation);
        Interlocked.Increment(ref _submissions);
    }

    /// <summary>
    /// The value of a notebook variable (a top-level variable of an earlier cell), newest declaration first.
    /// </summary>
    public bool TryGetVariable(string name, out object? value)
    {
        for (int i = _states.Length - 1; i >= 0; i--)
        {
            if (_states[i] is not { } submission || !submission.GetType().Name.StartsWith("Submission#", StringComparison.Ordinal)) continue;
            var field = submission.GetType().GetField(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (field is null) continue;
            value = field.GetValue(submission);
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>True if the submission ends with an expression without a semicolon whose type is not void (the cell's value).</summary>
    public static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not CompilationUnitSyntax root
            || root.Members.LastOrDefault() is not GlobalStatementSyntax
            {
                Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement,
            })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>The session's assemblies: its submissions by name; anything else as the host resolves it.</summary>
    private sealed class SubmissionLoadContext(string id, Func<AssemblyLoadContext, AssemblyName, Assembly?>? resolve)
        : AssemblyLoadContext("descent session " + id, isCollectible: false)
    {
        private readonly Dictionary<string, Assembly> _submissions = new(StringComparer.Ordinal);

        public Assembly Add(string name, Stream pe, Stream pdb)
        {
            var assembly = LoadFromStream(pe, pdb);
            lock (_submissions) _submissions[name] = assembly;
            return assembly;
        }

        protected override Assembly? Load(AssemblyName name)
        {
            lock (_submissions)
                if (name.Name is { } simple && _submissions.TryGetValue(simple, out var submission)) return submission;
            return resolve?.Invoke(this, name);
        }
    }
}

/// <summary>A submission that was emitted and loaded (or the errors that stopped it).</summary>
/// <param name="Compilation">Its compilation.</param>
/// <param name="Factory">The method that creates and runs it (null when the cell has no code to run, only usings).</param>
/// <param name="Errors">The compile errors, if it did not compile.</param>
public sealed record LoadedSubmission(CSharpCompilation Compilation, MethodInfo? Factory, ImmutableArray<Diagnostic> Errors)
{
    /// <summary>True if it compiled.</summary>
    public bool Succeeded => Errors.IsDefaultOrEmpty;
}

/// <summary>A submission that has started: its task ends with the cell's value, or with the exception the cell threw.</summary>
/// <param name="Submission">What runs.</param>
/// <param name="States">The earlier submissions' objects plus this one's, once its constructor has run.</param>
/// <param name="Task">The cell's code.</param>
public sealed record SubmissionRun(LoadedSubmission Submission, object?[] States, Task<object?> Task);
