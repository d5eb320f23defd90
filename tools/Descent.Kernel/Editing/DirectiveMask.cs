using System.Text;

namespace Descent.Notebooks.Editing;

/// <summary>
/// Blanks the notebook directives that plain Roslyn cannot parse (<c>#!time</c>, <c>#!csharp</c>,
/// <c>#i "nuget: ..."</c>, <c>#r "nuget: ..."</c>), replacing them with spaces so that every other character
/// keeps its position: cursor offsets into the cell stay valid.
/// </summary>
public static class DirectiveMask
{
    /// <summary>The code with notebook-only directive lines blanked.</summary>
    public static string Apply(string code)
    {
        if (!code.Contains('#')) return code;
        var result = new StringBuilder(code.Length);
        int start = 0;
        while (start < code.Length)
        {
            int end = code.IndexOf('\n', start);
            if (end < 0) end = code.Length;
            var line = code.AsSpan(start, end - start);
            var trimmed = line.TrimStart();
            bool notebookOnly = trimmed.StartsWith("#!") || trimmed.StartsWith("#i ") || trimmed.StartsWith("#i\t")
                || (trimmed.StartsWith("#r") && trimmed[2..].TrimStart().StartsWith("\"nuget:", StringComparison.OrdinalIgnoreCase));
            if (notebookOnly)
                foreach (char c in line) result.Append(c == '\r' ? '\r' : ' ');
            else
                result.Append(line);
            if (end < code.Length) result.Append('\n');
            start = end + 1;
        }
        return result.ToString();
    }
}
