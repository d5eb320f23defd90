using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Descent.Notebooks.Formatting;
using Descent.Notebooks.Model;
using Descent.Site.Html;
using Descent.Site.Markdown;

namespace Descent.Site.Outputs;

/// <summary>
/// Renders a code cell's outputs (Jupyter mime bundles, streams, errors) to HTML. Text is always escaped; HTML
/// outputs pass through <see cref="HtmlSafety"/>; a Plotly chart (<c>application/vnd.plotly.v1+json</c>) becomes an
/// empty container plus its figure as inert JSON, which the page's script draws with the shared plotly.js: the only
/// script a chart needs, with no copy of plotly.js and no CDN reference per chart.
/// </summary>
internal sealed class OutputRenderer
{
    /// <summary>The mime type the engine's chart formatter writes.</summary>
    public const string PlotlyMime = PlotlyFormatter.MimeType;

    /// <summary>Mime types in the order the site prefers them when a bundle carries several.</summary>
    private static readonly string[] Preference =
        [PlotlyMime, "text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown", "text/latex", "application/json", "text/plain"];

    private static readonly JsonSerializerOptions CompactJson = new() { WriteIndented = false };

    private readonly HtmlSafety safety;
    private readonly MarkdownRenderer markdown;
    private readonly string pageKey;
    private int chartCount;

    /// <param name="safety">The HTML policy for text/html outputs.</param>
    /// <param name="markdown">Renders text/markdown outputs.</param>
    /// <param name="pageKey">Makes chart element ids unique on the page.</param>
    public OutputRenderer(HtmlSafety safety, MarkdownRenderer markdown, string pageKey)
    {
        this.safety = safety;
        this.markdown = markdown;
        this.pageKey = pageKey;
    }

    /// <summary>How many charts this renderer has written.</summary>
    public int ChartCount => chartCount;

