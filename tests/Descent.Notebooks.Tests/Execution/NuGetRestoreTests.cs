using Descent.Notebooks.Desktop;
using System.Diagnostics;
using Descent.Notebooks.Directives;
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

    // The next tests replace `dotnet restore` with a shell script that never finishes (its child `sleep` writes its
    // process id first), so they need neither a network nor a feed.

    private static NotebookSession SessionWithEndlessRestore(TempFolder dir, TimeSpan cellTimeout, out string pidFile)
    {
        var pids = pidFile = Path.Combine(dir.Path, "restore.pid");
        var cache = Path.Combine(dir.Path, "cache");
        return new NotebookSession(new SessionOptions { CellTimeout = cellTimeout, NuGetCacheDirectory = cache })
        {
            Restorer = new NuGetRestorer(cache) { RestoreCommand = _ => ("/bin/sh", ["-c", $"sleep 300 & echo $! > '{pids}'; wait"]) },
        };
    }

    private static async Task<int> ChildPid(string pidFile)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid)) return pid;
            await Task.Delay(20);
        }
        throw new TimeoutException("The stand-in restore did not start.");
    }

    /// <summary>Polls until the process is gone (a zombie, dead but not yet reaped by whoever adopted it, counts as gone).</summary>
    private static async Task<bool> Gone(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            string? stat = null;
            try { stat = await File.ReadAllTextAsync($"/proc/{pid}/stat"); } catch (IOException) { }
            if (stat is null || stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) return true;
            await Task.Delay(50);
        }
        return false;
    }

    [Fact]
    public async Task A_restore_that_outlasts_the_cell_time_limit_is_killed_with_its_process_tree_and_the_cell_times_out()
    {
        Assert.True(OperatingSystem.IsLinux(), "the stand-in restore is a shell script and its process is looked up in /proc");
        using var dir = new TempFolder();
        using var session = SessionWithEndlessRestore(dir, TimeSpan.FromSeconds(1), out var pidFile);
        await session.ExecuteAsync("var kept = 41;");
        var clock = Stopwatch.StartNew();
        var result = await session.ExecuteAsync("#r \"nuget: Descent.Slow.Package, 1.2.3\"\n#r \"nuget: Descent.Other.Slow\"\n1");
        clock.Stop();
        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Equal(CellErrorKind.Timeout, result.Error!.Kind);
        Assert.Equal("TimeoutError", result.Error.EName);
        Assert.Equal("Restoring Descent.Slow.Package 1.2.3, Descent.Other.Slow took longer than the cell's time limit of 1 s and was stopped.", result.Error.EValue);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the restore was stopped after {clock.Elapsed}");
        Assert.True(await Gone(await ChildPid(pidFile)), "the restore's child process survived");
        // Nothing was cached, the packages are not taken as restored, and the session keeps its state.
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "cache"), "assemblies.txt", SearchOption.AllDirectories));
        Assert.Equal("42", (await session.ExecuteAsync("kept + 1")).Text);
        File.Delete(pidFile);
        Assert.Equal(CellStatus.TimedOut, (await session.ExecuteAsync("#r \"nuget: Descent.Slow.Package, 1.2.3\"")).Status);
    }

    [Fact]
    public async Task Interrupting_a_restore_kills_it_and_the_cell_is_interrupted()
    {
        Assert.True(OperatingSystem.IsLinux(), "the stand-in restore is a shell script and its process is looked up in /proc");
        using var dir = new TempFolder();
        using var session = SessionWithEndlessRestore(dir, Timeout.InfiniteTimeSpan, out var pidFile);
        var running = session.ExecuteAsync("#r \"nuget: Descent.Slow.Package, 1.2.3\"");
        var child = await ChildPid(pidFile);
        session.Interrupt();
        var result = await running;
        Assert.Equal(CellStatus.Interrupted, result.Status);
        Assert.Equal("The cell was interrupted while its directives ran.", result.Error!.EValue);
        Assert.True(await Gone(child), "the restore's child process survived");
        Assert.Equal("3", (await session.ExecuteAsync("1 + 2")).Text);
    }
}
