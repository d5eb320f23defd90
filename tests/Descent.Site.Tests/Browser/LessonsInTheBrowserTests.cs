using System.Diagnostics;
using System.Net;
using System.Text;
using Descent.Cli.Commands;
using Descent.Cli.Serving;
using Descent.Notebooks.Formatting;
using Descent.Notebooks.Model;
using Descent.Site.Export;
using Descent.Testing;
using Xunit.Abstractions;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// The repository's lessons exported with the real browser runtime (<c>descent export --executed --runtime</c> of the
/// copies the test run executed once, see <see cref="ExecutedLessons"/>; tools/Descent.Browser is published into
/// assets/runtime/), served by <c>descent serve</c>'s server on 127.0.0.1.
/// </summary>
public sealed class RuntimeLessonSite : IAsyncLifetime
{
    /// <summary>The site folder.</summary>
    public string Directory { get; } = Path.Combine(TestPaths.Artifacts("test-site"), "lessons-runtime");

    /// <summary>The exit code of the export, and what it printed.</summary>
    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    /// <summary>The server.</summary>
    internal SiteServer? Server { get; private set; }

    public async Task InitializeAsync()
    {
        if (TestPaths.RepositoryLessons.Count == 0 || Chromium.SkipReason is not null) return;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // The lessons as the test run executed them once for every project (descent run's copies), exported with --executed.
        await ExecutedLessons.AllAsync();
        ExitCode = await ExportCommand.RunAsync([ExecutedLessons.Folder], Directory, alreadyExecuted: true,
            timeoutSeconds: 120, stdout, stderr, CancellationToken.None, withRuntime: true);
        Output = stdout + "\n" + stderr;
        if (ExitCode == 0) Server = await SiteServer.StartAsync(Directory, IPAddress.Loopback, 0);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}

/// <summary>
/// The test classes that use the lesson site with the real runtime share one export of it (publishing the runtime and
/// exporting every lesson takes minutes), and run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuntimeLessonSiteCollection : ICollectionFixture<RuntimeLessonSite>
{
    public const string Name = "the lesson site with the browser runtime";
}

/// <summary>
/// Every code cell of every lesson runs in the browser, on .NET WebAssembly, and prints what <c>descent run</c> printed
/// (the same console text, the same number of charts, no error the desktop did not have).
/// </summary>
[Collection(RuntimeLessonSiteCollection.Name)]
public sealed class LessonsInTheBrowserTests(RuntimeLessonSite site, BrowserSession browser, ITestOutputHelper output)
    : IClassFixture<BrowserSession>
{
    [LessonFact]
    public async Task Every_lesson_runs_all_its_cells_in_the_browser_with_the_desktop_engines_outputs()
    {
        Assert.True(site.ExitCode == 0, site.Output);
        var origin = site.Server!.Url.GetLeftPart(UriPartial.Authority);
        var pages = SiteExporter.Slugs(TestPaths.RepositoryLessons).Select(s => s + ".html").ToList();
        await using var opened = await browser.OpenServedAsync(site.Server.Url.AbsoluteUri + pages[0], origin);
        var page = opened.Page;
        var mismatches = new List<string>();
        foreach (var name in pages)
        {
            var clock = Stopwatch.StartNew();
            if (name != pages[0]) await page.GotoAsync(site.Server!.Url.AbsoluteUri + name);
            await BrowserSession.WaitUntilAsync(page, "() => /^Ready/.test(document.querySelector('.runtime-status-text')?.textContent || '')",
                null, TimeSpan.FromSeconds(120), $"{name}: the runtime never became ready; console: {string.Join(" | ", opened.ConsoleErrors)}");
            var ready = clock.Elapsed;
            clock.Restart();
            await page.ClickAsync("button.run-all");
            await BrowserSession.WaitUntilAsync(page,
                "() => /^Ready · |failed|stopped|gone/i.test(document.querySelector('.runtime-status-text')?.textContent || '')",
                null, TimeSpan.FromSeconds(240), $"{name}: Run all did not finish; console: {string.Join(" | ", opened.ConsoleErrors)}");
            var status = await page.TextContentAsync(".runtime-status-text");
            output.WriteLine($"{name}: ready {ready.TotalSeconds:0.0} s, run all {clock.Elapsed.TotalSeconds:0.0} s ({status})");
            Assert.StartsWith("Ready · ", status);

            var notebook = Notebook.Load(Path.Combine(site.Directory, Path.ChangeExtension(name, ".ipynb")));
            for (int i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                if (!cell.IsCode) continue;
                var section = $"#cell-{i + 1}";
                var desktopText = string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text));
                var browserText = await page.EvaluateAsync<string>(
                    "s => [...document.querySelectorAll(s + ' .outputs pre.output-stream:not(.output-stderr)')].map(e => e.textContent).join('')", section);
                if (!string.Equals(Normalize(desktopText), Normalize(browserText), StringComparison.Ordinal))
                    mismatches.Add($"{name} {section}: desktop printed\n{desktopText}\nthe browser printed\n{browserText}");
                int desktopCharts = cell.Outputs.Count(o => o switch
                {
                    DisplayDataOutput d => d.Data.GetJson(PlotlyFormatter.MimeType) is not null,
                    ExecuteResultOutput r => r.Data.GetJson(PlotlyFormatter.MimeType) is not null,
                    _ => false,
                });
                int browserCharts = await page.EvaluateAsync<int>("s => document.querySelectorAll(s + ' .outputs .chart').length", section);
                if (desktopCharts != browserCharts) mismatches.Add($"{name} {section}: {desktopCharts} charts on the desktop, {browserCharts} in the browser");
                int errors = await page.EvaluateAsync<int>("s => document.querySelectorAll(s + ' .outputs .output-error').length", section);
                if (errors != cell.Outputs.OfType<ErrorOutput>().Count()) mismatches.Add($"{name} {section}: {errors} errors in the browser");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n\n", mismatches.Take(10)));
        PageChecks.AssertStayedInTheSite(opened);
    }

    private static string Normalize(string text) => text.Replace("\r", "", StringComparison.Ordinal).TrimEnd();
}
