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
        PageChecks.AssertStayedInTheSite(opened);
        // The requests were seen: the page fetched its scripts, stylesheets and KaTeX's fonts from the site's files.
        var fetched = opened.Requests.Select(u => Path.GetRelativePath(site.Directory, new Uri(u).LocalPath).Replace('\\', '/')).ToHashSet();
        Assert.Superset(new HashSet<string> { "assets/katex/katex.min.js", "assets/katex/katex.min.css", "assets/site.js", "assets/site.css" }, fetched);
        Assert.Contains(fetched, f => f.StartsWith("assets/katex/fonts/", StringComparison.Ordinal) && f.EndsWith(".woff2", StringComparison.Ordinal));
        Assert.Empty((await PageChecks.LocalLinksAsync(page)).Select(l => PageChecks.BrokenLink(file, l)).OfType<string>());

        // The first chart with a slider: moving the slider to its other end changes what the chart shows.
        var sliderChart = await page.EvaluateAsync<string?>("() => { const c = Array.from(document.querySelectorAll('.chart')).find(c => c.querySelector('.slider-grip-rect')); return c ? c.id : null; }");
        if (sliderChart is null) return;
        var before = await PageChecks.ChartSignatureAsync(page, sliderChart);
        await PageChecks.DragSliderToOtherEndAsync(page, sliderChart);
        var after = await PageChecks.ChartSignatureAsync(page, sliderChart);
        Assert.NotEqual(before, after);
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);
    }

    [LessonTheory]
    [MemberData(nameof(LessonSite.Pages), MemberType = typeof(LessonSite))]
    public async Task TheContentsListTheLessonsHeadingsInOrderAndEveryEntryOpensItsHeading(string pageName)
    {
        var file = Path.Combine(site.Directory, pageName);
        Assert.True(File.Exists(file), $"{pageName} was not exported:\n{site.Output}");
        var expected = TableOfContents.ExpectedHeadings(LessonSite.NotebookOf(pageName));
        Assert.True(expected.Count >= 3, $"{pageName}: the notebook has {expected.Count} headings for the contents");

        await using var opened = await browser.OpenAsync(file);
        var page = opened.Page;
        var contents = await PageChecks.TableOfContentsAsync(page);
        Assert.Equal(expected, contents.Select(c => (c.Entry.Level, c.Entry.Text)));
        foreach (var (entry, targets, tag, targetText, inMain) in contents)
        {
            Assert.True(targets == 1, $"{entry.Href}: {targets} elements have that id");
            Assert.Equal($"H{entry.Level}", tag);
            Assert.Equal(entry.Text, targetText);
            Assert.True(inMain, $"{entry.Href} is not in the lesson");
        }
        // The same entries are in the HTML as written (the page works before any script runs).
        Assert.Equal(contents.Select(c => c.Entry.Href), TableOfContents.Read(await File.ReadAllTextAsync(file)).Select(e => e.Href));

        // Clicking the last entry scrolls its heading into view. A heading scrolled to the top of the window can sit a
        // fraction of a pixel above it (lesson 10's Summary: top = -0.078), so the check allows one pixel.
        var last = contents[^1].Entry;
        await page.ClickAsync("nav.toc li:last-child a");
        await BrowserSession.WaitUntilAsync(page,
            "href => { const t = document.getElementById(decodeURIComponent(href.slice(1))).getBoundingClientRect(); return location.hash === href && t.top >= -1 && t.bottom <= window.innerHeight + 1; }",
            last.Href, TimeSpan.FromSeconds(10), $"clicking '{last.Text}' in the contents did not bring {last.Href} into view");
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);
    }

    [LessonTheory]
    [MemberData(nameof(LessonSite.FirstPages), MemberType = typeof(LessonSite))]
    public async Task HoveringOverADataPointShowsItsValues(string pageName)
    {
        var file = Path.Combine(site.Directory, pageName);
        Assert.True(File.Exists(file), $"{pageName} was not exported:\n{site.Output}");
        await using var opened = await browser.OpenAsync(file);
        var page = opened.Page;
        var target = await ChartHover.FindAsync(page)
            ?? throw new InvalidOperationException($"{pageName} has no chart with an isolated marker whose hover shows its x and y");

        var shown = await ChartHover.HoverAsync(page, target);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "lesson-hover-" + Path.ChangeExtension(pageName, ".png")) });

        // plotly.js reports the hover on the point the mouse is on, and its label shows that point.
        Assert.Contains(shown.HoveredPoints, p => p.SequenceEqual([target.Trace, target.Point]));
        var label = Assert.Single(shown.Labels, l => ChartHover.TemplateText(target.HoverTemplate).All(l.Contains));
        var numbers = ChartHover.Numbers(label);
        Assert.True(numbers.Any(n => Close(n, target.X)), $"the label '{label}' does not show x = {target.X}");
        Assert.True(numbers.Any(n => Close(n, target.Y)), $"the label '{label}' does not show y = {target.Y}");

        // Moving away hides it again.
        await page.Mouse.MoveAsync(5, 5);
        await BrowserSession.WaitUntilAsync(page, "id => document.querySelectorAll('#' + id + ' .hoverlayer .hovertext').length === 0",
            target.ChartId, TimeSpan.FromSeconds(10), "the hover label stayed after the mouse left the chart");
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);

        // A label rounds to the template's format (.4g or .6g here); 0.5% covers it without matching another value.
        static bool Close(double shownValue, double value) => Math.Abs(shownValue - value) <= Math.Max(5e-3 * Math.Abs(value), 1e-9);
    }

    [LessonExportFact]
    public void NothingTheLessonExportWroteLoadsFromOutsideTheSite()
    {
        Assert.True(site.ExitCode == 0, $"descent export exited with {site.ExitCode}:\n{site.Output}");
        var (scanned, notScanned) = ExternalReferences.Files(site.Directory);
        Assert.Equal(["assets/katex/katex.min.js", "assets/plotly-2.28.0.min.js"], notScanned.Where(f => !f.StartsWith("assets/katex/fonts/", StringComparison.Ordinal)));
        Assert.Equal(20, notScanned.Count(f => f.StartsWith("assets/katex/fonts/", StringComparison.Ordinal) && f.EndsWith(".woff2", StringComparison.Ordinal)));
        var lessons = TestPaths.RepositoryLessons.Count;
        Assert.Equal(lessons + 1, scanned.Count(f => f.EndsWith(".html", StringComparison.Ordinal)));
        Assert.Equal(lessons, scanned.Count(f => f.EndsWith(".ipynb", StringComparison.Ordinal)));
        Assert.Superset(new HashSet<string> { "index.html", "assets/site.css", "assets/site.js", "assets/katex/katex.min.css" }, scanned.ToHashSet());
        Assert.Empty(scanned.SelectMany(f => ExternalReferences.InFile(site.Directory, f)));
    }

    [LessonFact]
    public async Task TheLessonSiteShipsThePinnedKatex()
    {
        Assert.Equal(KatexPin.Pinned, KatexPin.Locked());
        Assert.Equal((KatexPin.Pinned, KatexPin.Pinned), KatexPin.Shipped(site.Directory));
        // And the KaTeX the browser runs is that one.
        await using var opened = await browser.OpenAsync(Path.Combine(site.Directory, Descent.Site.Export.SiteExporter.Slugs(TestPaths.RepositoryLessons)[0] + ".html"));
        Assert.Equal(KatexPin.Pinned, await opened.Page.EvaluateAsync<string>("() => katex.version"));
    }
}
