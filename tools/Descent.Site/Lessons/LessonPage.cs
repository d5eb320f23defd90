using Descent.Site.Export;
using Descent.Site.Markdown;

namespace Descent.Site.Lessons;

/// <summary>A lesson rendered for the site: everything its page and the index need.</summary>
internal sealed record LessonPage
{
    /// <summary>The file name stem shared by the page and its notebook (e.g. <c>01-minimizing-a-function</c>).</summary>
    public required string Slug { get; init; }
    /// <summary>The lesson's title as HTML (its first level-1 heading).</summary>
    public required string TitleHtml { get; init; }
    /// <summary>The title as plain text, for the window title.</summary>
    public required string TitleText { get; init; }
    /// <summary>The learning goals, each as HTML.</summary>
    public required IReadOnlyList<string> GoalsHtml { get; init; }
    /// <summary>The headings after the title, for the table of contents.</summary>
    public required IReadOnlyList<Heading> Contents { get; init; }
    /// <summary>The cells, rendered, in order.</summary>
    public required string CellsHtml { get; init; }
    /// <summary>The same cells one by one (for the handouts), in order; raw cells are left out.</summary>
    public IReadOnlyList<RenderedCell> Cells { get; init; } = [];
    /// <summary>
    /// Whether the cells mark slides with Jupyter's slideshow metadata (a cell of type slide or subslide): present mode
    /// then follows it; otherwise each # or ## heading starts a screen (notes and skip cells still count).
    /// </summary>
    public bool HasSlideshow => Cells.Any(c => c.SlideType is "slide" or "subslide");
    /// <summary>The student handout's file name (no answers, no speaker notes).</summary>
    public string StudentHandoutFile => Slug + ".student.html";
    /// <summary>The teacher handout's file name (answers open, speaker notes shown).</summary>
    public string TeacherHandoutFile => Slug + ".teacher.html";
    /// <summary>How many charts the page draws (plotly.js is loaded only when there is one).</summary>
    public required int ChartCount { get; init; }
    /// <summary>How many formulas the page typesets.</summary>
    public required int FormulaCount { get; init; }
    /// <summary>Why execution stopped early, or null.</summary>
    public LessonFailure? Failure { get; init; }
    /// <summary>What was removed or could not be resolved while rendering.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
    /// <summary>How long the lesson takes to present in class (shown on the index).</summary>
    public LessonPace? Pace { get; init; }
    /// <summary>The page's file name.</summary>
    public string PageFile => Slug + ".html";
    /// <summary>The executed notebook's file name beside the page.</summary>
    public string NotebookFile => Slug + ".ipynb";
}

/// <summary>One rendered cell.</summary>
/// <param name="Index">Its 0-based index in the notebook.</param>
/// <param name="CellType">code or markdown.</param>
/// <param name="SlideType">Its <c>metadata.slideshow.slide_type</c>, or null when it has none.</param>
/// <param name="Html">Its &lt;section&gt;.</param>
internal sealed record RenderedCell(int Index, string CellType, string? SlideType, string Html);
