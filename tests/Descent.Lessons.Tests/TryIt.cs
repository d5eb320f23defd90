using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Descent.Lessons.Tests;

/// <summary>
/// A lesson's "Try it" as a student does it: one code cell edited in place, the lesson run through the engine up to and
/// including that cell (exactly as <see cref="Lessons.Run"/> runs lessons), and that cell's outputs returned, so the
/// numbers a "What you should see" states can be pinned.
/// <code>
/// var cell = await TryIt.Cell("04-gradient-descent-in-higher-dimensions", "try-gd").Replace("0.002;", "0.0022;").Run();
/// Assert.Contains("with α = 0.0022: diverged", cell.Text);
/// </code>
/// The cell is found by a stable marker: its id, or else a snippet of source exactly one code cell contains. Every edit
/// must apply exactly as written (a replaced literal must occur exactly once), and the run must be clean; otherwise the
/// test fails saying what did not match, so a later edit of the lesson cannot silently make a Try-it test vacuous.
/// The edited copy is written to <c>artifacts/try-it/</c> with the library's <c>#r</c> made absolute; each distinct copy
/// runs once per test run. Instances are immutable: every edit returns a new Try-it, so variants can share a base.
/// </summary>
public sealed partial class TryIt
{
    private readonly string _notebook;
    private readonly string _marker;
    private readonly IReadOnlyList<Func<string, string>> _edits;
    private readonly bool _alone;

    private TryIt(string notebook, string marker, IReadOnlyList<Func<string, string>> edits, bool alone) =>
        (_notebook, _marker, _edits, _alone) = (notebook, marker, edits, alone);

    /// <summary>
    /// The Try-it cell of a lesson: <paramref name="lesson"/> is a lesson's name (<c>notebooks/{lesson}.ipynb</c>) or a
    /// path to a notebook ending in .ipynb (relative paths start at the repository root); <paramref name="marker"/> is
    /// the cell's id, or text that exactly one code cell's source contains.
    /// </summary>
    public static TryIt Cell(string lesson, string marker)
    {
        string path = lesson.EndsWith(".ipynb", StringComparison.Ordinal)
            ? Path.GetFullPath(lesson, Lessons.RepositoryRoot)
            : Path.Combine(Lessons.NotebooksFolder, lesson + ".ipynb");
        if (!File.Exists(path))
            throw new FileNotFoundException($"No notebook {path} for a Try-it. Lessons: {string.Join(", ", Lessons.Names)}.", path);
        return new TryIt(path, marker, [], alone: false);
    }

    /// <summary>Replaces <paramref name="literal"/>, which must occur exactly once in the cell, by <paramref name="replacement"/>.</summary>
    public TryIt Replace(string literal, string replacement) => With(source =>
    {
        int at = source.IndexOf(literal, StringComparison.Ordinal);
        int count = at < 0 ? 0 : 1 + (source.IndexOf(literal, at + 1, StringComparison.Ordinal) >= 0 ? 1 : 0);
        return count == 1
            ? source[..at] + replacement + source[(at + literal.Length)..]
            : throw new InvalidOperationException(
                $"{Describe()}: \"{literal}\" must occur exactly once in the cell, but occurs {(count == 0 ? "nowhere" : "more than once")}. The cell now reads:\n{source}");
    });

    /// <summary>Adds <paramref name="text"/> at the end of the cell (e.g. the closing brace of a loop a replacement opened).</summary>
    public TryIt Append(string text) => With(source => source + text);

    /// <summary>Replaces the cell's whole source by <paramref name="source"/> (for a Try-it that asks the student to write code).</summary>
    public TryIt WithSource(string source) => With(_ => source);

    /// <summary>
    /// Runs only the lesson's set-up cell (its first code cell) before the Try-it cell, instead of every cell above it:
    /// the run then also shows that the Try-it needs nothing else from the lesson.
    /// </summary>
    public TryIt Alone() => new(_notebook, _marker, _edits, alone: true);

