using System.IO.Compression;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Descent.Notebooks.Tests;

/// <summary>Small assemblies and NuGet packages made on the spot with Roslyn, for #r and #i tests.</summary>
internal static class TestAssemblies
{
    /// <summary>Compiles <paramref name="source"/> into <paramref name="path"/> as a library named <paramref name="assemblyName"/>.</summary>
    public static void Compile(string assemblyName, string source, string path)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    /// <summary>Writes a .nupkg holding one library into <paramref name="feedFolder"/> (a local NuGet feed).</summary>
    public static void Pack(string id, string version, string source, string feedFolder)
    {
        var dll = Path.Combine(Path.GetTempPath(), $"{id}-{Guid.NewGuid():N}.dll");
        Compile(id, source, dll);
        Directory.CreateDirectory(feedFolder);
        using var zip = ZipFile.Open(Path.Combine(feedFolder, $"{id}.{version}.nupkg"), ZipArchiveMode.Create);
        var nuspec = zip.CreateEntry($"{id}.nuspec");
        using (var w = new StreamWriter(nuspec.Open()))
            w.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{version}</version>
                    <authors>descent tests</authors>
                    <description>A package made by a test.</description>
                    <dependencies><group targetFramework="net10.0" /></dependencies>
                  </metadata>
                </package>
                """);
        zip.CreateEntryFromFile(dll, $"lib/net10.0/{id}.dll");
        File.Delete(dll);
    }
}

/// <summary>A temporary folder deleted at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("descent-test-").FullName;

    public string Path { get; }

    public string File(string relative, string? contents = null)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        if (contents is not null) System.IO.File.WriteAllText(full, contents);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
