using System.Text.RegularExpressions;
using Descent.Cli.Commands;
using Descent.Notebooks.Model;
using Descent.Notebooks.Running;

namespace Descent.Notebooks.Tests.Cli;

/// <summary>
/// Issue 13, items 5 and 7: each notebook of <c>descent run</c> runs in a worker process, so a cell that ends its
/// process, or leaves a thread running past its time limit, fails its own notebook and not the others or the CLI.
/// </summary>
public class IsolationTests
{
    private static async Task<(int ExitCode, string Out, string Err)> RunAsync(string cwd, double timeout, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new RunCommandHandler(stdout, stderr, cwd).RunAsync(new RunSettings(paths, "out", false, false, timeout, false), CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static TempFolder Repo()
    {
        var dir = new TempFolder();
        dir.File("Descent.slnx", "<Solution />");
        return dir;
    }

    public static TheoryData<string, string> Killers => new()
    {
        { "Environment.Exit(3);", "Environment.Exit(3) was called" },
        { "new System.Threading.Thread(() => throw new InvalidOperationException(\"late\")).Start();\nSystem.Threading.Thread.Sleep(2000);",
          "a thread the cell started threw System.InvalidOperationException: late" },
        // An expression-bodied lambda is not guarded (nothing to put a statement in), so this is a real stack overflow.
        { "Func<int, int> f = null!;\nf = n => f(n + 1) + 1;\nf(0)", "stack overflow (infinite recursion?)" },
    };

    [Theory]
    [MemberData(nameof(Killers))]
    public async Task A_cell_that_ends_its_process_fails_its_notebook_at_that_cell_and_the_next_notebook_runs(string killer, string cause)
    {
        using var repo = Repo();
        NotebookFiles.Write(repo.File("notebooks/01-killer.ipynb"), "Console.WriteLine(\"before\");", killer, "\"never\"");
        NotebookFiles.Write(repo.File("notebooks/02-fine.ipynb"), "1 + 1");
        var run = await RunAsync(repo.Path, 120, "notebooks");

        Assert.Equal(1, run.ExitCode); // a failed notebook, never 3 (a failed build) or the cell's own exit code
        Assert.Matches(@"cell   2/3  ERROR", run.Out);
        Assert.Matches(@"01-killer\.ipynb\s+1/3\s+error in cell 2: ProcessDied: " + Regex.Escape(cause[..Math.Min(cause.Length, 40)]), run.Out);
        Assert.Matches(@"02-fine\.ipynb\s+1/1\s+ok", run.Out);
        Assert.Contains($"ProcessDied: {cause}: the cell ended the notebook's process", run.Err);
        Assert.True(run.Err.Split('\n').Length < 60, $"stderr has {run.Err.Split('\n').Length} lines");

        var killed = Notebook.Load(Path.Combine(repo.Path, "out/01-killer.ipynb"));
        Assert.Equal("before\n", ((StreamOutput)killed.Cells[1].Outputs[0]).Text);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(killed.Cells[2].Outputs));
        Assert.StartsWith(cause, error.EValue);
        Assert.True(error.Traceback.Count < 40);
        Assert.Empty(killed.Cells[3].Outputs);
        var fine = Notebook.Load(Path.Combine(repo.Path, "out/02-fine.ipynb"));
        Assert.Equal("2", ((ExecuteResultOutput)fine.Cells[1].Outputs[0]).Data.GetText("text/plain"));
    }

    [Fact]
    public async Task A_thread_abandoned_past_its_time_limit_does_not_stop_a_notebook_in_another_folder()
    {
        // Item 5: `run A/hang.ipynb B/fine.ipynb --timeout 1` failed B, which passes alone: the abandoned thread kept the
        // process's working directory for A's folder. It dies with A's worker now.
        using var repo = Repo();
        NotebookFiles.Write(repo.File("A/hang.ipynb"), "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);");
        NotebookFiles.Write(repo.File("B/fine.ipynb"), "System.IO.File.Exists(\"fine.ipynb\")");
        var run = await RunAsync(repo.Path, 1, "A/hang.ipynb", "B/fine.ipynb");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"hang\.ipynb\s+1/1\s+time limit in cell 1", run.Out);
        Assert.Matches(@"fine\.ipynb\s+1/1\s+ok", run.Out);
        var fine = Notebook.Load(Path.Combine(repo.Path, "out/fine.ipynb"));
        Assert.Equal("True", ((ExecuteResultOutput)fine.Cells[1].Outputs[0]).Data.GetText("text/plain"));
    }

    [Fact]
    public async Task One_worker_runs_the_notebooks_in_turn_and_is_replaced_after_a_time_limit_or_a_death()
    {
        using var dir = new TempFolder();
        var fine = NotebookFiles.Write(dir.File("fine.ipynb"), "Environment.ProcessId");
        var hang = NotebookFiles.Write(dir.File("hang.ipynb"), "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);");
        var exit = NotebookFiles.Write(dir.File("exit.ipynb"), "Environment.Exit(0);");
        var options = new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(1), BuildReferencedProjects = false };
        using var runner = new IsolatedNotebookRunner(WorkerProcess.Command);
        string Pid(NotebookRunResult r) => ((ExecuteResultOutput)r.Notebook.Cells[1].Outputs[0]).Data.GetText("text/plain")!;

