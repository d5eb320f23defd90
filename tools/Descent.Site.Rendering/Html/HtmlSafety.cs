using AngleSharp.Dom;
using Ganss.Xss;

namespace Descent.Site.Html;

/// <summary>
/// The site's HTML policy, applied to everything it did not write itself: the HTML a teacher writes in markdown and
/// the <c>text/html</c> outputs of cells. No script, no event handler, no plugin or frame, and nothing that loads from
/// another host (an external <c>src</c>, <c>srcset</c>, <c>poster</c> or CSS <c>url()</c> is removed and reported);
/// links to other sites stay links.
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

    private static bool IsExternal(string href) =>
        href.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("//", StringComparison.Ordinal);
}
