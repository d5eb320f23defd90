namespace Descent.Site.Markdown;

/// <summary>A formula taken out of a markdown cell before Markdig sees it.</summary>
/// <param name="Tex">The TeX source without its delimiters (for an environment, the whole <c>\begin...\end</c>).</param>
/// <param name="Display">True for <c>$$...$$</c>, <c>\\[...\\]</c> and environments; false for inline math.</param>
/// <param name="Original">The text exactly as written, delimiters included (put back where HTML cannot hold markup).</param>
/// <param name="IsMath">False for a literal <c>@@n@@</c> in the teacher's text, which is only protected and put back.</param>
internal sealed record MathSpan(string Tex, bool Display, string Original, bool IsMath = true);
