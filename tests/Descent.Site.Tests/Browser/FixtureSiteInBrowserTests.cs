using Microsoft.Playwright;

namespace Descent.Site.Tests.Browser;

/// <summary>The exported fixture site in headless Chromium, opened from disk with the network cut.</summary>
public sealed class FixtureSiteInBrowserTests : IClassFixture<BrowserSession>, IClassFixture<FixtureSite>
{
    private readonly BrowserSession browser;
    private readonly FixtureSite site;

    public FixtureSiteInBrowserTests(BrowserSession browser, FixtureSite site)
    {
        this.browser = browser;
        this.site = site;
    }

    [BrowserTheory]
    [MemberData(nameof(FixtureSite.Pages), MemberType = typeof(FixtureSite))]
    public async Task EveryChartAndFormulaRendersOfflineWithoutErrorsAndEveryLinkResolves(string pageName)
    {
        var file = Path.Combine(site.Directory, pageName);
        await using var opened = await browser.OpenAsync(file);
        var rendered = await PageChecks.ReadAsync(opened.Page);
        await opened.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "fixtures-" + Path.ChangeExtension(pageName, ".png")), FullPage = true });

        var lesson = site.Result.Lessons.FirstOrDefault(l => l.PageFile == pageName);
        if (lesson is not null)
        {
            Assert.Equal(lesson.Charts, rendered.Charts);
            Assert.Equal(lesson.Formulas, rendered.Formulas);
        }
        Assert.Empty(rendered.ChartsWithoutSvg);
        Assert.Empty(rendered.FormulasNotTypeset);
        Assert.Empty(rendered.RawTex);
        Assert.Empty(opened.ConsoleErrors);
        Assert.Empty(opened.FailedRequests);
        PageChecks.AssertStayedInTheSite(opened);
        Assert.Contains(opened.Requests, u => u.EndsWith("/assets/site.js", StringComparison.Ordinal)); // requests are seen

        var links = await PageChecks.LocalLinksAsync(opened.Page);
        Assert.NotEmpty(links);
        Assert.Empty(links.Select(l => PageChecks.BrokenLink(file, l)).OfType<string>());
    }

    [BrowserFact]
    public async Task TheFixtureLessonHasTheChartAndFormulasItWasWrittenWith()
    {
        var lesson = site.Result.Lessons.Single(l => l.PageFile == "01-fixture-lesson.html");
        Assert.Equal(1, lesson.Charts);
        Assert.True(lesson.Formulas >= 15, $"{lesson.Formulas} formulas");
        await using var opened = await browser.OpenAsync(Path.Combine(site.Directory, lesson.PageFile));
        // Math from a raw-HTML <details> block (no blank lines) is typeset like the rest.
        var answer = await opened.Page.EvaluateAsync<int>("() => document.querySelectorAll('details .katex').length");
        Assert.True(answer >= 5, $"{answer} typeset formulas inside <details>");
        // The table's header cells hold typeset math.
        Assert.Equal(3, await opened.Page.EvaluateAsync<int>("() => document.querySelectorAll('.cell-markdown th .katex').length"));
    }

    [BrowserFact]
    public async Task MovingTheSliderChangesTheVisibleTrace()
    {
        await using var opened = await browser.OpenAsync(Path.Combine(site.Directory, "01-fixture-lesson.html"));
        var page = opened.Page;
        var chart = await page.QuerySelectorAsync(".chart") ?? throw new InvalidOperationException("no chart");
        var id = await chart.GetAttributeAsync("id");
        await chart.ScrollIntoViewIfNeededAsync();
        var before = await PageChecks.ChartSignatureAsync(page, id!);
        Assert.Contains("eta = 0.1", before);

        await PageChecks.DragSliderToOtherEndAsync(page, id!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "fixtures-slider-moved.png") });
        var after = await PageChecks.ChartSignatureAsync(page, id!);
        Assert.NotEqual(before, after);
        Assert.Contains("eta = 1", after);
        Assert.DoesNotContain("eta = 0.1", after);
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);
    }

    [BrowserFact]
    public async Task TheNextLinkOpensTheNextLessonAndTheFailureIsShownAtItsCell()
    {
        await using var opened = await browser.OpenAsync(Path.Combine(site.Directory, "01-fixture-lesson.html"));
        var page = opened.Page;
        await page.ClickAsync(".pager-top a[rel=next]");
        await BrowserSession.WaitUntilAsync(page, "() => location.pathname.endsWith('02-fixture-failing.html') && document.documentElement.getAttribute('data-ready') === 'true'",
            null, TimeSpan.FromSeconds(30), "the next lesson did not open");
        Assert.Equal("Fixture 02: a lesson that stops", await page.TextContentAsync("h1"));
        Assert.Contains("the learning rate is too large: 5", await page.TextContentAsync("#cell-6 .output-error"));
        Assert.Contains("cell 6 (code cell 3)", await page.TextContentAsync(".export-failure"));
        Assert.True(await page.IsVisibleAsync("#cell-7 .output-not-run"));
        PageChecks.AssertStayedInTheSite(opened);
    }

    [BrowserFact]
    public async Task OnANarrowScreenThePageIsOneColumnWithoutSidewaysScrolling()
    {
        await using var opened = await browser.OpenAsync(Path.Combine(site.Directory, "01-fixture-lesson.html"), width: 390);
        var page = opened.Page;
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px at 390px");
        Assert.False(await page.EvaluateAsync<bool>("() => document.querySelector('.toc details').open"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "fixtures-01-fixture-lesson-narrow.png"), FullPage = false });
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);
    }

    [BrowserFact]
    public async Task PrintingHidesNavigationAndEveryAnswerAndKeepsTheChartsOnThePage()
    {
        await using var opened = await browser.OpenAsync(Path.Combine(site.Directory, "01-fixture-lesson.html"));
        var page = opened.Page;
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync(".toc"));
        Assert.False(await page.IsVisibleAsync(".site-header"));
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('beforeprint'))");
        // A student's printout of the page holds no answers, not even one the reader had opened (the teacher handout has them).
        Assert.True(await page.EvaluateAsync<int>("() => document.querySelectorAll('main details').length") > 0);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('main details')).filter(d => d.open).length"));
        await page.EvaluateAsync("() => document.querySelector('main details').open = true");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('main details')).filter(d => d.getBoundingClientRect().height > 0).length"));
        // The charts were redrawn to fit the printed page, and are still drawn.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('.chart')).filter(c => !c.querySelector('svg.main-svg') || c.querySelector('.svg-container').getBoundingClientRect().width > 640 || c.querySelector('.svg-container').getBoundingClientRect().height < 100).length"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "fixtures-01-fixture-lesson-print.png"), FullPage = true });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = Path.Combine(TestPaths.Artifacts("screenshots"), "fixtures-01-fixture-lesson-print.pdf") });
        Assert.True(pdf.Length > 10_000, $"{pdf.Length} bytes of PDF");
        PageChecks.AssertStayedInTheSite(opened);
    }
}
