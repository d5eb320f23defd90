using Microsoft.Playwright;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// Every lesson of the repository in present mode: without slideshow metadata one screen per # or ## heading, with it
/// (lesson 01) one per slide or subslide cell; each screen shows something and none shows an answer or the whole page,
/// and Esc comes back to the last screen's heading.
/// </summary>
public sealed class LessonsPresentInBrowserTests : IClassFixture<BrowserSession>, IClassFixture<LessonSite>
{
    private readonly BrowserSession browser;
    private readonly LessonSite site;

    public LessonsPresentInBrowserTests(BrowserSession browser, LessonSite site)
    {
        this.browser = browser;
        this.site = site;
    }

    [LessonTheory]
    [MemberData(nameof(LessonSite.Pages), MemberType = typeof(LessonSite))]
    public async Task EachHeadingIsAScreenAndEveryScreenShowsItsPartWithAnswersClosed(string pageName)
    {
        await using var opened = await browser.OpenAsync(Path.Combine(site.Directory, pageName));
        var page = opened.Page;
        var byMetadata = await page.GetAttributeAsync("main", "data-slideshow") == "metadata";
        var whole = (await page.EvaluateAsync<string>("() => document.querySelector('main').innerText")).Length;
        var headings = await page.EvaluateAsync<int>("() => document.querySelectorAll('main .cell-markdown > h1, main .cell-markdown > h2').length");
        var startsWithHeading = await page.EvaluateAsync<bool>("() => /^H[12]$/.test(document.querySelector('main .cell').firstElementChild.tagName)");
        // With metadata: a screen per slide or subslide cell (the first shown cell always starts one).
        var slides = await page.EvaluateAsync<int>("""
            () => { const shown = Array.from(document.querySelectorAll('main > .cell')).filter(c => !['skip', 'notes'].includes(c.getAttribute('data-slide-type')));
                    const starts = c => ['slide', 'subslide'].includes(c.getAttribute('data-slide-type'));
                    return shown.filter(starts).length + (shown.length > 0 && !starts(shown[0]) ? 1 : 0); }
            """);

        await page.Keyboard.PressAsync("p");
        var screens = await page.EvaluateAsync<int>("() => window.DescentPresent.screens()");
        Assert.Equal(byMetadata ? slides : headings + (startsWithHeading ? 0 : 1), screens);
        for (var i = 1; i <= screens; i++)
        {
            Assert.Equal($"{i} / {screens}", await page.EvaluateAsync<string>("() => document.querySelector('.present-counter').textContent"));
            var shown = await page.EvaluateAsync<string>("() => document.querySelector('main').innerText");
            Assert.True(shown.Trim().Length > 0, $"screen {i} of {pageName} is empty");
            Assert.True(shown.Length < whole, $"screen {i} of {pageName} shows the whole page");
            Assert.Equal(0, await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('main details')).filter(d => d.open).length"));
            Assert.Equal(0, await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('main .cell-notes')).filter(n => n.offsetParent !== null).length"));
            if (i == 2 && pageName.StartsWith("01-", StringComparison.Ordinal))
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "present-lesson-01-screen-2.png") });
            // Next screen: through this screen's fragments first (with metadata), then on.
            for (var step = 0; step < 50 && i < screens && await page.EvaluateAsync<string>("() => document.querySelector('.present-counter').textContent") == $"{i} / {screens}"; step++)
                await page.Keyboard.PressAsync("ArrowRight");
        }
        Assert.Equal($"{screens} / {screens}", await page.EvaluateAsync<string>("() => document.querySelector('.present-counter').textContent"));
        await page.Keyboard.PressAsync("Escape");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const hs = document.querySelectorAll('main .cell-markdown > h1, main .cell-markdown > h2'); const r = hs[hs.length - 1].getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight; }"),
            "Esc did not return to the last heading");
        Assert.Empty(opened.ConsoleErrors);
    }
}
