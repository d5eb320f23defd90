using System.Diagnostics;
using Descent.Cli.Commands;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Tests.Cli;

public class RunCommandTests
{
    private sealed record Run(int ExitCode, string Out, string Err);

    private static async Task<Run> RunAsync(string cwd, params string[] args)
    {
        var paths = new List<string>();
        string? output = null;
        bool inPlace = false, allowErrors = false;
        double timeout = 120;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out": output = args[++i]; break;
                case "--in-place": inPlace = true; break;
                case "--allow-errors": allowErrors = true; break;
                case "--timeout": timeout = double.Parse(args[++i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture); break;
                default: paths.Add(args[i]); break;
            }
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new RunCommandHandler(stdout, stderr, cwd).RunAsync(new RunSettings(paths, output, inPlace, allowErrors, timeout, true), CancellationToken.None);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    private static TempFolder Repo()
    {
        var dir = new TempFolder();
        dir.File("Descent.slnx", "<Solution />");
        return dir;
    }

    [SkippableFact]
    public async Task By_default_every_notebook_in_notebooks_runs_into_artifacts_with_a_summary()
    {
        using var repo = Repo();
        var a = NotebookFiles.Write(repo.File("notebooks/01-a.ipynb"), "var x = 1;", "x + 1");
        NotebookFiles.Write(repo.File("notebooks/02-b.ipynb"), "\"b\"");
        var sourceBytes = File.ReadAllBytes(a);
        var run = await RunAsync(repo.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[1/2] notebooks/01-a.ipynb", run.Out);
        Assert.Matches(@"cell   2/2  ok\s+\d+\.\d\d s\s+elapsed \d+\.\d\d s", run.Out);
        Assert.Contains("-> artifacts/notebooks/01-a.ipynb", run.Out);
        Assert.Matches(@"01-a\.ipynb\s+2/2\s+ok", run.Out);
        Assert.Contains("all 2 notebooks ran clean", run.Out);
        Assert.Equal(sourceBytes, File.ReadAllBytes(a));
        var executed = Path.Combine(repo.Path, "artifacts/notebooks/01-a.ipynb");
        NbformatValidator.AssertValid(executed);
        Assert.Equal("2", ((ExecuteResultOutput)Notebook.Load(executed).Cells[2].Outputs[0]).Data.GetText("text/plain"));
        Assert.Empty(Directory.GetFiles(Path.Combine(repo.Path, "artifacts/notebooks"), "*.tmp", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(repo.Path, "artifacts/notebooks"), ".*")));
    }

    [Fact]
    public async Task A_failing_cell_gives_exit_code_1_and_names_the_cell_in_the_summary()
    {
        using var repo = Repo();
        NotebookFiles.Write(repo.File("notebooks/bad.ipynb"), "var ok = 1;", "ok + missing");
        var run = await RunAsync(repo.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"bad\.ipynb\s+2/2\s+error in cell 2: CompilationError: \(1,6\): error CS0103", run.Out);
        Assert.Contains("      (1,6): error CS0103: The name 'missing' does not exist in the current context", run.Err);
        Assert.Contains("1 of 1 notebook failed.", run.Out);
        Assert.True(File.Exists(Path.Combine(repo.Path, "artifacts/notebooks/bad.ipynb")));
    }

    [Fact]
    public async Task A_malformed_notebook_names_the_file_and_position_and_the_others_still_run()
    {
        using var repo = Repo();
        repo.File("notebooks/01-broken.ipynb", "{\n \"cells\": [\n  {,\n");
        NotebookFiles.Write(repo.File("notebooks/02-fine.ipynb"), "1");
        var run = await RunAsync(repo.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("notebooks/01-broken.ipynb: not valid JSON at line 3, column 4", run.Err);
        Assert.True(File.Exists(Path.Combine(repo.Path, "artifacts/notebooks/02-fine.ipynb")));
        Assert.False(File.Exists(Path.Combine(repo.Path, "artifacts/notebooks/01-broken.ipynb")));
        Assert.Matches(@"01-broken\.ipynb\s+-\s+malformed notebook", run.Out);
    }

    [Fact]
    public async Task Each_bad_file_gets_its_own_clear_error_and_the_rest_of_the_batch_still_runs()
    {
        using var repo = Repo();
        var good = NotebookFiles.Write(repo.File("notebooks/03-fine.ipynb"), "1 + 1");
        var text = File.ReadAllText(good);
        repo.File("notebooks/01-float.ipynb", text.Replace("\"nbformat\": 4", "\"nbformat\": 4.0"));
        repo.File("notebooks/02-string.ipynb", text.Replace("\"nbformat\": 4", "\"nbformat\": \"4\""));
        File.WriteAllBytes(repo.File("notebooks/04-latin1.ipynb"), System.Text.Encoding.Latin1.GetBytes(text.Replace("1 + 1", "\"café\"")));
        repo.File("notebooks/05-huge.ipynb", text.Replace("\"nbformat\": 4", "\"nbformat\": 99999999999"));
        File.CreateSymbolicLink(Path.Combine(repo.Path, "notebooks/06-gone.ipynb"), Path.Combine(repo.Path, "nowhere.ipynb"));

        var run = await RunAsync(repo.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Err); // no .NET stack trace
        Assert.Contains("01-float.ipynb: 'nbformat' is 4.0, but it must be a whole number", run.Err);
        Assert.Contains("02-string.ipynb: 'nbformat' is \"4\", but it must be the number 4", run.Err);
        Assert.Contains("04-latin1.ipynb: not UTF-8 (byte 0xE9", run.Err);
        Assert.Contains("05-huge.ipynb: nbformat 99999999999 is not supported", run.Err);
        Assert.Contains("06-gone.ipynb: cannot be read", run.Err);
        Assert.Matches(@"03-fine\.ipynb\s+1/1\s+ok", run.Out);
        Assert.Contains("5 of 6 notebooks failed.", run.Out);
        Assert.True(File.Exists(Path.Combine(repo.Path, "artifacts/notebooks/03-fine.ipynb")));
    }

    [SkippableFact]
    public async Task In_place_a_failing_cell_leaves_the_cells_after_it_with_their_previous_outputs_and_says_so()
    {
        using var repo = Repo();
        var path = NotebookFiles.Write(repo.File("notebooks/lesson.ipynb"), "var x = 1;", "x + 1", "x + 2", "x + 3");
        Assert.Equal(0, (await RunAsync(repo.Path, "--in-place", "notebooks/lesson.ipynb")).ExitCode);
        var before = Notebook.Load(path);
        // The student breaks cell 2; cells 3 and 4 did not run this time.
        var broken = Notebook.Load(path);
        broken.CodeCells.ElementAt(1).Source = "x + missing";
        broken.Save(path);

        var run = await RunAsync(repo.Path, "--in-place", "notebooks/lesson.ipynb");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("code cells 3, 4 did not run and kept their previous outputs", run.Out);
        var after = Notebook.Load(path).CodeCells.ToList();
        Assert.IsType<ErrorOutput>(Assert.Single(after[1].Outputs));
        for (int i = 2; i < 4; i++)
        {
            var old = before.CodeCells.ElementAt(i);
            Assert.Equal(old.ExecutionCount, after[i].ExecutionCount);
            Assert.Equal(((ExecuteResultOutput)old.Outputs[0]).Data.GetText("text/plain"), ((ExecuteResultOutput)after[i].Outputs[0]).Data.GetText("text/plain"));
        }
        NbformatValidator.AssertValid(path);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task In_place_keeps_the_files_mode_updates_a_links_target_and_refuses_a_read_only_file()
    {
        using var repo = Repo();
        var secret = NotebookFiles.Write(repo.File("notebooks/01-secret.ipynb"), "1 + 1");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var target = NotebookFiles.Write(repo.File("shared/02-linked.ipynb"), "2 + 2");
        var link = Path.Combine(repo.Path, "notebooks/02-linked.ipynb");
        File.CreateSymbolicLink(link, target);
        var readOnly = NotebookFiles.Write(repo.File("notebooks/03-read-only.ipynb"), "3 + 3");
        var readOnlyBytes = File.ReadAllBytes(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = await RunAsync(repo.Path, "--in-place");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        Assert.NotNull(Notebook.Load(secret).CodeCells.Single().ExecutionCount);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("4", ((ExecuteResultOutput)Notebook.Load(target).CodeCells.Single().Outputs[0]).Data.GetText("text/plain"));
        Assert.Contains("03-read-only.ipynb is read-only (mode 444); it was left as it was", run.Err);
        Assert.Equal(readOnlyBytes, File.ReadAllBytes(readOnly));
        Assert.Empty(Directory.GetFiles(Path.Combine(repo.Path, "notebooks"), "*.tmp"));
    }

    [Fact]
    public async Task Temporary_files_a_killed_run_left_are_removed_by_the_next_write()
    {
        using var repo = Repo();
        var path = NotebookFiles.Write(repo.File("notebooks/a.ipynb"), "1");
        // What kill -9 during a write leaves: a temporary file named after a process that no longer runs.
        var dead = Path.Combine(repo.Path, "notebooks", ".a.ipynb.999999999.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(dead, "{ half a notebook");
        var live = Path.Combine(repo.Path, "notebooks", $".a.ipynb.{Environment.ProcessId}.fedcba9876543210fedcba9876543210.tmp");
        File.WriteAllText(live, "{ being written");
        Assert.Equal(0, (await RunAsync(repo.Path, "--in-place")).ExitCode);
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live)); // a running process's file is left alone
    }

    [Theory]
    [InlineData("--out", "", "--out needs a folder name; it was empty")]
    [InlineData("--timeout", "NaN", "--timeout must be a number of seconds, 0 or more")]
    [InlineData("--timeout", "-1", "--timeout must be a number of seconds, 0 or more")]
    [InlineData("--timeout", "1e300", "--timeout must be a number of seconds, 0 or more")]
    public async Task Bad_options_are_refused_before_anything_runs(string option, string value, string expected)
    {
        using var repo = Repo();
        NotebookFiles.Write(repo.File("notebooks/a.ipynb"), "1");
        var run = await RunAsync(repo.Path, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Err);
        Assert.DoesNotContain("[1/1]", run.Out);
    }

    [Fact]
    public async Task An_out_that_is_a_file_is_refused_before_anything_runs()
    {
        using var repo = Repo();
        NotebookFiles.Write(repo.File("notebooks/a.ipynb"), "1");
        repo.File("results", "not a folder");
        var run = await RunAsync(repo.Path, "--out", "results");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out 'results' is a file; give it a folder.", run.Err);
        Assert.DoesNotContain(" ok", run.Out);
    }

    [Fact]
    public async Task A_missing_path_is_reported_before_anything_runs()
    {
        using var repo = Repo();
        var run = await RunAsync(repo.Path, "notebooks/nope.ipynb");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("descent run: no such notebook or folder: notebooks/nope.ipynb\n", run.Err);
        var noFolder = await RunAsync(repo.Path);
        Assert.Equal(2, noFolder.ExitCode);
        Assert.Contains("there is no notebooks/ folder at notebooks", noFolder.Err);
    }

    [Fact]
    public async Task In_place_updates_the_source_and_cannot_be_combined_with_out()
    {
        using var repo = Repo();
        var path = NotebookFiles.Write(repo.File("lessons/x.ipynb"), "40 + 2");
        var run = await RunAsync(repo.Path, "--in-place", "lessons");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("42", ((ExecuteResultOutput)Notebook.Load(path).Cells[1].Outputs[0]).Data.GetText("text/plain"));
        Assert.False(Directory.Exists(Path.Combine(repo.Path, "artifacts")));
        var both = await RunAsync(repo.Path, "--in-place", "--out", "o", "lessons");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--in-place and --out cannot be used together", both.Err);
    }

    [Fact]
    public async Task The_timeout_option_stops_a_runaway_cell()
    {
        using var repo = Repo();
        NotebookFiles.Write(repo.File("notebooks/spin.ipynb"), "while (true) { }", "1");
        var run = await RunAsync(repo.Path, "--timeout", "0.5", "--out", "out");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TIME LIMIT", run.Out);
        Assert.Matches(@"spin\.ipynb\s+1/2\s+time limit in cell 1: TimeoutError: The cell exceeded its time limit of 500 ms", run.Out);
        Assert.True(File.Exists(Path.Combine(repo.Path, "out/spin.ipynb")));
    }

    [Fact]
    public async Task Allow_errors_runs_every_cell_but_still_fails_the_exit_code()
    {
        using var repo = Repo();
        NotebookFiles.Write(repo.File("notebooks/e.ipynb"), "throw new Exception(\"x\");", "\"after\"");
        var run = await RunAsync(repo.Path, "--allow-errors");
        Assert.Equal(1, run.ExitCode);
        var executed = Notebook.Load(Path.Combine(repo.Path, "artifacts/notebooks/e.ipynb"));
        Assert.Equal("after", ((ExecuteResultOutput)executed.Cells[2].Outputs[0]).Data.GetText("text/plain"));
    }

    [Fact]
    public async Task A_failing_build_of_a_referenced_project_has_its_own_message_and_exit_code()
    {
        using var repo = Repo();
        repo.File("lib/Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        repo.File("lib/Broken/B.cs", "public class B { int x = ; }");
        NotebookFiles.Write(repo.File("notebooks/uses.ipynb"), "#r \"../lib/Broken/bin/Release/net10.0/Broken.dll\"");
        var run = await RunAsync(repo.Path);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("descent run: could not build what the notebooks reference, so no notebook ran.", run.Err);
        Assert.Contains("error CS1525", run.Err);
    }

    [Fact]
    public void Atomic_writes_leave_the_old_file_whole_when_the_rename_fails()
    {
        using var dir = new TempFolder();
        var target = dir.File("existing-folder/placeholder", "x").Replace("/placeholder", "");
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(target, "new content"));
        Assert.True(Directory.Exists(target));
        Assert.Equal(["existing-folder"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
        var file = dir.File("n.ipynb", "old");
        AtomicFile.WriteAllText(file, "new");
        Assert.Equal("new", File.ReadAllText(file));
        Assert.Equal(["existing-folder", "n.ipynb"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task The_descent_executable_wires_run_and_reports_bad_paths_with_exit_code_2()
    {
        using var repo = Repo();
        var dll = Path.Combine(AppContext.BaseDirectory, "descent.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = repo.Path, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { dll, "run", "missing.ipynb" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(2, p.ExitCode);
        Assert.Equal("descent run: no such notebook or folder: missing.ipynb\n", err);
    }

    [Fact]
    public async Task A_fresh_process_compiling_its_first_cells_during_the_warm_up_never_sees_display_twice()
    {
        // Regression: compiling while the Roslyn warm-up compiled in parallel could give a session two views of the
        // engine assembly, and the second cell failed with CS0121 ("display(...) is ambiguous"). A fresh process each
        // time, so the symbols are created anew.
        using var repo = Repo();
        NotebookFiles.Write(repo.File("notebooks/d.ipynb"), "display(1);", "display(2);", "display(3);\n\"done\"");
        var dll = Path.Combine(AppContext.BaseDirectory, "descent.dll");
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = repo.Path, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { dll, "run", "--no-build" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var err = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, $"attempt {attempt + 1}: exit {p.ExitCode}\n{await output}\n{err}");
        }
    }
}
