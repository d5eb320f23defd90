using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.Loader;
using Descent.Notebooks.Directives;
using Descent.Notebooks.Execution;
using Descent.Notebooks.Hosting;
using Descent.Notebooks.Scripting;
using Microsoft.CodeAnalysis;

namespace Descent.Notebooks.Desktop;

/// <summary>
/// The engine on a desktop: cells compile against the whole shared framework the process runs on and the engine;
/// <c>#r "file.dll"</c> reads the file; <c>#r "nuget: ..."</c> takes the packages the engine carries (MathNet.Numerics,
/// Plotly.NET, Plotly.NET.CSharp) as they are and restores any other with <c>dotnet restore</c>; <c>#load</c> reads
/// files; each cell runs on its own thread (with a large stack) in the notebook's folder, with a time limit.
/// </summary>
public sealed class DesktopHost : INotebookHost
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(CreateReferences);
    private static readonly ConcurrentDictionary<string, MetadataReference> s_fileReferences = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _referencedFiles = new(StringComparer.Ordinal);

    /// <summary>A host for a session with these settings (its working directory: null leaves the current directory alone).</summary>
    public DesktopHost(SessionOptions options)
    {
        Options = options;
        WorkingDirectory = options.WorkingDirectory is { } dir ? Path.GetFullPath(dir) : null;
        Restorer = new NuGetRestorer(options.NuGetCacheDirectory);
    }

    /// <summary>The session's settings (working directory, time-limit grace period, NuGet cache).</summary>
    public SessionOptions Options { get; }

    /// <summary>The folder cells run in; null when the session leaves the current directory alone.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>Restores <c>#r "nuget: ..."</c> packages the engine does not carry (replaceable by tests).</summary>
    internal NuGetRestorer Restorer { get; set; }

    /// <inheritdoc />
    public string Name => "the engine";

    /// <summary>
    /// Every assembly of the shared framework the process runs on (<c>System.*</c>, <c>Microsoft.CSharp</c>,
    /// <c>netstandard</c>...) and the engine assembly. Shared by all sessions, so metadata is read once per process.
    /// </summary>
    public static ImmutableArray<MetadataReference> FrameworkReferences => s_references.Value;

    /// <inheritdoc />
    public ImmutableArray<MetadataReference> DefaultReferences => s_references.Value;

    /// <summary>
    /// Loads and JIT-compiles Roslyn and reads the framework's metadata on a background thread, once per process: call
    /// it early (at kernel start, before a build) so the first real cell is fast.
    /// </summary>
    public static Task WarmUpAsync(CancellationToken cancellationToken = default) =>
        ScriptEnvironment.WarmUpAsync(FrameworkReferences, SiblingAssemblyResolver.Instance, concurrentBuild: true, cancellationToken);

    /// <inheritdoc />
    public MetadataReferenceResolver? ReferenceResolver => SiblingAssemblyResolver.Instance;

    /// <inheritdoc />
    public bool ConcurrentBuild => true;

    /// <inheritdoc />
    public string BaseDirectory => WorkingDirectory ?? WorkingDirectoryGate.CurrentDirectoryOrNull() ?? AppContext.BaseDirectory;

    /// <inheritdoc />
    public HostResult<MetadataReference> ResolveAssembly(AssemblyReferenceDirective directive, string baseDirectory)
    {
        var full = Path.GetFullPath(directive.Path, baseDirectory);
        if (!File.Exists(full))
            return HostResult<MetadataReference>.Fail($"no file at {full}" +
                (full.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    ? " (build the project that produces it first; `descent run` does so itself)." : "."));
        _referencedFiles[Path.GetFileNameWithoutExtension(full)] = full;
        return HostResult<MetadataReference>.Ok(FileReference(full));
    }

    /// <summary>One reference object per file and process, so every session sees the same symbols for it.</summary>
    internal static MetadataReference FileReference(string path) => s_fileReferences.GetOrAdd(path, p => MetadataReference.CreateFromFile(p));

    /// <inheritdoc />
    public BuiltInPackage? FindPackage(string id) => EnginePackages.Find(id) is { } p
        ? new BuiltInPackage(p.Id, p.Version, p.AssemblyPaths.Select(FileReference).ToList())
        : null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<MetadataReference>> RestoreAsync(IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources,
        TimeSpan? limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> restored;
        try
        {
            restored = await Restorer.RestoreAsync(packages.Select(p => (p.Id, p.Version)).ToList(), sources, cancellationToken);
        }
        catch (PackageRestoreException e)
        {
            throw new PackageUnavailableException(e.Message);
        }
        var result = new List<MetadataReference>();
        foreach (var path in restored)
        {
            var name = Path.GetFileName(path);
            // Assemblies the engine already carries are referenced from the engine, so types stay the same.
            var builtIn = EnginePackages.All.Values.SelectMany(x => x.AssemblyPaths)
                .FirstOrDefault(x => string.Equals(Path.GetFileName(x), name, StringComparison.OrdinalIgnoreCase));
            var chosen = builtIn ?? path;
            if (builtIn is null) _referencedFiles[Path.GetFileNameWithoutExtension(chosen)] = chosen;
            result.Add(FileReference(chosen));
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<HostResult<string>> ReadSourceAsync(string fullPath, CancellationToken cancellationToken)
    {
        try
        {
            return HostResult<string>.Ok(await File.ReadAllTextAsync(fullPath, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostResult<string>.Fail(e.Message);
        }
    }

    /// <inheritdoc />
    public bool FileExists(string fullPath) => File.Exists(fullPath);

    /// <inheritdoc />
    public string FullPath(string path, string baseDirectory) => Path.GetFullPath(path, baseDirectory);

    /// <inheritdoc />
    public Assembly? LoadAssembly(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is not { } simple) return null;
        // The engine's own assemblies and packages stay shared with it (one Plotly.NET GenericChart type for the
        // formatter and the cells); anything else a cell #r'd is loaded from its file into the session's context.
        // A #r'd file first: the CLI's own assembly is called "descent", which must not stand in for the library "Descent".
        if (_referencedFiles.TryGetValue(simple, out var path)
            && string.Equals(Path.GetFileNameWithoutExtension(path), simple, StringComparison.Ordinal))
            return context.LoadFromAssemblyPath(path);
        foreach (var loaded in AssemblyLoadContext.Default.Assemblies)
            if (string.Equals(loaded.GetName().Name, simple, StringComparison.Ordinal)) return loaded;
        foreach (var file in _referencedFiles.Values)
        {
            var sibling = Path.Combine(Path.GetDirectoryName(file)!, simple + ".dll");
            if (File.Exists(sibling)) return context.LoadFromAssemblyPath(sibling);
        }
        return null;
    }

    /// <inheritdoc />
    public async Task<HostRunOutcome> RunAsync(Func<Task<object?>> start, TimeSpan? limit, Action<string, bool> requestStop,
        CancellationToken cancellationToken)
    {
        var (run, releaseDirectory) = StartOnCellThread(start);
        var timeout = limit is { } l ? Task.Delay(l, CancellationToken.None) : Task.Delay(Timeout.Infinite, cancellationToken);
        var interrupted = Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny(run, timeout, interrupted).ConfigureAwait(false);
        if (first != run)
        {
            bool isTimeout = first == timeout && !cancellationToken.IsCancellationRequested;
            var message = isTimeout
                ? string.Create(CultureInfo.InvariantCulture, $"The cell exceeded its time limit of {EngineSession.Seconds(Options.CellTimeout)} and was stopped.")
                : "The cell was interrupted.";
            requestStop(message, isTimeout);
            if (await Task.WhenAny(run, Task.Delay(Options.StopGracePeriod, CancellationToken.None)).ConfigureAwait(false) != run)
            {
                // The abandoned thread gives up its hold on the working directory, or no notebook in another folder
                // could run a cell in this process again (it keeps running, wherever the next cell's folder is).
                releaseDirectory();
                return new HostRunOutcome(isTimeout ? HostRunEnd.AbandonedAtTimeLimit : HostRunEnd.AbandonedAtInterrupt, run,
                    $"{message[..^1]}, but it did not reach a point where it can stop within {EngineSession.Seconds(Options.StopGracePeriod)} " +
                    "(it is blocked in a call such as Thread.Sleep, a lock or I/O). Its thread was abandoned; the session continues from the state before this cell.");
            }
        }
        return new HostRunOutcome(HostRunEnd.Finished, run);
    }

    /// <summary>
    /// Runs the cell on a dedicated thread (a large stack, so deep recursion in lessons is fine), in the session's
    /// working directory; the thread's logical flow carries the cell context, so console text and displays find the cell.
    /// </summary>
    private (Task<object?> Run, Action ReleaseDirectory) StartOnCellThread(Func<Task<object?>> start)
    {
        var completion = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var directory = WorkingDirectory;
        int entered = 0, released = 0, abandoned = 0;
        void Release()
        {
            if (directory is not null && Volatile.Read(ref entered) == 1 && Interlocked.Exchange(ref released, 1) == 0) WorkingDirectoryGate.Exit();
        }
        void Abandon()
        {
            Interlocked.Exchange(ref abandoned, 1);
            Release();
        }
        var thread = new Thread(() =>
        {
            try
            {
                if (directory is not null)
                {
                    WorkingDirectoryGate.Enter(directory);
                    Interlocked.Exchange(ref entered, 1);
                    if (Volatile.Read(ref abandoned) == 1) Release(); // abandoned while it waited for the folder
                }
                start().ContinueWith(t =>
                {
                    Release();
                    if (t.IsFaulted) completion.TrySetException(t.Exception!.InnerExceptions);
                    else if (t.IsCanceled) completion.TrySetCanceled();
                    else completion.TrySetResult(t.Result);
                }, TaskContinuationOptions.ExecuteSynchronously);
            }
            catch (Exception e)
            {
                Release();
                completion.TrySetException(e);
            }
        }, maxStackSize: 16 * 1024 * 1024)
        {
            IsBackground = true,
            Name = "descent cell",
        };
        thread.Start();
        return (completion.Task, Abandon);
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
