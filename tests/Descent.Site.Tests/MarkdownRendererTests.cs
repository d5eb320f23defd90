using System.Text.Json.Nodes;
using Descent.Site.Html;
using Descent.Site.Markdown;

namespace Descent.Site.Tests;

public class MarkdownRendererTests
{
    private static (RenderedMarkdown Result, List<string> Warnings) Render(string markdown, HashSet<string>? ids = null,
        Func<string, string?>? links = null, JsonObject? attachments = null)
    {
        var warnings = new List<string>();
        var renderer = new MarkdownRenderer(new HtmlSafety(), ids ?? [], links ?? (_ => null), null);
        return (renderer.Render(markdown, attachments, warnings), warnings);
    }

    [Fact]
    public void MathIsProtectedFromEmphasisAndEscapes()
    {
        var html = Render("*slope* $a_1 * b_2 * c_3$ and $\\{x\\}$").Result.Html;
        Assert.Contains("<em>slope</em>", html);
        Assert.Contains("<span class=\"math math-inline\">a_1 * b_2 * c_3</span>", html);
        Assert.Contains("<span class=\"math math-inline\">\\{x\\}</span>", html);
    }

    [Fact]
    public void PipeTablesKeepMathWithBarsInOneCell()
    {
        var html = Render("| $t$ | $\\lvert g \\rvert$ | $|x|$ |\n|---|---|---|\n| 0 | 1 | 2 |").Result.Html;
        Assert.Contains("<table>", html);
        Assert.Equal(3, html.Split("<th>").Length - 1);
        Assert.Contains("<span class=\"math math-inline\">|x|</span>", html);
    }

    [Fact]
    public void DetailsAnswersKeepTheirMarkdownAndMath()
    {
        var html = Render("<details><summary>Answer</summary>\n\nAt $x = 2$, **yes**.\n\n</details>").Result.Html;
        Assert.Contains("<details>", html);
        Assert.Contains("<summary>Answer</summary>", html);
        Assert.Contains("<strong>yes</strong>", html);
        Assert.Contains("<span class=\"math math-inline\">x = 2</span>", html);
    }

    [Fact]
    public void MathInsideRawHtmlWithoutBlankLinesIsStillTypeset()
    {
        var html = Render("<details><summary>Why</summary>\nBecause $f''(x) < 0$ there.\n</details>").Result.Html;
        Assert.Contains("<span class=\"math math-inline\">f&#39;&#39;(x) &lt; 0</span>", html);
    }

    [Fact]
    public void ScriptsHandlersAndExternalLoadsAreRemovedWithAWarning()
    {
        var (result, warnings) = Render("<script>alert(1)</script>\n\n<img src=\"https://example.com/a.png\" onerror=\"alert(2)\" alt=\"a\">\n\n[wiki](https://en.wikipedia.org/)");
        Assert.DoesNotContain("<script", result.Html);
        Assert.DoesNotContain("alert", result.Html);
        Assert.DoesNotContain("example.com", result.Html);
        Assert.Contains("href=\"https://en.wikipedia.org/\"", result.Html);
        Assert.Contains(warnings, w => w.Contains("https://example.com/a.png"));
        Assert.Contains(warnings, w => w.Contains("<script>"));
    }

    [Fact]
    public void HeadingIdsAreUniqueAcrossCellsOfAPage()
    {
        var ids = new HashSet<string>();
        var first = Render("## Summary", ids).Result;
        var second = Render("## Summary", ids).Result;
        Assert.Equal("summary", first.Headings.Single().Id);
        Assert.Equal("summary-1", second.Headings.Single().Id);
        Assert.Contains("id=\"summary-1\"", second.Html);
    }

    [Fact]
    public void HeadingsWithMathKeepTheFormulaForTheContents()
    {
        var heading = Render("## The step $-\\eta g$").Result.Headings.Single();
        Assert.Equal(2, heading.Level);
        Assert.Contains("<span class=\"math math-inline\">-\\eta g</span>", heading.Html);
        Assert.Equal("The step -\\eta g", heading.Text);
    }

    [Fact]
    public void AHeadingWithAFormulaTakesItsAnchorFromTheTexNotFromTheFormulasBeforeIt()
    {
        const string heading = "### Question 3: a linear network $f(x) = w_2 w_1 x$, `Mse` and all";
        var alone = Render(heading).Result.Headings.Single();
        var afterTwoFormulas = Render("Some $a$ and $$b$$ first.\n\n" + heading).Result.Headings.Single();
        Assert.Equal("question-3-a-linear-network-fx--w_2-w_1-x-mse-and-all", alone.Id);
        Assert.Equal(alone.Id, afterTwoFormulas.Id);
        Assert.Equal("the-step", Render("## The step").Result.Headings.Single().Id);   // no formula: Markdig's id
    }

    [Fact]
    public void LinksToAnotherLessonNotebookPointToItsPage()
    {
        var html = Render("[next](02-next.ipynb#the-failure) and [missing](99.ipynb)",
            links: l => l == "02-next.ipynb" ? "02-next.html" : null).Result.Html;
        Assert.Contains("href=\"02-next.html#the-failure\"", html);
        Assert.Contains("<span class=\"link-unpublished\" title=\"not on this site: 99.ipynb\">missing</span>", html);
        Assert.DoesNotContain("href=\"99.ipynb", html);
    }

    [Fact]
    public void AttachmentImagesBecomeDataUris()
    {
        var attachments = new JsonObject { ["dot.png"] = new JsonObject { ["image/png"] = "iVBORw0KGgo=" } };
        var html = Render("![a dot](attachment:dot.png)", attachments: attachments).Result.Html;
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html);
    }

    [Fact]
    public void LearningGoalsAreTheListAfterTheGoalsHeading()
    {
        var result = Render("# Lesson\n\n## Learning goals\n\n- Read $x_{t+1}$ as a step.\n- Pick *eta*.\n\nFollows Data 100.").Result;
        Assert.Equal(["Read <span class=\"math math-inline\">x_{t+1}</span> as a step.", "Pick <em>eta</em>."], result.GoalsHtml);
    }

    [Fact]
    public void LearningGoalsMayFollowABoldParagraph()
    {
        var result = Render("**Learning goals**\n\n1. One.\n2. Two.").Result;
        Assert.Equal(["One.", "Two."], result.GoalsHtml);
    }
}
