using Descent.Site.Export;

namespace Descent.Site.Tests;

/// <summary>The notation table and glossary (notation.md beside the lessons) on the index, linked from every lesson.</summary>
public class NotationPageTests
{
    private static string LessonsFolderWith(string? notation)
    {
        var folder = TestPaths.NewTempFolder();
        File.Copy(TestPaths.FixtureLessons[0], Path.Combine(folder, Path.GetFileName(TestPaths.FixtureLessons[0])));
        if (notation is not null) File.WriteAllText(Path.Combine(folder, SiteExporter.NotationFileName), notation);
        return folder;
    }

    private static (string Index, string Lesson, SiteExportResult Result) Export(string folder)
    {
        var lesson = Path.Combine(folder, Path.GetFileName(TestPaths.FixtureLessons[0]));
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var result = new SiteExporter().Export([LessonExecution.Executed(lesson)], site);
        return (File.ReadAllText(Path.Combine(site, "index.html")),
                File.ReadAllText(Path.Combine(site, Path.GetFileNameWithoutExtension(lesson) + ".html")), result);
    }

    [Fact]
    public void The_index_shows_notation_md_with_its_math_sanitized_and_its_lesson_links_mapped_to_pages()
    {
        var stem = Path.GetFileNameWithoutExtension(TestPaths.FixtureLessons[0]);
        var (index, lesson, result) = Export(LessonsFolderWith($"""
            # Notation and glossary

            | symbol | meaning |
            |---|---|
            | $\alpha$ | the learning rate, first used in [the lesson]({stem}.ipynb) |

            **Epoch.** One pass over the data.<script>alert(1)</script> ![a chart](missing.png)
            """));

        Assert.Contains("<section class=\"notation\" id=\"notation\"", index);
        Assert.Contains("Every lesson uses one notation: see <a href=\"#notation\">", index);
        var section = index[index.IndexOf("id=\"notation\"", StringComparison.Ordinal)..];
        Assert.Contains("<table>", section);
        Assert.Contains("class=\"math ", section);                     // typeset by KaTeX like a lesson's math
        Assert.Contains($"href=\"{stem}.html\"", section);              // a notebook link goes to its page
        Assert.DoesNotContain("<script>alert", section);                // sanitized like a lesson's markdown
        Assert.Contains("<a href=\"index.html#notation\">Notation and glossary</a>", lesson);
        Assert.Contains(result.IndexWarnings, w => w.Contains("missing.png", StringComparison.Ordinal));
        var report = new StringWriter();
        ExportReport.Write(result, report);
        Assert.Contains("warning: index.html:", report.ToString());
    }

    [Fact]
    public void Without_notation_md_there_is_no_section_and_no_link()
    {
        var (index, lesson, result) = Export(LessonsFolderWith(null));
        Assert.DoesNotContain("id=\"notation\"", index);
        Assert.DoesNotContain("#notation", index);
        Assert.DoesNotContain("index.html#notation", lesson);
        Assert.Empty(result.IndexWarnings);
    }

    [Fact]
    public void The_lessons_notation_names_the_courses_symbols_and_defines_the_terms_the_lessons_use()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "notebooks", SiteExporter.NotationFileName));
        foreach (var symbol in new[] { @"$\alpha$", @"$\theta$", @"$L(\theta)$", @"$x$", @"$\nabla L(\theta)$", @"$\mathbb{X}$", @"$\gamma$", @"$\kappa$", @"$\eta$" })
            Assert.Contains(symbol, text);
        foreach (var term in new[] { "**BFGS.**", "**Design matrix**", "**Positive semi-definite.**", "**Condition number**", "**Lanczos.**", "**Epoch.**",
                                     "**Saddle point.**", "**Mini-batch.**", "**Momentum.**", "**Newton's method.**", "**Convex.**" })
            Assert.Contains(term, text);
    }
}
