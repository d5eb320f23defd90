using System.Reflection;
using System.Text.Json;

namespace Descent.Notebooks.Desktop;

/// <summary>
/// The NuGet packages the engine's own process already carries (from its <c>.deps.json</c>: MathNet.Numerics,
/// Plotly.NET, Plotly.NET.CSharp and their dependencies). A cell's <c>#r "nuget: ..."</c> naming one of them is
/// satisfied by referencing the assemblies already loaded, so the notebook's code and the engine's formatters share
/// one copy of each type, and nothing is restored.
/// </summary>
public static class EnginePackages
{
    /// <summary>A package the engine carries.</summary>
    /// <param name="Id">Package id.</param>
    /// <param name="Version">Package version.</param>
    /// <param name="AssemblyPaths">The package's runtime assemblies and those of its dependencies, as loaded by this process.</param>
    public sealed record Package(string Id, string Version, IReadOnlyList<string> AssemblyPaths);

    private static readonly Lazy<IReadOnlyDictionary<string, Package>> s_packages = new(Load);


    /// <summary>All packages the engine carries, by id (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, Package> All => s_packages.Value;

    /// <summary>The package with this id, if the engine carries it.</summary>
    public static Package? Find(string id) => s_packages.Value.TryGetValue(id, out var p) ? p : null;

    private static IReadOnlyDictionary<string, Package> Load()
    {
        var result = new Dictionary<string, Package>(StringComparer.OrdinalIgnoreCase);
        var tpa = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        var depsFile = ((AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
        if (depsFile is not null)
        {
            try
            {
                LoadDeps(depsFile, tpa, result);
            }
            catch (JsonException)
            {
                result.Clear();
            }
        }
        if (result.Count == 0) LoadFallback(result);
        return result;
    }

    private static void LoadDeps(string depsFile, Dictionary<string, string> tpa, Dictionary<string, Package> result)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(depsFile));
        var root = doc.RootElement;
        if (!root.TryGetProperty("targets", out var targets) || !root.TryGetProperty("libraries", out var libraries)) return;
        JsonElement target = default;
        foreach (var t in targets.EnumerateObject())
        {
            target = t.Value;
            break;
        }
        if (target.ValueKind != JsonValueKind.Object) return;

        // id -> (version, own runtime dll names, dependency ids)
        var entries = new Dictionary<string, (string Version, List<string> Dlls, List<string> Dependencies)>(StringComparer.OrdinalIgnoreCase);
        foreach (var lib in target.EnumerateObject())
        {
            var slash = lib.Name.IndexOf('/');
            if (slash < 0) continue;
            var id = lib.Name[..slash];
            var version = lib.Name[(slash + 1)..];
            if (!libraries.TryGetProperty(lib.Name, out var info) || !info.TryGetProperty("type", out var type) || type.GetString() != "package")
                continue;
            var dlls = new List<string>();
            if (lib.Value.TryGetProperty("runtime", out var runtime))
                foreach (var file in runtime.EnumerateObject())
                    if (file.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) dlls.Add(Path.GetFileName(file.Name));
            var deps = new List<string>();
            if (lib.Value.TryGetProperty("dependencies", out var dependencies))
                foreach (var d in dependencies.EnumerateObject()) deps.Add(d.Name);
            entries[id] = (version, dlls, deps);
        }

        foreach (var (id, entry) in entries)
        {
            var paths = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var stack = new Stack<string>([id]);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (!seen.Add(current) || !entries.TryGetValue(current, out var e)) continue;
                foreach (var dll in e.Dlls)
                    if (tpa.TryGetValue(dll, out var path) && !paths.Contains(path)) paths.Add(path);
                foreach (var d in e.Dependencies) stack.Push(d);
            }
            if (paths.Count > 0) result[id] = new Package(id, entry.Version, paths);
        }
    }

    private static void LoadFallback(Dictionary<string, Package> result)
    {
        Add(result, "MathNet.Numerics", typeof(MathNet.Numerics.Control).Assembly);
        Add(result, "Plotly.NET", typeof(Plotly.NET.GenericChart).Assembly);
        Add(result, "Plotly.NET.CSharp", typeof(Plotly.NET.CSharp.Chart).Assembly);
    }

    private static void Add(Dictionary<string, Package> result, string id, Assembly root)
    {
        var paths = new List<string>();
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var stack = new Stack<Assembly>([root]);
        while (stack.Count > 0)
        {
            var a = stack.Pop();
            if (string.IsNullOrEmpty(a.Location) || paths.Contains(a.Location)) continue;
            if (Path.GetDirectoryName(a.Location) == frameworkDir) continue;
            paths.Add(a.Location);
            foreach (var name in a.GetReferencedAssemblies())
            {
                try { stack.Push(Assembly.Load(name)); }
                catch (IOException) { }
            }
        }
        var version = root.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                      ?? root.GetName().Version?.ToString() ?? "";
        result[id] = new Package(id, version, paths);
    }
}
