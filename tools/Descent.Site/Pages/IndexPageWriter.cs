using System.Text;
using Descent.Site.Lessons;

namespace Descent.Site.Pages;

/// <summary>Writes index.html: every lesson with its title, learning goals, and its notebook.</summary>
internal static class IndexPageWriter
{
    /// <summary>The index page's HTML.</summary>
    /// <param name="lessons">The lessons, in site order.</param>
    /// <param name="notationHtml">The rendered notation table and glossary (notation.md), or null when there is none.</param>
    /// <param name="hasHandouts">Whether each lesson's handouts (student and teacher) are in the site, linked from its card.</param>
    public static string Write(IReadOnlyList<LessonPage> lessons, string? notationHtml = null, bool hasHandouts = false)
    {
        var header = "<header class=\"site-header\" id=\"top\">\n<a class=\"home\" href=\"index.html\">Descent</a>\n</header>\n";
        var body = new StringBuilder();
        body.Append("<main class=\"index\" id=\"main\">\n<h1>Descent</h1>\n");
        body.Append("<p class=\"lede\">Gradient descent, taught in C# notebooks. Every lesson below was run before it was published: "
            + "the numbers and charts are the notebook's own outputs, and the charts stay interactive. "
            + "Each lesson's notebook (.ipynb) is beside its page, to open and run in VS Code.</p>\n");
        if (notationHtml is not null)
            body.Append("<p class=\"notation-link\">Every lesson uses one notation: see <a href=\"#notation\">Notation and glossary</a> below.</p>\n");
        body.Append("<ol class=\"lesson-list\">\n");
        foreach (var lesson in lessons)
        {
            var failed = lesson.Failure is not null;
            body.Append(failed ? "<li class=\"lesson-card lesson-failed\">\n" : "<li class=\"lesson-card\">\n");
            body.Append($"<h2><a href=\"{lesson.PageFile}\">{lesson.TitleHtml}</a></h2>\n");
            if (lesson.Failure is { } failure)
                body.Append($"<p class=\"lesson-status\" role=\"alert\">This lesson did not run to the end ({Html.Html.Escape(failure.ToString())}).</p>\n");
            if (lesson.Pace is { } pace)
                body.Append($"<p class=\"lesson-pace\">{Html.Html.Escape(pace.ToString())}.</p>\n");
            if (lesson.GoalsHtml.Count > 0)
            {
                body.Append("<p class=\"goals-label\">Learning goals</p>\n<ul class=\"goals\">\n");
                foreach (var goal in lesson.GoalsHtml) body.Append("<li>").Append(goal).Append("</li>\n");
                body.Append("</ul>\n");
            }
            body.Append($"<p class=\"lesson-links\"><a href=\"{lesson.PageFile}\">Read the lesson</a> · <a href=\"{lesson.NotebookFile}\" download>{lesson.NotebookFile}</a>");
            if (hasHandouts)
                body.Append($" · handouts: <a href=\"{lesson.StudentHandoutFile}\">student</a>, <a href=\"{lesson.TeacherHandoutFile}\">teacher</a>");
            body.Append("</p>\n");
            body.Append("</li>\n");
        }
        body.Append("</ol>\n");
        if (notationHtml is not null)
            body.Append("<section class=\"notation\" id=\"notation\" aria-label=\"Notation and glossary\">\n").Append(notationHtml).Append("</section>\n");
        body.Append("</main>\n");
        body.Append("<footer class=\"site-footer\">Exported by <code>descent export</code>. Works offline: every file it needs is in this folder.</footer>\n");
        return PageShell.Page("Descent: gradient descent in C# notebooks", "index-page", header, body.ToString(), needsPlotly: false);
    }
}
