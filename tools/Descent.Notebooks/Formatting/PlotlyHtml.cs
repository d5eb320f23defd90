using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Formatting;

/// <summary>
/// The <c>text/html</c> form of a Plotly figure: a div and a script that draws the figure with the page's global
/// <c>Plotly</c> when it has one, and otherwise loads plotly.js from a configurable URL (through require.js when the
/// page uses it, as classic Jupyter does). The site exporter can call <see cref="Render"/> on an output's
/// <c>application/vnd.plotly.v1+json</c> figure with its own asset path, or with no URL when the page includes plotly.js.
/// </summary>
public static class PlotlyHtml
{
    /// <summary>Markup that draws <paramref name="figure"/> (an object with <c>data</c>, <c>layout</c>, <c>config</c>).</summary>
    /// <param name="figure">The figure, as in an <c>application/vnd.plotly.v1+json</c> output.</param>
    /// <param name="divId">The id of the div the chart is drawn into (unique in the page).</param>
    /// <param name="scriptUrl">Where to load plotly.js from when the page has none; null to never load it.</param>
    public static string Render(JsonNode figure, string divId, string? scriptUrl)
    {
        var json = EscapeForScript(NotebookJson.SerializeCompact(figure));
        var id = WebUtility.HtmlEncode(divId);
        var jsId = EscapeForScript(System.Text.Json.JsonSerializer.Serialize(divId));
        var sb = new StringBuilder();
        sb.Append("<div id=\"").Append(id).Append("\" class=\"descent-plotly\"></div>\n");
        sb.Append("<script type=\"text/javascript\">\n(function () {\n");
        sb.Append("  var figure = ").Append(json).Append(";\n");
        sb.Append("  var id = ").Append(jsId).Append(";\n");
        sb.Append("  function render(P) { P.newPlot(id, figure.data, figure.layout || {}, figure.config || {}); }\n");
        sb.Append("  if (typeof window.Plotly !== 'undefined') { render(window.Plotly); return; }\n");
        if (scriptUrl is null)
        {
            sb.Append("  var el = document.getElementById(id);\n");
            sb.Append("  if (el) { el.textContent = 'This chart needs plotly.js, which this page does not load.'; }\n");
        }
        else
        {
            var src = EscapeForScript(System.Text.Json.JsonSerializer.Serialize(scriptUrl));
            sb.Append("  var src = ").Append(src).Append(";\n");
            sb.Append("  if (typeof window.require === 'function' && typeof window.define === 'function' && window.define.amd) {\n");
            sb.Append("    window.require.config({ paths: { plotly: src.replace(/\\.js$/, '') } });\n");
            sb.Append("    window.require(['plotly'], function (P) { window.Plotly = P; render(P); });\n");
            sb.Append("    return;\n  }\n");
            sb.Append("  var s = document.querySelector('script[data-descent-plotly]');\n");
            sb.Append("  if (!s) { s = document.createElement('script'); s.src = src; s.setAttribute('data-descent-plotly', ''); document.head.appendChild(s); }\n");
            sb.Append("  s.addEventListener('load', function () { render(window.Plotly); });\n");
        }
        sb.Append("})();\n</script>");
        return sb.ToString();
    }

    /// <summary>Makes JSON safe inside a script element: no <c>&lt;/</c>, no <c>&lt;!--</c>, no JavaScript line separators.</summary>
    internal static string EscapeForScript(string json) => json
        .Replace("</", "<\\/", StringComparison.Ordinal)
        .Replace("<!--", "<\\!--", StringComparison.Ordinal)
        .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
        .Replace("\u2029", "\\u2029", StringComparison.Ordinal);
}
