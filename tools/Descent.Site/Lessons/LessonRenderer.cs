using System.Text;
using Descent.Notebooks.Model;
using Descent.Site.Code;
using Descent.Site.Export;
using Descent.Site.Html;
using Descent.Site.Markdown;
using Descent.Site.Outputs;

namespace Descent.Site.Lessons;

/// <summary>Turns one executed notebook into a <see cref="LessonPage"/>: markdown, highlighted code, outputs, errors.</summary>
internal sealed class LessonRenderer
{
    private readonly HtmlSafety safety = new();
    private readonly CSharpHighlighter highlighter = new();

    /// <summary>
    /// Renders a markdown file for the site's index (the lessons' <c>notation.md</c>) with the lessons' markdown rules:
    /// math typeset by KaTeX, HTML sanitized, links to notebooks mapped to their pages.
    /// </summary>
    public string RenderMarkdownFile(string path, Func<string, string?> resolveNotebookLink, List<string> warnings)
    {
        var usedIds = new HashSet<string>(StringComparer.Ordinal) { "top", "main", "notation" };
        var markdown = new MarkdownRenderer(safety, usedIds, resolveNotebookLink, Path.GetDirectoryName(Path.GetFullPath(path)));
        return markdown.Render(File.ReadAllText(path), null, warnings).Html;
    }

    /// <summary>Renders a lesson.</summary>
    /// <param name="lesson">The executed notebook and its failure, if any.</param>
    /// <param name="slug">The page's file name stem.</param>
    /// <param name="resolveNotebookLink">Maps a relative .ipynb link to the page that shows it.</param>
    public LessonPage Render(ExecutedLesson lesson, string slug, Func<string, string?> resolveNotebookLink)
    {
        var notebook = lesson.Notebook;
        var directory = Path.GetDirectoryName(Path.GetFullPath(lesson.SourcePath));
        var warnings = new List<string>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal) { "top", "contents", "lesson" };
        var markdown = new MarkdownRenderer(safety, usedIds, resolveNotebookLink, directory);
        var outputs = new OutputRenderer(safety, markdown, PageKey(slug));

        var cells = notebook.Cells;
        var codeIndexes = cells.Select((c, i) => (c, i)).Where(x => x.c.IsCode).Select(x => x.i).ToList();
        var highlighted = highlighter.Highlight(codeIndexes.Select(i => cells[i].Source).ToList(), directory);
        var highlightOf = codeIndexes.Select((cellIndex, k) => (cellIndex, k)).ToDictionary(x => x.cellIndex, x => highlighted[x.k]);

