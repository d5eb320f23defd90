using Descent.Notebooks.Model;
using Descent.Notebooks.Running;

namespace Descent.Notebooks.Tests.Running;

public class NotebookRunnerTests
{
    [Fact]
    public async Task A_clean_run_fills_outputs_counts_and_timings_and_leaves_the_source_alone()
    {
        using var dir = new TempFolder();
        var path = NotebookFiles.Write(dir.File("nb.ipynb"), "var x = 2.5;", "Console.WriteLine(x);\nx * 2");
        var before = File.ReadAllText(path);
        var progress = new List<string>();
        var result = await NotebookRunner.RunFileAsync(path, new NotebookRunOptions
        {
            Progress = p => progress.Add($"{(p.Finished ? "end" : "start")} {p.CodeCellNumber}/{p.CodeCellCount}"),
        });
        Assert.True(result.Succeeded);
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(["start 1/2", "end 1/2", "start 2/2", "end 2/2"], progress);
        var cells = result.Notebook.Cells;
        Assert.Equal([null, 1, 2], cells.Select(c => c.ExecutionCount));
        Assert.Empty(cells[1].Outputs);
        Assert.Equal("2.5\n", Assert.IsType<StreamOutput>(cells[2].Outputs[0]).Text);
        Assert.Equal("5", Assert.IsType<ExecuteResultOutput>(cells[2].Outputs[1]).Data.GetText("text/plain"));
        var timing = cells[2].Metadata["execution"]!.AsObject();
        Assert.Equal(["iopub.status.busy", "iopub.execute_input", "shell.execute_reply", "iopub.status.idle"], timing.Select(p => p.Key));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", timing["shell.execute_reply"]!.GetValue<string>());
        Assert.Equal(["NotCode", "Ok", "Ok"], result.Cells.Select(c => c.Status.ToString()));
    }

    [Fact]
    public async Task Execution_stops_at_the_first_failing_cell_and_keeps_earlier_outputs()
    {
        var notebook = NotebookFiles.Make("Console.WriteLine(\"first\");", "throw new InvalidOperationException(\"boom\");", "Console.WriteLine(\"never\");");
        var result = await NotebookRunner.RunAsync(notebook);
        Assert.False(result.Succeeded);
        Assert.Equal(["NotCode", "Ok", "Error", "NotRun"], result.Cells.Select(c => c.Status.ToString()));
        Assert.Equal("first\n", ((StreamOutput)result.Notebook.Cells[1].Outputs[0]).Text);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Notebook.Cells[2].Outputs));
        Assert.Equal(("System.InvalidOperationException", "boom"), (error.EName, error.EValue));
        Assert.Empty(result.Notebook.Cells[3].Outputs);
        Assert.Null(result.Notebook.Cells[3].ExecutionCount);
        Assert.Equal(2, result.FirstFailure!.CodeCellNumber);
    }

    [Fact]
    public async Task With_errors_allowed_every_cell_runs()
    {
        var notebook = NotebookFiles.Make("var a = 1;", "undefinedName", "a + 1");
        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions { AllowErrors = true });
        Assert.Equal(["NotCode", "Ok", "Error", "Ok"], result.Cells.Select(c => c.Status.ToString()));
        Assert.Equal("2", ((ExecuteResultOutput)result.Notebook.Cells[3].Outputs[0]).Data.GetText("text/plain"));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_cell_in_another_language_is_an_error_naming_it()
    {
        var notebook = NotebookFiles.Make("let x = 1");
        notebook.Cells[1].Metadata["polyglot_notebook"]!["kernelName"] = "fsharp";
        var result = await NotebookRunner.RunAsync(notebook);
        Assert.Equal("This cell's language is 'fsharp'; the Descent engine runs C# cells only.", result.Cells[1].Error!.EValue);
    }

    [SkippableFact]
    public async Task Every_notebook_the_engine_writes_validates_against_the_nbformat_schema()
    {
        using var dir = new TempFolder();
        var notebook = NotebookFiles.Make(
            "#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"",
            "var h = display(\"step\");\nConsole.WriteLine(\"out\");\nConsole.Error.WriteLine(\"err\");\nh.Update(\"done\");",
            "MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(3)",
            "Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 })",
            "new[] { (1, \"a\"), (2, \"b\") }",
            "throw new Exception(\"last\");");
        var result = await NotebookRunner.RunAsync(notebook);
        var path = Path.Combine(dir.Path, "executed.ipynb");
        result.Notebook.Save(path);
        NbformatValidator.AssertValid(path);
        var reread = Notebook.Load(path);
        Assert.Equal("done", ((DisplayDataOutput)reread.Cells[2].Outputs[0]).Data.GetText("text/plain"));
        Assert.Equal(result.Notebook.ToJson(), reread.ToJson());
    }

    [Fact]
    public async Task A_stale_referenced_project_is_built_before_the_notebook_runs_and_a_failing_build_is_reported()
    {
        using var dir = new TempFolder();
        var project = dir.File("lib/Tiny/Tiny.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        var source = dir.File("lib/Tiny/Tiny.cs", "namespace Tiny; public static class Answer { public static int Value => 42; }");
        var path = NotebookFiles.Write(dir.File("notebooks/uses-tiny.ipynb"), "#r \"../lib/Tiny/bin/Release/net10.0/Tiny.dll\"\nTiny.Answer.Value");
        var log = new List<string>();

        var built = await NotebookRunner.RunFileAsync(path, new NotebookRunOptions { Log = log.Add });
        Assert.True(built.Succeeded, built.BuildError ?? built.FirstFailure?.Error?.ToString());
        Assert.Equal("42", ((ExecuteResultOutput)built.Notebook.Cells[1].Outputs[0]).Data.GetText("text/plain"));
        Assert.Equal([$"building {project} (Release)"], log);

        log.Clear();
        var again = await NotebookRunner.RunFileAsync(path, new NotebookRunOptions { Log = log.Add });
        Assert.True(again.Succeeded);
        Assert.Empty(log); // up to date: not rebuilt

        File.WriteAllText(source, "namespace Tiny; public static class Answer { public static int Value => oops; }");
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddSeconds(5));
        var failed = await NotebookRunner.RunFileAsync(path);
        Assert.False(failed.Succeeded);
        Assert.StartsWith($"Building {project} (dotnet build -c Release) failed with exit code 1:", failed.BuildError);
        Assert.Contains("error CS0103: The name 'oops' does not exist in the current context", failed.BuildError);
        Assert.Equal(CellRunStatus.NotRun, failed.Cells[1].Status);
    }
}