    /// <summary>Renders all outputs of one code cell, merging consecutive stream outputs of the same stream.</summary>
    public string RenderAll(IReadOnlyList<CellOutput> outputs, List<string> warnings)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < outputs.Count; i++)
        {
            switch (outputs[i])
            {
                case StreamOutput stream:
                    var text = new StringBuilder(stream.Text);
                    while (i + 1 < outputs.Count && outputs[i + 1] is StreamOutput next && next.Name == stream.Name)
                    {
                        text.Append(next.Text);
                        i++;
                    }
                    sb.Append(RenderStream(stream.Name, text.ToString()));
                    break;
                case ExecuteResultOutput result:
                    sb.Append(RenderBundle(result.Data, warnings));
                    break;
                case DisplayDataOutput display:
                    sb.Append(RenderBundle(display.Data, warnings));
                    break;
                case ErrorOutput error:
                    sb.Append(RenderError(error.EName, error.EValue, error.Traceback));
                    break;
                default:
                    sb.Append($"<div class=\"output output-unsupported\">(an output of type {Html.Html.Escape(outputs[i].OutputType)} that a static page cannot show)</div>\n");
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Console output, escaped; a carriage return overwrites its line as a terminal would.</summary>
    public static string RenderStream(string name, string text)
    {
        var css = name == "stderr" ? "output output-stream output-stderr" : "output output-stream";
        return $"<pre class=\"{css}\">{Html.Html.Escape(ApplyCarriageReturns(Html.Html.StripAnsi(text)))}</pre>\n";
    }

    /// <summary>An error: its type and message, then the traceback, all escaped.</summary>
    public static string RenderError(string ename, string evalue, IReadOnlyList<string> traceback)
    {
        var header = string.IsNullOrEmpty(evalue) ? ename : $"{ename}: {evalue}";
        var lines = traceback.Select(Html.Html.StripAnsi)
            .SelectMany(t => t.Split('\n'))
            .Where(l => l.Trim() != header.Trim() && l.Trim().Length > 0)
            .ToList();
        var sb = new StringBuilder("<div class=\"output output-error\" role=\"alert\"><pre>");
        sb.Append("<strong class=\"ename\">").Append(Html.Html.Escape(ename)).Append("</strong>");
        if (!string.IsNullOrEmpty(evalue)) sb.Append(": ").Append(Html.Html.Escape(evalue));
        foreach (var line in lines) sb.Append('\n').Append(Html.Html.Escape(line));
        sb.Append("</pre></div>\n");
        return sb.ToString();
    }

    /// <summary>The richest representation of a mime bundle the page can show.</summary>
    public string RenderBundle(MimeBundle data, List<string> warnings)
    {
        if (data.Count == 0) return "";
        var mime = Preference.FirstOrDefault(data.Contains);
        if (mime is null)
        {
            var kinds = string.Join(", ", data.MimeTypes);
            return $"<div class=\"output output-unsupported\">(an output of type {Html.Html.Escape(kinds)} that a static page cannot show)</div>\n";
        }
        var text = data.GetText(mime) ?? "";
        switch (mime)
        {
            case PlotlyMime:
                return RenderChart(data.GetJson(mime), data, warnings);
            case "text/html":
                return $"<div class=\"output output-html\">{safety.Sanitize(text, warnings)}</div>\n";
            case "image/svg+xml":
                // An SVG shown through <img> runs no script and loads nothing; its text travels base64-encoded.
                return Image("image/svg+xml", Encoding.UTF8.GetBytes(text));
            case "image/png" or "image/jpeg" or "image/gif":
                // The data must be base64 of an image of the declared type; it is decoded and encoded again, so the
                // attribute holds only base64 characters whatever the notebook says.
                if (DecodeImage(mime, text) is { } bytes) return Image(mime, bytes);
                warnings.Add($"an {mime} output is not base64-encoded {mime} data; it is left out");
                return $"<div class=\"output output-unsupported\">(an {mime} output whose data is not a valid {mime.Substring(6).ToUpperInvariant()} image)</div>\n";
            case "text/markdown":
                return $"<div class=\"output output-markdown\">{markdown.Render(text, null, warnings).Html}</div>\n";
            case "text/latex":
                var tex = text.Trim();
                if (tex.StartsWith("$$") && tex.EndsWith("$$") && tex.Length >= 4) tex = tex[2..^2];
                else if (tex.StartsWith('$') && tex.EndsWith('$') && tex.Length >= 2) tex = tex[1..^1];
                return $"<div class=\"output output-latex\">{MathProtector.Render(new MathSpan(tex.Trim(), true, tex))}</div>\n";
            case "application/json":
                var json = data.GetJson(mime) is { } node ? node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) : text;
                return $"<pre class=\"output output-json\">{Html.Html.Escape(json)}</pre>\n";
            default:
                return $"<pre class=\"output output-text\">{Html.Html.Escape(Html.Html.StripAnsi(text))}</pre>\n";
        }
    }

    private string RenderChart(JsonNode? figure, MimeBundle bundle, List<string> warnings)
    {
        JsonNode? parsed = figure;
        if (figure is JsonValue value && value.TryGetValue<string>(out var text))
        {
            try { parsed = JsonNode.Parse(text); }
            catch (JsonException e)
            {
                warnings.Add($"a chart's figure JSON is malformed ({e.Message}); its text form is shown instead");
                parsed = null;
            }
        }
        if (parsed is not JsonObject fig || fig["data"] is not JsonArray)
        {
            if (parsed is not null) warnings.Add("a chart's figure has no 'data' array; its text form is shown instead");
            return bundle.GetText("text/plain") is { } plain
                ? $"<pre class=\"output output-text\">{Html.Html.Escape(plain)}</pre>\n"
                : "";
        }
        var id = $"chart-{pageKey}-{++chartCount}";
        // Only the figure travels (data, layout, config, frames); System.Text.Json escapes <, >, & and quotes, so the
        // JSON cannot close its script element.
        var json = FigureJson.Compact(fig).ToJsonString(CompactJson);
        var title = ChartTitle(fig);
        var label = string.IsNullOrEmpty(title) ? "Interactive chart" : $"Interactive chart: {title}";
        return $"<div class=\"output output-chart\"><div class=\"chart\" id=\"{id}\" data-figure=\"{id}-figure\" role=\"img\" aria-label=\"{Html.Html.Escape(label)}\"></div>"
            + $"<script type=\"application/json\" id=\"{id}-figure\">{json}</script></div>\n";
    }

    /// <summary>
    /// The chart's title as plain text for its accessible label: wrapping breaks and zero-width spaces gone, other line
    /// breaks as " — ", sub- and superscripts written with Unicode characters where there are some (x², θ₀), other
    /// tags dropped, entities decoded. A slider that rewrites the title keeps only the part every position shares (the
    /// line naming the position would be stale once the slider moves).
    /// </summary>
    internal static string? ChartTitle(JsonObject figure)
    {
        static string? Text(JsonNode? title) => title switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["text"] is JsonValue t && t.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        var title = Text(figure["layout"]?["title"]);
        if (title is null) return null;
        var stepTitles = (figure["layout"]?["sliders"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(slider => slider["steps"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(step => step["args"] is JsonArray { Count: >= 2 } args && args[1] is JsonObject update ? Text(update["title.text"]) : null)
            .OfType<string>().ToList();
        if (stepTitles.Count > 1)
        {
            int common = stepTitles.Aggregate(stepTitles[0].Length, (n, t) => CommonPrefix(stepTitles[0], t, n));
            int cut = stepTitles[0].LastIndexOf("<br>", Math.Max(0, common - 1), StringComparison.OrdinalIgnoreCase);
            if (common < stepTitles[0].Length && cut > 0) title = stepTitles[0][..cut];
        }
        return PlainText(title);
    }

    private static int CommonPrefix(string a, string b, int max)
    {
        int n = 0;
        while (n < max && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    /// <summary>Plotly's title markup as plain text (see <see cref="ChartTitle"/>).</summary>
    internal static string PlainText(string markup)
    {
        var text = markup.Replace("<br>\u200B", " ", StringComparison.OrdinalIgnoreCase).Replace("\u200B", "");
        text = Regex.Replace(text, @"<br\s*/?>", " — ", RegexOptions.IgnoreCase);
        text = Regex.Replace(text, @"<(sup|sub)>([^<]*)</\1>", m =>
        {
            var map = m.Groups[1].Value.Equals("sup", StringComparison.OrdinalIgnoreCase) ? Superscripts : Subscripts;
            var inner = m.Groups[2].Value;
            bool inline = m.Index > 0 && !char.IsWhiteSpace(text[m.Index - 1]) && text[m.Index - 1] != '—';
            return inline && inner.Length > 0 && inner.All(map.ContainsKey) ? string.Concat(inner.Select(c => map[c])) : inner;
        }, RegexOptions.IgnoreCase);
        text = Regex.Replace(text, "<[^>]*>", "");
        text = System.Net.WebUtility.HtmlDecode(text);
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    private static readonly Dictionary<char, char> Superscripts = Pairs("0123456789+-−=()nikT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵏᵀ");

    private static readonly Dictionary<char, char> Subscripts = Pairs("0123456789+-−=()aeoxhklmnpstijruv", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ");

    private static Dictionary<char, char> Pairs(string from, string to) =>
        from.Zip(to).ToDictionary(p => p.First, p => p.Second);

    private static string Image(string mime, byte[] bytes) =>
        $"<div class=\"output output-image\"><img src=\"data:{mime};base64,{Convert.ToBase64String(bytes)}\" alt=\"cell output\"></div>\n";

    /// <summary>
    /// The bytes of a base64 image output (nbformat allows line breaks in it), or null when the text is not base64 or
    /// the bytes do not start with the declared format's signature (PNG, JPEG or GIF).
    /// </summary>
    internal static byte[]? DecodeImage(string mime, string base64)
    {
        var compact = new StringBuilder(base64.Length);
        foreach (var c in base64)
            if (!char.IsWhiteSpace(c)) compact.Append(c);
        var buffer = new byte[compact.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(compact.ToString(), buffer, out var length)) return null;
        ReadOnlySpan<byte> bytes = buffer.AsSpan(0, length);
        bool signed = mime switch
        {
            "image/png" => bytes.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }),
            "image/jpeg" => bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            "image/gif" => bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8),
            _ => false,
        };
        return signed ? bytes.ToArray() : null;
    }

    private static string ApplyCarriageReturns(string text)
    {
        if (!text.Contains('\r')) return text;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var cr = lines[i].LastIndexOf('\r');
            if (cr >= 0) lines[i] = lines[i][(cr + 1)..];
        }
        return string.Join('\n', lines);
    }
}
