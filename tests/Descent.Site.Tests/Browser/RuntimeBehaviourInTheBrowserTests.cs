using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Notebooks.Execution;
using Descent.Notebooks.Model;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// What a student does on a runnable lesson page, against the real .NET WebAssembly runtime (the lesson site of
/// <see cref="RuntimeLessonSite"/>, lesson 01): stop a cell that never ends, edit a "Try it" number and re-run, make a
/// compile error, reload with an edit, download the notebook. Each test opens one page. Cell numbers are the page's
/// (#cell-N, N = the cell's index in the notebook + 1, markdown and speaker-note cells counted), found from the
/// lesson's cell ids: its first code cells are <c>setup</c> (#r), <c>polyglot</c> (#r), <c>quartic</c>
/// (<c>var f = Curves.Quartic;</c>) and <c>plot-f</c> (a chart); the Try-its edit <c>grid</c> and <c>step-5323</c>.
/// </summary>
[Collection(RuntimeLessonSiteCollection.Name)]
public sealed class RuntimeBehaviourInTheBrowserTests(RuntimeLessonSite site, BrowserSession browser, ITestOutputHelper output)
    : IClassFixture<BrowserSession>
{
    private const string Slug = "01-minimizing-a-function";
    private const double TrueMinimum = 5.3263455; // the lesson's x of the global minimum
    private static readonly TimeSpan ReadyPatience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RunPatience = TimeSpan.FromSeconds(90);

    private readonly Stopwatch clock = Stopwatch.StartNew();

    [LessonFact]
    public async Task Stop_ends_a_cell_that_never_ends_while_the_page_stays_responsive_and_the_page_runs_cells_again()
    {
        await using var opened = await OpenLessonAsync();
        var page = opened.Page;
        var exported = await OutputTextAsync(page, Quartic);
        Assert.Contains("arbitrary quartic", exported);
        await ReplaceCellAsync(page, Quartic, "while (true) { }");
        Assert.Equal("while (true) { }", await EditorTextAsync(page, Quartic));
        await page.ClickAsync($"#cell-{Quartic} .run-cell");
        await BrowserSession.WaitUntilAsync(page,
            $"() => document.querySelector('.runtime-status-text').textContent === 'Running cell {Quartic}…' && document.querySelector('#cell-{Quartic} .prompt').textContent === '[*]'",
            null, RunPatience, $"cell {Quartic} did not start; status: {await StatusAsync(page)}");
        await Task.Delay(1000);
        Assert.Equal("running", await page.GetAttributeAsync("main", "data-runtime-state"));

        // The loop blocks the worker, not the page: a timer fires on time, the elapsed time ticks, the page scrolls,
        // and another cell's editor takes typing.
        var timer = await page.EvaluateAsync<double>("() => new Promise(done => { const t = performance.now(); setTimeout(() => done(performance.now() - t), 50); })");
        Assert.True(timer < 1000, $"a 50 ms timer fired after {timer:0} ms while cell {Quartic} ran");
        var elapsed1 = await page.TextContentAsync(".runtime-elapsed");
        await Task.Delay(600);
        var elapsed2 = await page.TextContentAsync(".runtime-elapsed");
        Assert.NotEqual(elapsed1, elapsed2);
        Assert.True(await page.EvaluateAsync<bool>("() => { const before = window.scrollY; window.scrollBy(0, 400); return window.scrollY !== before; }"),
            $"the page did not scroll while cell {Quartic} ran");
        await page.ClickAsync($"#cell-{PlotF} .cm-content");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" // typed while cell 8 runs");
        Assert.EndsWith(" // typed while cell 8 runs", await EditorTextAsync(page, PlotF));
        Assert.Equal("running", await page.GetAttributeAsync("main", "data-runtime-state"));
        Assert.Equal("[*]", await page.TextContentAsync($"#cell-{Quartic} .prompt"));

        // Stop: the worker ends, a new one loads and becomes ready, and the page says the state was reset.
        Log($"cell {Quartic} runs its endless loop; the page responds");
        var stopClock = Stopwatch.StartNew();
        await page.ClickAsync(".runtime-bar .stop");
        Assert.Contains("The C# state was reset: earlier cells will run again when needed.", await page.TextContentAsync(".runtime-note"));
        await BrowserSession.WaitUntilAsync(page, "() => document.querySelector('main').getAttribute('data-runtime-state') === 'ready'", null, ReadyPatience,
            $"the runtime did not come back after Stop; status: {await StatusAsync(page)}");
        Log($"a new runtime was ready {stopClock.Elapsed.TotalSeconds:0.0} s after Stop");
        Assert.Equal("Stopped", await StatusAsync(page));
        Assert.Equal("stopped", await page.GetAttributeAsync($"#cell-{Quartic}", "data-run"));
        Assert.StartsWith("Stopped after ", await page.TextContentAsync($"#cell-{Quartic} .output-stopped"));
        Assert.Equal("[ ]", await page.TextContentAsync($"#cell-{Quartic} .prompt"));
        Assert.False(await page.IsEnabledAsync(".runtime-bar .stop"));

        // The page works on: with the lesson's quartic cell back, it runs the cells before it again in the new runtime and
        // shows what the lesson showed.
        await page.ClickAsync($"#cell-{Quartic} .reset-cell");
        await page.ClickAsync($"#cell-{Quartic} .run-cell");
        await WaitForRunAsync(page, Quartic, "ok");
        Assert.Equal(exported, await OutputTextAsync(page, Quartic));
        Assert.Equal(["[1]", "[2]", "[3]"], await PromptsAsync(page, Setup, Polyglot, Quartic));
        Assert.Matches($@"^Ready · cells {Setup}–{Quartic} ran in ", await StatusAsync(page));
        AssertClean(opened);
    }

    [LessonFact]
    public async Task Editing_try_it_numbers_and_rerunning_changes_the_outputs_as_the_lesson_says_and_as_the_desktop_engine_does()
    {
        await using var opened = await OpenLessonAsync();
        var page = opened.Page;

        // The grid's "Try it": change 200 to 2000 in the grid cell (a student's edit: after "200" on the first line, type 0).
        var grid = LessonSource(Grid);
        Assert.StartsWith("double[] grid = Curve.Linspace(1, 6.75, 200);\n", grid);
        await page.ClickAsync($"#cell-{Grid} .cm-content");
        await page.Keyboard.PressAsync("Control+Home");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.TypeAsync("0");
        var finerGrid = grid.Replace("6.75, 200);", "6.75, 2000);", StringComparison.Ordinal);
        Assert.Equal(finerGrid, await EditorTextAsync(page, Grid));
        await page.ClickAsync($"#cell-{Grid} .run-cell");
        await WaitForRunAsync(page, Grid, "ok");
        var browserGrid = await StdoutAsync(page, Grid);

        // The overshoot "Try it": PlotOneStepBetter(5.4967, alpha: 0.9), here typed into the step-5323 cell (where α = 1 got stuck).
        Assert.Equal("PlotOneStepBetter(5.323)", LessonSource(Step5323));
        await page.ClickAsync($"#cell-{Step5323} .cm-content");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.PressAsync("ArrowLeft");
        for (var i = 0; i < "5.323".Length; i++) await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.TypeAsync("5.4967, alpha: 0.9");
        const string overshoot = "PlotOneStepBetter(5.4967, alpha: 0.9)";
        Assert.Equal(overshoot, await EditorTextAsync(page, Step5323));
        await page.ClickAsync($"#cell-{Step5323} .run-cell");
        await WaitForRunAsync(page, Step5323, "ok");
        var browserStep = await StdoutAsync(page, Step5323);
        Assert.Equal(1, await page.Locator($"#cell-{Step5323} .outputs .chart").CountAsync());

        // The desktop engine, given the same code, prints the same text.
        var desktop = await RunOnTheDesktopAsync(new Dictionary<int, string> { [Grid] = finerGrid, [Step5323] = overshoot }, upTo: Step5323);
        Assert.Equal(StdoutOf(desktop[Grid]), browserGrid);
        Assert.Equal(StdoutOf(desktop[Step5323]), browserStep);

        // And what the lesson says happens, happens. A finer grid: the best point is as close to 5.3263455 as the grid
        // allows (half its spacing), far closer than the 200-point grid's 0.008.
        var best = Number(browserGrid, @"best grid point x = (\S+),");
        var spacing = Number(browserGrid, @"grid spacing\s+= (\S+)");
        Assert.Equal(5.75 / 1999, spacing, 1e-7);
        var lessonBest = Number(ExportedStdout(Grid), @"best grid point x = (\S+),");
        Assert.True(Math.Abs(best - TrueMinimum) <= spacing / 2 + 1e-7, $"best grid point {best}, spacing {spacing}");
        Assert.True(Math.Abs(best - TrueMinimum) < Math.Abs(lessonBest - TrueMinimum) / 2, $"2000 points: {best}; 200 points: {lessonBest}");
        // α = 0.9 from 5.4967 jumps over the minimum to the left wall (α = 0.3, the lesson's default, would not):
        // x − α f′(x) with f′(x) = (4x³ − 45x² + 160x − 180)/10.
        Assert.StartsWith("old x: 5.4967\n", browserStep);
        var newX = Number(browserStep, @"new x: (\S+)");
        Assert.Equal(5.4967 - 0.9 * Derivative(5.4967), newX, 1e-12);
        Assert.True(newX < TrueMinimum, $"α = 0.9 should overshoot the minimum from 5.4967, but landed at {newX}");
        Assert.True(5.4967 - 0.3 * Derivative(5.4967) > TrueMinimum);
        AssertClean(opened);
    }

    [LessonFact]
    public async Task A_compile_error_shows_the_cells_line_and_column_and_leaves_earlier_outputs_alone()
    {
        await using var opened = await OpenLessonAsync();
        var page = opened.Page;
        await page.ClickAsync($"#cell-{Quartic} .run-cell");
        await WaitForRunAsync(page, Quartic, "ok");
        var quartic = await OutputTextAsync(page, Quartic);
        Assert.Contains("arbitrary quartic", quartic);

        const string broken = "var y = f.Value(2);\nvar z = y + undefinedName;";
        await ReplaceCellAsync(page, PlotF, broken);
        Assert.Equal(broken, await EditorTextAsync(page, PlotF));
        await page.ClickAsync($"#cell-{PlotF} .run-cell");
        await WaitForRunAsync(page, PlotF, "error");
        Assert.Equal($"Cell {PlotF} failed", await StatusAsync(page));
        var shown = (await page.TextContentAsync($"#cell-{PlotF} .output-error"))!;

        // The line and column in the cell, the line itself and a caret under the column: as descent run reports it.
        Assert.StartsWith("CompilationError: (2,13): error CS0103: The name 'undefinedName' does not exist in the current context", shown);
        var lines = shown.Split('\n');
        var sourceLine = Array.IndexOf(lines, "    2 | var z = y + undefinedName;");
        Assert.True(sourceLine > 0, shown);
        Assert.Equal("    " + new string(' ', "2 | ".Length + 12) + "^", lines[sourceLine + 1]);
        var desktop = await RunOnTheDesktopAsync(new Dictionary<int, string> { [PlotF] = broken }, upTo: PlotF);
        var error = desktop[PlotF].Error!;
        Assert.Equal(CellStatus.Error, desktop[PlotF].Status);
        Assert.Equal(string.Join("\n", new[] { $"{error.EName}: {error.EValue}" }.Concat(error.Traceback.Where(l => l.Trim() != $"{error.EName}: {error.EValue}"))), shown);

        // The cells that ran before keep their outputs and counts; the failed cell shows only its error.
        Assert.Equal(quartic, await OutputTextAsync(page, Quartic));
        Assert.Equal(["[1]", "[2]", "[3]", "[4]"], await PromptsAsync(page, Setup, Polyglot, Quartic, PlotF));
        Assert.Equal(0, await page.Locator($"#cell-{PlotF} .outputs .chart").CountAsync());
        Assert.Equal(1, await page.Locator($"#cell-{PlotF} .outputs > *").CountAsync());
        AssertClean(opened);
    }

    [LessonFact]
    public async Task An_edit_survives_a_reload_runs_as_edited_and_reset_cell_brings_the_lessons_code_back()
    {
        // Editing needs no runtime: the page reloads before its runtime has loaded.
        await using var opened = await OpenLessonAsync(waitForTheRuntime: false);
        var page = opened.Page;
        var exported = await OutputTextAsync(page, Quartic);
        var lessonCode = LessonSource(Quartic);
        // A line typed before the lesson's code of the quartic cell.
        await page.ClickAsync($"#cell-{Quartic} .cm-content");
        await page.Keyboard.PressAsync("Control+Home");
        await EnterCodeAsync(page, "Console.WriteLine(\"my line\");\n");
        var edited = "Console.WriteLine(\"my line\");\n" + lessonCode;
        Assert.Equal(edited, await EditorTextAsync(page, Quartic));
        var key = $"descent:v1:{Slug}:cell-{Quartic - 1}";
        await BrowserSession.WaitUntilAsync(page, "key => localStorage.getItem(key) !== null", key, TimeSpan.FromSeconds(5), "the edit was not saved");

        await page.ReloadAsync();
        await WaitForReadyAsync(opened);
        Assert.Equal(edited, await EditorTextAsync(page, Quartic));
        Assert.Equal(edited, await page.EvaluateAsync<string?>("key => localStorage.getItem(key)", key));
        Assert.True(await page.IsVisibleAsync($"#cell-{Quartic} .edited-label"));
        Assert.True(await page.IsVisibleAsync($"#cell-{Quartic} .reset-cell"));
        // What runs is the kept edit.
        await page.ClickAsync($"#cell-{Quartic} .run-cell");
        await WaitForRunAsync(page, Quartic, "ok");
        Assert.Equal("my line\n", await StdoutAsync(page, Quartic));
        Assert.Contains("arbitrary quartic", await OutputTextAsync(page, Quartic));

        // Reset cell: the lesson's code, nothing saved, no Reset button; run again, the lesson's output.
        await page.ClickAsync($"#cell-{Quartic} .reset-cell");
        Assert.Equal(lessonCode, await EditorTextAsync(page, Quartic));
        Assert.Null(await page.EvaluateAsync<string?>("key => localStorage.getItem(key)", key));
        Assert.False(await page.IsVisibleAsync($"#cell-{Quartic} .reset-cell"));
        Assert.False(await page.IsVisibleAsync($"#cell-{Quartic} .edited-label"));
        await page.ClickAsync($"#cell-{Quartic} .run-cell");
        await WaitForRunAsync(page, Quartic, "ok", "[4]");
        Assert.Equal(exported, await OutputTextAsync(page, Quartic));
        AssertClean(opened);
    }

    [LessonFact]
    public async Task The_downloaded_notebook_is_valid_nbformat_with_the_edited_code_and_this_sessions_outputs()
    {
        await using var opened = await OpenLessonAsync();
        var page = opened.Page;
        // Cell 8 prints in two pieces (the flush sends the first at once), then shows f as the lesson does.
        const string prints = "Console.Write(\"edited \"); Console.Out.Flush(); Console.WriteLine(\"in the browser\");";
        await page.ClickAsync($"#cell-{Quartic} .cm-content");
        await page.Keyboard.PressAsync("Control+Home");
        await EnterCodeAsync(page, prints + "\n");
        var edited = prints + "\n" + LessonSource(Quartic);
        Assert.Equal(edited, await EditorTextAsync(page, Quartic));
        await page.ClickAsync($"#cell-{Quartic} .run-cell");
        await WaitForRunAsync(page, Quartic, "ok");
        Assert.Equal("edited in the browser\n", await StdoutAsync(page, Quartic));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".runtime-bar .download-notebook"));
        Assert.Equal(Slug + ".ipynb", download.SuggestedFilename);
        var file = Path.Combine(TestPaths.Artifacts("test-site"), "my-" + Slug + ".ipynb");
        await download.SaveAsAsync(file);
        Descent.Notebooks.Tests.NbformatValidator.AssertValid(file);

        var mine = JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray();
        var lesson = JsonNode.Parse(File.ReadAllText(Path.Combine(site.Directory, Slug + ".ipynb")))!["cells"]!.AsArray();
        Assert.Equal(lesson.Count, mine.Count);
        // Cell 8: the edited code, as the third cell this session ran (3, 5, 8), with what it printed here as one
        // stream (as descent run saves it) and then the lesson's value of f.
        Assert.Equal(edited, Joined(mine[Quartic - 1]!["source"]!));
        Assert.Equal(3, (int)mine[Quartic - 1]!["execution_count"]!);
        var outputs = mine[Quartic - 1]!["outputs"]!.AsArray();
        Assert.Equal(2, outputs.Count);
        Assert.Equal(("stream", "stdout", "edited in the browser\n"), ((string)outputs[0]!["output_type"]!, (string)outputs[0]!["name"]!, Joined(outputs[0]!["text"]!)));
        Assert.Equal("execute_result", (string)outputs[1]!["output_type"]!);
        Assert.Equal(3, (int)outputs[1]!["execution_count"]!);
        Assert.True(JsonNode.DeepEquals(lesson[Quartic - 1]!["outputs"]![0]!["data"], outputs[1]!["data"]), outputs[1]!.ToJsonString());
        // The desktop engine saves the same outputs for the same code.
        var desktop = await RunOnTheDesktopAsync(new Dictionary<int, string> { [Quartic] = edited }, upTo: Quartic);
        var desktopStream = Assert.IsType<StreamOutput>(desktop[Quartic].Outputs[0]);
        Assert.Equal((2, "edited in the browser\n"), (desktop[Quartic].Outputs.Count, desktopStream.Text));
        // Cell 10 did not run and is the lesson's: the lesson's outputs and count.
        Assert.True(JsonNode.DeepEquals(lesson[PlotF - 1]!["outputs"], mine[PlotF - 1]!["outputs"]), $"cell {PlotF}'s outputs are not the lesson's");
        Assert.Equal((int)lesson[PlotF - 1]!["execution_count"]!, (int)mine[PlotF - 1]!["execution_count"]!);
        AssertClean(opened);

        static string Joined(JsonNode lines) => lines is JsonArray a ? string.Concat(a.Select(l => (string)l!)) : (string)lines!;
    }

    // ------------------------------------------------------------------------------------------------------------------

    // Opens lesson 01 and waits until its cells are editors and (unless told not to) the runtime is ready.
    private async Task<OpenPage> OpenLessonAsync(bool waitForTheRuntime = true)
    {
        Assert.True(site.ExitCode == 0, site.Output);
        var opened = await browser.OpenServedAsync(site.Server!.Url.AbsoluteUri + Slug + ".html", site.Server.Url.GetLeftPart(UriPartial.Authority));
        await BrowserSession.WaitUntilAsync(opened.Page, "() => document.querySelector('main').getAttribute('data-runtime-ui') === 'editors'", null,
            TimeSpan.FromSeconds(20), "the code cells did not become editors");
        Log("the page is open");
        if (waitForTheRuntime) await WaitForReadyAsync(opened);
        return opened;
    }

    // Writes how far the test has got, and when, to the test's output.
    private void Log(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private async Task WaitForReadyAsync(OpenPage opened)
    {
        Log("waiting for the runtime");
        await BrowserSession.WaitUntilAsync(opened.Page,
            "() => { const m = document.querySelector('main'); return m.getAttribute('data-runtime-ui') === 'editors' && m.getAttribute('data-runtime-state') === 'ready'; }",
            null, ReadyPatience, $"the runtime never became ready; console: {string.Join(" | ", opened.ConsoleErrors)}");
        Log("the runtime is ready");
    }

    // Waits until nothing runs or waits to run any more (and the cell shows the prompt, if one is given), then checks
    // that the cell's run ended in the given state (ok, error, ...); if not, says what the page says.
    private async Task WaitForRunAsync(IPage page, int cell, string state, string? prompt = null)
    {
        await BrowserSession.WaitUntilAsync(page,
            "([cell, prompt]) => { const s = document.querySelector('#cell-' + cell); const run = s.getAttribute('data-run');"
            + " return document.querySelector('main').getAttribute('data-runtime-state') !== 'running' && run !== 'queued' && run !== 'running'"
            + " && (!prompt || s.querySelector('.prompt').textContent === prompt); }",
            new object?[] { cell, prompt }, RunPatience, $"cell {cell} did not finish{(prompt is null ? "" : " as " + prompt)}; {await WhatThePageSaysAsync(page)}");
        var ended = await page.GetAttributeAsync($"#cell-{cell}", "data-run");
        Assert.True(ended == state, $"cell {cell} ended '{ended}', not '{state}'; {await WhatThePageSaysAsync(page)}");
        Log($"cell {cell} ended {state}: {await StatusAsync(page)}");
    }

    // The bar's text and the errors the cells show.
    private static Task<string> WhatThePageSaysAsync(IPage page) => page.EvaluateAsync<string>("""
        () => 'the page says: ' + document.querySelector('.runtime-bar .runtime-text').textContent + [...document.querySelectorAll('section.cell-code')]
          .filter(s => s.querySelector('.output-error')).map(s => '\n' + s.id + ': ' + s.querySelector('.output-error').textContent).join('')
        """);

    private static async Task<string> StatusAsync(IPage page) => (await page.TextContentAsync(".runtime-status-text"))!;

    private static Task<string> StdoutAsync(IPage page, int cell) => page.EvaluateAsync<string>(
        "cell => [...document.querySelectorAll('#cell-' + cell + ' .outputs pre.output-stream:not(.output-stderr)')].map(e => e.textContent).join('')", cell);

    // What a cell's outputs show, as text (without the page's whitespace between output elements).
    private static async Task<string> OutputTextAsync(IPage page, int cell) => (await page.TextContentAsync($"#cell-{cell} .outputs"))!.Trim();

    private static Task<string> EditorTextAsync(IPage page, int cell) =>
        page.EvaluateAsync<string>("cell => document.querySelector('#cell-' + cell + ' .editor').descentEditor.getText()", cell);

    private static async Task<string[]> PromptsAsync(IPage page, params int[] cells)
    {
        var prompts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++) prompts[i] = (await page.TextContentAsync($"#cell-{cells[i]} .prompt"))!;
        return prompts;
    }

    // Selects all of a cell's code and enters the new code.
    private static async Task ReplaceCellAsync(IPage page, int cell, string text)
    {
        await page.ClickAsync($"#cell-{cell} .cm-content");
        await page.Keyboard.PressAsync("Control+A");
        await EnterCodeAsync(page, text);
    }

    // Enters code where the cursor is: each line as one text input (as an input method or a paste delivers it, without
    // a round trip per key), Enter between lines.
    private static async Task EnterCodeAsync(IPage page, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) await page.Keyboard.PressAsync("Enter");
            if (lines[i].Length > 0) await page.Keyboard.InsertTextAsync(lines[i]);
        }
    }

    private static Notebook Lesson { get; } = Notebook.Load(Path.Combine(TestPaths.RepositoryRoot, "notebooks", Slug + ".ipynb"));

    // The page numbers of the lesson cells these tests use, found by the cells' ids (after Lesson: static fields
    // initialize in order).
    private static readonly int Setup = CellOf("setup"), Polyglot = CellOf("polyglot"), Quartic = CellOf("quartic"),
        PlotF = CellOf("plot-f"), Grid = CellOf("grid"), Step5323 = CellOf("step-5323");

    private static int CellOf(string id) =>
        Lesson.Cells.Select((c, i) => (c.Id, i)).FirstOrDefault(p => p.Id == id, (null, -1)).i is var i and >= 0
            ? i + 1
            : throw new InvalidOperationException($"lesson 01 has no cell {id}");

    // The lesson's code of a page cell.
    private static string LessonSource(int cell) => Lesson.Cells[cell - 1].Source;

    // What the exported lesson (run by descent export) printed in a cell.
    private string ExportedStdout(int cell) => StdoutOf(Notebook.Load(Path.Combine(site.Directory, Slug + ".ipynb")).Cells[cell - 1].Outputs);

    private static string StdoutOf(CellExecutionResult result) => StdoutOf(result.Outputs);

    private static string StdoutOf(IEnumerable<CellOutput> outputs) =>
        string.Concat(outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text));

    /// <summary>
    /// Runs the lesson's code cells up to page cell <paramref name="upTo"/> on the desktop engine (the session
    /// <c>descent run</c> uses, in the lesson's folder), with <paramref name="edits"/> in place of the lesson's code.
    /// </summary>
    private async Task<Dictionary<int, CellExecutionResult>> RunOnTheDesktopAsync(IReadOnlyDictionary<int, string> edits, int upTo)
    {
        using var session = new NotebookSession(new SessionOptions { WorkingDirectory = Path.Combine(TestPaths.RepositoryRoot, "notebooks") });
        var results = new Dictionary<int, CellExecutionResult>();
        for (var i = 0; i < upTo; i++)
        {
            var cell = Lesson.Cells[i];
            if (!cell.IsCode) continue;
            var result = await session.ExecuteAsync(edits.TryGetValue(i + 1, out var edited) ? edited : cell.Source);
            results[i + 1] = result;
            if (!result.Succeeded && i + 1 != upTo) throw new InvalidOperationException($"cell {i + 1} failed on the desktop: {result.Error?.EValue}");
        }
        Log($"the desktop engine ran cells up to {upTo}");
        return results;
    }

    private static double Derivative(double x) => (4 * x * x * x - 45 * x * x + 160 * x - 180) / 10;

    private static double Number(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"no {pattern} in\n{text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static void AssertClean(OpenPage opened)
    {
        Assert.Empty(opened.ConsoleErrors);
        PageChecks.AssertStayedInTheSite(opened);
    }
}
