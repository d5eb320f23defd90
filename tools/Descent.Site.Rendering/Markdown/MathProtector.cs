using System.Text;
using System.Text.RegularExpressions;

namespace Descent.Site.Markdown;

/// <summary>
/// Keeps LaTeX away from Markdig, the way Jupyter does (its <c>remove_math</c>/<c>replace_math</c>): every formula is
/// replaced by a placeholder <c>@@n@@</c> before the markdown is parsed, so emphasis (<c>_</c>, <c>*</c>), escapes
/// (<c>\{</c>, <c>\\</c>) and table pipes inside a formula are never touched; after rendering, each placeholder becomes
/// an element holding the escaped TeX, which the page typesets with KaTeX.
/// </summary>
/// <remarks>
/// Recognised: <c>$$...$$</c> and <c>\\[...\\]</c> (display), <c>$...$</c> and <c>\\(...\\)</c> (inline),
/// <c>\begin{env}...\end{env}</c> (display). An inline <c>$</c> opens only before a non-space and closes only after a
/// non-space and not before a digit (so "costs $5 and $10" stays text); <c>\$</c> is a literal dollar. A formula never
/// spans a blank line or runs into a code span. Code spans and fenced code blocks are left exactly as written.
/// </remarks>
internal static partial class MathProtector
{
    /// <summary>Replaces every formula in <paramref name="markdown"/> with a placeholder.</summary>
    public static (string Text, IReadOnlyList<MathSpan> Spans) Protect(string markdown)
    {
        var spans = new List<MathSpan>();
        var sb = new StringBuilder(markdown.Length);
        var s = markdown;
        var i = 0;
        while (i < s.Length)
        {
            if (AtLineStart(s, i) && TryFence(s, i, out var fenceEnd))
            {
                sb.Append(s, i, fenceEnd - i);
                i = fenceEnd;
                continue;
            }
            var c = s[i];
            if (c == '`')
            {
                var run = RunLength(s, i, '`');
                var close = FindBacktickRun(s, i + run, run);
                var end = close < 0 ? i + run : close + run;
                sb.Append(s, i, end - i);
                i = end;
                continue;
            }
            if (c == '\\' && i + 1 < s.Length)
            {
                var next = s[i + 1];
                if (next == '\\' && i + 2 < s.Length && (s[i + 2] == '(' || s[i + 2] == '['))
                {
                    var closer = s[i + 2] == '(' ? @"\\)" : @"\\]";
                    var close = FindPlain(s, i + 3, closer);
                    if (close >= 0)
                    {
                        var tex = s.Substring(i + 3, close - i - 3);
                        i = Add(sb, spans, new MathSpan(tex, s[i + 2] == '[', s.Substring(i, close + 3 - i)), close + 3);
                        continue;
                    }
                }
                if (s.AsSpan(i).StartsWith(@"\begin{") && TryEnvironment(s, i, out var envEnd))
                {
                    var tex = s.Substring(i, envEnd - i);
                    i = Add(sb, spans, new MathSpan(tex, true, tex), envEnd);
                    continue;
                }
                // Any other escape (\$, \\, \*) is Markdig's business: copy both characters so the escaped one never
                // opens a formula.
                sb.Append(c).Append(next);
                i += 2;
                continue;
            }
            if (c == '$')
            {
                if (i + 1 < s.Length && s[i + 1] == '$')
                {
                    var close = FindDollar(s, i + 2, display: true);
                    if (close >= 0)
                    {
                        var tex = s.Substring(i + 2, close - i - 2);
                        if (tex.Trim().Length > 0)
                        {
                            i = Add(sb, spans, new MathSpan(tex.Trim(), true, s.Substring(i, close + 2 - i)), close + 2);
                            continue;
                        }
                    }
                    sb.Append("$$");
                    i += 2;
                    continue;
                }
                if (i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]))
                {
                    var close = FindDollar(s, i + 1, display: false);
                    if (close >= 0)
                    {
                        var tex = s.Substring(i + 1, close - i - 1);
                        i = Add(sb, spans, new MathSpan(tex, false, s.Substring(i, close + 1 - i)), close + 1);
                        continue;
                    }
                }
                sb.Append('$');
                i++;
                continue;
            }
            if (c == '@')
            {
                var m = PlaceholderPattern().Match(s, i);
                if (m.Success && m.Index == i)
                {
                    i = Add(sb, spans, new MathSpan(m.Value, false, m.Value, IsMath: false), i + m.Length);
                    continue;
                }
            }
            sb.Append(c);
            i++;
        }
        return (sb.ToString(), spans);
    }

    /// <summary>
    /// Puts the formulas back into Markdig's HTML: a placeholder in text becomes
    /// <c>&lt;span class="math math-inline|math-display"&gt;escaped TeX&lt;/span&gt;</c>; one inside a tag (an attribute
    /// value such as an image's alt text) becomes the original text, escaped.
    /// </summary>
    public static string Restore(string html, IReadOnlyList<MathSpan> spans)
    {
        if (spans.Count == 0) return html;
        var sb = new StringBuilder(html.Length + spans.Count * 48);
        var inTag = false;
        var quote = '\0';
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (inTag)
            {
                if (quote != '\0') { if (c == quote) quote = '\0'; }
                else if (c == '"' || c == '\'') quote = c;
                else if (c == '>') inTag = false;
            }
            else if (c == '<' && i + 1 < html.Length && (char.IsAsciiLetter(html[i + 1]) || html[i + 1] is '/' or '!' or '?'))
            {
                inTag = true;
            }
            if (c == '@')
            {
                var m = PlaceholderPattern().Match(html, i);
                if (m.Success && m.Index == i && int.TryParse(m.Groups[1].ValueSpan, out var n) && n < spans.Count)
                {
                    sb.Append(Render(spans[n], inTag));
                    i += m.Length - 1;
                    continue;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The element for one formula; inside a tag, the escaped original text.</summary>
    public static string Render(MathSpan span, bool insideTag = false)
    {
        if (!span.IsMath || insideTag) return Html.Html.Escape(span.Original);
        var kind = span.Display ? "math math-display" : "math math-inline";
        return $"<span class=\"{kind}\">{Html.Html.Escape(span.Tex)}</span>";
    }

    private static int Add(StringBuilder sb, List<MathSpan> spans, MathSpan span, int next)
    {
        sb.Append("@@").Append(spans.Count).Append("@@");
        spans.Add(span);
        return next;
    }

    private static bool AtLineStart(string s, int i) => i == 0 || s[i - 1] == '\n';

    /// <summary>A fenced code block (``` or ~~~, any indentation) from its opening line to the end of its closing line.</summary>
    private static bool TryFence(string s, int i, out int end)
    {
        end = i;
        var j = i;
        while (j < s.Length && (s[j] == ' ' || s[j] == '\t')) j++;
        if (j >= s.Length || (s[j] != '`' && s[j] != '~')) return false;
        var fenceChar = s[j];
        var run = RunLength(s, j, fenceChar);
        if (run < 3) return false;
        var lineEnd = s.IndexOf('\n', j);
        if (fenceChar == '`' && lineEnd >= 0 && s.AsSpan(j + run, lineEnd - j - run).Contains('`')) return false;
        if (lineEnd < 0) { end = s.Length; return true; }
        var pos = lineEnd + 1;
        while (pos < s.Length)
        {
            var k = pos;
            while (k < s.Length && (s[k] == ' ' || s[k] == '\t')) k++;
            var next = s.IndexOf('\n', pos);
            var stop = next < 0 ? s.Length : next + 1;
            if (k < s.Length && s[k] == fenceChar && RunLength(s, k, fenceChar) >= run
                && s.AsSpan(k + RunLength(s, k, fenceChar), (next < 0 ? s.Length : next) - k - RunLength(s, k, fenceChar)).IsWhiteSpace())
            {
                end = stop;
                return true;
            }
            pos = stop;
        }
        end = s.Length; // an unclosed fence runs to the end of the cell, as in CommonMark
        return true;
    }

    private static int RunLength(string s, int i, char c)
    {
        var j = i;
        while (j < s.Length && s[j] == c) j++;
        return j - i;
    }

    /// <summary>The start of the next run of exactly <paramref name="run"/> backticks, or -1.</summary>
    private static int FindBacktickRun(string s, int from, int run)
    {
        var i = from;
        while (i < s.Length)
        {
            if (s[i] == '`')
            {
                var n = RunLength(s, i, '`');
                if (n == run) return i;
                i += n;
            }
            else i++;
        }
        return -1;
    }

    /// <summary>The closing <c>$</c> (or <c>$$</c>) of a formula, or -1 if a blank line or the end comes first.</summary>
    private static int FindDollar(string s, int from, bool display)
    {
        var depth = 0;
        for (var i = from; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\') { i++; continue; }
            if (c == '`') return -1; // a code span binds tighter than a formula: "$5 ... `$x$`" is no formula
            if (c == '{') { depth++; continue; }
            if (c == '}') { if (depth > 0) depth--; continue; }
            if (c == '\n' && IsBlankLineAfter(s, i)) return -1;
            if (c != '$' || depth > 0) continue;
            if (display)
            {
                if (i + 1 < s.Length && s[i + 1] == '$') return i;
                continue;
            }
            if (i + 1 < s.Length && s[i + 1] == '$') return -1; // "$a$$" is not a clean inline formula
            if (char.IsWhiteSpace(s[i - 1])) continue;
            if (i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])) continue;
            return i;
        }
        return -1;
    }

    private static int FindPlain(string s, int from, string closer)
    {
        for (var i = from; i < s.Length; i++)
        {
            if (s[i] == '\n' && IsBlankLineAfter(s, i)) return -1;
            if (string.CompareOrdinal(s, i, closer, 0, closer.Length) == 0) return i;
        }
        return -1;
    }

    private static bool IsBlankLineAfter(string s, int newline)
    {
        var j = newline + 1;
        while (j < s.Length && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
        return j >= s.Length || s[j] == '\n';
    }

    /// <summary>A whole <c>\begin{env}...\end{env}</c>, nested environments of the same name included.</summary>
    private static bool TryEnvironment(string s, int i, out int end)
    {
        end = i;
        var m = BeginPattern().Match(s, i);
        if (!m.Success || m.Index != i) return false;
        var name = m.Groups[1].Value;
        var begin = @"\begin{" + name + "}";
        var endTag = @"\end{" + name + "}";
        var depth = 0;
        var j = i;
        while (j < s.Length)
        {
            if (string.CompareOrdinal(s, j, begin, 0, begin.Length) == 0) { depth++; j += begin.Length; continue; }
            if (string.CompareOrdinal(s, j, endTag, 0, endTag.Length) == 0)
            {
                depth--;
                j += endTag.Length;
                if (depth == 0) { end = j; return true; }
                continue;
            }
            j++;
        }
        return false;
    }

    [GeneratedRegex(@"@@(\d+)@@")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\\begin\{([A-Za-z]+\*?)\}")]
    private static partial Regex BeginPattern();
}
