using Descent.Site.Export;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// The fixture lessons exported once for a test class, to artifacts/test-site/fixtures (kept after the run, so a
/// person can open the same site the browser checked). Lesson 02 is published as failed at its cell 4.
/// </summary>
public sealed class FixtureSite
{
    /// <summary>The site folder.</summary>
    public string Directory { get; }

    /// <summary>What the export reported.</summary>
    public SiteExportResult Result { get; }

    /// <summary>Exports the fixtures.</summary>
    public FixtureSite()
    {
        Directory = Path.Combine(TestPaths.Artifacts("test-site"), "fixtures");
        var lessons = TestPaths.FixtureLessons.Select(path => new ExecutedLesson(path, File.ReadAllText(path),
            Path.GetFileName(path) == "02-fixture-failing.ipynb" ? new LessonFailure(3, "System.InvalidOperationException: the learning rate is too large: 5") : null)).ToList();
        Result = new SiteExporter().Export(lessons, Directory);
    }

    /// <summary>The site's pages: index.html and each lesson's page.</summary>
    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string> { "index.html" };
        foreach (var path in TestPaths.FixtureLessons) data.Add(Path.GetFileNameWithoutExtension(path) + ".html");
        return data;
    }
}
