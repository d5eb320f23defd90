using System.Text;
using AngleSharp.Html.Parser;
using Descent.Site.Lessons;

namespace Descent.Site.Pages;

/// <summary>
/// Writes a lesson's handouts (<c>descent export --handouts</c>), pages made to be printed: the student's copy holds no
/// answers (no <c>&lt;details&gt;</c> block of the lesson's markdown: quiz answers, "What you should see") and no speaker
/// notes (cells whose slide type is notes) anywhere in its HTML; the teacher's copy has every answer open and the
/// speaker notes shown, each marked as such. Both keep every other cell, prose and outputs, as the lesson page shows them.
/// </summary>
internal static class HandoutPageWriter
{
    /// <summary>Which copy.</summary>
    public enum Audience
    {
        /// <summary>No answers, no speaker notes.</summary>
        Student,
        /// <summary>Answers open, speaker notes shown.</summary>
        Teacher,
    }

    /// <summary>The handout's HTML.</summary>
    public static string Write(LessonPage lesson, Audience audience)
    {
        var student = audience == Audience.Student;
        var label = student ? "Student handout" : "Teacher handout: answers and speaker notes";
        var header = $"<header class=\"site-header\" id=\"top\">\n<a class=\"home\" href=\"index.html\">Descent</a>\n"
            + $"<span class=\"handout-label\">{label}</span>\n"
            + $"<nav class=\"handout-links\" aria-label=\"Handout\"><a href=\"{lesson.PageFile}\">The lesson page</a> · "
            + "<button type=\"button\" class=\"print-page\">Print</button></nav>\n</header>\n";
        var body = new StringBuilder(lesson.CellsHtml.Length + 1024);
        body.Append($"<main class=\"lesson handout\" id=\"main\" data-handout=\"{(student ? "student" : "teacher")}\">\n");
        var parser = new HtmlParser();
        foreach (var cell in lesson.Cells)
        {
            if (cell.SlideType == "notes")
            {
                if (student) continue;
                body.Append(ShowNotes(parser, cell.Html));
                continue;
            }
            body.Append(cell.CellType == "markdown" ? Answers(parser, cell.Html, student) : cell.Html);
        }
        body.Append("</main>\n");
        body.Append($"<footer class=\"site-footer\">{label} · <a href=\"{lesson.PageFile}\">{Html.Html.Escape(lesson.TitleText)}</a> · exported by <code>descent export --handouts</code></footer>\n");
        var css = "lesson-page handout-page " + (student ? "handout-student" : "handout-teacher");
        return PageShell.Page($"{lesson.TitleText} · {label} · Descent", css, header, body.ToString(), lesson.ChartCount > 0);
    }

    /// <summary>A markdown cell without its answers (student) or with every answer open (teacher).</summary>
    private static string Answers(HtmlParser parser, string html, bool remove)
    {
        if (!html.Contains("<details", StringComparison.Ordinal)) return html;
        var document = parser.ParseDocument("<body>" + html + "</body>");
        foreach (var details in document.QuerySelectorAll("details").ToList())
        {
            if (remove) details.Remove();
            else details.SetAttribute("open", "");
        }
        return document.Body!.InnerHtml + "\n";
    }

    /// <summary>A speaker-notes cell made visible, under a label.</summary>
    private static string ShowNotes(HtmlParser parser, string html)
    {
        var document = parser.ParseDocument("<body>" + html + "</body>");
        var section = document.Body!.FirstElementChild!;
        section.RemoveAttribute("hidden");
        var label = document.CreateElement("p");
        label.ClassName = "notes-label";
        label.TextContent = "Speaker notes";
        section.Prepend(label);
        return document.Body.InnerHtml + "\n";
    }
}
