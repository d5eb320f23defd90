using AngleSharp.Dom;
using Ganss.Xss;

namespace Descent.Site.Html;

/// <summary>
/// The site's HTML policy, applied to everything it did not write itself: the HTML a teacher writes in markdown and
/// the <c>text/html</c> outputs of cells. No script, no event handler, no plugin or frame, and nothing that loads from
/// another host (an external <c>src</c>, <c>srcset</c>, <c>poster</c> or CSS <c>url()</c> is removed and reported);
/// links to other sites stay links.
/// <list type="bullet">
/// <item><c>style</c> attributes stay (tables and captions use them), but without <c>position</c> and <c>z-index</c>:
/// nothing a notebook writes can lay itself over the page (e.g. a full-page overlay with a fake button). The page's
/// stylesheet also confines each output to its own box (<c>contain: paint</c>) as a second wall.</item>
/// <item>A file a notebook refers to must be in the site: a <c>src</c> (or <c>srcset</c>, <c>poster</c>, ...) that is an
/// absolute path (<c>/...</c>), a <c>file:</c> URL, or climbs above the page's folder (<c>../</c>) is removed and
/// reported, since it would show on the teacher's computer and nowhere else.</item>
/// </list>
/// </summary>
internal sealed class HtmlSafety
{
    private static readonly string[] ResourceAttributes = ["src", "srcset", "poster", "background", "lowsrc", "data", "formaction", "action"];
    private readonly HtmlSanitizer sanitizer;
    [ThreadStatic] private static List<string>? currentWarnings;

    public HtmlSafety()
    {
        sanitizer = new HtmlSanitizer();
        foreach (var tag in new[] { "details", "summary", "figure", "figcaption", "mark", "kbd", "samp", "var", "sub", "sup",
                     "abbr", "cite", "dfn", "small", "time", "caption", "colgroup", "col", "section", "article", "aside",
                     "header", "footer", "nav", "hr", "br", "picture", "source" })
            sanitizer.AllowedTags.Add(tag);
        foreach (var tag in new[] { "form", "input", "button", "textarea", "select", "option", "optgroup", "fieldset", "legend", "label" })
            sanitizer.AllowedTags.Remove(tag);
        foreach (var attribute in new[] { "id", "class", "style", "open", "title", "role", "colspan", "rowspan", "align",
                     "start", "reversed", "type", "scope", "headers", "aria-label", "aria-hidden", "aria-describedby", "lang", "dir" })
            sanitizer.AllowedAttributes.Add(attribute);
        sanitizer.AllowDataAttributes = false;
        // Nothing may lay itself over the page.
        sanitizer.AllowedCssProperties.Remove("position");
        sanitizer.AllowedCssProperties.Remove("z-index");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("data");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element) return;
            foreach (var name in ResourceAttributes)
            {
                var value = element.GetAttribute(name);
                if (value is not null && LoadsFromElsewhere(value))
                {
                    element.RemoveAttribute(name);
                    currentWarnings?.Add($"removed <{element.LocalName} {name}=\"{value}\">: a page of the site loads nothing from another host (put the file beside the notebook or embed it)");
                }
                else if (value is not null && LeavesTheSite(value))
                {
                    element.RemoveAttribute(name);
                    currentWarnings?.Add($"removed <{element.LocalName} {name}=\"{value}\">: it points outside the site's folder, so students would not have it (put the file beside the notebook or embed it)");
                }
            }
            var style = element.GetAttribute("style");
            if (style is not null && style.Contains("url(", StringComparison.OrdinalIgnoreCase) && LoadsFromElsewhere(style))
            {
                element.RemoveAttribute("style");
                currentWarnings?.Add($"removed a style on <{element.LocalName}> that loads from another host: {style}");
            }
            if (element.LocalName == "a" && element.GetAttribute("href") is { } href && IsExternal(href))
                element.SetAttribute("rel", "noopener noreferrer");
        };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (e.Tag.LocalName is "script" or "iframe" or "object" or "embed" or "link" or "meta" or "base" or "style" or "form")
                currentWarnings?.Add($"removed <{e.Tag.LocalName}>: {e.Reason}");
        };
    }

    /// <summary>The fragment with everything outside the policy removed; each removal of a load or a script is added to <paramref name="warnings"/>.</summary>
    public string Sanitize(string html, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(html)) return html;
        currentWarnings = warnings;
        try
        {
            return sanitizer.Sanitize(html);
        }
        finally
        {
            currentWarnings = null;
        }
    }

    /// <summary>True for a URL (or a CSS value containing one) that the browser would fetch from a host: http(s), ftp, protocol-relative.</summary>
    public static bool LoadsFromElsewhere(string value)
    {
        var v = value.Trim();
        return v.Contains("http:", StringComparison.OrdinalIgnoreCase)
            || v.Contains("https:", StringComparison.OrdinalIgnoreCase)
            || v.Contains("ftp:", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("//", StringComparison.Ordinal)
            || v.Contains("url(//", StringComparison.OrdinalIgnoreCase)
            || v.Contains("url('//", StringComparison.OrdinalIgnoreCase)
            || v.Contains("url(\"//", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True for a reference (or a <c>srcset</c> list of them) that points outside the folder of the page it is on: an
    /// absolute path, a <c>file:</c> URL, or a relative path that climbs above its start.
    /// </summary>
    public static bool LeavesTheSite(string value)
    {
        foreach (var candidate in value.Split(','))
        {
            var url = candidate.Trim().Split(' ', 2)[0].Replace('\\', '/');
            if (url.Length == 0 || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || url.StartsWith('#')) continue;
            if (url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))) return true;
            var path = url.Split('?', '#')[0];
            int depth = 0;
            foreach (var part in path.Split('/'))
            {
                if (part == "..") depth--;
                else if (part is not ("" or ".")) depth++;
                if (depth < 0) return true;
            }
        }
        return false;
    }

    private static bool IsExternal(string href) =>
        href.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("//", StringComparison.Ordinal);
}