        var failure = lesson.Failure;
        var failedAt = failure?.CellIndex;
        var headings = new List<Heading>();
        IReadOnlyList<string> goals = [];
        var sb = new StringBuilder();
        var rendered = new List<RenderedCell>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var anchor = $"cell-{i + 1}";
            var slideType = SlideType(cell, i, warnings);
            string html;
            switch (cell.CellType)
            {
                case "markdown":
                    var text = markdown.Render(cell.Source, cell.Attachments, warnings);
                    headings.AddRange(text.Headings);
                    if (goals.Count == 0 && text.GoalsHtml.Count > 0) goals = text.GoalsHtml;
                    html = $"<section class=\"cell cell-markdown{NotesClass(slideType)}\" id=\"{anchor}\"{SlideAttributes(slideType)}>\n{text.Html}</section>\n";
                    break;
                case "code":
                    html = RenderCodeCell(cell, i, anchor, highlightOf[i], outputs, failure, warnings, slideType);
                    break;
                default:
                    continue; // raw cells are for other converters; Jupyter's HTML export leaves them out too
            }
            sb.Append(html);
            rendered.Add(new RenderedCell(i, cell.CellType, slideType, html));
        }

        var title = headings.FirstOrDefault(h => h.Level == 1);
        var cellsHtml = sb.ToString();
        return new LessonPage
        {
            Slug = slug,
            TitleHtml = title?.Html ?? Html.Html.Escape(slug),
            TitleText = title?.Text ?? slug,
            GoalsHtml = goals,
            Pace = LessonPace.Of(notebook),
            Contents = headings.Where(h => h != title && h.Level <= 3).ToList(),
            CellsHtml = cellsHtml,
            Cells = rendered,
            ChartCount = outputs.ChartCount,
            FormulaCount = CountOccurrences(cellsHtml, "class=\"math "),
            Failure = failure,
            Warnings = warnings,
        };

        static string PageKey(string s) => new(s.Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
    }

    /// <summary>
    /// The slide types of Jupyter's slideshow metadata (<c>metadata.slideshow.slide_type</c>), as RISE and
    /// <c>jupyter nbconvert --to slides</c> read them. "-" continues the current slide (and the current fragment).
    /// </summary>
    internal static readonly IReadOnlySet<string> SlideTypes = new HashSet<string>(StringComparer.Ordinal) { "slide", "subslide", "fragment", "skip", "notes", "-" };

    /// <summary>A cell's slide type from its metadata, or null when it has none; an unknown value is read as "-" (as nbconvert does) with a warning.</summary>
    internal static string? SlideType(NotebookCell cell, int index, List<string> warnings)
    {
        if (cell.GetProperty("metadata") is not System.Text.Json.Nodes.JsonObject metadata || metadata["slideshow"] is not System.Text.Json.Nodes.JsonObject slideshow || slideshow["slide_type"] is not { } node) return null;
        var value = node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : null;
        if (value is not null && SlideTypes.Contains(value)) return value;
        warnings.Add($"cell {index + 1}: slideshow.slide_type {node.ToJsonString()} is not one of slide, subslide, fragment, skip, notes, \"-\"; read as \"-\"");
        return "-";
    }

    /// <summary>Speaker notes are never part of the reading view: their cell is hidden; present mode shows them in the speaker-notes window.</summary>
    private static string NotesClass(string? slideType) => slideType == "notes" ? " cell-notes" : "";

    private static string SlideAttributes(string? slideType) =>
        slideType is null ? "" : $" data-slide-type=\"{Html.Html.Escape(slideType)}\"" + (slideType == "notes" ? " hidden" : "");

    private string RenderCodeCell(NotebookCell cell, int index, string anchor, string codeHtml, OutputRenderer outputs, LessonFailure? failure, List<string> warnings, string? slideType)
    {
        var count = cell.ExecutionCount;
        var cellOutputs = cell.Outputs;
        var failedHere = failure?.CellIndex == index;
        var notRun = failure?.CellIndex is { } f && index > f && count is null && cellOutputs.Count == 0;
        var css = "cell cell-code" + (failedHere ? " cell-failed" : "") + (notRun ? " cell-not-run" : "") + NotesClass(slideType);
        var prompt = count is { } n ? $"[{n}]" : "[ ]";
        var sb = new StringBuilder();
        sb.Append($"<section class=\"{css}\" id=\"{anchor}\"{SlideAttributes(slideType)}>\n");
        sb.Append($"<div class=\"input\"><span class=\"prompt\" aria-label=\"execution count\">{prompt}</span>");
        sb.Append($"<pre class=\"code\"><code class=\"language-csharp\">{codeHtml}</code></pre></div>\n");
        var rendered = outputs.RenderAll(cellOutputs, warnings);
        var hasError = cellOutputs.Any(o => o is ErrorOutput);
        if (failedHere && !hasError)
            rendered += OutputRenderer.RenderError("ExecutionFailed", failure!.Message, []);
        if (notRun)
            rendered += $"<p class=\"output output-not-run\">Not run: the lesson stopped at <a href=\"#cell-{failure!.CellIndex + 1}\">cell {failure.CellIndex + 1}</a>.</p>\n";
        if (rendered.Length > 0) sb.Append("<div class=\"outputs\">\n").Append(rendered).Append("</div>\n");
        sb.Append("</section>\n");
        return sb.ToString();
    }

    private static int CountOccurrences(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
