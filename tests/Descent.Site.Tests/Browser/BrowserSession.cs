using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// One headless Chromium for a test class (Playwright launches it with a fresh temporary profile). Every page opens
/// in its own context whose network is cut: each request that is not for a file:// URL is aborted and counted.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The browser.</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException(
        $"Chromium is not running: {Chromium.ExecutablePath} is {(Chromium.IsInstalled ? "installed but did not start" : "not installed (apt-get install chromium)")}.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            if (Chromium.IsRequired) throw new InvalidOperationException($"DESCENT_REQUIRE_TOOLS=1 and {Chromium.ExecutablePath} is missing: install chromium.");
            return;
        }
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
            Timeout = 60_000,
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }

    /// <summary>
    /// Polls a JavaScript function until it returns true. (Playwright's WaitForFunction evaluates its predicate with
    /// eval inside the page, which the site's Content-Security-Policy forbids, as it should.)
    /// </summary>
    public static async Task WaitUntilAsync(IPage page, string function, object? arg, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await page.EvaluateAsync<bool>(function, arg))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure);
            await Task.Delay(100);
        }
    }

    /// <summary>Opens a site file with the network blocked and waits until its formulas and charts are done.</summary>
    /// <param name="file">The page's path on disk.</param>
    /// <param name="width">The viewport width in CSS pixels.</param>
    public Task<OpenPage> OpenAsync(string file, int width = 1280) => OpenUrlAsync(new Uri(file).AbsoluteUri, siteOrigin: null, width);

    /// <summary>
    /// Opens a page of a site served over http by <paramref name="siteOrigin"/> (e.g. http://127.0.0.1:5123), with every
    /// other host blocked, and waits until its formulas and charts are done.
    /// </summary>
    /// <param name="url">The page's URL.</param>
    /// <param name="siteOrigin">The origin that serves the site: its requests go through, all others are aborted.</param>
    /// <param name="width">The viewport width in CSS pixels.</param>
    public Task<OpenPage> OpenServedAsync(string url, string siteOrigin, int width = 1280) => OpenUrlAsync(url, siteOrigin, width);

    private async Task<OpenPage> OpenUrlAsync(string url, string? siteOrigin, int width)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
            AcceptDownloads = true,
        });
        var opened = new OpenPage(context, siteOrigin);
        await context.RouteAsync("**/*", async route =>
        {
            var requested = route.Request.Url;
            if (opened.IsInTheSite(requested))
                await route.ContinueAsync();
            else
            {
                opened.BlockedRequests.Enqueue(requested);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();
        opened.Page = page;
        page.Console += (_, message) => { if (message.Type == "error") opened.ConsoleErrors.Enqueue(message.Text); };
        page.PageError += (_, error) => opened.ConsoleErrors.Enqueue("uncaught: " + error);
        page.Request += (_, request) => opened.Requests.Enqueue(request.Url);
        page.RequestFailed += (_, request) => opened.FailedRequests.Enqueue($"{request.Url} ({request.Failure})");
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        await WaitUntilAsync(page, "() => document.documentElement.getAttribute('data-ready') === 'true'", null, TimeSpan.FromSeconds(60),
            $"{url} never finished typesetting and drawing (data-ready); console errors: {string.Join(" | ", opened.ConsoleErrors)}");
        return opened;
    }
}

/// <summary>A page open in its own browser context, with what went wrong while it loaded.</summary>
public sealed class OpenPage : IAsyncDisposable
{
    private readonly IBrowserContext context;

    internal OpenPage(IBrowserContext context, string? siteOrigin)
    {
        this.context = context;
        SiteOrigin = siteOrigin;
    }

    /// <summary>The origin serving the site (http://127.0.0.1:port), or null for a site opened from disk.</summary>
    public string? SiteOrigin { get; }

    /// <summary>
    /// Whether a URL is a file of the site: under the serving origin for a served site, a file:// URL for one opened from
    /// disk, or inline data (data:, blob:).
    /// </summary>
    public bool IsInTheSite(string url) =>
        url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal)
        || (SiteOrigin is null ? url.StartsWith("file://", StringComparison.Ordinal) : url.StartsWith(SiteOrigin + "/", StringComparison.Ordinal));

    /// <summary>The page.</summary>
    public IPage Page { get; internal set; } = null!;

    /// <summary>Console errors and uncaught exceptions.</summary>
    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    /// <summary>Requests that failed (a missing file, an aborted load).</summary>
    public ConcurrentQueue<string> FailedRequests { get; } = new();

    /// <summary>Every request the page made, as the browser reported it (whether or not it was let through).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Requests for anything that is not a file of the site (all aborted).</summary>
    public ConcurrentQueue<string> BlockedRequests { get; } = new();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
