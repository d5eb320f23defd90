using Descent.Notebooks.Model;
using Descent.Site.Export;
using Descent.Site.Lessons;

namespace Descent.Site.Tests;

public class LessonPaceTests
{
    private static Notebook Make(params (string Type, string Source)[] cells)
    {
        var notebook = Notebook.CreateNew();
        foreach (var (type, source) in cells)
            notebook.Cells.Add(type == "code" ? NotebookCell.Code(source) : NotebookCell.Markdown(source));
        return notebook;
    }

    [Fact]
    public void Two_minutes_a_code_cell_three_a_try_it_two_a_quiz_set_up_cells_free_and_optional_sections_apart()
    {
        var pace = LessonPace.Of(Make(
            ("markdown", "# A lesson"),
            ("code", "#r \"nuget: Plotly.NET, 6.0.0\"\nusing Descent;\n// set-up"),
            ("code", "var x = 1;"),
            ("markdown", "**Try it.** Change x.\n\n<details><summary>What you should see</summary>2</details>"),
            ("markdown", "## Question\n<details><summary>Answer</summary>yes</details>"),
            ("code", "using (var s = new System.IO.MemoryStream()) { }"),       // a using statement runs: it counts
            ("markdown", "## Newton's method (optional)"),
            ("code", "x + 1"),
            ("markdown", "### A detail\n**Try it.** Again."),                    // still inside the optional section
            ("markdown", "## Optional: a second way"),
            ("code", "x * 2"),
            ("markdown", "## Summary"),
            ("code", "x")));
        Assert.Equal((3, 1, 1), (pace.CodeCells, pace.TryIts, pace.Quizzes));
        Assert.Equal(3 * 2 + 3 + 2, pace.Minutes);
        Assert.Equal(2 + 3 + 2, pace.OptionalMinutes);
        Assert.Equal("About 11 minutes in class (3 code cells, 1 Try-it, 1 quiz), plus 7 minutes of optional sections", pace.ToString());
    }

    [Fact]
    public void The_index_states_each_lessons_estimate()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export([LessonExecution.Executed(TestPaths.FixtureLessons[0])], site);
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        var expected = LessonPace.Of(Notebook.Load(TestPaths.FixtureLessons[0]));
        Assert.Contains($"<p class=\"lesson-pace\">{expected}.</p>", index);
    }

    /// <summary>
    /// Issue 14: every lesson presents in one lecture. The lessons still over it are listed here and the list may only
    /// shrink: a lesson that comes under the limit must be taken off, and no other lesson may go over it.
    /// </summary>
    [Fact]
    public void Every_lesson_fits_one_lecture_except_those_still_listed_to_be_split()
    {
        string[] stillOver = [];
        var over = TestPaths.RepositoryLessons
            .Select(p => (Name: Path.GetFileNameWithoutExtension(p), Pace: LessonPace.Of(Notebook.Load(p))))
            .Where(l => l.Pace.Minutes > LessonPace.LectureMinutes)
            .ToList();
        Assert.Equal(stillOver, over.Select(l => l.Name).ToArray());
    }
}
