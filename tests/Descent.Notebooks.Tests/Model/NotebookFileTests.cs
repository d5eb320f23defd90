using System.Text.Json.Nodes;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Tests.Model;

public class NotebookFileTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Theory]
    [InlineData("polyglot-written.ipynb")]
    [InlineData("legacy-variants.ipynb")]
    public void A_notebook_written_back_unchanged_is_byte_identical(string name)
    {
        var original = File.ReadAllText(Fixture(name));
        var notebook = Notebook.Parse(original, name);
        Assert.Equal(original, notebook.ToJson());
    }

    [Fact]
    public void Unknown_metadata_ids_and_attachments_survive_a_round_trip()
    {
        var notebook = Notebook.Load(Fixture("polyglot-written.ipynb"));
        var again = Notebook.Parse(notebook.ToJson());
        Assert.Equal(["3f2a9c1e", "8b4d7e02", "c0ffee11", "9d1e6a3b"], again.Cells.Select(c => c.Id));
        Assert.NotNull(again.Cells[0].Attachments!["diagram.png"]);
        Assert.Equal("slide-3", again.Cells[2].Metadata["tags"]![0]!.GetValue<string>());
        Assert.True(again.Metadata["unknown_top_level_tool"] is JsonObject);
        Assert.Equal("2.5e-05", again.Cells[3].Metadata["custom_tool"]!["weights"]![1]!.ToJsonString());
        Assert.Equal("5.0464000000000055", Assert.IsType<ExecuteResultOutput>(again.Cells[1].Outputs[0]).Data.GetText("text/plain"));
    }

    [Fact]
    public void Cell_sources_read_from_lists_and_strings_alike()
    {
        var polyglot = Notebook.Load(Fixture("polyglot-written.ipynb"));
        Assert.Equal("#r \"nuget: MathNet.Numerics, 5.0.0\"\n\nvar x = 3.0;\nx * x", polyglot.Cells[1].Source);
        Assert.Equal("Console.WriteLine(\"tab\\there, quote \\\" and unicode: θ ∇ 🚀\");", polyglot.Cells[2].Source);
        var legacy = Notebook.Load(Fixture("legacy-variants.ipynb"));
        Assert.Equal("var greeting = \"hi\";\ngreeting", legacy.Cells[0].Source);
    }

    [Fact]
    public void Polyglot_metadata_variants_give_each_cell_its_language()
    {
        var polyglot = Notebook.Load(Fixture("polyglot-written.ipynb"));
        Assert.Equal("csharp", polyglot.DefaultLanguage);
        Assert.Equal("csharp", polyglot.LanguageOf(polyglot.Cells[1]));
        var legacy = Notebook.Load(Fixture("legacy-variants.ipynb"));
        Assert.Equal("csharp", legacy.DefaultLanguage);               // language_info.name "C#"
        Assert.Equal("csharp", legacy.LanguageOf(legacy.Cells[0]));   // vscode.languageId
        Assert.Equal("fsharp", legacy.LanguageOf(legacy.Cells[1]));   // dotnet_interactive.language
        Assert.True(PolyglotMetadata.IsDotNetNotebook(legacy.Metadata));
    }

    [Fact]
    public void Json_is_sorted_one_space_indented_and_ends_with_a_newline()
    {
        var notebook = Notebook.CreateNew();
        notebook.AddMarkdown("# T");
        var json = notebook.ToJson();
        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\": ", json);
        Assert.EndsWith("\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n", json);
        Assert.Equal(json, Notebook.Parse(json).ToJson());
    }

    [Fact]
    public void New_notebooks_carry_polyglot_compatible_metadata()
    {
        var notebook = Notebook.CreateNew();
        var cell = notebook.AddCode("1");
        Assert.Equal(".net-csharp", notebook.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("C#", notebook.Metadata["kernelspec"]!["language"]!.GetValue<string>());
        Assert.Equal("csharp", notebook.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("csharp", cell.Metadata["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", cell.Id!);
    }

    [SkippableFact]
    public void New_and_round_tripped_notebooks_validate_against_the_nbformat_schema()
    {
        var notebook = Notebook.CreateNew();
        notebook.AddMarkdown("# Title\n\ntext");
        var cell = notebook.AddCode("var x = 1;\nx");
        cell.ExecutionCount = 1;
        cell.Outputs.Add(new StreamOutput("stdout", "hello\nworld\n"));
        cell.Outputs.Add(new DisplayDataOutput(MimeBundle.PlainText("a").SetText("text/html", "<b>a</b>").SetJson("application/vnd.plotly.v1+json", new JsonObject { ["data"] = new JsonArray() }), displayId: "abc"));
        cell.Outputs.Add(new ExecuteResultOutput(1, MimeBundle.PlainText("1")));
        cell.Outputs.Add(new ErrorOutput("System.Exception", "boom", ["System.Exception: boom", "   at <cell>"]));
        var dir = Directory.CreateTempSubdirectory("descent-nb-");
        try
        {
            var created = Path.Combine(dir.FullName, "new.ipynb");
            notebook.Save(created);
            NbformatValidator.AssertValid(created);
            foreach (var fixture in new[] { "polyglot-written.ipynb", "legacy-variants.ipynb" })
            {
                var copy = Path.Combine(dir.FullName, fixture);
                Notebook.Load(Fixture(fixture)).Save(copy);
                NbformatValidator.AssertValid(copy);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Malformed_json_names_the_file_line_and_column()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse("{\n \"cells\": [\n  {,\n ]\n}", "broken.ipynb"));
        Assert.StartsWith("broken.ipynb: not valid JSON at line 3, column 4", e.Message);
        Assert.Equal((3L, 4L), (e.Line!.Value, e.Column!.Value));
    }

    [Theory]
    [InlineData("[1, 2]", "a notebook must be a JSON object")]
    [InlineData("{\"cells\": []}", "'nbformat' is missing")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "nbformat 3 is not supported")]
    // Found in review: these crashed the batch with a .NET stack trace, or were reported as missing.
    [InlineData("{\"nbformat\": 4.0, \"cells\": []}", "'nbformat' is 4.0, but it must be a whole number")]
    [InlineData("{\"nbformat\": 99999999999, \"cells\": []}", "nbformat 99999999999 is not supported")]
    [InlineData("{\"nbformat\": -4, \"cells\": []}", "'nbformat' is -4, but it must be a whole number")]
    [InlineData("{\"nbformat\": \"4\", \"cells\": []}", "'nbformat' is \"4\", but it must be the number 4 (written without quotes)")]
    [InlineData("{\"nbformat\": null, \"cells\": []}", "'nbformat' is null, but it must be the number 4")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}", "'cells' is missing")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"cell_type\": \"code\", \"source\": 3}]}", "cell 1: 'source' must be a string or a list of strings")]
    public void A_structurally_wrong_notebook_says_what_is_wrong(string json, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json, "x.ipynb"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("x.ipynb: ", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_utf8_says_so_and_how_to_fix_it()
    {
        using var dir = new TempFolder();
        var path = dir.File("latin1.ipynb");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {},\n \"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"café\"}]}"));
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Load(path));
        Assert.Contains("latin1.ipynb: not UTF-8 (byte 0xE9 at line 2); notebooks are UTF-8 text: re-save the file as UTF-8", e.Message);
    }

    [Fact]
    public void Deterministic_json_escapes_like_python_and_keeps_non_ascii()
    {
        var json = NotebookJson.Serialize(new JsonObject { ["b"] = "θ\u0001\"\\\t/<>", ["a"] = new JsonArray(), ["c"] = new JsonObject() });
        Assert.Equal("{\n \"a\": [],\n \"b\": \"θ\\u0001\\\"\\\\\\t/<>\",\n \"c\": {}\n}\n", json);
    }
}
