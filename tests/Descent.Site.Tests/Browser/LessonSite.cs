using Descent.Cli.Commands;
using Descent.Site.Export;
using Descent.Testing;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// The repository's lessons (notebooks/*.ipynb), as the test run executed them once for all projects
/// (<see cref="ExecutedLessons"/>), exported through <c>descent export --executed</c> to artifacts/test-site/lessons. Nothing is exported while notebooks/ holds no lesson.
/// </summary>
public sealed class LessonSite
{
    /// <summary>The site folder.</summary>
    public string Directory { get; } = Path.Combine(TestPaths.Artifacts("test-site"), "lessons");

    /// <summary>The exit code of <c>descent export</c> (null when there are no lessons).</summary>
    public int? ExitCode { get; }

    /// <summary>What <c>descent export</c> printed.</summary>
    public string Output { get; } = "";

    /// <summary>Runs the export when there are lessons.</summary>
    public LessonSite()
    {
        if (TestPaths.RepositoryLessons.Count == 0) return;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // The lessons as the test run executed them once for every project (descent run's copies), exported with --executed.
        ExecutedLessons.AllAsync().GetAwaiter().GetResult();
        ExitCode = ExportCommand.RunAsync([ExecutedLessons.Folder], Directory, alreadyExecuted: true,
            timeoutSeconds: 120, stdout, stderr).GetAwaiter().GetResult();
        Output = stdout + "\n" + stderr;
    }

    /// <summary>The lessons' page names, for theories (empty when there are no lessons; the theories are then skipped).</summary>
    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var slug in SiteExporter.Slugs(TestPaths.RepositoryLessons)) data.Add(slug + ".html");
        return data;
    }

    /// <summary>The first two lessons' page names (lessons 01 and 02), for theories.</summary>
    public static TheoryData<string> FirstPages()
    {
        var data = new TheoryData<string>();
        foreach (var slug in SiteExporter.Slugs(TestPaths.RepositoryLessons).Take(2)) data.Add(slug + ".html");
        return data;
    }

    /// <summary>The notebook in notebooks/ a lesson page was exported from.</summary>
    public static string NotebookOf(string pageName)
    {
        var lessons = TestPaths.RepositoryLessons;
        var index = SiteExporter.Slugs(lessons).ToList().IndexOf(Path.GetFileNameWithoutExtension(pageName));
        return index >= 0 ? lessons[index] : throw new ArgumentException($"{pageName} is not the page of a lesson in notebooks/.");
    }
}

/// <summary>A theory over the repository's lessons: skipped while notebooks/ has none, or when Chromium is missing and not required.</summary>
public sealed class LessonTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason.</summary>
    public LessonTheoryAttribute() => Skip = Chromium.SkipReason
        ?? (TestPaths.RepositoryLessons.Count == 0 ? "notebooks/ has no lessons yet; the fixture site covers the exporter meanwhile." : null);
}

/// <summary>
/// A fact about the repository's lessons: skipped while notebooks/ has none, or when Chromium is missing and not required.
/// A skippable fact, so that a test can also skip from inside (NbformatValidator does when python3-nbformat is missing).
/// </summary>
public sealed class LessonFactAttribute : SkippableFactAttribute
{
    /// <summary>Sets the skip reason.</summary>
    public LessonFactAttribute() => Skip = Chromium.SkipReason
        ?? (TestPaths.RepositoryLessons.Count == 0 ? "notebooks/ has no lessons yet; the fixture site covers the exporter meanwhile." : null);
}

/// <summary>A fact about the files the lesson export wrote, no browser needed: skipped only while notebooks/ has no lessons.</summary>
public sealed class LessonExportFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason.</summary>
    public LessonExportFactAttribute() => Skip =
        TestPaths.RepositoryLessons.Count == 0 ? "notebooks/ has no lessons yet; the fixture site covers the exporter meanwhile." : null;
}
