namespace Descent.Site.Markdown;

/// <summary>A heading of a markdown cell, for the table of contents.</summary>
/// <param name="Level">1 to 6.</param>
/// <param name="Id">The page-unique anchor.</param>
/// <param name="Html">The heading's content as HTML (formulas as math elements, links unwrapped).</param>
/// <param name="Text">The heading's plain text (formulas as TeX).</param>
internal sealed record Heading(int Level, string Id, string Html, string Text);

/// <summary>A markdown cell rendered to safe HTML.</summary>
/// <param name="Html">The cell's HTML.</param>
/// <param name="Headings">Its headings, in order.</param>
/// <param name="GoalsHtml">The items of its "learning goals" list, each as HTML, when the cell has one.</param>
internal sealed record RenderedMarkdown(string Html, IReadOnlyList<Heading> Headings, IReadOnlyList<string> GoalsHtml);
