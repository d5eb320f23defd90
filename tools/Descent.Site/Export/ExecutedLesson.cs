using Descent.Notebooks.Model;

namespace Descent.Site.Export;

/// <summary>One lesson ready to be published: the executed notebook (the engine's model), and whether it ran clean.</summary>
/// <param name="SourcePath">The lesson's .ipynb (its name gives the page's name; its folder resolves relative paths).</param>
/// <param name="Notebook">The executed notebook; written beside the page with the engine's deterministic JSON.</param>
/// <param name="Failure">Why execution stopped early, or null when every cell ran.</param>
public sealed record ExecutedLesson(string SourcePath, Notebook Notebook, LessonFailure? Failure = null);
