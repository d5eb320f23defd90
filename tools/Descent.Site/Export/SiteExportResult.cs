namespace Descent.Site.Export;

/// <summary>What happened to one lesson during an export.</summary>
/// <param name="SourcePath">The lesson's notebook.</param>
/// <param name="PageFile">Its page, relative to the site folder.</param>
/// <param name="Title">Its title.</param>
/// <param name="PageBytes">The page's size in bytes (shared assets not included).</param>
/// <param name="Charts">How many charts the page draws.</param>
/// <param name="Formulas">How many formulas it typesets.</param>
/// <param name="Failure">Why the lesson did not execute to the end, or null.</param>
/// <param name="Warnings">What was removed or not found while rendering (external loads, scripts, missing images).</param>
public sealed record LessonExportResult(string SourcePath, string PageFile, string Title, long PageBytes, int Charts, int Formulas,
    LessonFailure? Failure, IReadOnlyList<string> Warnings);

/// <summary>The outcome of an export.</summary>
/// <param name="SiteDirectory">The site folder (replaced as a whole).</param>
/// <param name="Lessons">Each lesson, in site order.</param>
/// <param name="AssetBytes">The size of the shared assets, written once.</param>
public sealed record SiteExportResult(string SiteDirectory, IReadOnlyList<LessonExportResult> Lessons, long AssetBytes)
{
    /// <summary>Warnings about the index page (its notation and glossary section), as for a lesson's page.</summary>
    public IReadOnlyList<string> IndexWarnings { get; init; } = [];

    /// <summary>The handouts written (student and teacher per lesson, file names relative to the site folder); empty without --handouts.</summary>
    public IReadOnlyList<string> Handouts { get; init; } = [];

    /// <summary>True when every lesson executed to the end.</summary>
    public bool Succeeded => Lessons.All(l => l.Failure is null);
}
