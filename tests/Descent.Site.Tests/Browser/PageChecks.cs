using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Descent.Site.Tests.Browser;

/// <summary>What a rendered page shows, read from the live DOM.</summary>
internal sealed record RenderedPage(int Charts, string[] ChartsWithoutSvg, int Formulas, string[] FormulasNotTypeset, string[] RawTex);

/// <summary>Checks shared by the browser tests.</summary>
internal static partial class PageChecks
{
    /// <summary>Counts charts and formulas and finds those the browser did not render, and TeX left as text.</summary>
    public static async Task<RenderedPage> ReadAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const charts = Array.from(document.querySelectorAll('.chart'));
              const formulas = Array.from(document.querySelectorAll('.math'));
              const body = document.body.cloneNode(true);
              body.querySelectorAll('pre, code, script, .katex, .math-error').forEach(n => n.remove());
              return {
                charts: charts.length,
                chartsWithoutSvg: charts.filter(c => !c.querySelector('svg.main-svg')).map(c => c.id),
                formulas: formulas.length,
                formulasNotTypeset: formulas.filter(f => !f.querySelector('.katex') || f.classList.contains('math-error')).map(f => f.textContent),
                // one entry per text node: TeX left raw sits inside one node, while joining nodes would
                // invent false matches across elements (a chart's "total bill ($)" and "tip ($)" axis titles)
                texts: (() => { const w = document.createTreeWalker(body, NodeFilter.SHOW_TEXT), out = []; for (let n; (n = w.nextNode());) if (n.nodeValue.trim()) out.push(n.nodeValue); return out; })()
              };
            }
            """);
        var texts = json.GetProperty("texts").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        return new RenderedPage(
            json.GetProperty("charts").GetInt32(),
            json.GetProperty("chartsWithoutSvg").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            json.GetProperty("formulas").GetInt32(),
            json.GetProperty("formulasNotTypeset").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            texts.SelectMany(text => RawTex().Matches(text).Select(m => m.Value)).ToArray());
    }

    /// <summary>The relative links of a page (href as written), excluding external sites and mail.</summary>
    public static async Task<string[]> LocalLinksAsync(IPage page) =>
        (await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))"))
        .Where(h => !ExternalLink().IsMatch(h)).ToArray();

    /// <summary>
    /// Checks that a link written on <paramref name="pageFile"/> resolves: its file exists in the site and its fragment
    /// names an element id on the target page. Returns a description of the problem, or null.
    /// </summary>
    public static string? BrokenLink(string pageFile, string href)
    {
        var hash = href.IndexOf('#');
        var path = hash < 0 ? href : href[..hash];
        var fragment = hash < 0 ? null : Uri.UnescapeDataString(href[(hash + 1)..]);
        var target = path.Length == 0 ? pageFile : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(pageFile)!, Uri.UnescapeDataString(path)));
        if (!File.Exists(target)) return $"{href}: {target} does not exist";
        if (string.IsNullOrEmpty(fragment) || !target.EndsWith(".html", StringComparison.Ordinal)) return null;
        return File.ReadAllText(target).Contains($"id=\"{fragment}\"", StringComparison.Ordinal) ? null : $"{href}: no element with id '{fragment}' in {Path.GetFileName(target)}";
    }

    /// <summary>What a chart shows: its visible traces' names, its title, and the lines it has drawn.</summary>
    public static Task<string> ChartSignatureAsync(IPage page, string chartId) => page.EvaluateAsync<string>("""
        id => {
          const el = document.getElementById(id);
          const names = (el._fullData || []).filter(t => t.visible === true).map(t => t.name).join('|');
          const title = (el._fullLayout && el._fullLayout.title && el._fullLayout.title.text) || '';
          const lines = Array.from(el.querySelectorAll('.scatterlayer .trace path.js-line')).map(p => p.getAttribute('d')).join('|');
          return names + '#' + title + '#' + lines;
        }
        """, chartId);

    /// <summary>Drags a chart's (first) slider grip with the mouse to the far end of its rail: the right end, or the left if it starts there.</summary>
    public static async Task DragSliderToOtherEndAsync(IPage page, string chartId)
    {
        var rail = await page.QuerySelectorAsync($"#{chartId} .slider-rail-touch-rect") ?? throw new InvalidOperationException($"{chartId} has no slider rail");
        var grip = await page.QuerySelectorAsync($"#{chartId} .slider-grip-rect") ?? throw new InvalidOperationException($"{chartId} has no slider grip");
        await grip.ScrollIntoViewIfNeededAsync();
        var railBox = (await rail.BoundingBoxAsync())!;
        var gripBox = (await grip.BoundingBoxAsync())!;
        var y = gripBox.Y + gripBox.Height / 2;
        var startX = gripBox.X + gripBox.Width / 2;
        var targetX = startX < railBox.X + railBox.Width / 2 ? railBox.X + railBox.Width - 2 : railBox.X + 2;
        await page.Mouse.MoveAsync(startX, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(targetX, y, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await Task.Delay(300); // plotly.js restyles on the next animation frame
    }

    /// <summary>
    /// The requests a page made that were not for a file of the site (file:, or the serving origin for a served site,
    /// or inline data:/blob:). Together with <see cref="OpenPage.BlockedRequests"/> (what the network route aborted),
    /// this covers a request whether it was stopped by the route, by the page's Content-Security-Policy (which reports it
    /// as a console error too), or not at all.
    /// </summary>
    public static string[] RequestsOutsideTheSite(OpenPage opened) =>
        opened.Requests.Where(url => !opened.IsInTheSite(url)).ToArray();

    /// <summary>Asserts that the page asked for nothing outside the site: nothing blocked by the route, no such request at all.</summary>
    public static void AssertStayedInTheSite(OpenPage opened)
    {
        Assert.Empty(opened.BlockedRequests);
        Assert.Empty(RequestsOutsideTheSite(opened));
    }

    /// <summary>
    /// The live page's table of contents: each entry's level (its toc-hN class), link and text, and what its fragment
    /// names on the page: how many elements have that id, the first one's tag, its text, and whether it is in the
    /// lesson (main). Texts show formulas as their TeX (KaTeX keeps it in the MathML annotation).
    /// </summary>
    public static async Task<IReadOnlyList<(TocEntry Entry, int Targets, string Tag, string TargetText, bool InMain)>> TableOfContentsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const text = node => {
                const copy = node.cloneNode(true);
                copy.querySelectorAll('.math').forEach(m => {
                  const tex = m.querySelector('annotation[encoding="application/x-tex"]');
                  m.replaceWith(document.createTextNode(tex ? tex.textContent : m.textContent));
                });
                return copy.textContent.replace(/\s+/g, ' ').trim();
              };
              return Array.from(document.querySelectorAll('nav.toc li')).map(li => {
                const a = li.querySelector('a');
                const href = a ? a.getAttribute('href') : '';
                const id = href.startsWith('#') ? decodeURIComponent(href.slice(1)) : null;
                const targets = id ? Array.from(document.querySelectorAll('[id]')).filter(e => e.id === id) : [];
                const t = targets[0];
                return { level: li.className, href, text: a ? text(a) : '', targets: targets.length,
                         tag: t ? t.tagName : '', targetText: t ? text(t) : '', inMain: !!(t && t.closest('main')) };
              });
            }
            """);
        return json.EnumerateArray().Select(e => (
            new TocEntry(TocLevel(e.GetProperty("level").GetString()!), e.GetProperty("href").GetString()!, e.GetProperty("text").GetString()!),
            e.GetProperty("targets").GetInt32(), e.GetProperty("tag").GetString()!, e.GetProperty("targetText").GetString()!,
            e.GetProperty("inMain").GetBoolean())).ToList();

        static int TocLevel(string css) => Regex.Match(css, @"^toc-h([1-6])$") is { Success: true } m
            ? m.Groups[1].Value[0] - '0'
            : throw new InvalidOperationException($"a contents entry has the class '{css}'");
    }

    // $...$, $$...$$, \(...\), \[...\] or \begin{...} left in the visible text.
    [GeneratedRegex(@"\$\$[^$]+\$\$|\$[^\s$][^$\n]*?[^\s$]\$|\$[^\s$]\$|\\\(|\\\[|\\begin\{")]
    private static partial Regex RawTex();

    [GeneratedRegex(@"^(https?:|mailto:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalLink();
}
