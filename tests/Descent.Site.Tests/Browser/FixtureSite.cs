using Descent.Site.Export;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// The fixture lessons exported once for a test class, to artifacts/test-site/fixtures (kept after the run, so a
/// person can open the same site the browser checked). Lesson 02 is published as failed at its cell 6 (code cell 3).
/// </summary>
public sealed class FixtureSite
{
    /// <summary>The site folder.</summary>
    public string Directory { get; }

    /// <summary>What the export reported.</summary>
    public SiteExportResult Result { get; }

    /// <summary>Exports the fixtures: 01 and 02 as already executed, 03 run through the engine (a real Plotly.NET chart).</summary>
    public FixtureSite()
    {
        Directory = Path.Combine(TestPaths.Artifacts("test-site"), "fixtures");
        var lessons = TestPaths.FixtureLessons.Select(path => Path.GetFileName(path) == "02-fixture-failing.ipynb"
            ? LessonExecution.Executed(path) with { Failure = new LessonFailure(5, "System.InvalidOperationException: the learning rate is too large: 5", 3) }
            : LessonExecution.Executed(path)).ToList();
        var engineLesson = LessonExecution.RunAsync(Path.Combine(TestPaths.Fixtures, "Source", "03-engine-chart.ipynb"), TimeSpan.FromSeconds(120))
            .GetAwaiter().GetResult();
        if (engineLesson.Failure is not null) throw new InvalidOperationException($"The engine fixture failed: {engineLesson.Failure}");
        lessons.Add(engineLesson);
        Result = new SiteExporter().Export(lessons, Directory);
    }

    /// <summary>The site's pages: index.html and each lesson's page.</summary>
    public static TheoryData<string> Pages() => ["index.html", "01-fixture-lesson.html", "02-fixture-failing.html", "03-engine-chart.html"];
}
