using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Notebooks.Model;

/// <summary>
/// nbformat's "multiline string": either one string or a list of lines that are joined.
/// Text the engine writes is stored as lines (each keeping its <c>\n</c>), as nbformat's writer does.
/// </summary>
internal static class MultilineText
{
    /// <summary>Joins a string or a list of strings; anything else gives null.</summary>
    public static string? Read(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            case JsonArray array:
                var sb = new StringBuilder();
                foreach (var item in array)
                {
                    if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String) sb.Append(v.GetValue<string>());
                    else return null;
                }
                return sb.ToString();
            default:
                return null;
        }
    }

    /// <summary>Splits text into lines that keep their line ends (Python's <c>splitlines(True)</c> on <c>\n</c>).</summary>
    public static JsonArray ToLines(string text)
    {
        var array = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                array.Add(JsonValue.Create(text.Substring(start, i - start + 1)));
                start = i + 1;
            }
        }
        if (start < text.Length) array.Add(JsonValue.Create(text.Substring(start)));
        return array;
    }

    /// <summary>True if the node is a string or a list of strings.</summary>
    public static bool IsMultiline(JsonNode? node) => Read(node) is not null;
}
