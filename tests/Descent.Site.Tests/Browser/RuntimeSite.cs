using Descent.Site.Export;

namespace Descent.Site.Tests.Browser;

/// <summary>
/// The fixture lessons exported once for a test class as a site with the browser runtime, to
/// artifacts/test-site/runtime, served over http on 127.0.0.1. The real runtime is built elsewhere: the site's
/// assets/runtime/worker.js is the fake one (Browser/FakeRuntime/worker.js), which speaks the page ⇄ worker protocol
/// and echoes the code it is given. Lessons: 01 (code cells 4, 5, 6, 8, 10), 02 (published as failed at cell 6, which
/// throws) and 03 (cell 3 throws on purpose: tagged raises-exception).
/// </summary>
public sealed class RuntimeSite : IDisposable
{
    /// <summary>The site folder.</summary>
    public string Directory { get; }

    /// <summary>The server of the site folder.</summary>
    public StaticSiteServer Server { get; }

    /// <summary>Exports the lessons, puts the fake worker in, and starts serving.</summary>
    public RuntimeSite()
    {
        Directory = Path.Combine(TestPaths.Artifacts("test-site"), "runtime");
        var lessons = new List<ExecutedLesson>
        {
            LessonExecution.Executed(Path.Combine(TestPaths.Fixtures, "01-fixture-lesson.ipynb")),
            LessonExecution.Executed(Path.Combine(TestPaths.Fixtures, "02-fixture-failing.ipynb"))
                with { Failure = new LessonFailure(5, "System.InvalidOperationException: the learning rate is too large: 5", 3) },
            LessonExecution.Executed(Path.Combine(TestPaths.Fixtures, "Runtime", "03-expected-error.ipynb")),
        };
        new SiteExporter(new SiteExportOptions(IncludesRuntime: true)).Export(lessons, Directory);
        var worker = Path.Combine(Directory, "assets", "runtime", "worker.js");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(worker)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Browser", "FakeRuntime", "worker.js"), worker, overwrite: true);
        Server = new StaticSiteServer(Directory);
    }

    /// <summary>A page's URL on the server.</summary>
    public string Url(string page) => Server.Url(page);

    /// <summary>A page's file on disk.</summary>
    public string PathOf(string page) => Path.Combine(Directory, page);

    /// <inheritdoc />
    public void Dispose() => Server.Dispose();
}
