using System.Text;
using Descent.Site.Assets;
using Descent.Site.Lessons;
using Descent.Site.Pages;

namespace Descent.Site.Export;

/// <summary>
/// Writes the static site for executed lessons: <c>index.html</c>, one page per lesson, each executed notebook beside
/// its page, and the shared assets once under <c>assets/</c>. The site is built in a temporary folder beside the
/// output and swapped in at the end (<see cref="AtomicFolder"/>), so an interrupted export leaves the previous site
/// whole. A lesson that failed to execute is still published, its page showing the error where it happened.
/// </summary>
public sealed class SiteExporter
{
    /// <summary>
    /// The file beside the lessons whose markdown (a notation table and a glossary) the index shows in a section of its
    /// own, linked from every lesson page.
    /// </summary>
    public const string NotationFileName = "notation.md";

    private readonly LessonRenderer renderer = new();
    private readonly SiteExportOptions options;

    /// <summary>An exporter.</summary>
    /// <param name="options">How to export; the defaults when null (a read-only site).</param>
    public SiteExporter(SiteExportOptions? options = null) => this.options = options ?? new SiteExportOptions();

    /// <summary>Writes the site for <paramref name="lessons"/> (in site order) to <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="IOException">The output cannot be replaced (see <see cref="AtomicFolder"/>).</exception>
    public SiteExportResult Export(IReadOnlyList<ExecutedLesson> lessons, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        if (lessons.Count == 0) throw new ArgumentException("There are no lessons to export: give notebooks or a folder that holds some.", nameof(lessons));

        var slugs = Slugs(lessons.Select(l => l.SourcePath).ToList());
        var bySource = lessons.Select((l, i) => (Path.GetFullPath(l.SourcePath), slugs[i]))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

        var pages = new List<LessonPage>(lessons.Count);
        for (var i = 0; i < lessons.Count; i++)
        {
            var lesson = lessons[i];
            var directory = Path.GetDirectoryName(Path.GetFullPath(lesson.SourcePath))!;
            pages.Add(renderer.Render(lesson, slugs[i], link =>
                bySource.TryGetValue(Path.GetFullPath(Path.Combine(directory, link)), out var slug) ? slug + ".html" : null));
        }

        // The notation table and glossary: notation.md in the lessons' folder (the first lesson's), shown on the index.
        var indexWarnings = new List<string>();
        var notationFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(lessons[0].SourcePath))!, NotationFileName);
        var notationHtml = File.Exists(notationFile)
            ? renderer.RenderMarkdownFile(notationFile, link => bySource.TryGetValue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(notationFile)!, link)), out var slug) ? slug + ".html" : null, indexWarnings)
            : null;

        var staging = AtomicFolder.CreateStaging(outputDirectory);
        try
        {
            long assetBytes = 0;
            foreach (var (path, content) in SiteAssets.All(options.IncludesRuntime))
            {
                var file = Path.Combine(staging, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllBytes(file, content);
                assetBytes += content.Length;
            }
            if (options.RuntimeDirectory is { } runtime)
                assetBytes += CopyRuntime(runtime, Path.Combine(staging, Path.GetDirectoryName(SiteAssets.RuntimeWorkerPath)!));
            var results = new List<LessonExportResult>(pages.Count);
            for (var i = 0; i < pages.Count; i++)
            {
                var page = pages[i];
                var html = LessonPageWriter.Write(page, i + 1, i > 0 ? pages[i - 1] : null, i + 1 < pages.Count ? pages[i + 1] : null, options.IncludesRuntime, notationHtml is not null, options.Handouts);
                var bytes = Encoding.UTF8.GetBytes(html);
                File.WriteAllBytes(Path.Combine(staging, page.PageFile), bytes);
                File.WriteAllText(Path.Combine(staging, page.NotebookFile), lessons[i].Notebook.ToJson(), new UTF8Encoding(false));
                if (options.Handouts)
                {
                    File.WriteAllText(Path.Combine(staging, page.StudentHandoutFile), HandoutPageWriter.Write(page, HandoutPageWriter.Audience.Student), new UTF8Encoding(false));
                    File.WriteAllText(Path.Combine(staging, page.TeacherHandoutFile), HandoutPageWriter.Write(page, HandoutPageWriter.Audience.Teacher), new UTF8Encoding(false));
                }
                results.Add(new LessonExportResult(lessons[i].SourcePath, page.PageFile, page.TitleText, bytes.Length, page.ChartCount,
                    page.FormulaCount, page.Failure, page.Warnings));
            }
            File.WriteAllText(Path.Combine(staging, "index.html"), IndexPageWriter.Write(pages, notationHtml, options.Handouts), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(staging, AtomicFolder.Marker),
                "This folder was written by `descent export`; the next export replaces it as a whole.\n");
            AtomicFolder.Commit(staging, outputDirectory);
            return new SiteExportResult(Path.GetFullPath(outputDirectory), results, assetBytes)
            {
                IndexWarnings = indexWarnings,
                Handouts = options.Handouts ? pages.SelectMany(p => new[] { p.StudentHandoutFile, p.TeacherHandoutFile }).ToList() : [],
            };
        }
        catch
        {
            AtomicFolder.Abandon(staging);
            throw;
        }
    }

    /// <summary>Copies the published runtime (the files the browser loads, with their precompressed siblings).</summary>
    private static long CopyRuntime(string from, string to)
    {
        if (!File.Exists(Path.Combine(from, "worker.js")))
            throw new IOException($"{from} is not a published browser runtime (no worker.js): publish tools/Descent.Browser first.");
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            bytes += new FileInfo(file).Length;
        }
        return bytes;
    }

    /// <summary>Page names from notebook file names: safe characters only, unique, and never "index".</summary>
    internal static IReadOnlyList<string> Slugs(IReadOnlyList<string> sourcePaths)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index", "assets" };
        var result = new List<string>(sourcePaths.Count);
        foreach (var path in sourcePaths)
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            var clean = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('-', '.');
            if (clean.Length == 0) clean = "lesson";
            var slug = clean;
            for (var n = 2; !used.Add(slug); n++) slug = $"{clean}-{n}";
            result.Add(slug);
        }
        return result;
    }
}

/// <summary>How <see cref="SiteExporter"/> writes a site.</summary>
/// <param name="IncludesRuntime">
/// Whether the site carries the browser runtime (<c>assets/runtime/worker.js</c> and its <c>_framework/</c>, copied
/// from <paramref name="RuntimeDirectory"/> when it is given). Lesson pages then get the code editor and
/// notebook.js, name the worker on &lt;main data-runtime&gt;, and a Content-Security-Policy that lets the worker run;
/// served over http(s), their code cells become editable and runnable. Default false: a site to read (and to open from disk).
/// </param>
/// <param name="RuntimeDirectory">A published Descent.Browser (its <c>wwwroot</c>), copied whole to <c>assets/runtime/</c>.</param>
/// <param name="Handouts">
/// Whether to write each lesson's printable handouts beside its page, linked from it: <c>NN-....student.html</c> (no
/// answers, no speaker notes in its HTML) and <c>NN-....teacher.html</c> (answers open, speaker notes shown).
/// </param>
public sealed record SiteExportOptions(bool IncludesRuntime = false, string? RuntimeDirectory = null, bool Handouts = false);
