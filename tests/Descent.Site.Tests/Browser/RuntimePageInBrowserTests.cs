using System.Text.Json;
using System.Text.Json.Nodes;
using Descent.Notebooks.Model;
using Descent.Site.Pages;
using Microsoft.Playwright;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// Runnable lesson pages (notebook.js and the code editor) in headless Chromium, on a site with the browser runtime
/// served over http, with the fake worker in place of the real runtime (see <see cref="RuntimeSite"/>). Cell numbers are
/// the page's (#cell-N, counting markdown cells): lesson 01's code cells are 4, 5, 6, 8 and 10.
/// </summary>
public sealed class RuntimePageInBrowserTests : IClassFixture<BrowserSession>, IClassFixture<RuntimeSite>
{
    private const string Lesson = "01-fixture-lesson.html";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly BrowserSession browser;
    private readonly RuntimeSite site;

    public RuntimePageInBrowserTests(BrowserSession browser, RuntimeSite site)
    {
        this.browser = browser;
        this.site = site;
    }

    [BrowserFact]
    public async Task EachCodeCellIsAnEditorWithItsExactSourceAndShiftEnterRunsTheCellsItNeedsFirst()
    {
        await using var opened = await OpenAsync(Lesson);
        var page = opened.Page;

        // Every code cell is an editor holding exactly the notebook's source; no static code block is left.
        var notebook = Notebook.Load(site.PathOf("01-fixture-lesson.ipynb"));
        var expected = notebook.Cells.Select((c, i) => (c, i)).Where(x => x.c.IsCode).Select(x => $"cell-{x.i + 1}|{x.c.Source}").ToArray();
        Assert.Equal(expected, await page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('section.cell-code')).map(s => s.id + '|' + s.querySelector('.editor').descentEditor.getText())"));
        Assert.Equal(0, await page.Locator("main pre.code, .runtime-hint").CountAsync());
        Assert.Equal(["1", "2", "3"], await page.Locator("#cell-4 .cm-lineNumbers .cm-gutterElement:not([style*='visibility'])").AllTextContentsAsync());
        Assert.True(await page.EvaluateAsync<bool>("""
            () => Array.from(document.querySelectorAll('#cell-4 .cm-content span'))
              .some(s => s.textContent.startsWith('// the derivative') && getComputedStyle(s).color === 'rgb(106, 115, 125)')
            """), "the comment in cell 4 is not coloured as a comment");
        Assert.Equal(PageShell.RuntimeContentSecurityPolicy,
            await page.GetAttributeAsync("meta[http-equiv='Content-Security-Policy']", "content"));

        // Shift+Enter in cell 8 runs cells 4-6 first, then 8, and says so.
        await page.ClickAsync("#cell-8 .cm-content");
        await page.Keyboard.PressAsync("Shift+Enter");
        await WaitForPromptAsync(page, 8, "[4]");
        Assert.Contains("Cells 4–6 ran first: cell 8 needs them.", await BarTextAsync(page));
        Assert.Equal(["[1]", "[2]", "[3]", "[4]"], await PromptsAsync(page, 4, 5, 6, 8));
        // The cell's old outputs (a chart and the timing) are replaced by what the worker sent.
        Assert.Equal(0, await page.Locator("#cell-8 .chart").CountAsync());
        var output = Assert.Single(await page.Locator("#cell-8 .outputs > *").AllTextContentsAsync());
        Assert.StartsWith("cell 7 ran: #!time\nvar chart = Plots.PathsBySlider", output);
        Assert.Contains("session: 3,4,5,7", output);
        // Output HTML is inserted as HTML, and the worker's escaping holds: cell 5 printed markup as text.
        Assert.Contains("<script>alert(1)</script>", await page.TextContentAsync("#cell-5 .outputs pre.output-stream"));
        Assert.Equal(0, await page.Locator("#cell-5 .outputs script, #cell-5 .outputs b").CountAsync());
        Assert.Matches(@"^Ready · cells 4–8 ran in \d+ ms$", await page.TextContentAsync(".runtime-status"));

        // Run again, with Ctrl+Enter: the earlier cells have run, so only cell 8 runs.
        await page.ClickAsync("#cell-8 .cm-content");
        await page.Keyboard.PressAsync("Control+Enter");
        await WaitForPromptAsync(page, 8, "[5]");
        Assert.DoesNotContain("first", await BarTextAsync(page));
        Assert.Contains("session: 3,4,5,7,7", await page.TextContentAsync("#cell-8 .outputs"));

        Assert.Contains(opened.Requests, u => u.EndsWith("/assets/runtime/worker.js", StringComparison.Ordinal));
        Assert.Contains(opened.Requests, u => u.EndsWith("/assets/editor.js", StringComparison.Ordinal));
        AssertClean(opened);
    }

