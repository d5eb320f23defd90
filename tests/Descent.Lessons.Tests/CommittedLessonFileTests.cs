using System.Text.RegularExpressions;
using System.Xml.Linq;
using Descent.Notebooks.Model;

namespace Descent.Lessons.Tests;

/// <summary>
/// Every lesson in notebooks/ is committed the way notebooks/README.md says: no outputs, the engine's canonical JSON
/// (what <c>descent run --in-place</c> would write back unchanged), Polyglot metadata, the same first cells, portable C#.
/// These tests read the files only; they do not run them.
/// </summary>
public partial class CommittedLessonFileTests
{
    public static TheoryData<string> LessonFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in Lessons.Names) data.Add(name);
        return data;
    }

    private static string PathOf(string name) => Path.Combine(Lessons.NotebooksFolder, name + ".ipynb");

    private static Notebook Load(string name) => Notebook.Load(PathOf(name));

    [Fact]
    public void Lesson_files_are_named_by_number_and_topic()
    {
        Assert.NotEmpty(Lessons.Names);
        Assert.All(Lessons.Names, n => Assert.Matches(@"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$", n));
        Assert.Equal(Lessons.Names.Count, Lessons.Names.Select(n => n[..2]).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Is_in_canonical_form(string name)
    {
        var text = File.ReadAllText(PathOf(name));
        Assert.Equal(text, Notebook.Parse(text, name).ToJson());
        Assert.DoesNotContain("\r", text);
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Has_no_outputs_and_no_execution_counts(string name)
    {
        var notebook = Load(name);
        Assert.All(notebook.CodeCells, c =>
        {
            Assert.Empty(c.Outputs);
            Assert.Null(c.ExecutionCount);
        });
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Has_polyglot_metadata_and_stable_unique_cell_ids(string name)
    {
        var notebook = Load(name);
        var kernelspec = notebook.Metadata["kernelspec"]!.AsObject();
        Assert.Equal(".NET (C#)", kernelspec["display_name"]!.GetValue<string>());
        Assert.Equal("C#", kernelspec["language"]!.GetValue<string>());
        Assert.Equal(".net-csharp", kernelspec["name"]!.GetValue<string>());
        Assert.Equal(4, notebook.FormatVersion);
        Assert.True(notebook.FormatMinorVersion >= 5, "cell ids need nbformat 4.5");
        Assert.All(notebook.CodeCells, c => Assert.Equal("csharp", c.Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()));
        var ids = notebook.Cells.Select(c => c.Id ?? "").ToList();
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{1,64}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Opens_with_a_title_then_the_shared_first_cell_then_the_polyglot_only_cell(string name)
    {
        var notebook = Load(name);
        var cells = notebook.Cells;
        Assert.True(cells[0].IsMarkdown, "the first cell is the title");
        Assert.StartsWith($"# Lesson {name[..2]}", cells[0].Source);

        var codes = notebook.CodeCells.ToList();
        var setup = codes[0].Source.Split('\n');
        var packages = PinnedVersions();
        Assert.Equal($"#r \"nuget: MathNet.Numerics, {packages["MathNet.Numerics"]}\"", setup[0]);
        Assert.Equal($"#r \"nuget: Plotly.NET, {packages["Plotly.NET"]}\"", setup[1]);
        Assert.Equal($"#r \"nuget: Plotly.NET.CSharp, {packages["Plotly.NET.CSharp"]}\"", setup[2]);
        Assert.Equal("#r \"../lib/Descent/bin/Release/net10.0/Descent.dll\"", setup[3]);
        Assert.Equal("", setup[4]);
        Assert.Equal("using Descent;", setup[5]);
        Assert.All(setup.Skip(5), line => Assert.Matches(@"^using [A-Za-z.]+;$", line));

        Assert.Equal("#r \"nuget: Plotly.NET.Interactive, 6.0.0\"", codes[1].Source);
        var before = cells[cells.IndexOf(codes[1]) - 1];
        Assert.True(before.IsMarkdown);
        Assert.Contains("Polyglot Notebooks only", before.Source);
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Uses_only_what_every_runtime_accepts(string name)
    {
        foreach (var cell in Load(name).CodeCells)
        {
            Assert.DoesNotMatch(@"(?m)^\s*#!", cell.Source);
            Assert.DoesNotMatch(@"(?<![\w.])display\(", cell.Source);
            Assert.DoesNotContain("Console.Error", cell.Source);
            Assert.DoesNotContain("Microsoft.DotNet.Interactive", cell.Source);
            Assert.DoesNotMatch(@"new Random\(\)", cell.Source);   // every random draw is seeded
        }
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Has_quizzes_with_revealed_answers_try_it_exercises_and_a_summary(string name)
    {
        var markdown = Load(name).Cells.Where(c => c.IsMarkdown).Select(c => c.Source).ToList();
        Assert.Contains(markdown, m => m.Contains("<details><summary>Answer</summary>", StringComparison.Ordinal));
        Assert.All(markdown.Where(m => m.Contains("<details>", StringComparison.Ordinal)),
            m => Assert.Equal(Regex.Matches(m, "<details>").Count, Regex.Matches(m, "</details>").Count));
        Assert.Contains(markdown, m => m.StartsWith("**Try it.**", StringComparison.Ordinal) || m.Contains("\n**Try it.**", StringComparison.Ordinal));
        Assert.Contains(markdown, m => m.StartsWith("## Summary", StringComparison.Ordinal));
    }

    /// <summary>The package versions pinned in Directory.Packages.props: the first cell must ask for the same ones.</summary>
    private static Dictionary<string, string> PinnedVersions()
    {
        var props = XDocument.Load(Path.Combine(Lessons.RepositoryRoot, "Directory.Packages.props"));
        return props.Descendants("PackageVersion").ToDictionary(
            e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value, StringComparer.Ordinal);
    }
}
