using Descent.Site.Export;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// The present-mode fixtures (Fixtures/Slides: 01 with Jupyter slideshow metadata, 02 without) exported once for a test
/// class, with their handouts, to artifacts/test-site/slides (kept after the run, to open by hand).
/// </summary>
public sealed class SlidesSite
{
    /// <summary>The site folder.</summary>
    public string Directory { get; } = Path.Combine(TestPaths.Artifacts("test-site"), "slides");

    /// <summary>Exports the fixtures as already executed, with --handouts.</summary>
    public SlidesSite()
    {
        var lessons = new[] { "01-slides-metadata.ipynb", "02-slides-headings.ipynb" }
            .Select(n => LessonExecution.Executed(SlideshowAndHandoutTests.Slides(n))).ToList();
        new SiteExporter(new SiteExportOptions(Handouts: true)).Export(lessons, Directory);
    }

    /// <summary>A file of the site.</summary>
    public string File(string name) => Path.Combine(Directory, name);
}
