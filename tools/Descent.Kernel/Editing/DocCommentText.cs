using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Descent.Notebooks.Editing;

/// <summary>Turns an XML documentation comment into plain text: summary, parameters, returns, exceptions, remarks.</summary>
internal static partial class DocCommentText
{
    /// <summary>The summary and the detail lines of a member's documentation XML (empty when there is none).</summary>
    public static (string Summary, List<string> Details) Read(string? xml)
    {
        var details = new List<string>();
        if (string.IsNullOrWhiteSpace(xml)) return ("", details);
        XElement root;
        try { root = XElement.Parse(xml, LoadOptions.PreserveWhitespace); }
        catch (XmlException) { return ("", details); }

        string summary = Text(root.Element("summary"));
        foreach (var p in root.Elements("typeparam"))
            details.Add($"{p.Attribute("name")?.Value}: {Text(p)}");
        foreach (var p in root.Elements("param"))
            details.Add($"{p.Attribute("name")?.Value}: {Text(p)}");
        if (root.Element("returns") is { } returns && Text(returns) is { Length: > 0 } r)
            details.Add($"Returns: {r}");
        if (root.Element("value") is { } value && Text(value) is { Length: > 0 } v)
            details.Add($"Value: {v}");
        foreach (var e in root.Elements("exception"))
            details.Add($"Throws {CrefName(e.Attribute("cref")?.Value)}: {Text(e)}");
        if (root.Element("remarks") is { } remarks && Text(remarks) is { Length: > 0 } rm)
            details.Add($"Remarks: {rm}");
        return (summary, details);
    }

    private static string Text(XElement? element)
    {
        if (element is null) return "";
        var sb = new StringBuilder();
        Append(element, sb);
        return Whitespace().Replace(sb.ToString(), " ").Trim();
    }

    private static void Append(XElement element, StringBuilder sb)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    sb.Append(text.Value);
                    break;
                case XElement e when e.Name.LocalName is "see" or "seealso":
                    sb.Append(e.Attribute("langword")?.Value ?? (e.IsEmpty ? CrefName(e.Attribute("cref")?.Value ?? e.Attribute("href")?.Value) : ""));
                    if (!e.IsEmpty) Append(e, sb);
                    break;
                case XElement e when e.Name.LocalName is "paramref" or "typeparamref":
                    sb.Append(e.Attribute("name")?.Value);
                    break;
                case XElement e when e.Name.LocalName == "list":
                    // Bullet, number or table lists: one "term — description" per item, separated by semicolons.
                    var items = e.Elements().Where(i => i.Name.LocalName is "item" or "listheader")
                        .Select(i => i.Element("term") is { } term && i.Element("description") is { } description
                            ? $"{Text(term)}: {Text(description).TrimEnd('.')}"
                            : Text(i).TrimEnd('.'))
                        .Where(t => t.Length > 0);
                    sb.Append(' ').Append(string.Join("; ", items)).Append(". ");
                    break;
                case XElement e when e.Name.LocalName is "para" or "br":
                    sb.Append(' ');
                    Append(e, sb);
                    sb.Append(' ');
                    break;
                case XElement e:
                    Append(e, sb);
                    break;
            }
        }
    }

    // "M:System.Math.Max(System.Int32,System.Int32)" -> "Math.Max"; "T:System.Math" -> "Math".
    private static string CrefName(string? cref)
    {
        if (string.IsNullOrEmpty(cref)) return "";
        string name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        int paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        var parts = name.Split('.');
        return parts.Length >= 2 && char.IsUpper(parts[^2].FirstOrDefault()) && cref.StartsWith("T:", StringComparison.Ordinal) is false
            ? $"{parts[^2]}.{parts[^1]}"
            : parts[^1];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
