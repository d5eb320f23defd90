using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Descent.Notebooks.Desktop;
using Descent.Notebooks.Directives;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Running;

/// <summary>
/// Builds what a notebook references before it runs: for every <c>#r "path/bin/Config/tfm/Name.dll"</c> whose path
/// belongs to a project (the folder above <c>bin</c> holds a .csproj), the dll is rebuilt with
/// <c>dotnet build -c Config</c> when it is missing or older than the project's sources. Builds of the same project
/// from several processes (parallel test runs) take turns through a lock file.
/// </summary>
public static class ReferencedProjects
{
    /// <summary>The full paths of the assemblies a notebook's code cells <c>#r</c> (relative paths start at <paramref name="baseDirectory"/>).</summary>
    public static IReadOnlyList<string> AssemblyReferences(Notebook notebook, string baseDirectory)
    {
        var result = new List<string>();
        foreach (var cell in notebook.CodeCells)
            foreach (var d in CellDirectives.Parse(cell.Source).Directives.OfType<AssemblyReferenceDirective>())
            {
                var full = Path.GetFullPath(d.Path, baseDirectory);
                if (!result.Contains(full)) result.Add(full);
            }
        return result;
    }

    /// <summary>The project that builds <paramref name="assemblyPath"/>, if the path has the form <c>project/bin/Config/tfm/Name.dll</c>.</summary>
    public static ProjectOutput? FindProject(string assemblyPath)
    {
        var tfmDir = Path.GetDirectoryName(assemblyPath);
        var configDir = tfmDir is null ? null : Path.GetDirectoryName(tfmDir);
        var binDir = configDir is null ? null : Path.GetDirectoryName(configDir);
        if (binDir is null || !string.Equals(Path.GetFileName(binDir), "bin", StringComparison.OrdinalIgnoreCase)) return null;
        var projectDir = Path.GetDirectoryName(binDir);
        if (projectDir is null || !Directory.Exists(projectDir)) return null;
        var name = Path.GetFileNameWithoutExtension(assemblyPath);
        var projects = Directory.GetFiles(projectDir, "*.csproj");
        var project = projects.FirstOrDefault(p => string.Equals(Path.GetFileNameWithoutExtension(p), name, StringComparison.OrdinalIgnoreCase))
                      ?? (projects.Length == 1 ? projects[0] : null);
        return project is null ? null : new ProjectOutput(project, assemblyPath, Path.GetFileName(configDir!), Path.GetFileName(tfmDir!));
    }

    /// <summary>True if the assembly is missing or older than any input of its project.</summary>
    public static bool IsStale(ProjectOutput output)
    {
        if (!File.Exists(output.AssemblyPath)) return true;
        var built = File.GetLastWriteTimeUtc(output.AssemblyPath);
        return Inputs(output.ProjectPath).Any(f => File.GetLastWriteTimeUtc(f) > built);
    }

