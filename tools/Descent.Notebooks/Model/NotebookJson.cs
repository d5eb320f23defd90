using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Notebooks.Model;

/// <summary>
/// Deterministic JSON as nbformat writes it (<c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)</c>
/// plus a trailing newline): keys sorted by code point, one-space indent, <c>": "</c> between key and value,
/// non-ASCII text written as is. Re-saving an unchanged notebook therefore gives the same bytes, and diffs stay small.
/// </summary>
public static class NotebookJson
{
    [ThreadStatic] private static bool s_compact;

    /// <summary>The reader options the engine uses: strict JSON, deep nesting allowed (chart figures nest deeply).</summary>
    public static JsonDocumentOptions ReaderOptions { get; } = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 512,
    };

    /// <summary>Serializes <paramref name="node"/> deterministically, ending with a newline.</summary>
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder(4096);
        Write(sb, node, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>Serializes <paramref name="node"/> on one line (no indentation, keys sorted), as JavaScript source can embed it.</summary>
    public static string SerializeCompact(JsonNode? node)
    {
        var sb = new StringBuilder(1024);
        s_compact = true;
        try
        {
            Write(sb, node, 0);
        }
        finally
        {
            s_compact = false;
        }
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                WriteObject(sb, obj, depth);
                break;
            case JsonArray array:
                WriteArray(sb, array, depth);
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder sb, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            sb.Append("{}");
            return;
        }
        var keys = new List<string>(obj.Count);
        foreach (var pair in obj) keys.Add(pair.Key);
        keys.Sort(string.CompareOrdinal);
        sb.Append('{');
        for (int i = 0; i < keys.Count; i++)
        {
            if (i > 0) sb.Append(',');
            NewLine(sb, depth + 1);
            WriteString(sb, keys[i]);
            sb.Append(s_compact ? ":" : ": ");
            Write(sb, obj[keys[i]], depth + 1);
        }
        NewLine(sb, depth);
        sb.Append('}');
    }

    private static void WriteArray(StringBuilder sb, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            sb.Append("[]");
            return;
        }
        sb.Append('[');
        for (int i = 0; i < array.Count; i++)
        {
            if (i > 0) sb.Append(',');
            NewLine(sb, depth + 1);
            Write(sb, array[i], depth + 1);
        }
        NewLine(sb, depth);
        sb.Append(']');
    }

    private static void NewLine(StringBuilder sb, int depth)
    {
        if (depth < 0 || s_compact) return;
        sb.Append('\n');
        sb.Append(' ', depth);
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    WriteString(sb, element.GetString()!);
                    return;
                case JsonValueKind.Number:
                    sb.Append(element.GetRawText());
                    return;
                case JsonValueKind.True:
                    sb.Append("true");
                    return;
                case JsonValueKind.False:
                    sb.Append("false");
                    return;
                case JsonValueKind.Null:
                    sb.Append("null");
                    return;
                default:
                    Write(sb, JsonNode.Parse(element.GetRawText()), 0);
                    return;
            }
        }
        if (value.TryGetValue(out string? s)) { WriteString(sb, s); return; }
        if (value.TryGetValue(out bool b)) { sb.Append(b ? "true" : "false"); return; }
        if (value.TryGetValue(out int i)) { sb.Append(i.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue(out long l)) { sb.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue(out double d)) { sb.Append(FormatDouble(d)); return; }
        if (value.TryGetValue(out float f)) { sb.Append(FormatDouble(f)); return; }
        if (value.TryGetValue(out decimal m)) { sb.Append(m.ToString(CultureInfo.InvariantCulture)); return; }
        // Anything else (an enum, a DateTime...): let System.Text.Json render it, then re-emit deterministically.
        Write(sb, JsonNode.Parse(value.ToJsonString()), 0);
    }

    /// <summary>A double as Python's <c>repr</c> writes it: shortest round-trip digits, always with a decimal point or exponent.</summary>
    internal static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E'))
        {
            // .NET: 1E-05, Python: 1e-05.
            var parts = text.Split('E');
            var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return parts[0] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        return text.Contains('.') ? text : text + ".0";
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