    [BrowserFact]
    public async Task InPresentModeTheCellsStayRunnableAndKeysTypedInAnEditorDoNotTurnTheSlide()
    {
        await using var opened = await OpenAsync(Lesson);
        var page = opened.Page;
        await page.Keyboard.PressAsync("p");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('presenting')"));
        for (var i = 0; i < 20 && !await page.IsVisibleAsync("#cell-4 .run-cell"); i++) await page.Keyboard.PressAsync("ArrowRight");
        Assert.True(await page.IsVisibleAsync("#cell-4 .run-cell"), "no screen shows cell 4's Run button");
        Assert.True(await page.IsVisibleAsync(".runtime-bar"));
        var counter = await page.TextContentAsync(".present-counter");

        // Space, arrows and P typed in the editor edit the code; the presentation stays where it is.
        await AppendToCellAsync(page, 4, " ");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.TypeAsync("// p");
        Assert.Equal(counter, await page.TextContentAsync(".present-counter"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('presenting')"));
        Assert.EndsWith(" // p", await page.EvaluateAsync<string>("() => document.querySelector('#cell-4 .editor').descentEditor.getText()"));

        await page.ClickAsync("#cell-4 .run-cell");
        await WaitForPromptAsync(page, 4, "[1]");
        Assert.True(await page.IsVisibleAsync("#cell-4 .outputs"));
        Assert.Equal(counter, await page.TextContentAsync(".present-counter"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("runtime-present.png") });
        AssertClean(opened);
    }

    [BrowserFact]
    public async Task ChartsFormulasAndDisplayUpdatesFromTheWorkerAreShownLikeExportedOutputs()
    {
        await using var opened = await OpenAsync(Lesson);
        var page = opened.Page;
        await AppendToCellAsync(page, 4, " // chart // formula // display");
        Assert.True(await page.IsVisibleAsync("#cell-4 .reset-cell"));
        await page.ClickAsync("#cell-4 .run-cell");
        await WaitForPromptAsync(page, 4, "[1]");

        // The chart is drawn with the site's plotly.js, under an id of its own (the worker numbers its charts from 1).
        await BrowserSession.WaitUntilAsync(page, "() => !!document.querySelector('#cell-4 .chart[data-rendered] svg.main-svg')", null, Patience, "the chart was not drawn");
        var ids = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('[id]')).map(e => e.id)");
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.StartsWith("chart-run-", await page.GetAttributeAsync("#cell-4 .chart", "id"));
        // The formula is typeset; the display was replaced in place by its update.
        Assert.Equal(1, await page.Locator("#cell-4 .output-latex .katex").CountAsync());
        Assert.Equal(["step 3"], await page.Locator("#cell-4 [data-display-id]").AllTextContentsAsync());

        // Running the cell again replaces its outputs: one chart, one formula, one display.
        await page.ClickAsync("#cell-4 .run-cell");
        await WaitForPromptAsync(page, 4, "[2]");
        await BrowserSession.WaitUntilAsync(page, "() => !!document.querySelector('#cell-4 .chart[data-rendered] svg.main-svg')", null, Patience, "the chart was not drawn again");
        Assert.Equal(1, await page.Locator("#cell-4 .chart").CountAsync());
        Assert.Equal(1, await page.Locator("#cell-4 .katex").CountAsync());
        Assert.Equal(["step 3"], await page.Locator("#cell-4 [data-display-id]").AllTextContentsAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("runtime-outputs.png"), FullPage = true });
        AssertClean(opened);
    }

