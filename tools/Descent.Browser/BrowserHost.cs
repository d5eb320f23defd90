using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.Loader;
using Descent.Notebooks.Directives;
using Descent.Notebooks.Hosting;
using Microsoft.CodeAnalysis;

namespace Descent.Browser;

/// <summary>
/// The engine in a browser: cells compile against the assemblies the site ships (their metadata read from the loaded
/// assemblies themselves, so nothing is downloaded twice); <c>#r "nuget: ..."</c> takes the bundled MathNet.Numerics,
/// Plotly.NET and Plotly.NET.CSharp and refuses anything else; <c>#r</c> of the Descent library takes the bundled copy;
/// <c>#load</c> reads the worker's virtual file system; a cell runs on the worker's one thread (the page stops a
/// runaway cell by ending the worker).
/// </summary>
internal sealed class BrowserHost : INotebookHost
{
    /// <summary>What a cell compiles against: the framework's public surface, the engine and nothing else by default.</summary>
    /// <remarks>The list is the project's @(CellFramework) (Descent.Browser.csproj), which the trimmer also keeps whole.</remarks>
    private static readonly string[] Framework = CellMetadata("Descent.CellFramework").Single().Value;

    /// <summary>The packages the site bundles, with the assemblies each brings (the project's @(CellPackage)).</summary>
    /// <remarks>The package's own assembly comes first; its informational version is the version the site carries.</remarks>
    private static readonly Dictionary<string, string[]> Packages = CellMetadata("Descent.CellPackage:")
        .ToDictionary(p => p.Key["Descent.CellPackage:".Length..], p => p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The assembly metadata the project writes from its lists of what cells compile against.</summary>
    private static IEnumerable<(string Key, string[] Value)> CellMetadata(string keyPrefix) =>
        typeof(BrowserHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
            .Select(a => (a.Key, (a.Value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    private readonly Dictionary<string, MetadataReference> _references = new(StringComparer.Ordinal);

    public BrowserHost(string baseDirectory)
    {
        BaseDirectory = baseDirectory;
        var defaults = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var name in Framework)
            if (Reference(name) is { } reference) defaults.Add(reference);
        defaults.Add(Reference(typeof(Descent.Notebooks.Scripting.NotebookKernel).Assembly.GetName().Name!)!);
        DefaultReferences = defaults.ToImmutable();
    }

    public string Name => "this site's browser runtime";

    public ImmutableArray<MetadataReference> DefaultReferences { get; }

    public MetadataReferenceResolver? ReferenceResolver => null;

    public bool ConcurrentBuild => false;

    public string BaseDirectory { get; }

    /// <summary>A reference made from a loaded assembly's own metadata (null if the site does not ship it).</summary>
    private unsafe MetadataReference? Reference(string assemblyName)
    {
        if (_references.TryGetValue(assemblyName, out var known)) return known;
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(assemblyName);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
        if (!assembly.TryGetRawMetadata(out byte* blob, out int length)) return null;
        var reference = AssemblyMetadata.Create(ModuleMetadata.CreateFromMetadata((IntPtr)blob, length)).GetReference(display: assemblyName);
        _references[assemblyName] = reference;
        return reference;
    }

    public HostResult<MetadataReference> ResolveAssembly(AssemblyReferenceDirective directive, string baseDirectory)
    {
        var name = Path.GetFileNameWithoutExtension(directive.Path);
        if (string.Equals(name, "Descent", StringComparison.Ordinal) && Reference("Descent") is { } descent)
            return HostResult<MetadataReference>.Ok(descent);
        return HostResult<MetadataReference>.Fail(
            $"{Path.GetFileName(directive.Path)} is not available in the browser: a page can only use the Descent library bundled with the site. " +
            "Run the notebook with the desktop kernel or `descent run` to reference other files.");
    }

    public BuiltInPackage? FindPackage(string id)
    {
        if (!Packages.TryGetValue(id, out var assemblies)) return null;
        var references = assemblies.Select(Reference).OfType<MetadataReference>().ToList();
        var version = Assembly.Load(assemblies[0]).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "";
        return new BuiltInPackage(id, version, references);
    }

    public Task<IReadOnlyList<MetadataReference>> RestoreAsync(IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources,
        TimeSpan? limit, CancellationToken cancellationToken) =>
        throw new PackageUnavailableException(
            $"{string.Join(", ", packages.Select(p => p.Id))} is not available in the browser: the page cannot download packages, and this site " +
            $"bundles only {string.Join(", ", Packages.Keys.Order(StringComparer.Ordinal))}. Run the notebook with the desktop kernel or `descent run` to use other packages.");

    public async Task<HostResult<string>> ReadSourceAsync(string fullPath, CancellationToken cancellationToken)
    {
        try
        {
            return HostResult<string>.Ok(await File.ReadAllTextAsync(fullPath, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostResult<string>.Fail($"not available in the browser ({e.Message}).");
        }
    }

    public bool FileExists(string fullPath) => File.Exists(fullPath);

    public string FullPath(string path, string baseDirectory) => Path.GetFullPath(path, baseDirectory);

    public Assembly? LoadAssembly(AssemblyLoadContext context, AssemblyName name)
    {
        foreach (var loaded in AssemblyLoadContext.Default.Assemblies)
            if (string.Equals(loaded.GetName().Name, name.Name, StringComparison.Ordinal)) return loaded;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException)
        {
            return null;
        }
    }

    /// <summary>The worker has one thread: the cell simply runs. There is no time limit; the page's Stop ends the worker.</summary>
    public async Task<HostRunOutcome> RunAsync(Func<Task<object?>> start, TimeSpan? limit, Action<string, bool> requestStop,
        CancellationToken cancellationToken)
    {
        var task = start();
        try
        {
            await task;
        }
        catch (Exception)
        {
            // the outcome carries the task; the engine reports its exception
        }
        return new HostRunOutcome(HostRunEnd.Finished, task);
    }
}
