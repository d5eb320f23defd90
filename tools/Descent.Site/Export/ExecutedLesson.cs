namespace Descent.Site.Export;

/// <summary>One lesson ready to be published: the executed notebook the engine wrote, and whether it ran clean.</summary>
/// <param name="SourcePath">The lesson's .ipynb (its name gives the page's name; its folder resolves relative paths).</param>
/// <param name="ExecutedNotebook">The executed notebook's JSON (nbformat 4), copied beside the page as it is.</param>
/// <param name="Failure">Why execution stopped early, or null when every cell ran.</param>
public sealed record ExecutedLesson(string SourcePath, string ExecutedNotebook, LessonFailure? Failure = null);