        var first = Pid(await runner.RunFileAsync(fine, options));
        var second = Pid(await runner.RunFileAsync(fine, options));
        Assert.Equal(first, second);
        Assert.Equal(1, runner.WorkersStarted);

        Assert.Equal(CellRunStatus.TimedOut, (await runner.RunFileAsync(hang, options)).FirstFailure?.Status);
        var third = Pid(await runner.RunFileAsync(fine, options));
        Assert.NotEqual(second, third);
        Assert.Equal(2, runner.WorkersStarted);

        var died = await runner.RunFileAsync(exit, options);
        Assert.StartsWith("Environment.Exit(0) was called", died.FirstFailure?.Error?.EValue);
        Assert.True((await runner.RunFileAsync(fine, options)).Succeeded);
        Assert.Equal(3, runner.WorkersStarted);
    }

    [Fact]
    public async Task A_thread_that_ends_the_worker_after_its_notebook_ended_is_not_blamed_on_the_next_notebook()
    {
        using var dir = new TempFolder();
        var first = NotebookFiles.Write(dir.File("first.ipynb"),
            "new System.Threading.Thread(() => { System.Threading.Thread.Sleep(2000); throw new InvalidOperationException(\"late\"); }) { IsBackground = true }.Start();");
        var second = NotebookFiles.Write(dir.File("second.ipynb"), "System.Threading.Thread.Sleep(5000);", "1 + 1");
        var log = new List<string>();
        var options = new NotebookRunOptions { BuildReferencedProjects = false, Log = log.Add };
        using var runner = new IsolatedNotebookRunner(WorkerProcess.Command);

        Assert.True((await runner.RunFileAsync(first, options)).Succeeded);
        var result = await runner.RunFileAsync(second, options);
        Assert.True(result.Succeeded, result.FirstFailure?.Error?.ToString());
        Assert.Equal("2", ((ExecuteResultOutput)result.Notebook.Cells[2].Outputs[0]).Data.GetText("text/plain"));
        Assert.Equal(2, runner.WorkersStarted);
        Assert.Contains(log, l => l.StartsWith("a thread an earlier notebook (first.ipynb) started threw System.InvalidOperationException: late", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_thread_an_earlier_cell_started_is_named_when_it_ends_the_worker_during_a_later_cell()
    {
        using var dir = new TempFolder();
        var path = NotebookFiles.Write(dir.File("late.ipynb"),
            "new System.Threading.Thread(() => { System.Threading.Thread.Sleep(1500); throw new InvalidOperationException(\"late\"); }) { IsBackground = true }.Start();",
            "System.Threading.Thread.Sleep(10000);", "\"never\"");
        var result = await IsolatedNotebookRunner.RunFileAsync(path, new NotebookRunOptions { BuildReferencedProjects = false }, WorkerProcess.Command);
        var failure = result.FirstFailure!;
        Assert.Equal(2, failure.CodeCellNumber);
        Assert.StartsWith("a thread that code cell 1 started threw System.InvalidOperationException: late while this cell ran", failure.Error!.EValue);
        Assert.Equal(CellRunStatus.Ok, result.Cells[1].Status);
        Assert.Equal(CellRunStatus.NotRun, result.Cells[3].Status);
    }

    [Fact]
    public async Task In_process_too_an_abandoned_thread_gives_up_its_folder()
    {
        // Library callers run NotebookRunner in their own process: the abandoned thread releases the working directory.
        using var dir = new TempFolder();
        var hang = NotebookFiles.Write(dir.File("A/hang.ipynb"), "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);");
        var fine = NotebookFiles.Write(dir.File("B/fine.ipynb"), "System.IO.File.Exists(\"fine.ipynb\")");
        var options = new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(1), BuildReferencedProjects = false };
        var first = await NotebookRunner.RunFileAsync(hang, options);
        Assert.Equal(CellRunStatus.TimedOut, first.FirstFailure?.Status);
        var second = await NotebookRunner.RunFileAsync(fine, options);
        Assert.True(second.Succeeded, second.FirstFailure?.Error?.ToString());
        Assert.Equal("True", ((ExecuteResultOutput)second.Notebook.Cells[1].Outputs[0]).Data.GetText("text/plain"));
    }

    [Fact]
    public async Task Runaway_recursion_in_a_cells_method_is_an_ordinary_error_with_a_short_traceback()
    {
        var notebook = NotebookFiles.Make("int F(int n) => F(n + 1);\nF(0)", "\"after\"");
        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions { AllowErrors = true, BuildReferencedProjects = false });
        var error = result.Cells[1].Error!;
        Assert.Equal("System.InsufficientExecutionStackException", error.EName);
        Assert.StartsWith("The recursion went too deep (infinite recursion?)", error.EValue);
        Assert.Contains(error.Traceback, l => l.Contains("more times", StringComparison.Ordinal));
        Assert.True(error.Traceback.Count < 10, string.Join("\n", error.Traceback));
        Assert.Equal("after", ((ExecuteResultOutput)result.Notebook.Cells[2].Outputs[0]).Data.GetText("text/plain"));
    }
}
