using Descent.Notebooks.Execution;
using Descent.Notebooks.Formatting;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Tests.Execution;

public class DirectiveTests
{
    [Fact]
    public async Task Nuget_reference_to_an_engine_package_is_satisfied_by_the_engine_copy()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"\nusing MathNet.Numerics.LinearAlgebra;\nVector<double>.Build.Dense(new[] { 1.0, 2.5 })");
        Assert.Equal(CellStatus.Ok, result.Status);
        // The engine's own MathNet formatter recognised the vector: the script uses the engine's copy of the type.
        Assert.StartsWith("DenseVector 2-Double", result.Text);
        Assert.Same(typeof(MathNet.Numerics.LinearAlgebra.Vector<double>).Assembly, result.ReturnValue!.GetType().Assembly);
    }

    [Fact]
    public async Task Without_a_nuget_reference_the_engine_packages_are_not_visible()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("using MathNet.Numerics;");
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal("CS0246", result.Error!.Diagnostics[0].Id);
    }

    [Fact]
    public async Task Plotly_net_interactive_is_satisfied_by_the_built_in_chart_formatter()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync(
            "#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.Interactive, 5.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n" +
            "Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 })");
        Assert.Equal(CellStatus.Ok, result.Status);
        var data = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).Data;
        Assert.Equal("scatter", data.GetJson(PlotlyFormatter.MimeType)!["data"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_different_version_of_an_engine_package_warns_and_uses_the_engine_version()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("#r \"nuget: MathNet.Numerics, 4.15.0\"\nMathNet.Numerics.Constants.Pi");
        Assert.Equal(CellStatus.Ok, result.Status);
        var warning = Assert.IsType<StreamOutput>(result.Outputs[0]);
        Assert.Equal("stderr", warning.Name);
        Assert.Equal("warning: MathNet.Numerics 4.15.0 was asked for; the engine provides 5.0.0 and uses it.\n", warning.Text);
    }

    [Fact]
    public async Task A_relative_dll_reference_resolves_against_the_working_directory()
    {
        using var dir = new TempFolder();
        TestAssemblies.Compile("Greeter", "public static class Greeter { public static string Hello(string n) => \"hello \" + n; }", dir.File("lib/Greeter.dll"));
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#r \"lib/Greeter.dll\"\nGreeter.Hello(\"world\")");
        Assert.Equal("hello world", result.Text);
    }

    [Fact]
    public async Task A_missing_dll_is_a_directive_error_naming_the_full_path()
    {
        using var dir = new TempFolder();
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("var a = 1;\n#r \"../lib/X/bin/Release/net10.0/X.dll\"");
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal(CellErrorKind.Directive, result.Error!.Kind);
        Assert.Contains($"line 2: `#r \"../lib/X/bin/Release/net10.0/X.dll\"`: no file at {Path.GetFullPath(Path.Combine(dir.Path, "../lib/X/bin/Release/net10.0/X.dll"))}", result.Error.EValue);
        Assert.Contains("build the project that produces it first", result.Error.EValue);
    }

    [Fact]
    public async Task Load_runs_a_script_file_with_its_own_directives_before_the_cell()
    {
        using var dir = new TempFolder();
        dir.File("helpers/twice.csx", "#r \"nuget: MathNet.Numerics, 5.0.0\"\ndouble Twice(double x) => 2 * x;\nvar loaded = MathNet.Numerics.Constants.Pi > 3;\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#load \"helpers/twice.csx\"\nloaded ? Twice(21) : 0");
        Assert.Equal("42", result.Text);
    }

    [Fact]
    public async Task A_compile_error_in_a_loaded_file_names_that_file()
    {
        using var dir = new TempFolder();
        var file = dir.File("bad.csx", "var ok = 1;\nvar broken = ;\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#load \"bad.csx\"");
        var d = result.Error!.Diagnostics[0];
        Assert.Equal((file, 2), (d.FilePath, d.Line));
    }

    [Fact]
    public async Task A_loaded_file_can_load_another_relative_to_its_own_folder()
    {
        using var dir = new TempFolder();
        dir.File("lib/a.csx", "#load \"util/b.csx\"\nvar a = B() + 1;\n");
        dir.File("lib/util/b.csx", "int B() => 41;\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#load \"lib/a.csx\"\na");
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("42", result.Text);
    }

    [Fact]
    public async Task References_in_a_loaded_file_resolve_against_its_own_folder()
    {
        using var dir = new TempFolder();
        TestAssemblies.Compile("Greeter", "public static class Greeter { public static string Hello(string n) => \"hello \" + n; }", dir.File("lib/bin/Greeter.dll"));
        dir.File("lib/helpers.csx", "#r \"bin/Greeter.dll\"\nstring Greet() => Greeter.Hello(\"csx\");\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#load \"lib/helpers.csx\"\nGreet()");
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("hello csx", result.Text);
    }

    [Fact]
    public async Task Each_file_of_a_load_tree_runs_once_per_cell_after_the_files_it_loads()
    {
        using var dir = new TempFolder();
        dir.File("common.csx", "Console.WriteLine(\"common\");\n");
        dir.File("a.csx", "#load \"common.csx\"\nConsole.WriteLine(\"a\");\n");
        dir.File("sub/b.csx", "#load \"../common.csx\"\nConsole.WriteLine(\"b\");\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        const string cell = "#load \"a.csx\"\n#load \"sub/b.csx\"\n#load \"common.csx\"\n#load \"./a.csx\"\nConsole.WriteLine(\"cell\");";
        var result = await session.ExecuteAsync(cell);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("common\na\nb\ncell\n", string.Concat(result.Outputs.OfType<StreamOutput>().Select(o => o.Text)));
        // Once per cell: the next cell that loads them runs them again (a new submission, as in C# scripting).
        var again = await session.ExecuteAsync(cell);
        Assert.Equal("common\na\nb\ncell\n", string.Concat(again.Outputs.OfType<StreamOutput>().Select(o => o.Text)));
    }

    [Fact]
    public async Task A_load_cycle_is_an_error_naming_the_chain_and_nothing_of_it_runs()
    {
        using var dir = new TempFolder();
        var a = dir.File("a.csx", "#load \"sub/b.csx\"\nvar ranA = true;\n");
        var b = dir.File("sub/b.csx", "#load \"../a.csx\"\nvar ranB = true;\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#load \"a.csx\"\n\"cell ran\"");
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal(CellErrorKind.Directive, result.Error!.Kind);
        Assert.StartsWith($"#load cycle: {a} -> {b} -> {a} (loaded from Cell In[1])", result.Error.EValue);
        Assert.Empty(result.Outputs.OfType<ExecuteResultOutput>());
        var after = await session.ExecuteAsync("ranA || ranB");
        Assert.Equal("CS0103", after.Error!.Diagnostics[0].Id);
        Assert.Equal("3", (await session.ExecuteAsync("1 + 2")).Text);
    }

    [Fact]
    public async Task A_file_that_loads_itself_is_a_cycle()
    {
        using var dir = new TempFolder();
        var self = dir.File("self.csx", "#load \"self.csx\"\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#load \"self.csx\"");
        Assert.StartsWith($"#load cycle: {self} -> {self} ", result.Error!.EValue);
    }

    [Fact]
    public async Task A_missing_file_loaded_by_a_loaded_file_is_an_error_naming_both()
    {
        using var dir = new TempFolder();
        var outer = dir.File("lib/outer.csx", "var x = 1;\n#load \"gone.csx\"\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#load \"lib/outer.csx\"");
        Assert.Equal(CellErrorKind.Directive, result.Error!.Kind);
        Assert.Equal($"{outer}: line 2: `#load \"gone.csx\"`: no file at {Path.Combine(dir.Path, "lib", "gone.csx")}.", result.Error.EValue);
    }

    [Fact]
    public async Task Time_magic_in_a_loaded_file_is_an_error_saying_it_belongs_in_the_cell()
    {
        using var dir = new TempFolder();
        var file = dir.File("timed.csx", "var y = 1;\n#!time\n");
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        var result = await session.ExecuteAsync("#load \"timed.csx\"");
        Assert.Equal(CellErrorKind.Directive, result.Error!.Kind);
        Assert.Equal($"{file}: line 2: #!time times a whole cell, so it belongs in the cell that #loads this file, not in the file.", result.Error.EValue);
        // In the cell it times everything, the loaded files included.
        dir.File("plain.csx", "var z = 2;\n");
        var timed = await session.ExecuteAsync("#!time\n#load \"plain.csx\"\nz");
        Assert.True(timed.Succeeded, timed.Error?.ToString());
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms\n$", Assert.IsType<StreamOutput>(timed.Outputs[0]).Text);
    }

    [Fact]
    public async Task The_same_package_source_written_differently_is_added_once()
    {
        using var dir = new TempFolder();
        var feed = Path.Combine(dir.Path, "feed");
        Directory.CreateDirectory(feed);
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = dir.Path });
        Assert.True((await session.ExecuteAsync("#i \"nuget: feed\"")).Succeeded);
        Assert.True((await session.ExecuteAsync("#i \"nuget: feed\"\n#i \"nuget: ./feed/\"")).Succeeded);
        Assert.True((await session.ExecuteAsync($"#i \"nuget: {feed}\"\n#i \"nuget: {new Uri(feed).AbsoluteUri}\"")).Succeeded);
        Assert.True((await session.ExecuteAsync("#i \"nuget: https://Example.com/v3/index.json\"\n#i \"nuget:https://example.com/v3/index.json\"")).Succeeded);
        Assert.Equal([feed, "https://example.com/v3/index.json"], session.PackageSources);
    }

    [Theory]
    [InlineData("#!csharp\nvar x = 2;\nx")]
    [InlineData("#!c#\nvar x = 2;\nx")]
    public async Task Csharp_magic_commands_are_accepted(string code)
    {
        using var session = new NotebookSession();
        Assert.Equal("2", (await session.ExecuteAsync(code)).Text);
    }

    [Fact]
    public async Task Time_magic_reports_the_cell_wall_time_after_its_output()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("#!time\nConsole.WriteLine(\"work\");");
        var stream = Assert.IsType<StreamOutput>(Assert.Single(result.Outputs));
        Assert.Matches(@"^work\nWall time: \d+(\.\d+)?ms\n$", stream.Text);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "#!fsharp")]
    [InlineData("var a = 1;\n#!import other.ipynb", "#!import")]
    [InlineData("#!whos", "#!whos")]
    public async Task Any_other_magic_command_is_an_error_naming_it(string code, string name)
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync(code);
        Assert.Equal(CellErrorKind.Directive, result.Error!.Kind);
        Assert.Contains($"unknown directive '{name}'", result.Error.EValue);
        Assert.Equal("DirectiveError", result.Error.EName);
    }

    [Fact]
    public async Task Directive_lines_are_blanked_so_error_lines_stay_those_of_the_cell()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"\n#!csharp\nvar y = undefined;");
        var d = result.Error!.Diagnostics[0];
        Assert.Equal((3, 9, "var y = undefined;"), (d.Line, d.Column, d.SourceLine));
    }

    [Fact]
    public async Task A_malformed_reference_directive_says_how_to_write_it()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("#r MathNet.Numerics");
        Assert.Contains("line 1: `#r MathNet.Numerics`: #r expects a quoted argument", result.Error!.EValue);
    }

    [Fact]
    public void Directive_parsing_keeps_code_lines_and_positions()
    {
        var parsed = Descent.Notebooks.Directives.CellDirectives.Parse("#r \"nuget: A, 1.0\"\n#region x\nvar r = 1;\n#endregion\n#i \"nuget: /feed\"\n#load \"a.csx\"");
        Assert.Equal("\n#region x\nvar r = 1;\n#endregion\n\n", parsed.Code);
        Assert.Collection(parsed.Directives,
            d => Assert.Equal(new Descent.Notebooks.Directives.PackageReferenceDirective(1, "#r \"nuget: A, 1.0\"", "A", "1.0"), d),
            d => Assert.Equal(new Descent.Notebooks.Directives.PackageSourceDirective(5, "#i \"nuget: /feed\"", "/feed"), d),
            d => Assert.Equal(new Descent.Notebooks.Directives.LoadDirective(6, "#load \"a.csx\"", "a.csx"), d));
    }
}