    [BrowserFact]
    public async Task StopEndsACellThatNeverEndsAndThePageStaysUsable()
    {
        await using var opened = await OpenAsync(Lesson);
        var page = opened.Page;
        await ReplaceCellAsync(page, 5, "while (true) { }");
        await page.ClickAsync("#cell-5 .run-cell");
        await BrowserSession.WaitUntilAsync(page, "() => document.querySelector('.runtime-status').textContent.startsWith('Running cell 5…')",
            null, Patience, "cell 5 did not start");
        await WaitForPromptAsync(page, 5, "[*]");
        await Task.Delay(300);
        Assert.True(await page.IsEnabledAsync(".runtime-bar .stop"));

        await page.ClickAsync(".runtime-bar .stop");
        await BrowserSession.WaitUntilAsync(page, "() => document.querySelector('main').getAttribute('data-runtime-state') === 'ready'", null, Patience,
            "a new runtime did not start after Stop");
        Assert.Contains("The C# state was reset: earlier cells will run again when needed.", await BarTextAsync(page));
        Assert.Equal(["[ ]", "[ ]", "[ ]", "[ ]", "[ ]"], await PromptsAsync(page, 4, 5, 6, 8, 10));
        Assert.Equal("stopped", await page.GetAttributeAsync("#cell-5", "data-run"));
        Assert.StartsWith("Stopped after ", await page.TextContentAsync("#cell-5 .output-stopped"));
        Assert.False(await page.IsEnabledAsync(".runtime-bar .stop"));

        // The page works on: a fresh session runs cell 4 as its first cell...
        await page.ClickAsync("#cell-4 .run-cell");
        await WaitForPromptAsync(page, 4, "[1]");
        Assert.Contains("session: 3\n", await page.TextContentAsync("#cell-4 .outputs"));
        // ...and once cell 5 has the lesson's code again, running cell 6 runs it first.
        await page.ClickAsync("#cell-5 .reset-cell");
        await page.ClickAsync("#cell-6 .run-cell");
        await WaitForPromptAsync(page, 6, "[3]");
        Assert.Contains("Cell 5 ran first: cell 6 needs it.", await BarTextAsync(page));
        Assert.Contains("session: 3,4,5\n", await page.TextContentAsync("#cell-6 .outputs"));
        AssertClean(opened);
    }

    [BrowserFact]
    public async Task EditsSurviveAReloadAndResetPutsTheLessonsCodeBack()
    {
        await using var opened = await OpenAsync(Lesson);
        var page = opened.Page;
        var original4 = await EditorTextAsync(page, 4);
        var original6 = await EditorTextAsync(page, 6);
        await AppendToCellAsync(page, 4, " + 1");
        await ReplaceCellAsync(page, 6, "var x = 42;");
        Assert.Equal(original4 + " + 1", await EditorTextAsync(page, 4));
        Assert.Equal("var x = 42;", await EditorTextAsync(page, 6));

        await page.ReloadAsync();
        await WaitForRuntimeUiAsync(page);
        Assert.Equal(original4 + " + 1", await EditorTextAsync(page, 4));
        Assert.Equal("var x = 42;", await EditorTextAsync(page, 6));
        Assert.Equal(original4 + " + 1", await StoredAsync(page, "descent:v1:01-fixture-lesson:cell-3"));
        Assert.True(await page.IsVisibleAsync("#cell-4 .reset-cell"));
        Assert.True(await page.IsVisibleAsync("#cell-4 .edited-label"));
        Assert.False(await page.IsVisibleAsync("#cell-5 .reset-cell"));
        Assert.Equal(["cell-4", "cell-6"], await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('.cell-edited')).map(s => s.id)"));

        // Reset cell: the lesson's code, no saved copy, no Reset button.
        await page.ClickAsync("#cell-4 .reset-cell");
        Assert.Equal(original4, await EditorTextAsync(page, 4));
        Assert.Null(await StoredAsync(page, "descent:v1:01-fixture-lesson:cell-3"));
        Assert.False(await page.IsVisibleAsync("#cell-4 .reset-cell"));

        // Reset lesson (after confirming): every cell, and nothing of the lesson left in storage, also after a reload.
        await AppendToCellAsync(page, 5, " // mine");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync(".runtime-bar .reset-lesson");
        Assert.Equal(original6, await EditorTextAsync(page, 6));
        Assert.Equal(0, await page.Locator(".cell-edited").CountAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('descent:v1:01-fixture-lesson:')).length"));
        await page.ReloadAsync();
        await WaitForRuntimeUiAsync(page);
        Assert.Equal(original6, await EditorTextAsync(page, 6));
        Assert.Equal(0, await page.Locator(".cell-edited").CountAsync());
        AssertClean(opened);
    }

