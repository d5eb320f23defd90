using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Descent.Site.Tests.Browser;

/// <summary>A data point to hover: its chart, trace and index, its values, and where it is drawn inside the chart.</summary>
internal sealed record HoverTarget(string ChartId, int Trace, int Point, double X, double Y, string HoverTemplate, double ChartX, double ChartY, double Isolation);

/// <summary>What plotly.js showed after the mouse moved onto a point.</summary>
internal sealed record HoverShown(string[] Labels, int[][] HoveredPoints);

/// <summary>Hovering over a chart's data point with the real mouse.</summary>
internal static partial class ChartHover
{
    /// <summary>
    /// The most isolated marker of the page's first chart that has one to offer: a point of a visible scatter trace
    /// drawn with markers whose hover template shows its x and y, inside the plot area and away from the legend, in a
    /// chart whose hover mode is "closest". Its position comes from the chart's own axes (_fullLayout): the axis
    /// offset plus the axis' calc-to-pixel of the point. Isolation is the distance in pixels to the nearest other
    /// point any trace would answer a hover with, so the mouse on it can only mean this point.
    /// </summary>
    public static async Task<HoverTarget?> FindAsync(IPage page, double minimumIsolation = 15)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            minimumIsolation => {
              for (const el of document.querySelectorAll('.chart')) {
                const fl = el._fullLayout, data = el._fullData, calc = el.calcdata;
                if (!fl || !data || !calc || fl.hovermode !== 'closest') continue;
                if (data.some(t => t.visible === true && t.type !== 'scatter')) continue;
                const svg = el.querySelector('svg.main-svg').getBoundingClientRect();
                const legend = el.querySelector('.legend');
                const lb = legend ? legend.getBoundingClientRect() : null;
                const all = [], candidates = [];
                data.forEach((t, ti) => {
                  if (t.visible !== true || t.hoverinfo === 'skip') return;
                  const sp = fl._plots[t.xaxis + t.yaxis];
                  if (!sp) return;
                  const xa = sp.xaxis, ya = sp.yaxis;
                  const template = typeof t.hovertemplate === 'string' ? t.hovertemplate : '';
                  const offers = (t.mode || '').includes('markers') && template.includes('%{x') && template.includes('%{y');
                  (calc[ti] || []).forEach((cd, i) => {
                    if (typeof cd.x !== 'number' || typeof cd.y !== 'number' || !isFinite(cd.x) || !isFinite(cd.y)) return;
                    const px = xa.c2p(cd.x), py = ya.c2p(cd.y);
                    if (!isFinite(px) || !isFinite(py)) return;
                    const p = { trace: ti, point: i, px: xa._offset + px, py: ya._offset + py };
                    all.push(p);
                    const inside = px > 10 && px < xa._length - 10 && py > 10 && py < ya._length - 10;
                    const underLegend = lb && svg.left + p.px > lb.left - 10 && svg.left + p.px < lb.right + 10
                                           && svg.top + p.py > lb.top - 10 && svg.top + p.py < lb.bottom + 10;
                    if (offers && inside && !underLegend)
                      candidates.push(Object.assign(p, { x: Number(t.x[i]), y: Number(t.y[i]), template }));
                  });
                });
                let best = null;
                for (const c of candidates) {
                  let nearest = Infinity;
                  for (const p of all) if (p !== c) nearest = Math.min(nearest, Math.hypot(p.px - c.px, p.py - c.py));
                  if (!best || nearest > best.isolation) best = Object.assign(c, { isolation: nearest });
                }
                if (best && best.isolation >= minimumIsolation && isFinite(best.x) && isFinite(best.y))
                  return { chart: el.id, trace: best.trace, point: best.point, x: best.x, y: best.y, template: best.template,
                           px: best.px, py: best.py, isolation: best.isolation };
              }
              return null;
            }
            """, minimumIsolation);
        if (json.ValueKind == JsonValueKind.Null) return null;
        return new HoverTarget(json.GetProperty("chart").GetString()!, json.GetProperty("trace").GetInt32(), json.GetProperty("point").GetInt32(),
            json.GetProperty("x").GetDouble(), json.GetProperty("y").GetDouble(), json.GetProperty("template").GetString()!,
            json.GetProperty("px").GetDouble(), json.GetProperty("py").GetDouble(), json.GetProperty("isolation").GetDouble());
    }

    /// <summary>
    /// Scrolls the chart into view, moves the mouse onto the point (from a little to its left, in steps, as a hand
    /// would) and waits for plotly.js's hover label. Throws when the point is covered by something other than the
    /// chart's drag layer, or when no label appears.
    /// </summary>
    public static async Task<HoverShown> HoverAsync(IPage page, HoverTarget target)
    {
        var chart = await page.QuerySelectorAsync($"#{target.ChartId}") ?? throw new InvalidOperationException($"no chart {target.ChartId}");
        await chart.ScrollIntoViewIfNeededAsync();
        var at = await page.EvaluateAsync<JsonElement>("""
            ([id, px, py]) => {
              const el = document.getElementById(id);
              el.descentHovered = [];
              el.on('plotly_hover', e => { el.descentHovered = e.points.map(p => [p.curveNumber, p.pointNumber]); });
              const svg = el.querySelector('svg.main-svg').getBoundingClientRect();
              const x = svg.left + px, y = svg.top + py;
              const under = document.elementFromPoint(x, y);
              return { x, y, under: under ? (under.getAttribute('class') || under.tagName) : '' };
            }
            """, new object[] { target.ChartId, target.ChartX, target.ChartY });
        var x = at.GetProperty("x").GetSingle();
        var y = at.GetProperty("y").GetSingle();
        var under = at.GetProperty("under").GetString()!;
        if (!under.Contains("drag", StringComparison.Ordinal))
            throw new InvalidOperationException($"The point at ({x}, {y}) of {target.ChartId} is covered by '{under}', not the chart's drag layer.");

        await page.Mouse.MoveAsync(x - 40, y);
        await page.Mouse.MoveAsync(x, y, new MouseMoveOptions { Steps = 5 });
        await BrowserSession.WaitUntilAsync(page,
            "id => Array.from(document.querySelectorAll('#' + id + ' .hoverlayer .hovertext')).some(h => h.textContent.trim() !== '')",
            target.ChartId, TimeSpan.FromSeconds(10), $"no hover label appeared on {target.ChartId} with the mouse on trace {target.Trace}, point {target.Point}");
        var shown = await page.EvaluateAsync<JsonElement>("""
            id => {
              const el = document.getElementById(id);
              const lines = h => Array.from(h.querySelectorAll('text')).map(t => {
                const spans = t.querySelectorAll('tspan.line');
                return spans.length ? Array.from(spans).map(s => s.textContent).join('\n') : t.textContent;
              }).join('\n');
              return { labels: Array.from(el.querySelectorAll('.hoverlayer .hovertext')).map(lines), hovered: el.descentHovered || [] };
            }
            """, target.ChartId);
        return new HoverShown(
            shown.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            shown.GetProperty("hovered").EnumerateArray().Select(p => p.EnumerateArray().Select(n => n.GetInt32()).ToArray()).ToArray());
    }

    /// <summary>
    /// The literal text of a hover template, what plotly.js shows around the values: split at placeholders and tags.
    /// The &lt;extra&gt; part is left out (plotly.js shortens it to the trace name's length limit).
    /// </summary>
    public static string[] TemplateText(string template) =>
        TemplatePart().Split(Extra().Replace(template, "")).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();

    /// <summary>The numbers a label shows (plotly.js writes a minus as U+2212).</summary>
    public static double[] Numbers(string label) =>
        Number().Matches(label.Replace('\u2212', '-')).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex(@"<extra>.*?</extra>", RegexOptions.Singleline)]
    private static partial Regex Extra();

    [GeneratedRegex(@"%\{[^}]*\}|<[^>]*>")]
    private static partial Regex TemplatePart();

    [GeneratedRegex(@"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")]
    private static partial Regex Number();
}
