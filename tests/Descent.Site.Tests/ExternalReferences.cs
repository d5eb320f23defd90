using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Descent.Site.Tests;

/// <summary>
/// Finds what in a site's files would make a browser (or Jupyter, for the published notebooks) fetch something from
/// outside the site: an element that loads a URL with a scheme or starting with //, a stylesheet url() or @import
/// from another host, a markdown image from the web, a URL string in a script, and any CDN reference at all.
/// Hyperlinks (&lt;a href&gt;, markdown [text](https://...)) are references for the reader and are allowed.
/// </summary>
internal static partial class ExternalReferences
{
    /// <summary>
    /// The files of a site to scan and the files that are not scanned: the vendored plotly.js and KaTeX script (their
    /// own embedded URLs are never fetched by the site) and the KaTeX fonts (binary). Every other file is scanned.
    /// </summary>
    public static (IReadOnlyList<string> Scanned, IReadOnlyList<string> NotScanned) Files(string site)
    {
        var scanned = new List<string>();
        var notScanned = new List<string>();
        foreach (var file in Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(site, file).Replace('\\', '/');
            if (NotScannedFile().IsMatch(relative)) notScanned.Add(relative);
            else scanned.Add(relative);
        }
        return (scanned, notScanned);
    }

    /// <summary>Scans one file of a site; returns each external reference found as "file: what".</summary>
    public static IEnumerable<string> InFile(string site, string relative)
    {
        var raw = File.ReadAllText(Path.Combine(site, relative));
        // A notebook is JSON: its HTML and markdown are read from the decoded strings (cell sources, outputs, metadata).
        var text = relative.EndsWith(".ipynb", StringComparison.Ordinal) ? DecodedStrings(raw) : raw;
        return In(text, relative.EndsWith(".js", StringComparison.Ordinal)).Select(found => $"{relative}: {found}");
    }

    /// <summary>Scans text (HTML, CSS, markdown, or a script when <paramref name="isScript"/>).</summary>
    public static IEnumerable<string> In(string text, bool isScript = false)
    {
        foreach (Match m in Cdn().Matches(text)) yield return $"CDN reference …{Around(text, m.Index)}…";
        foreach (Match tag in LoadingTag().Matches(text))
            foreach (Match attribute in UrlAttribute().Matches(tag.Value))
            {
                var value = attribute.Groups[2].Value.Trim('"', '\'');
                var urls = attribute.Groups[1].Value.Equals("srcset", StringComparison.OrdinalIgnoreCase)
                    ? value.Split(',').Select(candidate => candidate.Trim().Split(' ')[0])
                    : [value];
                foreach (var url in urls.Where(IsOutside)) yield return $"<{tag.Groups[1].Value}> loads {url}";
            }
        foreach (Match m in CssUrl().Matches(text))
            if (IsOutside(m.Groups[1].Value)) yield return $"url({m.Groups[1].Value})";
        foreach (Match m in CssImport().Matches(text))
            if (IsOutside(m.Groups[1].Value)) yield return $"@import {m.Groups[1].Value}";
        foreach (Match m in MarkdownImage().Matches(text))
            if (IsOutside(m.Groups[1].Value)) yield return $"markdown image {m.Groups[1].Value}";
        // A script, or the body of a script element (code, or a chart's JSON, whose layout images plotly.js would
        // fetch): any quoted URL with a scheme or starting with //.
        IEnumerable<string> scripts = isScript ? [text] : ScriptElement().Matches(text).Select(m => m.Groups[1].Value);
        foreach (var script in scripts)
            foreach (Match m in QuotedUrl().Matches(script)) yield return $"URL in a script …{Around(script, m.Index)}…";
    }

    /// <summary>Whether a URL written in a page points outside the site: it has a scheme other than data: or blob:, or starts with //.</summary>
    public static bool IsOutside(string url)
    {
        var u = url.Trim();
        if (u.StartsWith("//", StringComparison.Ordinal)) return true;
        var scheme = Scheme().Match(u);
        return scheme.Success && scheme.Groups[1].Value.ToLowerInvariant() is not ("data" or "blob");
    }

    private static string DecodedStrings(string json)
    {
        var sb = new StringBuilder();
        using var document = JsonDocument.Parse(json);
        Collect(document.RootElement);
        return sb.ToString();

        void Collect(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: sb.Append(e.GetString()).Append('\n'); break;
                case JsonValueKind.Array: foreach (var item in e.EnumerateArray()) Collect(item); break;
                case JsonValueKind.Object:
                    foreach (var property in e.EnumerateObject()) { sb.Append(property.Name).Append('\n'); Collect(property.Value); }
                    break;
                default: break;
            }
        }
    }

    private static string Around(string text, int index)
    {
        var start = Math.Max(0, index - 30);
        return text.Substring(start, Math.Min(text.Length, index + 40) - start).ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"^assets/(plotly-[0-9.]+\.min\.js|katex/katex\.min\.js|katex/fonts/[^/]+\.woff2)$")]
    private static partial Regex NotScannedFile();

    [GeneratedRegex(@"cdn\.|//cdn", RegexOptions.IgnoreCase)]
    private static partial Regex Cdn();

    // Elements that fetch what they name (an <a> does not: it is a hyperlink for the reader).
    [GeneratedRegex(@"<(script|link|img|iframe|frame|source|video|audio|track|embed|object|image|use|input|form|body|table|td|th)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LoadingTag();

    [GeneratedRegex(@"\b(src|href|xlink:href|srcset|data|poster|action|formaction|background|codebase)\s*=\s*(""[^""]*""|'[^']*'|[^\s>]+)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex(@"<script\b[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"url\(\s*[""']?([^""')\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"@import\s+(?:url\(\s*)?[""']?([^""')\s;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CssImport();

    [GeneratedRegex(@"!\[[^\]]*\]\(\s*<?([^)\s>]+)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"[""'`](?:[a-z][a-z0-9+.\-]*:)?//[a-z0-9]", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedUrl();

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.\-]*):")]
    private static partial Regex Scheme();
}
