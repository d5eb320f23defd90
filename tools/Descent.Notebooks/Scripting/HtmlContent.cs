namespace Descent.Notebooks.Scripting;

/// <summary>HTML markup to show as <c>text/html</c> (what <c>HTML("...")</c> returns in a cell).</summary>
/// <param name="Html">The markup, shown as is.</param>
public sealed record HtmlContent(string Html)
{
    /// <summary>The markup.</summary>
    public override string ToString() => Html;
}
