using System.Globalization;
using System.Text;

namespace Descent.Data;

/// <summary>
/// A parsed CSV file: a header and rows of text fields. Handles double-quoted fields (with "" for a quote);
/// every row must have as many fields as the header. Internal: the loaders turn it into typed rows.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(string source, string[] header, List<(int Line, string[] Fields)> rows)
    {
        Source = source;
        Header = header;
        Rows = rows;
    }

    public string Source { get; }
    public string[] Header { get; }
    public List<(int Line, string[] Fields)> Rows { get; }

    public static CsvTable Parse(TextReader reader, string source)
    {
        string? headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
            throw new CsvFormatException(source, 1, "the file is empty; expected a header row with the column names.");
        var header = Split(headerLine, source, 1);
        var rows = new List<(int, string[])>();
        int line = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0) continue;   // a trailing blank line
            var fields = Split(text, source, line);
            if (fields.Length != header.Length)
                throw new CsvFormatException(source, line,
                    $"expected {header.Length} fields ({string.Join(", ", header)}) but found {fields.Length}: \"{Clip(text)}\".");
            rows.Add((line, fields));
        }
        if (rows.Count == 0)
            throw new CsvFormatException(source, line, "the file has a header but no data rows.");
        return new CsvTable(source, header, rows);
    }

    public int Column(string name)
    {
        int j = Array.IndexOf(Header, name);
        if (j < 0)
            throw new CsvFormatException(Source, 1,
                $"the header has no column '{name}'; it has: {string.Join(", ", Header)}.");
        return j;
    }

    /// <summary>A number, or null for the token NA when <paramref name="allowNA"/>.</summary>
    public double? Number((int Line, string[] Fields) row, int column, bool allowNA = false)
    {
        string s = row.Fields[column];
        if (allowNA && s == "NA") return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x))
            return x;
        throw new CsvFormatException(Source, row.Line,
            $"column '{Header[column]}' should hold a number{(allowNA ? " or NA" : "")} but holds \"{Clip(s)}\".");
    }

    public string Text((int Line, string[] Fields) row, int column, IReadOnlyCollection<string>? allowed = null, bool allowNA = false)
    {
        string s = row.Fields[column];
        if (allowNA && s == "NA") return s;
        if (allowed is not null && !allowed.Contains(s))
            throw new CsvFormatException(Source, row.Line,
                $"column '{Header[column]}' holds \"{Clip(s)}\"; expected one of {string.Join(", ", allowed)}.");
        return s;
    }

    private static string[] Split(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new CsvFormatException(source, lineNumber, $"a quoted field is not closed: \"{Clip(line)}\".");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                    throw new CsvFormatException(source, lineNumber,
                        $"unexpected text after a closing quote at character {i + 1}: \"{Clip(line)}\".");
            }
            else
            {
                while (i < line.Length && line[i] != ',') field.Append(line[i++]);
            }
            fields.Add(field.ToString().TrimEnd('\r'));
            if (i >= line.Length) break;
            i++;   // the comma
        }
        return fields.ToArray();
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
