using Microsoft.Playwright;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// Present mode and the handouts in headless Chromium, on the slides fixtures opened from disk: keys, the slide counter,
/// fragments, skip cells, Esc back to the same place, answers closed until revealed, speaker notes only in their own
/// window, and what each printout holds. What the page shows is read with innerText, which leaves out whatever is not
/// rendered (display: none) or not visible (visibility: hidden, a fragment not revealed yet).
/// </summary>
public sealed class PresentModeInBrowserTests : IClassFixture<BrowserSession>, IClassFixture<SlidesSite>
{
    private readonly BrowserSession browser;
    private readonly SlidesSite site;

    public PresentModeInBrowserTests(BrowserSession browser, SlidesSite site)
    {
        this.browser = browser;
        this.site = site;
    }

    private static Task<string> Shown(IPage page) => page.EvaluateAsync<string>("() => document.body.innerText");
    private static Task<string> Counter(IPage page) => page.EvaluateAsync<string>("() => document.querySelector('.present-counter').textContent");
    private static Task<bool> Presenting(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('presenting')");

    private static Task<bool> InView(IPage page, string selector) => page.EvaluateAsync<bool>(
        "s => { const r = document.querySelector(s).getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight && (r.top < 100 || window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1); }", selector);

    private async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "present-" + name + ".png") });

    [BrowserFact]
    public async Task KeysWalkTheSlidesOfTheMetadataFragmentByFragmentAndEscReturnsToTheSamePlace()
    {
        await using var opened = await browser.OpenAsync(site.File("01-slides-metadata.html"));
        var page = opened.Page;
        Assert.Contains("SKIPPED-CELL", await Shown(page)); // a skip cell is read on the page
        await page.Keyboard.PressAsync("p");
        Assert.True(await Presenting(page));
        Assert.Equal("1 / 4", await Counter(page));
        var shown = await Shown(page);
        Assert.Contains("Slides with metadata", shown);
        Assert.Contains("OUTPUT-ONE", shown);
        Assert.DoesNotContain("The second slide", shown);
        Assert.False(await page.IsVisibleAsync(".toc"));
        await Screenshot(page, "metadata-1");

        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("2 / 4", await Counter(page));
        shown = await Shown(page);
        Assert.Contains("The second slide", shown);
        Assert.DoesNotContain("OUTPUT-ONE", shown);
        Assert.DoesNotContain("STEP-ONE", shown);
        Assert.DoesNotContain("OUTPUT-TWO", shown);

        await page.Keyboard.PressAsync("Space"); // the first fragment: its cell and the "-" code cell after it
        Assert.Equal("2 / 4", await Counter(page));
        shown = await Shown(page);
        Assert.Contains("STEP-ONE", shown);
        Assert.Contains("OUTPUT-TWO", shown);
        Assert.DoesNotContain("STEP-TWO", shown);
        await Screenshot(page, "metadata-2-fragment-1");

        await page.Keyboard.PressAsync("PageDown");
        Assert.Contains("STEP-TWO", await Shown(page));
        await page.Keyboard.PressAsync("ArrowRight"); // past the skip cell, to the subslide
        Assert.Equal("3 / 4", await Counter(page));
        shown = await Shown(page);
        Assert.Contains("A subslide", shown);
        Assert.DoesNotContain("SKIPPED-CELL", shown);

        await page.Keyboard.PressAsync("ArrowLeft"); // back onto slide 2: all its steps shown
        Assert.Equal("2 / 4", await Counter(page));
        Assert.Contains("STEP-TWO", await Shown(page));
        await page.Keyboard.PressAsync("PageUp"); // one step back
        Assert.Equal("2 / 4", await Counter(page));
        shown = await Shown(page);
        Assert.Contains("STEP-ONE", shown);
        Assert.DoesNotContain("STEP-TWO", shown);

        await page.Keyboard.PressAsync("End");
        Assert.Equal("4 / 4", await Counter(page));
        await page.Keyboard.PressAsync("ArrowRight"); // nothing after the last
        Assert.Equal("4 / 4", await Counter(page));
        await page.Keyboard.PressAsync("Home");
        Assert.Equal("1 / 4", await Counter(page));
        await page.Keyboard.PressAsync("End");

        await page.Keyboard.PressAsync("Escape");
        Assert.False(await Presenting(page));
        Assert.True(await InView(page, "#cell-11"), "Esc did not return to the last slide's place in the page");
        Assert.True(await page.IsVisibleAsync(".toc"));
        shown = await Shown(page);
        Assert.Contains("SKIPPED-CELL", shown);
        Assert.DoesNotContain("NOTE-ONE", shown);

        // Presenting starts at the section the reader is at.
        await page.EvaluateAsync("() => document.querySelector('#cell-4').scrollIntoView({ block: 'start' })");
        await page.Keyboard.PressAsync("p");
        Assert.Equal("2 / 4", await Counter(page));
        await page.Keyboard.PressAsync("p"); // P leaves too
        Assert.False(await Presenting(page));
        Assert.True(await InView(page, "#cell-4"));

        // The Present button does what P does.
        await page.ClickAsync(".present-start");
        Assert.True(await Presenting(page));
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);
    }

    [BrowserFact]
    public async Task AnswersAreClosedUntilRevealedAndTheReadersOpenAnswersComeBackOnLeaving()
    {
        await using var opened = await browser.OpenAsync(site.File("01-slides-metadata.html"));
        var page = opened.Page;
        await page.EvaluateAsync("() => document.querySelectorAll('main details').forEach(d => d.open = true)");
        Assert.Contains("ANSWER-TWO", await Shown(page));

        await page.Keyboard.PressAsync("p");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("2 / 4", await Counter(page));
        var shown = await Shown(page);
        Assert.Contains("Answer", shown); // the summary
        Assert.DoesNotContain("ANSWER-TWO", shown);

        await page.Keyboard.PressAsync("a");
        Assert.Contains("ANSWER-TWO", await Shown(page));
        await Screenshot(page, "metadata-2-answer");
        await page.Keyboard.PressAsync("a");
        Assert.DoesNotContain("ANSWER-TWO", await Shown(page));
        await page.ClickAsync("#cell-4 summary"); // or by clicking it
        Assert.Contains("ANSWER-TWO", await Shown(page));
        await page.Keyboard.PressAsync("Space"); // the summary let go of the focus: Space is the next step, not a toggle
        var stepped = await Shown(page);
        Assert.Contains("STEP-ONE", stepped);
        Assert.Contains("ANSWER-TWO", stepped);

        await page.Keyboard.PressAsync("End");
        shown = await Shown(page);
        Assert.Contains("What you should see", shown);
        Assert.DoesNotContain("SEE-FOUR", shown);

        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(2, await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('main details')).filter(d => d.open).length"));
        Assert.Empty(opened.ConsoleErrors);
    }

    [BrowserFact]
    public async Task SpeakerNotesShowOnlyInTheirOwnWindowAndFollowTheSlides()
    {
        await using var opened = await browser.OpenAsync(site.File("01-slides-metadata.html"));
        var page = opened.Page;
        Assert.Equal(2, await page.EvaluateAsync<int>("() => document.querySelectorAll('main [data-slide-type=notes]').length"));
        Assert.DoesNotContain("NOTE-ONE", await Shown(page));

        await page.Keyboard.PressAsync("p");
        Assert.DoesNotContain("NOTE-ONE", await Shown(page)); // never on the projected slide
        var popupOpened = page.WaitForPopupAsync();
        await page.Keyboard.PressAsync("s");
        var notes = await popupOpened;
        var text = await notes.EvaluateAsync<string>("() => document.body.innerText");
        Assert.Contains("NOTE-ONE", text);
        Assert.Contains("Screen 1 / 4", text);
        Assert.Contains("Next: The second slide", text);
        Assert.DoesNotContain("NOTE-ONE", await Shown(page));

        await page.BringToFrontAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        text = await notes.EvaluateAsync<string>("() => document.body.innerText");
        Assert.Contains("Screen 2 / 4", text);
        Assert.Contains("No speaker notes for this screen.", text);

        // Keys pressed in the notes window drive the presentation too.
        await notes.Keyboard.PressAsync("End");
        Assert.Equal("4 / 4", await Counter(page));
        await notes.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal("3 / 4", await Counter(page));
        text = await notes.EvaluateAsync<string>("() => document.body.innerText");
        Assert.Contains("NOTE-THREE", text);
        Assert.DoesNotContain("NOTE-ONE", text);
        // Its formula is typeset, and the MathML copy for screen readers is not shown beside it.
        Assert.True(await notes.EvaluateAsync<bool>("() => { const m = document.querySelector('.katex-mathml'); return !!document.querySelector('.katex-html') && !!m && m.getBoundingClientRect().width <= 1; }"),
            "the notes window shows a formula twice");
        Assert.DoesNotContain("NOTE-THREE", await Shown(page));
        await notes.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "present-speaker-notes.png") });

        await page.BringToFrontAsync();
        await page.Keyboard.PressAsync("Escape"); // leaving closes the notes window
        for (var waited = 0; !notes.IsClosed && waited < 50; waited++) await Task.Delay(100);
        Assert.True(notes.IsClosed, "the speaker-notes window is still open after Esc");
        Assert.Empty(opened.ConsoleErrors);
    }

    [BrowserFact]
    public async Task WithoutMetadataEachHeadingIsAScreenWithItsFirstSentenceCodeAndClosedAnswers()
    {
        await using var opened = await browser.OpenAsync(site.File("02-slides-headings.html"));
        var page = opened.Page;
        await page.ClickAsync(".present-start");
        Assert.Equal("1 / 3", await Counter(page));
        var shown = await Shown(page);
        Assert.Contains("Slides from headings", shown);
        Assert.Contains("PROMPT-ONE is the first sentence.", shown);
        Assert.Contains("HEAD-OUTPUT-ONE", shown);
        Assert.DoesNotContain("HIDDEN-PROSE", shown);
        Assert.DoesNotContain("Part A", shown);

        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("2 / 3", await Counter(page));
        shown = await Shown(page);
        Assert.Contains("Part A", shown);
        Assert.Contains("PROMPT-A asks a question, e.g. this one.", shown);
        Assert.Contains("HEAD-OUTPUT-A", shown);
        Assert.Contains("Answer", shown);
        Assert.DoesNotContain("ANSWER-A", shown);
        Assert.DoesNotContain("HIDDEN-PROSE", shown);
        Assert.DoesNotContain("HEAD-OUTPUT-ONE", shown);
        await Screenshot(page, "headings-2");

        await page.Keyboard.PressAsync("Space");
        Assert.Equal("3 / 3", await Counter(page));
        shown = await Shown(page);
        Assert.Contains("Part B", shown);
        Assert.Contains("PROMPT-B closes it.", shown);
        Assert.Contains("HEAD-OUTPUT-B", shown);
        Assert.DoesNotContain("HIDDEN-PROSE", shown);

        await page.Keyboard.PressAsync("Escape");
        Assert.True(await InView(page, "#part-b"), "Esc did not return to Part B");
        shown = await Shown(page); // the reading view is whole again, without the prompts' copies
        Assert.Contains("HIDDEN-PROSE-B", shown);
        Assert.Equal(1, CountOf(shown, "PROMPT-B closes it."));
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);
    }

    [BrowserFact]
    public async Task PrintoutsHoldTheAnswersAndNotesOnlyInTheTeacherHandout()
    {
        // The lesson page, printed: no answers (even one the reader opened) and no notes.
        await using (var opened = await browser.OpenAsync(site.File("01-slides-metadata.html")))
        {
            var page = opened.Page;
            await page.EvaluateAsync("() => document.querySelectorAll('main details').forEach(d => d.open = true)");
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            var printed = await Shown(page);
            Assert.Contains("OUTPUT-ONE", printed);
            foreach (var hidden in new[] { "ANSWER-TWO", "SEE-FOUR", "NOTE-ONE", "Present" })
                Assert.DoesNotContain(hidden, printed);
        }

        await using (var opened = await browser.OpenAsync(site.File("01-slides-metadata.student.html")))
        {
            var page = opened.Page;
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('details, [data-slide-type=notes]').length"));
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            var printed = await Shown(page);
            foreach (var kept in new[] { "Student handout", "OUTPUT-ONE", "STEP-TWO", "What does one step do?" })
                Assert.Contains(kept, printed);
            foreach (var hidden in new[] { "ANSWER-TWO", "SEE-FOUR", "NOTE-ONE", "NOTE-THREE" })
                Assert.DoesNotContain(hidden, printed);
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = Path.Combine(TestPaths.Artifacts("screenshots"), "slides-student-handout.pdf") });
            Assert.True(pdf.Length > 5_000, $"{pdf.Length} bytes of PDF");
            Assert.Empty(opened.ConsoleErrors);
        }

        await using (var opened = await browser.OpenAsync(site.File("01-slides-metadata.teacher.html")))
        {
            var page = opened.Page;
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            var printed = await Shown(page);
            foreach (var kept in new[] { "Teacher handout", "ANSWER-TWO", "SEE-FOUR", "NOTE-ONE", "NOTE-THREE", "Speaker notes", "OUTPUT-FOUR" })
                Assert.Contains(kept, printed);
            await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = Path.Combine(TestPaths.Artifacts("screenshots"), "slides-teacher-handout.pdf") });
            Assert.Empty(opened.ConsoleErrors);
        }
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
