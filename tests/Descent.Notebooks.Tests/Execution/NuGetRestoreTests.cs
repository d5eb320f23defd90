using Descent.Notebooks.Execution;

namespace Descent.Notebooks.Tests.Execution;

/// <summary>Packages the engine does not carry are restored for real (dotnet restore of a generated project), then cached.</summary>
public class NuGetRestoreTests
{
    [Fact]
    public async Task A_package_from_a_local_source_added_with_i_is_restored_referenced_and_cached()
    {
        using var dir = new TempFolder();
        var version = $"1.0.{DateTime.UtcNow.Ticks % 1_000_000_000}";
        TestAssemblies.Pack("Descent.TestFeed.Greeter", version,
            "namespace Descent.TestFeed { public static class Greeter { public static string Hi() => \"hi from the feed\"; } }", dir.File("feed/x").Replace("/x", ""));
        var cache = Path.Combine(dir.Path, "cache");
        var code = $"#i \"nuget: {Path.Combine(dir.Path, "feed")}\"\n#r \"nuget: Descent.TestFeed.Greeter, {version}\"\nDescent.TestFeed.Greeter.Hi()";

        using (var session = new NotebookSession(new SessionOptions { NuGetCacheDirectory = cache }))
        {
            var result = await session.ExecuteAsync(code);
            Assert.True(result.Succeeded, result.Error?.ToString());
            Assert.Equal("hi from the feed", result.Text);
        }
        var cached = Assert.Single(Directory.GetDirectories(cache));
        Assert.Contains("descent.testfeed.greeter", File.ReadAllText(Path.Combine(cached, "assemblies.txt")));

        using (var again = new NotebookSession(new SessionOptions { NuGetCacheDirectory = cache }))
        {
            var result = await again.ExecuteAsync(code);
            Assert.Equal("hi from the feed", result.Text);
        }
    }

    [Fact]
    public async Task A_package_that_cannot_be_restored_gets_a_restore_error_naming_it()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty-feed"));
        using var session = new NotebookSession(new SessionOptions { NuGetCacheDirectory = Path.Combine(dir.Path, "cache") });
        var result = await session.ExecuteAsync($"#i \"nuget: {Path.Combine(dir.Path, "empty-feed")}\"\n#r \"nuget: Descent.Nonexistent.Package.Zz9, 9.9.9\"");
        Assert.Equal(CellErrorKind.Directive, result.Error!.Kind);
        Assert.StartsWith("Restoring Descent.Nonexistent.Package.Zz9 9.9.9 failed", result.Error.EValue);
        Assert.Contains("NU1101", result.Error.EValue);
        // The session is still usable and the failed package is not retried by the next cell.
        Assert.Equal("3", (await session.ExecuteAsync("1 + 2")).Text);
    }
}