    /// <summary>
    /// Builds every project among <paramref name="assemblyPaths"/> whose output is missing or stale.
    /// <paramref name="log"/> hears which project is being built.
    /// </summary>
    public static async Task<ProjectBuildResult> EnsureBuiltAsync(IEnumerable<string> assemblyPaths, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        var built = new List<ProjectOutput>();
        foreach (var path in assemblyPaths.Distinct())
        {
            if (FindProject(path) is not { } output || !IsStale(output)) continue;
            using (await AcquireLockAsync(output.ProjectPath, cancellationToken))
            {
                if (!IsStale(output)) continue; // another process built it meanwhile
                log?.Invoke($"building {output.ProjectPath} ({output.Configuration})");
                var args = new List<string> { "build", output.ProjectPath, "-c", output.Configuration, "--nologo", "-v", "q", "-clp:NoSummary" };
                var (exitCode, text) = await NuGetRestorer.RunAsync("dotnet", args, Path.GetDirectoryName(output.ProjectPath)!, cancellationToken);
                if (exitCode != 0)
                {
                    var errors = text.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal))
                        .Distinct().Take(15).ToList();
                    return new ProjectBuildResult(false, built, output,
                        $"Building {output.ProjectPath} (dotnet build -c {output.Configuration}) failed with exit code {exitCode}" +
                        (errors.Count > 0 ? ":\n" + string.Join("\n", errors) : ":\n" + Tail(text, 30)));
                }
                if (!File.Exists(output.AssemblyPath))
                    return new ProjectBuildResult(false, built, output,
                        $"Building {output.ProjectPath} succeeded but {output.AssemblyPath} still does not exist (does the #r path name the project's output?).");
                // An up-to-date build may leave the dll's time alone; touch it so it counts as fresh.
                if (IsStale(output)) File.SetLastWriteTimeUtc(output.AssemblyPath, DateTime.UtcNow);
                built.Add(output);
            }
        }
        return new ProjectBuildResult(true, built, null, null);
    }

    private static string Tail(string text, int lines) => string.Join("\n", text.TrimEnd().Split('\n').TakeLast(lines));

    /// <summary>Source files, the project file, props/targets up the tree, and files the project includes from elsewhere.</summary>
    private static IEnumerable<string> Inputs(string projectPath, HashSet<string>? seen = null)
    {
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        if (!seen.Add(Path.GetFullPath(projectPath))) yield break;
        var dir = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var skip = new[] { Path.Combine(dir, "bin") + Path.DirectorySeparatorChar, Path.Combine(dir, "obj") + Path.DirectorySeparatorChar };
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            if (skip.Any(s => file.StartsWith(s, StringComparison.Ordinal))) continue;
            var ext = Path.GetExtension(file);
            if (ext is ".cs" or ".csproj" or ".props" or ".targets" or ".resx" or ".json" or ".csv" or ".txt") yield return file;
        }
        for (var up = Path.GetDirectoryName(dir); up is not null; up = Path.GetDirectoryName(up))
            foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" })
            {
                var f = Path.Combine(up, name);
                if (File.Exists(f)) yield return f;
            }
        XDocument? doc = null;
        try { doc = XDocument.Load(projectPath); } catch (System.Xml.XmlException) { }
        if (doc is null) yield break;
        foreach (var include in doc.Descendants().Select(e => (Element: e, Include: (string?)e.Attribute("Include"))).Where(x => x.Include is not null))
        {
            if (include.Include!.Contains('*') || include.Include.Contains("$(")) continue;
            var full = Path.GetFullPath(include.Include.Replace('\\', Path.DirectorySeparatorChar), dir);
            if (include.Element.Name.LocalName == "ProjectReference")
            {
                if (File.Exists(full))
                    foreach (var f in Inputs(full, seen)) yield return f;
            }
            else if (File.Exists(full))
            {
                yield return full;
            }
        }
    }

    private static async Task<IDisposable> AcquireLockAsync(string projectPath, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(projectPath))))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"descent-build-{hash}.lock");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}

/// <summary>A project and the assembly a notebook references from its output folder.</summary>
/// <param name="ProjectPath">The .csproj.</param>
/// <param name="AssemblyPath">The referenced dll.</param>
/// <param name="Configuration">The configuration in the path (<c>Release</c>).</param>
/// <param name="TargetFramework">The target framework in the path (<c>net10.0</c>).</param>
public sealed record ProjectOutput(string ProjectPath, string AssemblyPath, string Configuration, string TargetFramework);

/// <summary>The outcome of <see cref="ReferencedProjects.EnsureBuiltAsync"/>.</summary>
/// <param name="Succeeded">True if every stale project built.</param>
/// <param name="Built">The projects that were built.</param>
/// <param name="Failed">The project whose build failed, if any.</param>
/// <param name="Error">What went wrong, with the compiler's errors.</param>
public sealed record ProjectBuildResult(bool Succeeded, IReadOnlyList<ProjectOutput> Built, ProjectOutput? Failed, string? Error);
