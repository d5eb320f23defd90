using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Descent.Site.Tests;

/// <summary>A line of a page's table of contents: the heading level (from its toc-hN class), the link and its text.</summary>
internal sealed record TocEntry(int Level, string Href, string Text);

/// <summary>
/// What a lesson page's table of contents should list, read from the notebook's markdown independently of the
/// exporter, and what the exported page's table of contents does list.
/// </summary>
internal static partial class TableOfContents
{
    /// <summary>
    /// The headings of a notebook's markdown cells that the contents list, in order: every ATX heading of level 2 or 3
    /// outside code fences, and level-1 headings after the first (the first is the page's title). The text is what a
    /// reader sees with formulas kept as TeX: markdown emphasis, code backticks and link targets removed.
    /// </summary>
    public static IReadOnlyList<(int Level, string Text)> ExpectedHeadings(string notebookPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(notebookPath));
        var headings = new List<(int Level, string Text)>();
        var titleSeen = false;
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "markdown") continue;
            var source = cell.GetProperty("source");
            var text = source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
                : source.GetString() ?? "";
            string? fence = null;
            foreach (var line in text.Split('\n'))
            {
                var fenceMatch = Fence().Match(line);
                if (fenceMatch.Success)
                {
                    var marker = fenceMatch.Groups[1].Value;
                    if (fence is null) fence = marker;
                    else if (marker[0] == fence[0] && marker.Length >= fence.Length) fence = null;
                    continue;
                }
                if (fence is not null) continue;
                var heading = AtxHeading().Match(line);
                if (!heading.Success) continue;
                var level = heading.Groups[1].Value.Length;
                if (level == 1 && !titleSeen) { titleSeen = true; continue; }
                if (level <= 3) headings.Add((level, PlainMarkdown(heading.Groups[2].Value)));
            }
        }
        return headings;
    }

    /// <summary>The entries of the table of contents (<c>nav.toc</c>) in a page's HTML, text with tags removed.</summary>
    public static IReadOnlyList<TocEntry> Read(string html)
    {
        var nav = Nav().Match(html);
        if (!nav.Success) throw new InvalidOperationException("The page has no <nav class=\"toc\"> with a list.");
        var items = Regex.Matches(nav.Groups[1].Value, "<li\\b").Count;
        var entries = Entry().Matches(nav.Groups[1].Value);
        if (entries.Count != items) throw new InvalidOperationException($"{items} items in the contents, {entries.Count} of them in the expected form.");
        return entries
            .Select(m => new TocEntry(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                WebUtility.HtmlDecode(m.Groups[2].Value), TextOf(m.Groups[3].Value)))
            .ToList();
    }

    /// <summary>
    /// Checks that an entry's link is a fragment naming exactly one element on the page, a heading of the entry's level
    /// with the entry's text. Returns a description of the problem, or null.
    /// </summary>
    public static string? Unresolved(string html, TocEntry entry)
    {
        if (!entry.Href.StartsWith('#') || entry.Href.Length == 1) return $"{entry.Href}: not a fragment of the page";
        var id = Uri.UnescapeDataString(entry.Href[1..]);
        var withId = Regex.Matches(html, $"\\bid=\"{Regex.Escape(WebUtility.HtmlEncode(id))}\"").Count;
        if (withId != 1) return $"{entry.Href}: {withId} elements have the id '{id}'";
        var heading = Regex.Match(html, $"<h([1-6])\\b[^>]*\\bid=\"{Regex.Escape(WebUtility.HtmlEncode(id))}\"[^>]*>(.*?)</h\\1>", RegexOptions.Singleline);
        if (!heading.Success) return $"{entry.Href}: the element with id '{id}' is not a heading";
        if (heading.Groups[1].Value != entry.Level.ToString(System.Globalization.CultureInfo.InvariantCulture))
            return $"{entry.Href}: the contents list it at level {entry.Level}, the page has an h{heading.Groups[1].Value}";
        var text = TextOf(heading.Groups[2].Value);
        return text == entry.Text ? null : $"{entry.Href}: the contents say '{entry.Text}', the heading says '{text}'";
    }

    private static string TextOf(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(html, "")), " ").Trim();

    // Markdown inline syntax to what a reader sees: [text](url) -> text, `code` -> code, *em* / **strong** -> text,
    // $tex$ -> tex. Emphasis markers inside formulas are TeX and stay.
    private static string PlainMarkdown(string markdown)
    {
        var text = MarkdownLink().Replace(markdown.Trim(), "$1");
        var parts = text.Split('$');
        for (var i = 0; i < parts.Length; i += 2) parts[i] = parts[i].Replace("**", "").Replace("*", "").Replace("`", "");
        return Whitespace().Replace(WebUtility.HtmlDecode(string.Concat(parts)), " ").Trim();
    }

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<nav class=""toc""[^>]*>.*?<ol>(.*?)</ol>", RegexOptions.Singleline)]
    private static partial Regex Nav();

    [GeneratedRegex(@"<li class=""toc-h([1-6])""><a href=""([^""]*)"">(.*?)</a></li>", RegexOptions.Singleline)]
    private static partial Regex Entry();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
