using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Descent.Site.Tests.Browser;

/// <summary>Every lesson in notebooks/, exported by <c>descent export</c> and read in headless Chromium with the network cut.</summary>
public sealed partial class LessonSiteInBrowserTests : IClassFixture<BrowserSession>, IClassFixture<LessonSite>
{
    private readonly BrowserSession browser;
    private readonly LessonSite site;

    public LessonSiteInBrowserTests(BrowserSession browser, LessonSite site)
    {
        this.browser = browser;
        this.site = site;
    }

    [LessonFact]
    public void EveryLessonRanCleanAndIsListedWithItsTitleAndLearningGoals()
    {
        Assert.True(site.ExitCode == 0, $"descent export exited with {site.ExitCode}:\n{site.Output}");
        var index = File.ReadAllText(Path.Combine(site.Directory, "index.html"));
        foreach (var page in Descent.Site.Export.SiteExporter.Slugs(TestPaths.RepositoryLessons).Select(slug => slug + ".html"))
        {
            var card = Regex.Match(index, $"<li class=\"lesson-card\">\\s*<h2><a href=\"{Regex.Escape(page)}\">(.+?)</a></h2>(.*?)</li>\\s*(?=<li class=\"lesson-card|</ol>)", RegexOptions.Singleline);
            Assert.True(card.Success, $"index.html has no card for {page}");
            Assert.NotEqual(Path.GetFileNameWithoutExtension(page), card.Groups[1].Value); // a real title, not the file name
            Assert.Contains("<ul class=\"goals\">", card.Groups[2].Value);
        }
    }

    [LessonTheory]
    [MemberData(nameof(LessonSite.Pages), MemberType = typeof(LessonSite))]
    public async Task TheLessonPageRendersEveryChartAndFormulaOfflineAndItsSliderAndLinksWork(string pageName)
    {
        var file = Path.Combine(site.Directory, pageName);
        Assert.True(File.Exists(file), $"{pageName} was not exported:\n{site.Output}");
        Assert.InRange(new FileInfo(file).Length, 1, 1_000_000);

        await using var opened = await browser.OpenAsync(file);
        var page = opened.Page;
        var rendered = await PageChecks.ReadAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "lesson-" + Path.ChangeExtension(pageName, ".png")), FullPage = true });

        Assert.Empty(rendered.ChartsWithoutSvg);
        Assert.Empty(rendered.FormulasNotTypeset);
        Assert.Empty(rendered.RawTex);
        Assert.Empty(opened.ConsoleErrors);
        Assert.Empty(opened.FailedRequests);
        Assert.Empty(opened.BlockedRequests);
        Assert.Empty((await PageChecks.LocalLinksAsync(page)).Select(l => PageChecks.BrokenLink(file, l)).OfType<string>());

        // The first chart with a slider: moving the slider to its other end changes what the chart shows.
        var sliderChart = await page.EvaluateAsync<string?>("() => { const c = Array.from(document.querySelectorAll('.chart')).find(c => c.querySelector('.slider-grip-rect')); return c ? c.id : null; }");
        if (sliderChart is null) return;
        var before = await PageChecks.ChartSignatureAsync(page, sliderChart);
        await PageChecks.DragSliderToOtherEndAsync(page, sliderChart);
        var after = await PageChecks.ChartSignatureAsync(page, sliderChart);
        Assert.NotEqual(before, after);
        Assert.Empty(opened.ConsoleErrors);
    }
}
