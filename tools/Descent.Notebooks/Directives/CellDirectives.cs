using System.Text;

namespace Descent.Notebooks.Directives;

/// <summary>
/// Splits a cell into its directives and its C# code. Directive lines (<c>#r</c>, <c>#i</c>, <c>#load</c>, <c>#!...</c>,
/// at the start of a line) are blanked out of the code rather than removed, so line numbers in compile errors and stack
/// traces are still the cell's own.
/// </summary>
public sealed class CellDirectives
{
    private CellDirectives(string code, IReadOnlyList<Directive> directives, IReadOnlyList<string> errors)
    {
        Code = code;
        Directives = directives;
        Errors = errors;
    }

    /// <summary>The C# code with every directive line replaced by an empty line.</summary>
    public string Code { get; }

    /// <summary>The directives, in order.</summary>
    public IReadOnlyList<Directive> Directives { get; }

    /// <summary>Malformed directive lines (e.g. <c>#r</c> without a quoted argument), as messages naming the line.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The magic commands the engine understands.</summary>
    public static IReadOnlyList<string> SupportedMagics { get; } = ["#!csharp", "#!c#", "#!time"];

    /// <summary>Parses a cell.</summary>
    public static CellDirectives Parse(string cell)
    {
        var directives = new List<Directive>();
        var errors = new List<string>();
        var code = new StringBuilder(cell.Length);
        int lineNumber = 0;
        int pos = 0;
        while (pos <= cell.Length)
        {
            int end = cell.IndexOf('\n', pos);
            bool last = end < 0;
            string raw = last ? cell[pos..] : cell[pos..end];
            lineNumber++;
            var line = raw.Trim();
            var directive = ParseLine(line, lineNumber, errors, out bool isDirective);
            if (isDirective)
            {
                if (directive is not null) directives.Add(directive);
                // keep a '\r' so CRLF cells keep consistent line ends; the directive text itself goes.
                if (raw.EndsWith('\r')) code.Append('\r');
            }
            else
            {
                code.Append(raw);
            }
            if (last) break;
            code.Append('\n');
            pos = end + 1;
        }
        return new CellDirectives(code.ToString(), directives, errors);
    }

    private static Directive? ParseLine(string line, int number, List<string> errors, out bool isDirective)
    {
        isDirective = false;
        if (line.Length < 2 || line[0] != '#') return null;
        if (line.StartsWith("#!", StringComparison.Ordinal))
        {
            isDirective = true;
            var body = line[2..];
            int space = body.IndexOfAny([' ', '\t']);
            var name = "#!" + (space < 0 ? body : body[..space]);
            var args = space < 0 ? "" : body[(space + 1)..].Trim();
            return new MagicDirective(number, line, name, args);
        }
        string? keyword = StartsWithKeyword(line, "r") ? "r" : StartsWithKeyword(line, "i") ? "i" : StartsWithKeyword(line, "load") ? "load" : null;
        if (keyword is null) return null;
        isDirective = true;
        var rest = line[(1 + keyword.Length)..].Trim();
        if (rest.Length < 2 || rest[0] != '"' || rest.IndexOf('"', 1) < 0)
        {
            errors.Add($"line {number}: `{line}`: #{keyword} expects a quoted argument, e.g. #{keyword} {Example(keyword)}");
            return null;
        }
        int close = rest.IndexOf('"', 1);
        var argument = rest[1..close];
        var trailing = rest[(close + 1)..].Trim();
        if (trailing.Length > 0 && !trailing.StartsWith("//", StringComparison.Ordinal))
        {
            errors.Add($"line {number}: `{line}`: unexpected text after the quoted argument.");
            return null;
        }
        switch (keyword)
        {
            case "r" when argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase):
            {
                var spec = argument["nuget:".Length..].Trim();
                var parts = spec.Split(',', StringSplitOptions.TrimEntries);
                if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length == 0))
                {
                    errors.Add($"line {number}: `{line}`: expected #r \"nuget: PackageId, Version\" (the version may be left out).");
                    return null;
                }
                return new PackageReferenceDirective(number, line, parts[0], parts.Length == 2 ? parts[1] : null);
            }
            case "r":
                return new AssemblyReferenceDirective(number, line, argument);
            case "i":
            {
                var source = argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase) ? argument["nuget:".Length..].Trim() : argument.Trim();
                if (source.Length == 0)
                {
                    errors.Add($"line {number}: `{line}`: expected #i \"nuget: <feed URL or folder>\".");
                    return null;
                }
                return new PackageSourceDirective(number, line, source);
            }
            default:
                return new LoadDirective(number, line, argument);
        }
    }

    private static bool StartsWithKeyword(string line, string keyword) =>
        line.Length > keyword.Length + 1
        && string.CompareOrdinal(line, 1, keyword, 0, keyword.Length) == 0
        && (line[keyword.Length + 1] == '"' || char.IsWhiteSpace(line[keyword.Length + 1]));

    private static string Example(string keyword) => keyword switch
    {
        "r" => "\"nuget: MathNet.Numerics, 5.0.0\" or #r \"../lib/Descent/bin/Release/net10.0/Descent.dll\"",
        "i" => "\"nuget: /path/to/local/feed\"",
        _ => "\"helpers.csx\"",
    };
}
