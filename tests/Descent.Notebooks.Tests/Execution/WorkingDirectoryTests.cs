using Descent.Notebooks.Execution;

namespace Descent.Notebooks.Tests.Execution;

public class WorkingDirectoryTests
{
    [Fact]
    public async Task Cells_run_in_the_session_working_directory_and_relative_files_resolve_there()
    {
        using var dir = new TempFolder();
        dir.File("data/points.csv", "x,y\n1,2\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var cwd = await session.ExecuteAsync("Environment.CurrentDirectory");
        Assert.Equal(dir.Path, cwd.ReturnValue);
        var lines = await session.ExecuteAsync("System.IO.File.ReadAllLines(\"data/points.csv\").Length");
        Assert.Equal(2, lines.ReturnValue);
    }

    [Fact]
    public async Task Sessions_with_different_folders_each_see_their_own()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        using var sa = new NotebookSession(new SessionOptions { WorkingDirectory = a.Path });
        using var sb = new NotebookSession(new SessionOptions { WorkingDirectory = b.Path });
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(a.Path, (await sa.ExecuteAsync("Environment.CurrentDirectory")).ReturnValue);
            Assert.Equal(b.Path, (await sb.ExecuteAsync("Environment.CurrentDirectory")).ReturnValue);
        }
        // Running at the same time: the second waits for the first folder to be released, then gets its own.
        var ra = sa.ExecuteAsync("System.Threading.Thread.Sleep(100); Environment.CurrentDirectory");
        var rb = sb.ExecuteAsync("System.Threading.Thread.Sleep(100); Environment.CurrentDirectory");
        Assert.Equal(a.Path, (await ra).ReturnValue);
        Assert.Equal(b.Path, (await rb).ReturnValue);
    }
}
