using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace Descent.Notebooks.Editing;

/// <summary>
/// Finds the XML documentation of a referenced assembly: the .xml next to the dll (the Descent library and
/// project outputs), the .NET reference pack of the SDK for framework assemblies (the runtime's own dlls ship no
/// docs; System.Private.CoreLib's public types are documented in System.Runtime.xml), and the NuGet package
/// folder for packages.
/// </summary>
internal static class XmlDocumentationFiles
{
    private static readonly ConcurrentDictionary<string, DocumentationProvider> s_providers = new(StringComparer.Ordinal);
    private static readonly Lazy<string?> s_referencePack = new(FindReferencePack);

    /// <summary>A provider for the assembly at <paramref name="assemblyPath"/> (empty when no docs are found).</summary>
    public static DocumentationProvider For(string assemblyPath) =>
        s_providers.GetOrAdd(assemblyPath, path => new XmlFilesProvider(Candidates(path).Where(File.Exists).ToArray()));

    private static IEnumerable<string> Candidates(string assemblyPath)
    {
        string name = Path.GetFileNameWithoutExtension(assemblyPath);
        yield return Path.ChangeExtension(assemblyPath, ".xml");
        if (s_referencePack.Value is { } pack)
        {
            yield return Path.Combine(pack, name + ".xml");
            if (name is "System.Private.CoreLib" or "mscorlib" or "netstandard")
            {
                yield return Path.Combine(pack, "System.Runtime.xml");
                yield return Path.Combine(pack, "System.Runtime.Intrinsics.xml");
                yield return Path.Combine(pack, "System.Collections.xml");
            }
        }
        string nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string packageDir = Path.Combine(nuget, name.ToLowerInvariant());
        if (Directory.Exists(packageDir))
            foreach (var xml in Directory.EnumerateFiles(packageDir, name + ".xml", SearchOption.AllDirectories)
                                         .OrderByDescending(p => p, StringComparer.Ordinal))
                yield return xml;
    }

    // <dotnet root>/packs/Microsoft.NETCore.App.Ref/<newest version of this runtime's major>/ref/net<major>.<minor>
    private static string? FindReferencePack()
    {
        try
        {
            string runtimeDir = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
            string? root = Directory.GetParent(runtimeDir)?.Parent?.Parent?.FullName;
            if (root is null) return null;
            string packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
            if (!Directory.Exists(packs)) return null;
            var version = Environment.Version;
            string tfm = $"net{version.Major}.{version.Minor}";
            return Directory.EnumerateDirectories(packs)
                .Where(d => Path.GetFileName(d).StartsWith($"{version.Major}.", StringComparison.Ordinal))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
                .Select(d => Path.Combine(d, "ref", tfm))
                .FirstOrDefault(Directory.Exists);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Documentation from several XML files, read lazily into one id → member XML table.</summary>
    private sealed class XmlFilesProvider(string[] files) : DocumentationProvider
    {
        private readonly string[] _files = files;
        private readonly Lazy<Dictionary<string, string>> _members = new(() => Load(files));

        protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture,
                                                              CancellationToken cancellationToken = default) =>
            _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

        private static Dictionary<string, string> Load(string[] files)
        {
            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                try
                {
                    using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
                    while (reader.ReadToFollowing("member"))
                    {
                        string? id = reader.GetAttribute("name");
                        string xml = reader.ReadOuterXml();
                        if (id is not null) members.TryAdd(id, xml);
                    }
                }
                catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
                {
                    // A broken documentation file only means less help; completion and inspection still work.
                }
            }
            return members;
        }

        public override bool Equals(object? obj) => obj is XmlFilesProvider other && other._files.SequenceEqual(_files);

        public override int GetHashCode() => _files.Length == 0 ? 0 : _files[0].GetHashCode(StringComparison.Ordinal);
    }
}
