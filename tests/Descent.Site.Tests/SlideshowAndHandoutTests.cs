using System.Text.Json.Nodes;
using Descent.Cli.Commands;
using Descent.Site.Export;

namespace Descent.Site.Tests;

/// <summary>
/// The renderer's data-slide-type (Jupyter's slideshow metadata on each cell), the handouts export --handouts writes
/// (the student's without answers or speaker notes in its HTML, the teacher's with both), and the command's option.
/// The fixtures are Fixtures/Slides (made by make_slides_fixtures.py): 01 with slideshow metadata, 02 without.
/// </summary>
public class SlideshowAndHandoutTests
{
    internal static string Slides(string name) => Path.Combine(TestPaths.Fixtures, "Slides", name);

    private static string ExportBoth(bool handouts)
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var lessons = new[] { "01-slides-metadata.ipynb", "02-slides-headings.ipynb" }.Select(n => LessonExecution.Executed(Slides(n))).ToList();
        new SiteExporter(new SiteExportOptions(Handouts: handouts)).Export(lessons, site);
        return site;
    }

    [Fact]
    public void EachCellCarriesItsSlideTypeAndSpeakerNotesAreHiddenFromTheReadingView()
    {
        var html = File.ReadAllText(Path.Combine(ExportBoth(handouts: false), "01-slides-metadata.html"));
        Assert.Contains("data-slideshow=\"metadata\"", html);
        Assert.Contains("<section class=\"cell cell-markdown\" id=\"cell-1\" data-slide-type=\"slide\">", html);
        Assert.Contains("<section class=\"cell cell-markdown cell-notes\" id=\"cell-2\" data-slide-type=\"notes\" hidden>", html);
        Assert.Contains("<section class=\"cell cell-code\" id=\"cell-3\" data-slide-type=\"-\">", html);
        Assert.Contains("<section class=\"cell cell-markdown\" id=\"cell-5\" data-slide-type=\"fragment\">", html);
        Assert.Contains("<section class=\"cell cell-markdown\" id=\"cell-8\" data-slide-type=\"skip\">", html);
        Assert.Contains("<section class=\"cell cell-markdown\" id=\"cell-9\" data-slide-type=\"subslide\">", html);
        Assert.Contains("<section class=\"cell cell-code\" id=\"cell-12\">", html); // no metadata: no attribute
        Assert.Contains("<script src=\"assets/present.js\"></script>", html);
        Assert.Contains("<button type=\"button\" class=\"present-start\"", html);
        Assert.DoesNotContain("class=\"handouts\"", html); // no handouts were written, so none is linked
        Assert.DoesNotContain("handouts:", File.ReadAllText(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(ExportBoth(handouts: false), "x")))!, "index.html")));
    }

    [Fact]
    public void ALessonWithoutSlideshowMetadataFallsBackToItsHeadings()
    {
        var html = File.ReadAllText(Path.Combine(ExportBoth(handouts: false), "02-slides-headings.html"));
        Assert.Contains("data-slideshow=\"headings\"", html);
        Assert.DoesNotContain("data-slide-type", html);
    }

    [Fact]
    public void OnlyNotesOrSkipCellsDoNotMakeSlidesAndAnUnknownSlideTypeIsReadAsContinueWithAWarning()
    {
        var folder = TestPaths.NewTempFolder();
        var notebook = JsonNode.Parse(File.ReadAllText(Slides("02-slides-headings.ipynb")))!;
        notebook["cells"]![1]!["metadata"]!["slideshow"] = new JsonObject { ["slide_type"] = "notes" };
        notebook["cells"]![3]!["metadata"]!["slideshow"] = new JsonObject { ["slide_type"] = "sldie" };
        var path = Path.Combine(folder, "01-notes-only.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        var site = Path.Combine(folder, "site");
        var result = new SiteExporter().Export([LessonExecution.Executed(path)], site);

        var html = File.ReadAllText(Path.Combine(site, "01-notes-only.html"));
        Assert.Contains("data-slideshow=\"headings\"", html);
        Assert.Contains("<section class=\"cell cell-code cell-notes\" id=\"cell-2\" data-slide-type=\"notes\" hidden>", html);
        Assert.Contains("<section class=\"cell cell-code\" id=\"cell-4\" data-slide-type=\"-\">", html);
        Assert.Contains("cell 4: slideshow.slide_type \"sldie\" is not one of slide, subslide, fragment, skip, notes, \"-\"; read as \"-\"", result.Lessons[0].Warnings);
    }

    [Fact]
    public void TheStudentHandoutHasNoAnswersAndNoNotesInItsHtmlAndTheTeacherHandoutHasBoth()
    {
        var site = ExportBoth(handouts: true);
        var page = File.ReadAllText(Path.Combine(site, "01-slides-metadata.html"));
        Assert.Contains("<p class=\"handouts\">Handouts: <a href=\"01-slides-metadata.student.html\">student</a> · <a href=\"01-slides-metadata.teacher.html\">teacher</a></p>", page);

        Assert.Contains("· handouts: <a href=\"01-slides-metadata.student.html\">student</a>, <a href=\"01-slides-metadata.teacher.html\">teacher</a></p>",
            File.ReadAllText(Path.Combine(site, "index.html")));

        var student = File.ReadAllText(Path.Combine(site, "01-slides-metadata.student.html"));
        foreach (var hidden in new[] { "ANSWER-TWO", "SEE-FOUR", "NOTE-ONE", "NOTE-THREE", "<details", "<summary", "data-slide-type=\"notes\"" })
            Assert.DoesNotContain(hidden, student);
        foreach (var kept in new[] { "OUTPUT-ONE", "OUTPUT-TWO", "OUTPUT-FOUR", "STEP-ONE", "STEP-TWO", "SKIPPED-CELL", "What does one step do?", "Student handout" })
            Assert.Contains(kept, student);
        Assert.DoesNotContain("present.js", student); // a handout is for paper, not for presenting

        var teacher = File.ReadAllText(Path.Combine(site, "01-slides-metadata.teacher.html"));
        foreach (var shown in new[] { "ANSWER-TWO", "SEE-FOUR", "NOTE-ONE", "NOTE-THREE", "OUTPUT-ONE", "SKIPPED-CELL", "<p class=\"notes-label\">Speaker notes</p>" })
            Assert.Contains(shown, teacher);
        Assert.Equal(2, CountOf(teacher, "<details open=\"\">"));
        Assert.DoesNotContain("<details>", teacher);
        Assert.DoesNotContain(" hidden>", teacher); // the notes cells are shown

        // The lesson without metadata gets its handouts too: its answer only in the teacher's.
        Assert.DoesNotContain("ANSWER-A", File.ReadAllText(Path.Combine(site, "02-slides-headings.student.html")));
        Assert.Contains("ANSWER-A", File.ReadAllText(Path.Combine(site, "02-slides-headings.teacher.html")));
    }

    [Fact]
    public async Task ExportWithHandoutsWritesBothCopiesPerLessonAndSaysSo()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([Path.Combine(TestPaths.Fixtures, "Slides")], site, alreadyExecuted: true, timeoutSeconds: 120,
            output, error, withRuntime: false, handouts: true);

        Assert.Equal(0, code);
        Assert.Equal(["01-slides-metadata.student.html", "01-slides-metadata.teacher.html", "02-slides-headings.student.html", "02-slides-headings.teacher.html"],
            Directory.GetFiles(site, "*.*.html").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("Handouts: 2 student (no answers, no speaker notes) and 2 teacher (answers and notes), e.g. 01-slides-metadata.student.html", output.ToString());

        var plain = Path.Combine(TestPaths.NewTempFolder(), "site");
        Assert.Equal(0, await ExportCommand.RunAsync([Path.Combine(TestPaths.Fixtures, "Slides")], plain, alreadyExecuted: true, timeoutSeconds: 120,
            new StringWriter(), new StringWriter(), withRuntime: false));
        Assert.Empty(Directory.GetFiles(plain, "*.*.html"));
    }

    [Fact]
    public void TheExportCommandTakesHandouts()
    {
        var parse = ExportCommand.Create().Parse(["notebooks", "--handouts", "--no-runtime"]);
        Assert.Empty(parse.Errors);
        Assert.Contains("--handouts", ExportCommand.Create().Options.Select(o => o.Name));
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
