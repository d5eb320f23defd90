using System.Text.Json.Nodes;
using Descent.Notebooks.Model;
using Descent.Notebooks.Running;

namespace Descent.Kernel.Tests.RealClients;

/// <summary>
/// <c>jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=...</c> (nbconvert 6.5.3 on nbclient
/// 0.7.2) runs notebooks with the installed kernel exactly as a front end does: every lesson in notebooks/ and the
/// fixtures here. The executed notebook must validate against the nbformat schema and carry the expected outputs.
/// </summary>
[Collection(RealClientsCollection.Name)]
public sealed class NbconvertTests(JupyterEnvironment jupyter)
{
    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Descent.slnx"))) return dir.FullName;
            throw new InvalidOperationException("cannot find the repository root (Descent.slnx) above " + AppContext.BaseDirectory);
        }
    }

    private static string FixturesFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Every lesson in notebooks/ (parametrized: lessons added later are picked up) and every fixture.</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(FixturesFolder, "*.ipynb").Order()) data.Add("fixture:" + Path.GetFileName(f));
        string lessons = Path.Combine(RepositoryRoot, "notebooks");
        var lessonFiles = Directory.GetFiles(lessons, "*.ipynb").Order().ToArray();
        if (lessonFiles.Length < 10)   // the ten lessons must all be here: never run fewer without noticing
            throw new InvalidOperationException($"expected the ten lessons in {lessons}, found {lessonFiles.Length}");
        foreach (var f in lessonFiles) data.Add("lesson:" + Path.GetFileName(f));
        return data;
    }

    private static string PathOf(string id) => id.StartsWith("fixture:", StringComparison.Ordinal)
        ? Path.Combine(FixturesFolder, id["fixture:".Length..])
        : Path.Combine(RepositoryRoot, "notebooks", id["lesson:".Length..]);

    /// <summary>Executes <paramref name="source"/> with nbconvert; returns the executed notebook (validated).</summary>
    private JsonObject Execute(string source)
    {
        // A kernel does not build what a lesson #r's (descent run does): build the library first, as a teacher would.
        var references = ReferencedProjects.AssemblyReferences(Notebook.Load(source), Path.GetDirectoryName(source)!);
        var build = ReferencedProjects.EnsureBuiltAsync(references).GetAwaiter().GetResult();
        Assert.True(build.Succeeded, build.Error);

        string output = jupyter.NewFolder("nbconvert");
        string name = Path.GetFileNameWithoutExtension(source) + ".executed";
        var run = jupyter.RunPython(
            ["-m", "nbconvert", "--to", "notebook", "--execute",
             $"--ExecutePreprocessor.kernel_name={JupyterEnvironment.KernelName}",
             "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=120",
             "--output-dir", output, "--output", name, source],
            TimeSpan.FromMinutes(15), workingDirectory: Path.GetDirectoryName(source));
        string executed = Path.Combine(output, name + ".ipynb");
        Assert.True(run.ExitCode == 0 && File.Exists(executed), $"nbconvert failed on {source}:\n{run.Output}");

        var validate = jupyter.RunPython(["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", executed],
                                         TimeSpan.FromMinutes(1));
        Assert.True(validate.ExitCode == 0 && validate.Output.Contains("valid"), $"nbformat rejected {executed}:\n{validate.Output}");
        return JsonNode.Parse(File.ReadAllText(executed))!.AsObject();
    }

    private static List<JsonObject> CodeCells(JsonObject notebook) =>
        notebook["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => c["cell_type"]!.GetValue<string>() == "code").ToList();

    private static string Text(JsonNode? source) => source is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : source!.GetValue<string>();

    [JupyterTheory]
    [MemberData(nameof(Notebooks))]
    public void Nbconvert_executes_the_notebook_and_the_result_validates(string notebook)
    {
        string source = PathOf(notebook);
        var executed = Execute(source);
        Assert.Equal("C#", executed["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        foreach (var cell in CodeCells(executed))
        {
            bool mayRaise = cell["metadata"]!["tags"] is JsonArray tags && tags.Any(t => t!.GetValue<string>() == "raises-exception");
            var errors = cell["outputs"]!.AsArray().Where(o => o!["output_type"]!.GetValue<string>() == "error").ToList();
            if (!mayRaise) Assert.True(errors.Count == 0, $"{notebook}: cell {cell["id"]} failed: {errors.FirstOrDefault()?.ToJsonString()}");
            if (Text(cell["source"]).Trim().Length > 0) Assert.NotNull(cell["execution_count"]?.GetValue<int?>());
        }
    }

    [JupyterFact]
    public void Basics_fixture_keeps_state_across_cells_and_saves_the_updated_display()
    {
        var cells = CodeCells(Execute(Path.Combine(FixturesFolder, "kernel-basics.ipynb")));
        Assert.Equal([1, 2, 3, 4, 5], cells.Select(c => c["execution_count"]!.GetValue<int>()));
        string Result(int i) => Text(cells[i]["outputs"]!.AsArray().Single(o => o!["output_type"]!.GetValue<string>() == "execute_result")!["data"]!["text/plain"]);
        Assert.Equal("9", Result(0));
        var loop = cells[2]["outputs"]!.AsArray();
        Assert.Equal("after 3 steps x = 1.711338\n", Text(loop.Single(o => o!["output_type"]!.GetValue<string>() == "stream")!["text"]));
        Assert.Equal("3", Result(2));
        // nbclient applies update_display_data to the saved output: the file keeps the final state.
        var display = cells[3]["outputs"]!.AsArray().Single();
        Assert.Equal("display_data", display!["output_type"]!.GetValue<string>());
        Assert.Equal("done", Text(display["data"]!["text/plain"]));
        Assert.Equal("3", Result(4));
    }

    [JupyterFact]
    public void Errors_fixture_records_the_exception_and_later_cells_still_run()
    {
        var cells = CodeCells(Execute(Path.Combine(FixturesFolder, "kernel-errors.ipynb")));
        var error = cells[1]["outputs"]!.AsArray().Single()!;
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Equal("System.ArgumentException", error["ename"]!.GetValue<string>());
        Assert.Equal("bad step size", error["evalue"]!.GetValue<string>());
        Assert.Equal("2", Text(cells[2]["outputs"]!.AsArray().Single()!["data"]!["text/plain"]));
    }

    [JupyterFact]
    public void Chart_fixture_outputs_plotly_json_with_an_html_fallback()
    {
        var cells = CodeCells(Execute(Path.Combine(FixturesFolder, "kernel-chart.ipynb")));
        var data = cells[1]["outputs"]!.AsArray().Single()!["data"]!.AsObject();
        Assert.True(data.ContainsKey("application/vnd.plotly.v1+json"), data.ToJsonString()[..Math.Min(300, data.ToJsonString().Length)]);
        Assert.True(data.ContainsKey("text/html"));
        var trace = data["application/vnd.plotly.v1+json"]!["data"]![0]!;
        Assert.Equal([0.0, 1, 4, 9, 16], trace["y"]!.AsArray().Select(v => v!.GetValue<double>()));
    }
}
