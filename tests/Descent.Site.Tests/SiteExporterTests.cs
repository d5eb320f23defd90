using System.Text.RegularExpressions;
using Descent.Notebooks.Model;
using Descent.Site.Export;

namespace Descent.Site.Tests;

public class SiteExporterTests
{
    private static IReadOnlyList<ExecutedLesson> FixtureLessons() =>
    [
        LessonExecution.Executed(TestPaths.FixtureLessons[0]),
        LessonExecution.Executed(TestPaths.FixtureLessons[1]) with { Failure = new LessonFailure(5, "System.InvalidOperationException: the learning rate is too large: 5", 3) },
    ];

    [Fact]
    public void TheSiteHasAnIndexAPageAndTheExecutedNotebookPerLessonAndTheSharedAssetsOnce()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var result = new SiteExporter().Export(FixtureLessons(), site);

        Assert.True(File.Exists(Path.Combine(site, "index.html")));
        foreach (var stem in new[] { "01-fixture-lesson", "02-fixture-failing" })
        {
            Assert.True(File.Exists(Path.Combine(site, stem + ".html")));
            // The executed notebook is published as it is, except a chart's HTML fallback that would load plotly.js
            // from a CDN (fixture 01 has one): that is replaced by one that loads nothing.
            var published = File.ReadAllText(Path.Combine(site, stem + ".ipynb"));
            Assert.DoesNotContain("cdn.plot.ly", published);
            Assert.Equal(WithoutChartFallbacks(Notebook.Load(Path.Combine(TestPaths.Fixtures, stem + ".ipynb")).ToJson()),
                         WithoutChartFallbacks(published));
        }
        Assert.True(new FileInfo(Path.Combine(site, "assets/plotly-2.28.0.min.js")).Length > 3_000_000);
        Assert.True(File.Exists(Path.Combine(site, "assets/katex/katex.min.js")));
        Assert.Equal(20, Directory.GetFiles(Path.Combine(site, "assets/katex/fonts"), "*.woff2").Length);
        Assert.Empty(Directory.GetFiles(site, "*.js", SearchOption.TopDirectoryOnly));
        Assert.False(result.Succeeded);
        Assert.Equal([1, 1], result.Lessons.Select(l => l.Charts));
    }

    private static string WithoutChartFallbacks(string notebookJson)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(notebookJson)!;
        foreach (var cell in json["cells"]!.AsArray())
            foreach (var output in cell!["outputs"]?.AsArray() ?? [])
                if (output!["data"] is System.Text.Json.Nodes.JsonObject data && data.ContainsKey("application/vnd.plotly.v1+json"))
                    data.Remove("text/html");
        return json.ToJsonString();
    }

    [Fact]
    public void KatexStylesheetNamesOnlyTheWoff2FontsTheSiteShips()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export(FixtureLessons(), site);
        var css = File.ReadAllText(Path.Combine(site, "assets/katex/katex.min.css"));
        var fonts = Regex.Matches(css, @"url\(([^)]+)\)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(20, fonts.Count);
        Assert.All(fonts, f => Assert.True(File.Exists(Path.Combine(site, "assets/katex", f)), f));
    }

    [Fact]
    public void NoPageReferencesAnythingOutsideTheSite()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export(FixtureLessons(), site);
        foreach (var page in Directory.GetFiles(site, "*.html"))
        {
            var html = File.ReadAllText(page);
            var loads = Regex.Matches(html, @"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=""([^""]*)""").Select(m => m.Groups[1].Value).ToList();
            Assert.All(loads, url => Assert.False(url.Contains("//") && !url.StartsWith("data:"), $"{Path.GetFileName(page)} loads {url}"));
            Assert.DoesNotContain("cdn.plot.ly", html);
            Assert.DoesNotContain("require.js", html);
            // Every script element is either a site asset or inert chart JSON.
            foreach (Match s in Regex.Matches(html, @"<script\b([^>]*)>"))
                Assert.Matches(@"^ (src=""assets/[^""]+""|type=""application/json"" id=""chart-[^""]+"")$", s.Groups[1].Value);
        }
    }

    [Fact]
    public void NothingTheExportWritesLoadsFromOutsideTheSite()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export(FixtureLessons(), site);
        var (scanned, notScanned) = ExternalReferences.Files(site);
        Assert.Equal(["assets/katex/katex.min.js", "assets/plotly-2.28.0.min.js"], notScanned.Where(f => !f.StartsWith("assets/katex/fonts/", StringComparison.Ordinal)));
        Assert.Equal(20, notScanned.Count(f => f.StartsWith("assets/katex/fonts/", StringComparison.Ordinal) && f.EndsWith(".woff2", StringComparison.Ordinal)));
        Assert.Superset(new HashSet<string> { "index.html", "01-fixture-lesson.html", "01-fixture-lesson.ipynb", "02-fixture-failing.ipynb", "assets/site.css", "assets/site.js", "assets/katex/katex.min.css" }, scanned.ToHashSet());
        // Fixture 01 has a hostile HTML output (an <img> from another host): the page drops its source, while the notebook
        // beside the page is published as it was executed, except for chart fallbacks that would load plotly.js from a CDN.
        Assert.Equal(["01-fixture-lesson.ipynb: <img> loads https://example.com/tracker.png"], scanned.SelectMany(f => ExternalReferences.InFile(site, f)));
        Assert.DoesNotContain("example.com", File.ReadAllText(Path.Combine(site, "01-fixture-lesson.html")));
        // The fixture's reference link to Wikipedia is a hyperlink, which stays.
        Assert.Contains("<a href=\"https://en.wikipedia.org/wiki/Gradient_descent\" rel=\"noopener noreferrer\">a reference</a>", File.ReadAllText(Path.Combine(site, "01-fixture-lesson.html")));
    }

    [Fact]
    public void TheExternalReferenceScanFindsWhatWouldBeFetchedAndAllowsHyperlinks()
    {
        var cdn = ExternalReferences.In("<p>x</p><script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script>").ToList();
        Assert.Equal(2, cdn.Count);
        Assert.Contains("<script> loads https://cdn.plot.ly/plotly-2.28.0.min.js", cdn);
        Assert.Contains(cdn, f => f.StartsWith("CDN reference", StringComparison.Ordinal) && f.Contains("cdn.plot.ly", StringComparison.Ordinal));
        Assert.Equal(["<img> loads //example.org/a.png"], ExternalReferences.In("<img alt='a' src='//example.org/a.png'>"));
        Assert.Equal(["<link> loads http://example.org/x.css"], ExternalReferences.In("<link rel=\"stylesheet\" href=\"http://example.org/x.css\">"));
        Assert.Equal(["<iframe> loads https://example.org/"], ExternalReferences.In("<iframe src=\"https://example.org/\"></iframe>"));
        Assert.Equal(["<img> loads https://example.org/b.png"], ExternalReferences.In("<img srcset=\"a.png 1x, https://example.org/b.png 2x\">"));
        Assert.Equal(["url(https://example.org/f.woff2)"], ExternalReferences.In("@font-face{src:url(https://example.org/f.woff2) format(\"woff2\")}"));
        Assert.Equal(["@import https://example.org/a.css", "url(https://example.org/a.css)"],
            ExternalReferences.In("@import url('https://example.org/a.css');").Order(StringComparer.Ordinal));
        Assert.Equal(["markdown image https://example.org/plot.png"], ExternalReferences.In("See ![the plot](https://example.org/plot.png)."));
        Assert.StartsWith("URL in a script …var u = 'https://example.org", Assert.Single(ExternalReferences.In("var u = 'https://example.org/data.json'; fetch(u);", isScript: true)));
        Assert.Single(ExternalReferences.In("<script type=\"application/json\" id=\"chart-1\">{\"layout\":{\"images\":[{\"source\":\"https://example.org/i.png\"}]}}</script>"));
        Assert.Single(ExternalReferences.In("require.config({paths: {plotly: 'https://CDNJS.cloudflare.com/x'}})"));
        // Hyperlinks, files of the site and inline data are fine.
        Assert.Empty(ExternalReferences.In("<a href=\"https://en.wikipedia.org/wiki/Gradient_descent\">a reference</a> and [text](https://example.org)"));
        Assert.Empty(ExternalReferences.In("<link rel=\"stylesheet\" href=\"assets/site.css\"><script src=\"assets/site.js\"></script><img src=\"data:image/png;base64,AAAA\">"));
        Assert.Empty(ExternalReferences.In("@font-face{src:url(fonts/KaTeX_Main-Regular.woff2) format(\"woff2\")}"));
        Assert.Empty(ExternalReferences.In("var x = 1; // a comment, not a URL", isScript: true));
    }

    [Fact]
    public void TheContentsListTheLessonsHeadingsInOrderAndEachEntryLinksToItsHeading()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export(FixtureLessons(), site);

        var first = File.ReadAllText(Path.Combine(site, "01-fixture-lesson.html"));
        var contents = TableOfContents.Read(first);
        Assert.Equal(
            [
                new TocEntry(2, "#learning-goals", "Learning goals"),
                new TocEntry(2, "#the-function", "The function"),
                new TocEntry(3, "#question", "Question"),
                new TocEntry(2, "#the-path-for-three-learning-rates", "The path for three learning rates"),
                new TocEntry(2, "#a-cell-that-fails", "A cell that fails"),
                new TocEntry(2, "#summary", "Summary"),
            ],
            contents);
        Assert.Empty(contents.Select(e => TableOfContents.Unresolved(first, e)).OfType<string>());

        foreach (var lesson in FixtureLessons())
        {
            var html = File.ReadAllText(Path.Combine(site, Path.ChangeExtension(Path.GetFileName(lesson.SourcePath), ".html")));
            var entries = TableOfContents.Read(html);
            Assert.Equal(TableOfContents.ExpectedHeadings(lesson.SourcePath), entries.Select(e => (e.Level, e.Text)));
            Assert.Empty(entries.Select(e => TableOfContents.Unresolved(html, e)).OfType<string>());
        }
        Assert.Equal([(2, "The same function as a surface"), (2, "The failure")],
            TableOfContents.Read(File.ReadAllText(Path.Combine(site, "02-fixture-failing.html"))).Select(e => (e.Level, e.Text)));
    }

    [Fact]
    public void TheBundledKatexIsThePinnedVersion()
    {
        Assert.Equal(KatexPin.Pinned, KatexPin.Declared());
        Assert.Equal(KatexPin.Pinned, KatexPin.Locked());
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export(FixtureLessons(), site);
        Assert.Equal((KatexPin.Pinned, KatexPin.Pinned), KatexPin.Shipped(site));
    }

    [Fact]
    public void AFailedLessonIsPublishedWithTheErrorAtItsCellAndTheCellsAfterItMarkedNotRun()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export(FixtureLessons(), site);
        var html = File.ReadAllText(Path.Combine(site, "02-fixture-failing.html"));
        Assert.Contains("<div class=\"export-failure\" role=\"alert\"><strong>This lesson did not run to the end</strong> at <a href=\"#cell-6\">cell 6 (code cell 3)</a>", html);
        Assert.Matches(new Regex("<section class=\"cell cell-code cell-failed\" id=\"cell-6\">.*the learning rate is too large: 5.*</section>", RegexOptions.Singleline), html);
        Assert.Contains("<section class=\"cell cell-code cell-not-run\" id=\"cell-7\">", html);
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("This lesson did not run to the end (cell 6 (code cell 3): System.InvalidOperationException: the learning rate is too large: 5)", index);
    }

    [Fact]
    public void TheIndexListsEachLessonWithItsTitleAndLearningGoals()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export(FixtureLessons(), site);
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("<h2><a href=\"01-fixture-lesson.html\">Fixture 01: descending the quartic</a></h2>", index);
        Assert.Contains("<li>See how the learning rate <span class=\"math math-inline\">\\eta</span> changes the path.</li>", index);
        Assert.Contains("<h2><a href=\"02-fixture-failing.html\">Fixture 02: a lesson that stops</a></h2>", index);
        Assert.Contains("<li>See a failing cell reported where it happened.</li>", index);
    }

    [Fact]
    public void PagesLinkToEachOtherInOrderAndLessonLinksPointToPages()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter().Export(FixtureLessons(), site);
        var first = File.ReadAllText(Path.Combine(site, "01-fixture-lesson.html"));
        var second = File.ReadAllText(Path.Combine(site, "02-fixture-failing.html"));
        Assert.Contains("rel=\"next\" href=\"02-fixture-failing.html\"", first);
        Assert.DoesNotContain("rel=\"prev\"", first);
        Assert.Contains("rel=\"prev\" href=\"01-fixture-lesson.html\"", second);
        Assert.Contains("href=\"02-fixture-failing.html#the-failure\"", first);
        Assert.Contains("id=\"the-failure\"", second);
    }

    [Fact]
    public void ALessonPageIsUnderOneMegabyte()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        var result = new SiteExporter().Export(FixtureLessons(), site);
        Assert.All(result.Lessons, l => Assert.InRange(l.PageBytes, 1, 1_000_000));
        Assert.All(result.Lessons, l => Assert.Equal(new FileInfo(Path.Combine(site, l.PageFile)).Length, l.PageBytes));
    }

    [Fact]
    public void ASecondExportReplacesTheWholeSiteAndLeavesNoTemporaryFolder()
    {
        var parent = TestPaths.NewTempFolder();
        var site = Path.Combine(parent, "site");
        new SiteExporter().Export(FixtureLessons(), site);
        File.WriteAllText(Path.Combine(site, "stale.html"), "old");
        new SiteExporter().Export([FixtureLessons()[0]], site);
        Assert.False(File.Exists(Path.Combine(site, "stale.html")));
        Assert.False(File.Exists(Path.Combine(site, "02-fixture-failing.html")));
        Assert.True(File.Exists(Path.Combine(site, "01-fixture-lesson.html")));
        Assert.Equal(["site"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
    }

    [Fact]
    public void AFolderNotWrittenByTheExporterIsNeverReplaced()
    {
        var parent = TestPaths.NewTempFolder();
        var precious = Path.Combine(parent, "notes");
        Directory.CreateDirectory(precious);
        File.WriteAllText(Path.Combine(precious, "thesis.txt"), "keep me");
        var e = Assert.Throws<IOException>(() => new SiteExporter().Export(FixtureLessons(), precious));
        Assert.Contains("was not written by descent export", e.Message);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(precious, "thesis.txt")));
        Assert.Equal(["notes"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailureWhileWritingLeavesThePreviousSiteWholeAndNoTemporaryFolder()
    {
        var parent = TestPaths.NewTempFolder();
        var site = Path.Combine(parent, "site");
        new SiteExporter().Export(FixtureLessons(), site);
        var before = File.ReadAllText(Path.Combine(site, "index.html"));
        // A lesson whose notebook cannot be written (here: metadata that throws when serialised) fails the export
        // half-way through writing the new site.
        var broken = LessonExecution.Executed(TestPaths.FixtureLessons[0]);
        broken.Notebook.Cells[0].Metadata["bad"] = System.Text.Json.Nodes.JsonValue.Create(new ThrowsWhenSerialised());
        Assert.ThrowsAny<Exception>(() => new SiteExporter().Export([broken], site));
        Assert.Equal(before, File.ReadAllText(Path.Combine(site, "index.html")));
        Assert.True(File.Exists(Path.Combine(site, "02-fixture-failing.html")));
        Assert.Equal(["site"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
    }

    [Fact]
    public void PageNamesAreSafeAndUnique()
    {
        Assert.Equal(["01-a", "01-a-2", "lesson", "index-2", "x-y"], SiteExporter.Slugs(["n/01-a.ipynb", "m/01-a.ipynb", "n/???.ipynb", "index.ipynb", "x y.ipynb"]));
    }

    private sealed class ThrowsWhenSerialised
    {
        public int Value => throw new IOException("disk full");
    }
}
