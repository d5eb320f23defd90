using System.Text.RegularExpressions;
using Descent.Notebooks.Model;

namespace Descent.Site.Lessons;

/// <summary>
/// How long a lesson takes to present in class, by a stated rule a teacher can check by counting: two minutes per code
/// cell (run it, read its output aloud, say what it shows), three per "Try it" (students predict, edit, run) and two per
/// quiz (a question with a collapsed answer). Set-up cells (only <c>#r</c> and <c>using</c> lines) take no time. Cells
/// under a heading that starts with "Optional" or says "(optional)" are counted apart, so a teacher can see what the lecture needs and what it can
/// skip.
/// </summary>
/// <param name="CodeCells">Code cells in the required part (set-up cells not counted).</param>
/// <param name="TryIts">"Try it" exercises in the required part.</param>
/// <param name="Quizzes">Quiz answers (<c>&lt;summary&gt;Answer&lt;/summary&gt;</c>) in the required part.</param>
/// <param name="OptionalMinutes">Minutes of the sections marked optional.</param>
public sealed partial record LessonPace(int CodeCells, int TryIts, int Quizzes, int OptionalMinutes)
{
    /// <summary>Minutes per code cell.</summary>
    public const int MinutesPerCodeCell = 2;

    /// <summary>Minutes per "Try it".</summary>
    public const int MinutesPerTryIt = 3;

    /// <summary>Minutes per quiz.</summary>
    public const int MinutesPerQuiz = 2;

    /// <summary>One lecture: no lesson's required part should take longer.</summary>
    public const int LectureMinutes = 60;

    /// <summary>The required part's minutes.</summary>
    public int Minutes => CodeCells * MinutesPerCodeCell + TryIts * MinutesPerTryIt + Quizzes * MinutesPerQuiz;

    /// <summary>The estimate as the index shows it, e.g. "About 46 minutes in class (18 code cells, 4 Try-its, 3 quizzes)".</summary>
    public override string ToString()
    {
        var text = $"About {Minutes} minutes in class ({Count(CodeCells, "code cell")}, {Count(TryIts, "Try-it")}, {Count(Quizzes, "quiz", "quizzes")})";
        return OptionalMinutes > 0 ? text + $", plus {OptionalMinutes} minutes of optional sections" : text;
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    /// <summary>The estimate for <paramref name="notebook"/>.</summary>
    public static LessonPace Of(Notebook notebook)
    {
        int[] required = new int[3], optional = new int[3];
        int? optionalLevel = null; // the level of the "(optional)" heading whose section we are in
        foreach (var cell in notebook.Cells)
        {
            if (cell.IsMarkdown)
            {
                foreach (Match heading in Heading().Matches(cell.Source))
                {
                    var level = heading.Groups[1].Length;
                    if (optionalLevel is { } open && level <= open) optionalLevel = null;
                    if (optionalLevel is null && IsOptional(heading.Groups[2].Value)) optionalLevel = level;
                }
            }
            var counts = optionalLevel is null ? required : optional;
            if (cell.IsCode && !IsSetUp(cell.Source)) counts[0]++;
            if (cell.IsMarkdown)
            {
                counts[1] += TryIt().Matches(cell.Source).Count;
                counts[2] += Quiz().Matches(cell.Source).Count;
            }
        }
        var optionalPace = new LessonPace(optional[0], optional[1], optional[2], 0);
        return new LessonPace(required[0], required[1], required[2], optionalPace.Minutes);
    }

    /// <summary>A heading that starts with "Optional" ("Optional: Newton's method") or says "(optional)".</summary>
    private static bool IsOptional(string heading) =>
        heading.StartsWith("Optional", StringComparison.OrdinalIgnoreCase) || heading.Contains("(optional)", StringComparison.OrdinalIgnoreCase);

    /// <summary>A cell of only <c>#r</c>/<c>using</c> lines, comments and blank lines: it loads, it teaches nothing to run.</summary>
    private static bool IsSetUp(string source) =>
        source.Split('\n').Select(l => l.Trim()).All(l => l.Length == 0 || l.StartsWith("#r ", StringComparison.Ordinal)
            || l.StartsWith("//", StringComparison.Ordinal) || (l.StartsWith("using ", StringComparison.Ordinal) && !l.Contains('(')));

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\*\*Try it", RegexOptions.IgnoreCase)]
    private static partial Regex TryIt();

    [GeneratedRegex(@"<summary>\s*Answer\b", RegexOptions.IgnoreCase)]
    private static partial Regex Quiz();
}
