using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Descent.Site.Tests.Browser;

/// <summary>A text drawn in a chart (title, axis title, tick label, annotation, slider label, colour bar) and its box in page pixels.</summary>
internal sealed record ChartText(string Kind, string Text, double L, double T, double R, double B);

/// <summary>A box in page pixels (a subplot's plot area, the legend, the chart).</summary>
internal sealed record ChartBox(string Name, double L, double T, double R, double B)
{
    public double Height => B - T;
}

/// <summary>What one drawn chart shows, read from plotly.js's SVG.</summary>
internal sealed record ChartLayout(int Index, string Title, ChartBox Chart, ChartText[] Texts, ChartBox[] PlotAreas, ChartBox? Legend,
    string Label = "");

/// <summary>
/// Every chart of every lesson reads at laptop width (1280 px) and on a phone (400 px): no two texts of a chart overlap
/// (axis titles, tick labels, chart and subplot titles, slider labels), the legend stays off the plot areas, axis titles
/// and tick labels stay off the other panels' plot areas, no title is cut by the chart's bounds, and at laptop width
/// no chart is taller than 600 px. A chart's accessible label (aria-label) is plain text: no title markup (&lt;br&gt;,
/// &lt;sup&gt;, zero-width spaces) for a screen reader to read out. One page load per lesson and width; each chart's boxes come from one evaluate call.
/// </summary>
public sealed class ChartLayoutInBrowserTests(BrowserSession browser, LessonSite site, ITestOutputHelper output)
    : IClassFixture<BrowserSession>, IClassFixture<LessonSite>
{
    /// <summary>The widths the charts are read at: a laptop and a phone.</summary>
    private static readonly int[] Widths = [1280, 400];

    /// <summary>The tallest a chart may be at laptop width, so it fits a projector's screen with its title.</summary>
    private const double MaxHeight = 600;

    /// <summary>Boxes may touch: only an overlap of more than this many pixels in both directions counts.</summary>
    private const double Slack = 1.5;

    [LessonTheory]
    [MemberData(nameof(LessonSite.Pages), MemberType = typeof(LessonSite))]
    public async Task EveryChartsTextsStayApartAndInsideItsBoundsAtLaptopAndPhoneWidths(string pageName)
    {
        var file = Path.Combine(site.Directory, pageName);
        Assert.True(File.Exists(file), $"{pageName} was not exported:\n{site.Output}");
        var problems = new List<string>();
        foreach (var width in Widths)
        {
            await using var opened = await browser.OpenAsync(file, width);
            var charts = await ReadChartsAsync(opened.Page);
            foreach (var chart in charts)
                problems.AddRange(Problems(chart, width).Select(p => $"{pageName} at {width} px, chart {chart.Index} (\"{chart.Title}\"): {p}"));
            Assert.Empty(opened.ConsoleErrors);
        }
        var report = Path.Combine(TestPaths.Artifacts("chart-layout"), Path.ChangeExtension(pageName, ".txt"));
        await File.WriteAllLinesAsync(report, problems);
        output.WriteLine($"{pageName}: {problems.Count} layout problems");
        foreach (var p in problems.Take(200)) output.WriteLine(p);
        Assert.True(problems.Count == 0, $"{problems.Count} layout problems:\n" + string.Join("\n", problems.Take(40)));
    }

    /// <summary>What is wrong with one chart at one width.</summary>
    internal static IEnumerable<string> Problems(ChartLayout chart, int width)
    {
        if (width >= 1000 && chart.Chart.Height > MaxHeight + 0.5)
            yield return $"{chart.Chart.Height:0} px tall (at most {MaxHeight:0} at laptop width)";
        if (chart.Label.Contains('\u200B') || System.Text.RegularExpressions.Regex.IsMatch(chart.Label, @"</?[a-zA-Z][^>]*>"))
            yield return $"its accessible label carries markup: \"{chart.Label}\"";
        var texts = chart.Texts;
        for (int i = 0; i < texts.Length; i++)
            for (int j = i + 1; j < texts.Length; j++)
                if (Overlap(texts[i], texts[j]))
                    yield return $"{Describe(texts[i])} overlaps {Describe(texts[j])}";
        foreach (var text in texts.Where(t => t.Kind is "title" or "axis title" or "subplot title" or "slider label"))
            if (text.L < chart.Chart.L - 1 || text.R > chart.Chart.R + 1 || text.T < chart.Chart.T - 1 || text.B > chart.Chart.B + 1)
                yield return $"{Describe(text)} is cut by the chart's bounds (text {text.L:0},{text.T:0} to {text.R:0},{text.B:0}; chart {chart.Chart.L:0},{chart.Chart.T:0} to {chart.Chart.R:0},{chart.Chart.B:0})";
        if (chart.Legend is { } legend)
            foreach (var area in chart.PlotAreas.Where(a => Overlap(legend, a)))
                yield return $"the legend covers the plot area of {area.Name}";
        foreach (var text in texts.Where(t => t.Kind is "axis title" or "tick label"))
            foreach (var area in chart.PlotAreas.Where(a => Overlap(text, a)))
                yield return $"{Describe(text)} lies on the plot area of {area.Name}";
    }

    private static string Describe(ChartText t) => $"{t.Kind} \"{t.Text}\"";

    private static bool Overlap(ChartText a, ChartText b) => Overlap(a.L, a.T, a.R, a.B, b.L, b.T, b.R, b.B);

    private static bool Overlap(ChartText a, ChartBox b) => Overlap(a.L, a.T, a.R, a.B, b.L, b.T, b.R, b.B);

    private static bool Overlap(ChartBox a, ChartBox b) => Overlap(a.L, a.T, a.R, a.B, b.L, b.T, b.R, b.B);

    private static bool Overlap(double l1, double t1, double r1, double b1, double l2, double t2, double r2, double b2) =>
        Math.Min(r1, r2) - Math.Max(l1, l2) > Slack && Math.Min(b1, b2) - Math.Max(t1, t2) > Slack;

    /// <summary>Every drawn chart's texts and boxes, in one evaluate call.</summary>
    internal static async Task<IReadOnlyList<ChartLayout>> ReadChartsAsync(Microsoft.Playwright.IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const box = r => ({ l: r.left, t: r.top, r: r.right, b: r.bottom });
              const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && (e.textContent || '').trim() !== ''
                && getComputedStyle(e).opacity !== '0' && e.getAttribute('opacity') !== '0'; };
              return Array.from(document.querySelectorAll('.chart')).map((el, index) => {
                const svg = el.querySelector('svg.main-svg');
                const fl = el._fullLayout;
                if (!svg || !fl) return null;
                const s = svg.getBoundingClientRect();
                const texts = [];
                const add = (kind, e) => { if (shown(e)) texts.push(Object.assign({ kind, text: e.textContent.trim() }, box(e.getBoundingClientRect()))); };
                el.querySelectorAll('text.gtitle').forEach(e => add('title', e));
                el.querySelectorAll('text').forEach(e => { const c = e.getAttribute('class') || ''; if (/^[xy]\d*title$/.test(c) && !e.closest('.colorbar')) add('axis title', e); });
                el.querySelectorAll('g.xtick > text, g.ytick > text').forEach(e => add(e.closest('.colorbar') ? 'colour bar' : 'tick label', e));
                el.querySelectorAll('.colorbar text.cbtitle').forEach(e => add('colour bar', e));
                el.querySelectorAll('g.annotation text.annotation-text').forEach(e => {
                  const a = e.closest('g.annotation'); const i = Number(a.getAttribute('data-index'));
                  const spec = (fl.annotations || [])[i] || {};
                  add(spec.xref === 'paper' && spec.yref === 'paper' && spec.yanchor === 'bottom' && !spec.showarrow ? 'subplot title' : 'annotation', e);
                });
                el.querySelectorAll('.slider-container text').forEach(e => add('slider label', e));
                el.querySelectorAll('.updatemenu-container text').forEach(e => add('button', e));
                const plots = Object.entries(fl._plots || {}).map(([name, p]) => ({ name,
                  l: s.left + p.xaxis._offset, r: s.left + p.xaxis._offset + p.xaxis._length,
                  t: s.top + p.yaxis._offset, b: s.top + p.yaxis._offset + p.yaxis._length }));
                const lg = el.querySelector('g.legend rect.bg');
                const legend = lg && lg.getBoundingClientRect().width > 0 ? Object.assign({ name: 'legend' }, box(lg.getBoundingClientRect())) : null;
                return { index, title: (fl.title && fl.title.text) || '', label: el.getAttribute('aria-label') || '', chart: Object.assign({ name: 'chart' }, box(s)), texts, plots, legend };
              }).filter(c => c !== null);
            }
            """);
        static double D(JsonElement e, string p) => e.GetProperty(p).GetDouble();
        static ChartBox Box(JsonElement e) => new(e.GetProperty("name").GetString()!, D(e, "l"), D(e, "t"), D(e, "r"), D(e, "b"));
        return json.EnumerateArray().Select(c => new ChartLayout(
            c.GetProperty("index").GetInt32(),
            c.GetProperty("title").GetString() ?? "",
            Box(c.GetProperty("chart")),
            c.GetProperty("texts").EnumerateArray().Select(t => new ChartText(t.GetProperty("kind").GetString()!, t.GetProperty("text").GetString()!,
                D(t, "l"), D(t, "t"), D(t, "r"), D(t, "b"))).ToArray(),
            c.GetProperty("plots").EnumerateArray().Select(Box).ToArray(),
            c.GetProperty("legend").ValueKind == JsonValueKind.Null ? null : Box(c.GetProperty("legend")),
            c.GetProperty("label").GetString() ?? "")).ToList();
    }
}
