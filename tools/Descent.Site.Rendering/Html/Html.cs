using System.Text;
using System.Text.RegularExpressions;

namespace Descent.Site.Html;

/// <summary>HTML escaping for text and attribute values: everything the site writes from data goes through here.</summary>
internal static partial class Html
{
    /// <summary>Escapes text for an element's content or a double-quoted attribute value.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The text of an HTML fragment: tags removed, the common entities decoded.</summary>
    public static string ToPlainText(string html)
    {
        var text = TagPattern().Replace(html, "");
        return System.Net.WebUtility.HtmlDecode(text).Trim();
    }

    /// <summary>Removes ANSI escape sequences (colours in tracebacks and console output).</summary>
    public static string StripAnsi(string text) => AnsiPattern().Replace(text, "");

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex AnsiPattern();
}