    /// <summary>
    /// Runs the lesson up to and including the edited cell (or, after <see cref="Alone"/>, the set-up cell and the edited
    /// cell) and returns the edited cell's outputs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The marker finds no cell, or several; or an edit does not apply.</exception>
    /// <exception cref="Xunit.Sdk.XunitException">The edited lesson does not run clean (the message has the traceback).</exception>
    public async Task<LessonCell> Run()
    {
        var notebook = JsonNode.Parse(File.ReadAllText(_notebook))!;
        var cells = notebook["cells"]!.AsArray();
        int index = Find(cells);
        var tryIt = cells[index]!;
        tryIt["source"] = Lines(_edits.Aggregate(Source(tryIt), (s, edit) => edit(s)));
        var setup = cells.First(c => IsCode(c!))!;
        var kept = cells.Take(index + 1).Where(c => !_alone || c == setup || c == tryIt).ToList();
        notebook["cells"] = new JsonArray([.. kept.Select(c => c!.DeepClone())]);
        cells = notebook["cells"]!.AsArray();
        // The copy lives in artifacts/try-it/: every #r of a file becomes absolute, resolved from the lesson's folder.
        foreach (var cell in cells.Where(c => IsCode(c!)))
            cell!["source"] = Lines(ReferencePattern().Replace(Source(cell), m =>
                $"#r \"{Path.GetFullPath(m.Groups[1].Value, Path.GetDirectoryName(_notebook)!).Replace('\\', '/')}\""));

        string json = notebook.ToJsonString();
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_notebook + "\n" + json)))[..12].ToLowerInvariant();
        string folder = Path.Combine(Lessons.RepositoryRoot, "artifacts", "try-it");
        Directory.CreateDirectory(folder);
        string copy = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(_notebook)}-{Slug(tryIt)}-{key}.ipynb");
        Lessons.Write(copy, json);

        var run = await Lessons.RunFile(copy);
        if (!run.Succeeded) Assert.Fail($"{Describe()}: the edited lesson did not run clean.\n{run.Describe()}");
        return run.CodeCells[^1];
    }

    /// <summary>The index among all cells of the one code cell the marker names.</summary>
    private int Find(JsonArray cells)
    {
        var code = cells.Select((c, i) => (Cell: c!, Index: i)).Where(c => IsCode(c.Cell)).ToList();
        var byId = code.Where(c => c.Cell["id"]?.GetValue<string>() == _marker).ToList();
        if (byId.Count == 1) return byId[0].Index;
        var bySource = code.Where(c => Source(c.Cell).Contains(_marker, StringComparison.Ordinal)).ToList();
        return bySource.Count switch
        {
            1 => bySource[0].Index,
            0 => throw new InvalidOperationException(
                $"{Describe()}: no code cell has the id \"{_marker}\" or contains it in its source."),
            _ => throw new InvalidOperationException(
                $"{Describe()}: code cells {string.Join(", ", bySource.Select(c => c.Cell["id"]?.GetValue<string>() ?? $"#{c.Index}"))} all contain \"{_marker}\"; use its id or a longer snippet."),
        };
    }

    private TryIt With(Func<string, string> edit) => new(_notebook, _marker, [.. _edits, edit], _alone);

    private string Describe() => $"Try-it \"{_marker}\" in {Path.GetFileNameWithoutExtension(_notebook)}";

    private static bool IsCode(JsonNode cell) => cell["cell_type"]?.GetValue<string>() == "code";

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    /// <summary>A source as notebook lines, each keeping its "\n".</summary>
    private static JsonArray Lines(string source) =>
        new([.. Regex.Split(source, "(?<=\n)").Where(l => l.Length > 0).Select(l => (JsonNode)JsonValue.Create(l)!)]);

    private static string Slug(JsonNode cell) =>
        string.Concat((cell["id"]?.GetValue<string>() ?? "cell").Where(ch => char.IsLetterOrDigit(ch) || ch == '-'));

    /// <summary>A <c>#r "path"</c> of a file (not <c>#r "nuget: ..."</c>).</summary>
    [GeneratedRegex(@"^#r\s+""(?!nuget:)([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex ReferencePattern();
}
