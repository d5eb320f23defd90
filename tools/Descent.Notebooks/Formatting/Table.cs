using System.Globalization;
using System.Net;
using System.Text;

namespace Descent.Notebooks.Formatting;

/// <summary>A table of text cells, cut to its first rows, rendered as aligned plain text and as an HTML table with a count.</summary>
internal sealed class Table
{
    public Table(string caption, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, long totalRows, bool totalIsLowerBound = false, string unit = "rows")
    {
        Caption = caption;
        Headers = headers;
        Rows = rows;
        TotalRows = totalRows;
        TotalIsLowerBound = totalIsLowerBound;
        Unit = unit;
    }

    public string Caption { get; }
    public IReadOnlyList<string> Headers { get; }
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }
    public long TotalRows { get; }
    public bool TotalIsLowerBound { get; }
    public string Unit { get; }

    public string CountText => Rows.Count < TotalRows || TotalIsLowerBound
        ? string.Create(CultureInfo.InvariantCulture, $"first {Rows.Count} of {(TotalIsLowerBound ? "more than " : "")}{TotalRows} {Unit}")
        : string.Create(CultureInfo.InvariantCulture, $"{TotalRows} {(TotalRows == 1 ? Unit.TrimEnd('s') : Unit)}");

    public string ToText()
    {
        var widths = new int[Headers.Count];
        for (int c = 0; c < Headers.Count; c++) widths[c] = Headers[c].Length;
        foreach (var row in Rows)
            for (int c = 0; c < row.Count && c < widths.Length; c++)
                widths[c] = Math.Max(widths[c], OneLine(row[c]).Length);
        var sb = new StringBuilder();
        if (Caption.Length > 0) sb.Append(Caption).Append('\n');
        AppendRow(sb, Headers, widths);
        foreach (var row in Rows) AppendRow(sb, row, widths);
        if (Rows.Count < TotalRows || TotalIsLowerBound) sb.Append("… (").Append(CountText).Append(")\n");
        return sb.ToString().TrimEnd('\n');
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        for (int c = 0; c < widths.Length; c++)
        {
            if (c > 0) sb.Append("  ");
            var text = c < cells.Count ? OneLine(cells[c]) : "";
            if (c == widths.Length - 1) sb.Append(text);
            else sb.Append(text.PadRight(widths[c]));
        }
        sb.Append('\n');
    }

    private static string OneLine(string s) => s.Replace("\r", "").Replace('\n', ' ');

    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"descent-table\">");
        if (Caption.Length > 0) sb.Append("<div class=\"descent-caption\">").Append(WebUtility.HtmlEncode(Caption)).Append("</div>");
        sb.Append("<table><thead><tr>");
        foreach (var h in Headers) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            sb.Append("<tr>");
            for (int c = 0; c < Headers.Count; c++)
                sb.Append("<td>").Append(WebUtility.HtmlEncode(c < row.Count ? row[c] : "")).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        sb.Append("<div class=\"descent-count\">").Append(WebUtility.HtmlEncode(CountText)).Append("</div>");
        sb.Append("</div>");
        return sb.ToString();
    }
}
