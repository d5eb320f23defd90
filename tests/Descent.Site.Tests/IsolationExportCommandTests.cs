using Descent.Cli.Commands;
using Descent.Notebooks.Model;

namespace Descent.Site.Tests;

/// <summary>
/// Issue 13, items 5 and 7, for <c>descent export</c>: the lessons run in a worker process, so a cell that ends it
/// fails its lesson at that cell (the page shows why) and the next lesson is still run and published.
/// </summary>
public class IsolationExportCommandTests
{
    private static string Write(string folder, string name, params string[] cells)
    {
        var notebook = Notebook.CreateNew();
        notebook.AddMarkdown("# " + name);
        foreach (var cell in cells) notebook.AddCode(cell);
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        notebook.Save(path);
        return path;
    }

    public static TheoryData<string, string> Killers => new()
    {
        { "Environment.Exit(3);", "Environment.Exit(3) was called" },
        { "new System.Threading.Thread(() => throw new InvalidOperationException(\"late\")).Start();\nSystem.Threading.Thread.Sleep(2000);",
          "a thread the cell started threw System.InvalidOperationException: late" },
        { "Func<int, int> f = null!;\nf = n => f(n + 1) + 1;\nf(0)", "stack overflow (infinite recursion?)" },
    };

    [Theory]
    [MemberData(nameof(Killers))]
    public async Task A_lesson_whose_cell_ends_its_process_fails_at_that_cell_and_the_next_lesson_is_published(string killer, string cause)
    {
        var folder = TestPaths.NewTempFolder();
        var killed = Write(folder, "01-killer.ipynb", "Console.WriteLine(\"before\");", killer, "\"never\"");
        var fine = Write(folder, "02-fine.ipynb", "1 + 1");
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([killed, fine], site, alreadyExecuted: false, timeoutSeconds: 120, output, error);

        Assert.Equal(1, code);
        Assert.Contains($"01-killer.ipynb failed at cell 3 (code cell 2): ProcessDied: {cause}: the cell ended the notebook's process", error.ToString());
        Assert.Contains("running 02-fine.ipynb ... ok", output.ToString());
        var page = File.ReadAllText(Path.Combine(site, "01-killer.html"));
        Assert.Contains(cause, page);
        Assert.Contains("before", page);
        Assert.True(File.Exists(Path.Combine(site, "02-fine.html")));
    }

    [Fact]
    public async Task A_thread_abandoned_at_its_time_limit_does_not_stop_the_next_lesson_in_another_folder()
    {
        var folder = TestPaths.NewTempFolder();
        var hang = Write(folder, "A/hang.ipynb", "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);");
        var fine = Write(folder, "B/fine.ipynb", "System.IO.File.Exists(\"fine.ipynb\")");
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([hang, fine], site, alreadyExecuted: false, timeoutSeconds: 1, output, error);

        Assert.Equal(1, code);
        Assert.Contains("running hang.ipynb ... FAILED at cell 2 (code cell 1)", output.ToString());
        Assert.Contains("running fine.ipynb ... ok", output.ToString());
        Assert.Contains("True", File.ReadAllText(Path.Combine(site, "fine.html")));
    }
}
