using System.Text.Json;
using System.Text.RegularExpressions;
using Descent.Site.Export;
using Descent.Site.Pages;

namespace Descent.Site.Tests;

/// <summary>
/// A site exported with the browser runtime (<see cref="SiteExportOptions.IncludesRuntime"/>): the page side of the
/// runtime (editor, notebook.js, the runtime's Content-Security-Policy) is on lesson pages, and only there; a site
/// without it is as before. The pages in a browser: Browser/RuntimePageInBrowserTests.
/// </summary>
public class RuntimeExportTests
{
    private static readonly string[] PageSideAssets = ["assets/editor.js", "assets/editor.LICENSE.txt", "assets/notebook.js"];

    private static IReadOnlyList<ExecutedLesson> FixtureLessons() =>
    [
        LessonExecution.Executed(TestPaths.FixtureLessons[0]),
        LessonExecution.Executed(TestPaths.FixtureLessons[1]) with { Failure = new LessonFailure(5, "System.InvalidOperationException: the learning rate is too large: 5", 3) },
    ];

    private static string Export(bool includesRuntime)
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        new SiteExporter(new SiteExportOptions(IncludesRuntime: includesRuntime)).Export(FixtureLessons(), site);
        return site;
    }

    [Fact]
    public void LessonPagesOfARuntimeSiteNameTheWorkerLoadTheEditorAndAllowExactlyWhatTheRuntimeNeeds()
    {
        var site = Export(includesRuntime: true);
        Assert.All(PageSideAssets, asset => Assert.True(File.Exists(Path.Combine(site, asset)), asset));
        Assert.False(Directory.Exists(Path.Combine(site, "assets", "runtime"))); // the runtime's own files are not the exporter's

        foreach (var stem in new[] { "01-fixture-lesson", "02-fixture-failing" })
        {
            var html = File.ReadAllText(Path.Combine(site, stem + ".html"));
            Assert.Contains($"<main class=\"lesson\" id=\"main\" data-lesson=\"{(stem[1] - '0')}\" data-slideshow=\"headings\" data-runtime=\"assets/runtime/worker.js\" data-slug=\"{stem}\" data-notebook=\"{stem}.ipynb\">", html);
            Assert.Contains("<p class=\"runtime-hint\" hidden>To run the code cells in your browser, serve this folder: <code>descent serve</code> (or any static web server) and open it over <code>http://localhost</code>.</p>", html);
            Assert.Equal(PageShell.RuntimeContentSecurityPolicy, Csp(html));
            Assert.Equal(["assets/katex/katex.min.js", "assets/plotly-2.28.0.min.js", "assets/site.js", "assets/present.js", "assets/editor.js", "assets/notebook.js"], Scripts(html));
        }
        Assert.Equal(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; worker-src 'self'; base-uri 'none'; form-action 'none'",
            PageShell.RuntimeContentSecurityPolicy);
        // The runtime policy differs from the read-only one exactly in what the runtime needs.
        Assert.Equal(PageShell.ContentSecurityPolicy,
            PageShell.RuntimeContentSecurityPolicy.Replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self'")
                .Replace("connect-src 'self'", "connect-src 'none'").Replace("worker-src 'self'", "worker-src 'none'"));

        // The index runs nothing.
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Equal(PageShell.ContentSecurityPolicy, Csp(index));
        Assert.DoesNotContain("data-runtime", index);
        Assert.DoesNotContain("notebook.js", index);
    }

    [Fact]
    public void ASiteWithoutTheRuntimeIsAsBefore()
    {
        var site = Export(includesRuntime: false);
        Assert.All(PageSideAssets, asset => Assert.False(File.Exists(Path.Combine(site, asset)), asset));
        foreach (var page in Directory.GetFiles(site, "*.html"))
        {
            var html = File.ReadAllText(page);
            Assert.Equal(PageShell.ContentSecurityPolicy, Csp(html));
            Assert.DoesNotContain("data-runtime", html);
            Assert.DoesNotContain(Scripts(html), s => s is "assets/editor.js" or "assets/notebook.js");
        }
        // The default exporter writes the same pages.
        var byDefault = Path.Combine(TestPaths.NewTempFolder(), "default");
        new SiteExporter().Export(FixtureLessons(), byDefault);
        foreach (var page in Directory.GetFiles(site, "*.html"))
            Assert.Equal(File.ReadAllText(page), File.ReadAllText(Path.Combine(byDefault, Path.GetFileName(page))));
    }

    [Fact]
    public void NothingARuntimeSiteWritesLoadsFromOutsideTheSite()
    {
        var site = Export(includesRuntime: true);
        var (scanned, _) = ExternalReferences.Files(site);
        Assert.Superset(PageSideAssets.ToHashSet(), scanned.ToHashSet()); // the editor bundle and notebook.js are scanned
        // Only the known hostile <img> in fixture 01's notebook, as in the read-only site.
        Assert.Equal(["01-fixture-lesson.ipynb: <img> loads https://example.com/tracker.png"], scanned.SelectMany(f => ExternalReferences.InFile(site, f)));
    }

    [Fact]
    public void TheEditorIsOneMinifiedScriptOfThePinnedCodeMirrorWithItsLicences()
    {
        var site = Export(includesRuntime: true);
        var editor = File.ReadAllText(Path.Combine(site, "assets/editor.js"));
        Assert.StartsWith("/*! Descent code editor: CodeMirror 6", editor);
        var lines = editor.Split('\n').Length; // esbuild keeps the newlines of strings as template literals: a few lines
        Assert.True(lines < 50 && editor.Length / lines > 5_000, $"assets/editor.js is not minified: {lines} lines, {editor.Length} characters");
        Assert.Contains("DescentEditor", editor);
        Assert.DoesNotMatch(@"(^|[;\s])import\s*[{(""'*]|\bimport\(|\brequire\(", editor); // one file: nothing left to load

        // Every package is pinned to an exact version, the lock file agrees, and the licences name what was bundled.
        var folder = Path.Combine(TestPaths.RepositoryRoot, "tools", "Descent.Site", "EditorAssets");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package-lock.json")));
        var packages = lockFile.RootElement.GetProperty("packages");
        var licences = File.ReadAllText(Path.Combine(site, "assets/editor.LICENSE.txt"));
        foreach (var group in new[] { "dependencies", "devDependencies" })
            foreach (var dependency in manifest.RootElement.GetProperty(group).EnumerateObject())
            {
                var version = dependency.Value.GetString()!;
                Assert.Matches(@"^\d+\.\d+\.\d+$", version);
                Assert.Equal(version, packages.GetProperty("node_modules/" + dependency.Name).GetProperty("version").GetString());
                if (dependency.Name.StartsWith("@codemirror/", StringComparison.Ordinal))
                    Assert.Contains($"{dependency.Name} {version} (MIT)", licences);
            }
        Assert.Contains("Permission is hereby granted, free of charge", licences);
    }

    private static string Csp(string html) =>
        Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").Groups[1].Value;

    private static string[] Scripts(string html) =>
        Regex.Matches(html, "<script src=\"([^\"]+)\"></script>").Select(m => m.Groups[1].Value).ToArray();
}
