using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Descent.Notebooks.Directives;
using Microsoft.CodeAnalysis;

namespace Descent.Notebooks.Hosting;

/// <summary>
/// What a host gives the engine. The engine (<see cref="Execution.EngineSession"/>) decides what a cell means: its
/// directives, how it compiles against the cells before it, the loop guard, display and formatting. A host decides
/// where things come from and how code runs: which assemblies cells compile against, what <c>#r</c> and
/// <c>#r "nuget: ..."</c> resolve to, how files are read, and on which thread, with which time limit, a cell runs.
/// The desktop host (<c>descent run</c>, <c>export</c>, the kernel) restores NuGet packages and runs cells on their own
/// threads; the browser host serves the packages bundled with the site and runs cells on the worker's one thread.
/// </summary>
public interface INotebookHost
{
    /// <summary>A short name for messages: "the desktop engine", "the browser".</summary>
    string Name { get; }

    /// <summary>The references every cell compiles against before any <c>#r</c>: the framework and the engine.</summary>
    ImmutableArray<MetadataReference> DefaultReferences { get; }

    /// <summary>Resolves assemblies that references need but nobody referenced (null: none).</summary>
    MetadataReferenceResolver? ReferenceResolver { get; }

    /// <summary>Whether Roslyn may compile on several threads.</summary>
    bool ConcurrentBuild { get; }

    /// <summary>The folder relative paths in cells start from (the notebook's folder).</summary>
    string BaseDirectory { get; }

    /// <summary><c>#r "path"</c>: the reference, or a message saying why there is none.</summary>
    HostResult<MetadataReference> ResolveAssembly(AssemblyReferenceDirective directive, string baseDirectory);

    /// <summary>A package the host carries (its assemblies are referenced as they are), or null.</summary>
    BuiltInPackage? FindPackage(string id);

    /// <summary>
    /// Gets packages the host does not carry (<c>#r "nuget: ..."</c>) from <paramref name="sources"/> (<c>#i</c>),
    /// within <paramref name="limit"/>. Throws <see cref="PackageUnavailableException"/> with a message for the reader.
    /// </summary>
    Task<IReadOnlyList<MetadataReference>> RestoreAsync(IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources,
        TimeSpan? limit, CancellationToken cancellationToken);

    /// <summary>The text of a file a cell <c>#load</c>s, or a message saying why it cannot be read.</summary>
    Task<HostResult<string>> ReadSourceAsync(string fullPath, CancellationToken cancellationToken);

    /// <summary>True if the file exists where the host can read it.</summary>
    bool FileExists(string fullPath);

    /// <summary>The full path of <paramref name="path"/> relative to <paramref name="baseDirectory"/>.</summary>
    string FullPath(string path, string baseDirectory);

    /// <summary>Finds, at run time, an assembly a cell's code needs (e.g. a <c>#r</c>'d file); null to leave it to the runtime.</summary>
    Assembly? LoadAssembly(AssemblyLoadContext context, AssemblyName name);

    /// <summary>
    /// Runs a cell's code: <paramref name="start"/> starts it on the thread the host chooses and returns its task.
    /// The host enforces <paramref name="limit"/> and <paramref name="cancellationToken"/>: it calls
    /// <paramref name="requestStop"/> (which makes the cell's loops throw at their next check), waits for the code to reach
    /// a check, and gives up on it if it never does.
    /// </summary>
    Task<HostRunOutcome> RunAsync(Func<Task<object?>> start, TimeSpan? limit, Action<string, bool> requestStop,
        CancellationToken cancellationToken);
}

/// <summary>A value, or the reason there is none.</summary>
public readonly record struct HostResult<T>(T? Value, string? Error)
{
    /// <summary>Success.</summary>
    public static HostResult<T> Ok(T value) => new(value, null);

    /// <summary>Failure, with a message for the reader.</summary>
    public static HostResult<T> Fail(string error) => new(default, error);
}

/// <summary>A package a host carries.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">The version carried.</param>
/// <param name="References">Its assemblies and its dependencies', to compile against.</param>
public sealed record BuiltInPackage(string Id, string Version, IReadOnlyList<MetadataReference> References);

/// <summary>A package a cell asks for.</summary>
public sealed record PackageRequest(string Id, string? Version);

/// <summary>A package could not be provided; the message says why and what to do.</summary>
public sealed class PackageUnavailableException(string message) : Exception(message);

/// <summary>How a cell's run ended, as the host saw it.</summary>
public enum HostRunEnd
{
    /// <summary>The code's task finished (with a value or an exception: see <see cref="HostRunOutcome.Task"/>).</summary>
    Finished,

    /// <summary>The time limit passed and the code did not stop within the grace period: it was abandoned.</summary>
    AbandonedAtTimeLimit,

    /// <summary>It was interrupted and did not stop within the grace period: it was abandoned.</summary>
    AbandonedAtInterrupt,
}

/// <summary>The outcome of <see cref="INotebookHost.RunAsync"/>.</summary>
/// <param name="End">How it ended.</param>
/// <param name="Task">The code's task (finished when <see cref="End"/> is <see cref="HostRunEnd.Finished"/>).</param>
/// <param name="Message">For an abandoned run: what happened, for the reader.</param>
public sealed record HostRunOutcome(HostRunEnd End, Task<object?> Task, string? Message = null);
