using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Descent.Notebooks.Desktop;

/// <summary>
/// Restores NuGet packages the engine does not carry, for real: it writes a small project that references them,
/// runs <c>dotnet restore</c>, and reads the runtime assemblies from <c>project.assets.json</c>. The result is cached
/// by the set of packages and sources, so a package is restored once per machine.
/// </summary>
public sealed class NuGetRestorer
{
    /// <summary>Creates a restorer that keeps its projects under <paramref name="cacheDirectory"/>.</summary>
    public NuGetRestorer(string? cacheDirectory = null)
    {
        CacheDirectory = cacheDirectory ?? DefaultCacheDirectory;
    }

    /// <summary>
    /// <c>$DESCENT_NUGET_CACHE</c>, else <c>$XDG_CACHE_HOME/descent/nuget</c>, else <c>~/.cache/descent/nuget</c>.
    /// </summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("DESCENT_NUGET_CACHE");
            if (!string.IsNullOrEmpty(env)) return env;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(baseDir, "descent", "nuget");
        }
    }

    /// <summary>Where restore projects are kept.</summary>
    public string CacheDirectory { get; }

    /// <summary>
    /// The command that restores the generated project (given its path): <c>dotnet restore</c>. Tests replace it
    /// with a stand-in process to exercise failures and time limits without a network.
    /// </summary>
    internal Func<string, (string FileName, IReadOnlyList<string> Arguments)> RestoreCommand { get; init; } =
        projectPath => ("dotnet", ["restore", projectPath, "--nologo", "-v", "q"]);

    /// <summary>
    /// Restores <paramref name="packages"/> (id and version; a null version takes the newest) from the configured
    /// sources plus <paramref name="extraSources"/>, and returns every runtime assembly of the packages and their dependencies.
    /// </summary>
    /// <exception cref="PackageRestoreException">The restore failed; the message carries NuGet's errors.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; a <c>dotnet restore</c>
    /// under way is killed with its process tree, and nothing is cached.</exception>
    public async Task<IReadOnlyList<string>> RestoreAsync(IReadOnlyList<(string Id, string? Version)> packages,
        IReadOnlyList<string> extraSources, CancellationToken cancellationToken = default)
    {
        var key = Hash(string.Join("\n", packages.Select(p => $"{p.Id.ToLowerInvariant()}/{p.Version}").Order(StringComparer.Ordinal))
                       + "\n--\n" + string.Join("\n", extraSources));
        var folder = Path.Combine(CacheDirectory, key);
        var listFile = Path.Combine(folder, "assemblies.txt");
        if (File.Exists(listFile))
        {
            var cached = await File.ReadAllLinesAsync(listFile, cancellationToken);
            if (cached.All(File.Exists)) return cached;
        }

        Directory.CreateDirectory(folder);
        // Stop MSBuild from picking up a repository's Directory.*.props (central package management) above the cache.
        await File.WriteAllTextAsync(Path.Combine(folder, "Directory.Build.props"), "<Project />\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "Directory.Packages.props"), "<Project />\n", cancellationToken);
        var project = new StringBuilder();
        project.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        project.AppendLine("  <PropertyGroup>");
        project.AppendLine("    <TargetFramework>net10.0</TargetFramework>");
        project.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
        project.AppendLine("    <EnableDefaultItems>false</EnableDefaultItems>");
        if (extraSources.Count > 0)
            project.AppendLine($"    <RestoreAdditionalProjectSources>{Escape(string.Join(";", extraSources))}</RestoreAdditionalProjectSources>");
        project.AppendLine("  </PropertyGroup>");
        project.AppendLine("  <ItemGroup>");
        foreach (var (id, version) in packages)
            project.AppendLine($"    <PackageReference Include=\"{Escape(id)}\" Version=\"{Escape(version ?? "*")}\" />");
        project.AppendLine("  </ItemGroup>");
        project.AppendLine("</Project>");
        var projectPath = Path.Combine(folder, "restore.csproj");
        await File.WriteAllTextAsync(projectPath, project.ToString(), cancellationToken);

        var (fileName, arguments) = RestoreCommand(projectPath);
        var (exitCode, output) = await RunAsync(fileName, arguments, folder, cancellationToken);
        if (exitCode != 0)
        {
            var errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.Replace(projectPath, "", StringComparison.Ordinal).Trim(' ', ':')).Distinct().Take(8).ToList();
            throw new PackageRestoreException(
                $"Restoring {string.Join(", ", packages.Select(p => p.Version is null ? p.Id : $"{p.Id} {p.Version}"))} failed"
                + (errors.Count > 0 ? ":\n" + string.Join("\n", errors) : $" (dotnet restore exited with {exitCode}):\n{output.Trim()}"));
        }

        var assemblies = ReadAssets(Path.Combine(folder, "obj", "project.assets.json"));
        await File.WriteAllLinesAsync(listFile, assemblies, cancellationToken);
        return assemblies;
    }

    private static List<string> ReadAssets(string assetsPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(assetsPath));
        var root = doc.RootElement;
        var folders = root.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var libraries = root.GetProperty("libraries");
        var result = new List<string>();
        foreach (var target in root.GetProperty("targets").EnumerateObject())
        {
            if (target.Name.Contains('/')) continue; // runtime-specific targets
            foreach (var lib in target.Value.EnumerateObject())
            {
                if (!lib.Value.TryGetProperty("runtime", out var runtime)) continue;
                if (!libraries.TryGetProperty(lib.Name, out var info) || !info.TryGetProperty("path", out var pathElement)) continue;
                var libPath = pathElement.GetString()!;
                foreach (var file in runtime.EnumerateObject())
                {
                    if (!file.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) continue;
                    var full = folders.Select(f => Path.Combine(f, libPath, file.Name)).FirstOrDefault(File.Exists);
                    if (full is not null) result.Add(Path.GetFullPath(full));
                }
            }
        }
        return result;
    }

    /// <summary>Runs a process to its end and returns its exit code and output; cancelling kills it with its process tree.</summary>
    internal static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["MSBUILDTERMINALLOGGER"] = "off";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Kill may throw if the process just exited or part of its tree could not be killed; the cancellation is what matters.
            try { process.Kill(entireProcessTree: true); } catch (Exception e) when (e is InvalidOperationException or AggregateException or System.ComponentModel.Win32Exception) { }
            // Let the output readers finish (the pipes close with the killed processes) before the process is disposed.
            try { await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None); }
            catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException) { }
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Hash(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();

    private static string Escape(string s) => System.Security.SecurityElement.Escape(s) ?? s;
}

/// <summary>A <c>#r "nuget: ..."</c> package could not be restored.</summary>
public sealed class PackageRestoreException(string message) : Exception(message);
