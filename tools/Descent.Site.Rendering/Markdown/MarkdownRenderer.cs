using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Notebooks.Model;
using Descent.Site.Html;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Descent.Site.Markdown;

/// <summary>
/// Renders a lesson's markdown cells with Markdig: CommonMark with pipe and grid tables, task lists, strikethrough,
/// autolinks and raw HTML (the teacher's <c>&lt;details&gt;</c> answers), with LaTeX protected from Markdig by
/// <see cref="MathProtector"/>. Heading anchors are unique across the page; links to another lesson's .ipynb point to
/// its page; <c>attachment:</c> images and images beside the notebook are embedded as data URIs.
/// </summary>
internal sealed partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseListExtras()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    private readonly HtmlSafety safety;
    private readonly HashSet<string> usedIds;
    private readonly Func<string, string?> resolveNotebookLink;
    private readonly string? notebookDirectory;

    /// <param name="safety">The HTML policy.</param>
    /// <param name="usedIds">Anchors already taken on the page (shared by all cells of a page).</param>
    /// <param name="resolveNotebookLink">Maps a relative link to a .ipynb to the page that shows it, or null to leave it.</param>
    /// <param name="notebookDirectory">The folder relative image paths are resolved against.</param>
    public MarkdownRenderer(HtmlSafety safety, HashSet<string> usedIds, Func<string, string?> resolveNotebookLink, string? notebookDirectory)
    {
        this.safety = safety;
        this.usedIds = usedIds;
        this.resolveNotebookLink = resolveNotebookLink;
        this.notebookDirectory = notebookDirectory;
    }

    /// <summary>Renders one markdown cell.</summary>
    /// <param name="source">The cell's markdown.</param>
    /// <param name="attachments">The cell's nbformat attachments (name to mime bundle), or null.</param>
    /// <param name="warnings">Receives what was removed or could not be resolved.</param>
    public RenderedMarkdown Render(string source, JsonObject? attachments, List<string> warnings)
    {
        var (protectedText, spans) = MathProtector.Protect(source);
        var document = Markdig.Markdown.Parse(protectedText, Pipeline);

        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var attributes = heading.GetAttributes();
            var id = MathHeadingId(heading, spans) ?? attributes.Id;
            attributes.Id = UniqueId(string.IsNullOrEmpty(id) ? "section" : id);
        }
        foreach (var link in document.Descendants<LinkInline>())
            link.Url = RewriteUrl(link.Url, link.IsImage, attachments, warnings);

        var goals = FindGoals(document, spans, warnings);
        var html = Finish(RenderBlock(document), spans, warnings);
        return new RenderedMarkdown(html, ExtractHeadings(html), goals);
    }

    /// <summary>Renders inline markdown (a title, a caption) to safe HTML without a paragraph around it.</summary>
    public string RenderInline(string markdown, List<string> warnings)
    {
        var (protectedText, spans) = MathProtector.Protect(markdown);
        var html = Markdig.Markdown.ToHtml(protectedText, Pipeline).Trim();
        if (html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal))
            html = html[3..^4];
        return Finish(html, spans, warnings);
    }

    /// <summary>The address given to a link whose target is not on the site; <see cref="Finish"/> turns such links into text.</summary>
    private const string Unpublished = "#descent-unpublished:";

    private string Finish(string html, IReadOnlyList<MathSpan> spans, List<string> warnings) =>
        MathProtector.Restore(UnlinkUnpublished(safety.Sanitize(html, warnings)), spans);

    /// <summary>A link to a lesson that is not exported (yet) or to a file outside the site keeps its text but loses its link.</summary>
    private static string UnlinkUnpublished(string html) => !html.Contains(Unpublished, StringComparison.Ordinal) ? html
        : UnpublishedLink().Replace(html, m =>
            $"<span class=\"link-unpublished\" title=\"not on this site: {Html.Html.Escape(Uri.UnescapeDataString(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)))}\">{m.Groups[2].Value}</span>");

    private static string RenderBlock(MarkdownObject block)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(block);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// The anchor of a heading that holds a formula, made from the formula's TeX rather than from its placeholder
    /// (whose number depends on the formulas before it in the cell), by Markdig's GitHub rule like every other heading.
    /// Null for a heading without a formula (Markdig's own id stands).
    /// </summary>
    private static string? MathHeadingId(HeadingBlock heading, IReadOnlyList<MathSpan> spans)
    {
        if (heading.Inline is null) return null;
        var text = new System.Text.StringBuilder();
        foreach (var inline in heading.Inline.Descendants<Inline>())
            if (inline is LiteralInline literal) text.Append(literal.Content.ToString());
            else if (inline is CodeInline code) text.Append(code.Content);
        var raw = text.ToString();
        if (!HeadingPlaceholder().IsMatch(raw)) return null;
        raw = HeadingPlaceholder().Replace(raw, m => int.TryParse(m.Groups[1].Value, out var i) && i < spans.Count ? spans[i].Tex : m.Value);
        return Markdig.Helpers.LinkHelper.UrilizeAsGfm(raw);   // the same rule AutoIdentifierOptions.GitHub applies
    }

    [GeneratedRegex(@"@@(\d+)@@")]
    private static partial Regex HeadingPlaceholder();

    private string UniqueId(string id)
    {
        var candidate = id;
        for (var n = 1; !usedIds.Add(candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }

    private string? RewriteUrl(string? url, bool isImage, JsonObject? attachments, List<string> warnings)
    {
        if (string.IsNullOrEmpty(url)) return url;
        if (url.StartsWith("attachment:", StringComparison.OrdinalIgnoreCase))
        {
            var name = Uri.UnescapeDataString(url["attachment:".Length..]);
            if (attachments?[name] is JsonObject bundle && MimeBundle.FromJson(bundle) is var data && data.MimeTypes.FirstOrDefault() is { } mime)
                return $"data:{mime};base64,{data.GetText(mime)?.Replace("\n", "")}";
            warnings.Add($"the cell refers to attachment '{name}', which it does not carry");
            return url;
        }
        if (IsAbsolute(url)) return url;
        var hash = url.IndexOf('#');
        var path = hash < 0 ? url : url[..hash];
        var fragment = hash < 0 ? "" : url[hash..];
        if (path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
        {
            if (resolveNotebookLink(Uri.UnescapeDataString(path)) is { } page) return page + fragment;
            warnings.Add($"the link '{url}' names a notebook that is not part of this export: its text is shown without a link");
            return Unpublished + Uri.EscapeDataString(url);
        }
        if (isImage && notebookDirectory is not null && path.Length > 0)
        {
            var file = Path.GetFullPath(Path.Combine(notebookDirectory, Uri.UnescapeDataString(path)));
            if (File.Exists(file) && ImageMime(file) is { } mime)
                return $"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(file))}";
            warnings.Add($"the image '{url}' was not found beside the notebook ({file})");
        }
        else if (!isImage && path.Length > 0)
        {
            warnings.Add($"the link '{url}' points to a file that is not part of the site: its text is shown without a link (link to it by its full address instead)");
            return Unpublished + Uri.EscapeDataString(url);
        }
        return url;
    }

    private static bool IsAbsolute(string url) => url.StartsWith('#') || url.StartsWith("//", StringComparison.Ordinal) || UrlScheme().IsMatch(url);

    private static string? ImageMime(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".svg" => "image/svg+xml",
        ".webp" => "image/webp",
        _ => null,
    };

    /// <summary>
    /// The items of the list that follows a heading or paragraph naming the learning goals ("Learning goals",
    /// "Goals", "Objectives", "You will learn"), the convention every lesson follows (SYLLABUS.md).
    /// </summary>
    private List<string> FindGoals(MarkdownDocument document, IReadOnlyList<MathSpan> spans, List<string> warnings)
    {
        for (var i = 0; i < document.Count - 1; i++)
        {
            var block = document[i];
            if (block is not (HeadingBlock or ParagraphBlock)) continue;
            var text = Html.Html.ToPlainText(RenderBlock(block));
            if (text.Length > 160 || !GoalsLabel().IsMatch(text)) continue;
            if (document[i + 1] is not ListBlock list) continue;
            var goals = new List<string>();
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var html = Finish(RenderBlock(item).Trim(), spans, warnings);
                html = ListItemWrapper().Replace(html, "$1");
                html = ParagraphWrapper().Replace(html.Trim(), "$1");
                goals.Add(html.Trim());
            }
            return goals;
        }
        return [];
    }

    private static List<Heading> ExtractHeadings(string html)
    {
        var headings = new List<Heading>();
        foreach (Match m in HeadingPattern().Matches(html))
        {
            var inner = AnchorTag().Replace(m.Groups[3].Value, "");
            headings.Add(new Heading(m.Groups[1].Value[0] - '0', System.Net.WebUtility.HtmlDecode(m.Groups[2].Value), inner.Trim(), Html.Html.ToPlainText(inner)));
        }
        return headings;
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.\-]*:")]
    private static partial Regex UrlScheme();

    [GeneratedRegex(@"\b(learning goals?|goals?|objectives?|you will learn|you'll learn|what you will learn|by the end)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GoalsLabel();

    [GeneratedRegex(@"^<li[^>]*>(.*)</li>$", RegexOptions.Singleline)]
    private static partial Regex ListItemWrapper();

    [GeneratedRegex(@"^<p>(.*?)</p>$", RegexOptions.Singleline)]
    private static partial Regex ParagraphWrapper();

    [GeneratedRegex(@"<h([1-6])[^>]*?\bid=""([^""]*)""[^>]*>(.*?)</h\1>", RegexOptions.Singleline)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"</?a\b[^>]*>")]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"<a\b[^>]*?href=""#descent-unpublished:([^""]*)""[^>]*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex UnpublishedLink();
}