    [BrowserFact]
    public async Task MyNotebookHasMyCodeAndThisSessionsOutputsAndIsValidNbformat()
    {
        await using var opened = await OpenAsync(Lesson);
        var page = opened.Page;
        await AppendToCellAsync(page, 5, " // edited");
        await AppendToCellAsync(page, 8, " // edited, not run");
        await page.ClickAsync("#cell-5 .run-cell");
        await WaitForPromptAsync(page, 5, "[2]");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".runtime-bar .download-notebook"));
        Assert.Equal("01-fixture-lesson.ipynb", download.SuggestedFilename);
        var file = Path.Combine(TestPaths.Artifacts("test-site"), "my-01-fixture-lesson.ipynb");
        await download.SaveAsAsync(file);
        Descent.Notebooks.Tests.NbformatValidator.AssertValid(file);

        var mine = JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray();
        var lesson = JsonNode.Parse(File.ReadAllText(site.PathOf("01-fixture-lesson.ipynb")))!["cells"]!.AsArray();
        Assert.Equal(lesson.Count, mine.Count);
        // Cell 4 ran first (unchanged code): this session's output and count.
        Assert.Equal(lesson[3]!["source"]!.ToJsonString(), mine[3]!["source"]!.ToJsonString());
        Assert.Equal(1, (int)mine[3]!["execution_count"]!);
        Assert.StartsWith("cell 3 ran: ", (string)Assert.Single(mine[3]!["outputs"]!.AsArray())!["text"]!);
        // Cell 5: my code, as lines with their \n, and the output it gave here.
        var source5 = mine[4]!["source"]!.AsArray().Select(l => (string)l!).ToList();
        Assert.Equal(JoinSource(lesson[4]!) + " // edited", string.Concat(source5));
        Assert.All(source5.SkipLast(1), line => Assert.EndsWith("\n", line));
        Assert.Equal(2, (int)mine[4]!["execution_count"]!);
        Assert.Contains("// edited", (string)Assert.Single(mine[4]!["outputs"]!.AsArray())!["text"]!);
        // Cell 6: not run, unchanged: the lesson's outputs. Cell 8: not run, changed: no outputs, no count.
        Assert.Equal(lesson[5]!["outputs"]!.ToJsonString(), mine[5]!["outputs"]!.ToJsonString());
        Assert.Equal(3, (int)mine[5]!["execution_count"]!);
        Assert.Equal(JoinSource(lesson[7]!) + " // edited, not run", JoinSource(mine[7]!));
        Assert.Empty(mine[7]!["outputs"]!.AsArray());
        Assert.Null(mine[7]!["execution_count"]);
        // Markdown cells are the lesson's.
        Assert.Equal(lesson[0]!.ToJsonString(), mine[0]!.ToJsonString());
        AssertClean(opened);

        static string JoinSource(JsonNode cell) => string.Concat(cell["source"]!.AsArray().Select(l => (string)l!));
    }

    [BrowserFact]
    public async Task AFailingCellStopsTheCellsAfterItAndSaysWhere()
    {
        // Lesson 02: code cells 2, 4, 6 (throws) and 7.
        await using var opened = await OpenAsync("02-fixture-failing.html");
        var page = opened.Page;
        await page.ClickAsync("#cell-7 .run-cell");
        await BrowserSession.WaitUntilAsync(page, "() => document.querySelector('#cell-6').getAttribute('data-run') === 'error' && document.querySelector('main').getAttribute('data-runtime-state') === 'ready'",
            null, Patience, "cell 6 did not fail");
        Assert.Equal("Cell 6 failed", await page.TextContentAsync(".runtime-status"));
        Assert.Contains("Cell 6 failed, so cell 7 did not run.", await BarTextAsync(page));
        Assert.Contains("thrown by the fake runtime", await page.TextContentAsync("#cell-6 .output-error"));
        Assert.Equal(["[1]", "[2]", "[3]", "[ ]"], await PromptsAsync(page, 2, 4, 6, 7));
        Assert.True(await page.IsVisibleAsync("#cell-7 .output-not-run")); // cell 7 never started: its exported note stays

        await page.ClickAsync(".runtime-bar .run-all");
        await BrowserSession.WaitUntilAsync(page, "() => document.querySelector('.runtime-note').textContent.startsWith('Run all stopped at cell 6')",
            null, Patience, "Run all did not stop at cell 6");
        Assert.Equal(["[4]", "[5]", "[6]", "[ ]"], await PromptsAsync(page, 2, 4, 6, 7));
        AssertClean(opened);
    }

    [BrowserFact]
    public async Task ACellTaggedRaisesExceptionDoesNotStopRunAll()
    {
        // Lesson 03: code cells 2, 3 (throws, tagged raises-exception) and 5.
        await using var opened = await OpenAsync("03-expected-error.html");
        var page = opened.Page;
        await BrowserSession.WaitUntilAsync(page, "() => document.querySelector('main').getAttribute('data-runtime-state') === 'ready'", null, Patience, "not ready");
        await page.ClickAsync(".runtime-bar .run-all");
        await WaitForPromptAsync(page, 5, "[3]");
        Assert.Equal("error", await page.GetAttributeAsync("#cell-3", "data-run"));
        Assert.Contains("thrown by the fake runtime", await page.TextContentAsync("#cell-3 .output-error"));
        Assert.StartsWith("Ready · cells 2–5 ran in ", await page.TextContentAsync(".runtime-status"));
        // "Running all 3 code cells in order." described the run, which is over.
        Assert.Equal("", await page.TextContentAsync(".runtime-note"));
        AssertClean(opened);
    }

    [BrowserFact]
    public async Task WhenTheRuntimeDiesThePageSaysSoAndRunsNothingMore()
    {
        await using var opened = await OpenAsync("03-expected-error.html");
        var page = opened.Page;
        await AppendToCellAsync(page, 2, " // crash");
        await page.ClickAsync("#cell-2 .run-cell");
        await BrowserSession.WaitUntilAsync(page, "() => document.querySelector('main').getAttribute('data-runtime-state') === 'fatal'", null, Patience,
            "the page did not notice that the runtime died");
        Assert.Equal("The C# runtime stopped: the fake runtime crashed", await page.TextContentAsync(".runtime-status"));
        Assert.Contains("Reload the page to try again.", await BarTextAsync(page));
        Assert.Equal("[ ]", await page.TextContentAsync("#cell-2 .prompt"));
        Assert.False(await page.IsEnabledAsync(".runtime-bar .stop"));
        await page.ClickAsync("#cell-5 .run-cell");
        Assert.Contains("The C# runtime is not available (the fake runtime crashed). Reload the page to try again.", await BarTextAsync(page));
        Assert.Equal("[3]", await page.TextContentAsync("#cell-5 .prompt")); // the exported count: nothing ran
        AssertClean(opened);
    }

    [BrowserFact]
    public async Task FromDiskThePageReadsAsExportedAndSaysInOneLineHowToRunTheCells()
    {
        await using var opened = await browser.OpenAsync(site.PathOf(Lesson));
        var page = opened.Page;
        await BrowserSession.WaitUntilAsync(page, "() => document.querySelector('main').getAttribute('data-runtime-ui') === 'hint'", null, Patience, "no hint");
        Assert.Equal(["To run the code cells in your browser, serve this folder: descent serve (or any static web server) and open it over http://localhost."],
            await page.Locator(".runtime-hint").AllTextContentsAsync());
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.querySelector('.runtime-hint').parentElement.tagName.toLowerCase()"));
        Assert.Equal(5, await page.Locator("main pre.code").CountAsync());
        Assert.Equal(0, await page.Locator(".cm-editor, .runtime-bar, .run-cell").CountAsync());
        Assert.Equal(["[1]", "[2]", "[3]", "[4]", "[5]"], await PromptsAsync(page, 4, 5, 6, 8, 10));
        var rendered = await PageChecks.ReadAsync(page);
        Assert.Empty(rendered.ChartsWithoutSvg);
        Assert.Empty(rendered.FormulasNotTypeset);
        Assert.DoesNotContain(opened.Requests, u => u.Contains("/assets/runtime/", StringComparison.Ordinal) || u.EndsWith(".ipynb", StringComparison.Ordinal));
        Assert.Empty(opened.FailedRequests);
        AssertClean(opened);
    }

    [BrowserTheory]
    [InlineData(400)]
    [InlineData(1280)]
    public async Task TheBarFitsTheWidthIsReachableByKeyboardCoversNoCellAndIsNotPrinted(int width)
    {
        await using var opened = await OpenAsync(Lesson, width);
        var page = opened.Page;
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px at {width}px");

        // Real buttons with names, inside the window.
        var buttons = await page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('.runtime-bar button, .cell-tools button')).map(b => {
              const r = b.getBoundingClientRect();
              return { tag: b.tagName, name: (b.getAttribute('aria-label') || b.textContent).trim(), hidden: b.hidden, right: r.right, left: r.left };
            })
            """);
        Assert.Equal(4 + 2 * 5, buttons.GetArrayLength());
        foreach (var b in buttons.EnumerateArray())
        {
            Assert.Equal("BUTTON", b.GetProperty("tag").GetString());
            Assert.NotEmpty(b.GetProperty("name").GetString()!);
            if (!b.GetProperty("hidden").GetBoolean())
                Assert.InRange(b.GetProperty("right").GetDouble(), 0, width);
        }

        // Keyboard: from the status line, Tab reaches the enabled buttons in order (Stop is disabled while nothing runs).
        await page.ClickAsync(".runtime-status");
        var focused = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateAsync<string>("() => document.activeElement.className"));
        }
        Assert.Equal(["run-all", "reset-lesson", "download-notebook"], focused);
        // The filled buttons keep their white text readable when hovered or focused (WCAG AA, 4.5:1), and so does a
        // disabled Run all.
        await page.HoverAsync(".runtime-bar .run-all");
        await page.FocusAsync(".runtime-bar .run-all");
        Assert.True(await ContrastAsync(page, ".runtime-bar .run-all") >= 4.5, $"hovered Run all: contrast {await ContrastAsync(page, ".runtime-bar .run-all"):0.0}");
        await page.EvaluateAsync("() => { document.querySelector('.runtime-bar .run-all').disabled = true; }");
        Assert.True(await ContrastAsync(page, ".runtime-bar .run-all") >= 4.5, $"disabled Run all: contrast {await ContrastAsync(page, ".runtime-bar .run-all"):0.0}");
        await page.EvaluateAsync("() => { document.querySelector('.runtime-bar .run-all').disabled = false; }");
        await page.Mouse.MoveAsync(0, 0);
        // ...and on into the lesson; the cells' editors and their buttons come in reading order.
        var order = await TabOrderAsync(page, 12);
        var firstEditor = order.IndexOf("cm-content");
        Assert.True(firstEditor >= 0 && order.IndexOf("run-cell") == firstEditor + 1, string.Join(", ", order));

        // A link to a cell scrolls it below the bar, which stays at the top.
        await page.EvaluateAsync("() => { location.hash = '#cell-8'; }");
        await Task.Delay(200);
        var boxes = await page.EvaluateAsync<double[]>("""
            () => [document.querySelector('.runtime-bar').getBoundingClientRect().top,
                   document.querySelector('.runtime-bar').getBoundingClientRect().bottom,
                   document.querySelector('#cell-8').getBoundingClientRect().top]
            """);
        var (barTop, barBottom, cellTop) = (boxes[0], boxes[1], boxes[2]);
        Assert.InRange(barTop, -0.5, 0.5);
        Assert.True(cellTop >= barBottom, $"cell 8 starts at {cellTop}px, under the bar that ends at {barBottom}px");
        Assert.True(barBottom < 200, $"the bar is {barBottom}px high at {width}px");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot($"runtime-{width}.png") });

        // Printing: the lesson without the runtime's controls.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync(".runtime-bar"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('.cell-tools')).filter(e => e.offsetParent !== null).length"));
        Assert.True(await page.IsVisibleAsync("#cell-4 .editor"));
        AssertClean(opened);
    }

    // ------------------------------------------------------------------------------------------------------------------

    private async Task<OpenPage> OpenAsync(string page, int width = 1280)
    {
        var opened = await browser.OpenServedAsync(site.Url(page), site.Server.Origin, width);
        await WaitForRuntimeUiAsync(opened.Page);
        return opened;
    }

    private static Task WaitForRuntimeUiAsync(IPage page) => BrowserSession.WaitUntilAsync(page,
        "() => { const m = document.querySelector('main'); return m.getAttribute('data-runtime-ui') === 'editors' && m.getAttribute('data-runtime-state') === 'ready'; }",
        null, Patience, "the page did not get its editors and a ready runtime");

    // The exported page already shows the notebook's own prompts ([1]..[4] in lesson 01), so a prompt alone can be met
    // before anything ran: unless the wait is for a running cell ([*]), it also waits until no job is left (the page is
    // ready and Stop is disabled), when the status and the note are final.
    private static Task WaitForPromptAsync(IPage page, int cell, string prompt) => BrowserSession.WaitUntilAsync(page,
        """
        ([cell, prompt]) => document.querySelector('#cell-' + cell + ' .prompt').textContent === prompt
          && (prompt === '[*]' || (document.querySelector('main').getAttribute('data-runtime-state') === 'ready'
                                   && document.querySelector('.runtime-bar .stop').disabled))
        """, new object[] { cell, prompt }, Patience,
        $"cell {cell} never showed {prompt} with the page idle");

    private static async Task<string[]> PromptsAsync(IPage page, params int[] cells)
    {
        var prompts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++) prompts[i] = (await page.TextContentAsync($"#cell-{cells[i]} .prompt"))!;
        return prompts;
    }

    private static async Task<string> BarTextAsync(IPage page) => (await page.TextContentAsync(".runtime-bar"))!;

    private static Task<string> EditorTextAsync(IPage page, int cell) =>
        page.EvaluateAsync<string>("cell => document.querySelector('#cell-' + cell + ' .editor').descentEditor.getText()", cell);

    private static Task<string?> StoredAsync(IPage page, string key) => page.EvaluateAsync<string?>("key => localStorage.getItem(key)", key);

    // Types at the end of a cell's code, as a student would.
    private static async Task AppendToCellAsync(IPage page, int cell, string text)
    {
        await page.ClickAsync($"#cell-{cell} .cm-content");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(text);
    }

    // Selects all of a cell's code and types a line instead.
    private static async Task ReplaceCellAsync(IPage page, int cell, string text)
    {
        await page.ClickAsync($"#cell-{cell} .cm-content");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task<List<string>> TabOrderAsync(IPage page, int presses)
    {
        var order = new List<string>();
        for (var i = 0; i < presses; i++)
        {
            order.Add(await page.EvaluateAsync<string>("() => (document.activeElement.className || document.activeElement.tagName).split(' ')[0]"));
            await page.Keyboard.PressAsync("Tab");
        }
        return order;
    }

    private static string Screenshot(string name) => Path.Combine(TestPaths.Artifacts("screenshots"), name);

    private static void AssertClean(OpenPage opened)
    {
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);
    }

    /// <summary>The WCAG contrast ratio of an element's text colour against its background (opacity included).</summary>
    private static Task<double> ContrastAsync(IPage page, string selector) => page.EvaluateAsync<double>("""
        s => {
          const e = document.querySelector(s), st = getComputedStyle(e);
          const rgb = c => c.match(/[\d.]+/g).map(Number);
          let bg = rgb(st.backgroundColor);
          for (let p = e.parentElement; (bg.length > 3 && bg[3] === 0) && p; p = p.parentElement) bg = rgb(getComputedStyle(p).backgroundColor);
          const op = Number(st.opacity), fg = rgb(st.color).slice(0, 3).map((v, i) => v * op + bg[i] * (1 - op));
          const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const a = lum(fg), b = lum(bg);
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """, selector);
}
