using System.Text;
using Descent.Site.Assets;
using Descent.Site.Lessons;

namespace Descent.Site.Pages;

/// <summary>Writes a lesson's page: header with previous/next, table of contents, the cells, pager at the end.</summary>
internal static class LessonPageWriter
{
    /// <summary>The page's HTML.</summary>
    /// <param name="lesson">The lesson.</param>
    /// <param name="number">Its 1-based position on the site.</param>
    /// <param name="previous">The lesson before it, or null.</param>
    /// <param name="next">The lesson after it, or null.</param>
    /// <param name="includesRuntime">
    /// Whether the site has the browser runtime (assets/runtime/). The page then names its worker on &lt;main&gt;
    /// (data-runtime), with the lesson's slug and notebook for notebook.js, which makes the code cells editable and runnable
    /// when the page is served over http(s).
    /// </param>
    /// <param name="hasNotation">Whether the index has a notation and glossary section, linked from the contents.</param>
    /// <param name="hasHandouts">Whether the lesson's handouts (student and teacher) are beside the page, linked from it.</param>
    public static string Write(LessonPage lesson, int number, LessonPage? previous, LessonPage? next, bool includesRuntime = false, bool hasNotation = false, bool hasHandouts = false)
    {
        var header = new StringBuilder();
        header.Append("<header class=\"site-header\" id=\"top\">\n<a class=\"home\" href=\"index.html\">Descent</a>\n");
        header.Append(Pager(previous, next, "pager pager-top"));
        header.Append("</header>\n");

        var body = new StringBuilder(lesson.CellsHtml.Length + 4096);
        body.Append("<div class=\"layout\">\n");
        body.Append("<nav class=\"toc\" id=\"contents\" aria-label=\"Contents\">\n<details open>\n<summary>Contents</summary>\n<ol>\n");
        foreach (var h in lesson.Contents)
            body.Append($"<li class=\"toc-h{h.Level}\"><a href=\"#{Html.Html.Escape(h.Id)}\">{h.Html}</a></li>\n");
        body.Append("</ol>\n</details>\n");
        body.Append($"<p class=\"download\"><a href=\"{lesson.NotebookFile}\" download>Download the notebook</a></p>\n");
        if (hasNotation) body.Append("<p class=\"notation-link\"><a href=\"index.html#notation\">Notation and glossary</a></p>\n");
        // Present mode and printing (site.js): the buttons do nothing until the script has run.
        body.Append("<p class=\"page-tools\"><button type=\"button\" class=\"present-start\" title=\"Present this lesson, one section per screen (key P)\">Present</button> "
            + "<button type=\"button\" class=\"print-page\" title=\"Print this page without the answers\">Print</button></p>\n");
        if (hasHandouts)
            body.Append($"<p class=\"handouts\">Handouts: <a href=\"{lesson.StudentHandoutFile}\">student</a> · <a href=\"{lesson.TeacherHandoutFile}\">teacher</a></p>\n");
        body.Append("</nav>\n");
        body.Append($"<main class=\"lesson\" id=\"main\" data-lesson=\"{number}\" data-slideshow=\"{(lesson.HasSlideshow ? "metadata" : "headings")}\"");
        if (includesRuntime)
            body.Append($" data-runtime=\"{SiteAssets.RuntimeWorkerPath}\" data-slug=\"{Html.Html.Escape(lesson.Slug)}\" data-notebook=\"{Html.Html.Escape(lesson.NotebookFile)}\"");
        body.Append(">\n");
        // Shown by notebook.js when the page is opened from disk, where a worker cannot start; removed when it is served.
        if (includesRuntime)
            body.Append("<p class=\"runtime-hint\" hidden>To run the code cells in your browser, serve this folder: <code>descent serve</code> "
                + "(or any static web server) and open it over <code>http://localhost</code>.</p>\n");
        if (lesson.Failure is { } failure)
        {
            var where = failure.CellIndex is { } i ? $" at <a href=\"#cell-{i + 1}\">{Html.Html.Escape(failure.Where)}</a>" : "";
            body.Append($"<div class=\"export-failure\" role=\"alert\"><strong>This lesson did not run to the end</strong>{where}: {Html.Html.Escape(failure.Message)}</div>\n");
        }
        body.Append(lesson.CellsHtml);
        body.Append(Pager(previous, next, "pager pager-bottom"));
        body.Append("</main>\n</div>\n");
        body.Append($"<footer class=\"site-footer\"><a href=\"index.html\">All lessons</a> · <a href=\"{lesson.NotebookFile}\">{lesson.NotebookFile}</a> · exported by <code>descent export</code></footer>\n");

        return PageShell.Page($"{lesson.TitleText} · Descent", "lesson-page", header.ToString(), body.ToString(), lesson.ChartCount > 0, includesRuntime, present: true);
    }

    private static string Pager(LessonPage? previous, LessonPage? next, string css)
    {
        var sb = new StringBuilder($"<nav class=\"{css}\" aria-label=\"Previous and next lesson\">");
        sb.Append(previous is null
            ? "<span class=\"pager-prev pager-none\"></span>"
            : $"<a class=\"pager-prev\" rel=\"prev\" href=\"{previous.PageFile}\"><span class=\"pager-dir\">← Previous</span> <span class=\"pager-title\">{previous.TitleHtml}</span></a>");
        sb.Append(next is null
            ? "<span class=\"pager-next pager-none\"></span>"
            : $"<a class=\"pager-next\" rel=\"next\" href=\"{next.PageFile}\"><span class=\"pager-dir\">Next →</span> <span class=\"pager-title\">{next.TitleHtml}</span></a>");
        sb.Append("</nav>\n");
        return sb.ToString();
    }
}
