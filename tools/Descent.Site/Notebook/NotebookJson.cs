using System.Text.Json.Nodes;

namespace Descent.Site.Notebook;

/// <summary>
/// Reading helpers over an executed notebook's nbformat 4 JSON (multiline strings may be a string or an array of
/// strings). The exporter only reads what the engine wrote; it never builds or writes a notebook itself.
/// </summary>
internal static class NotebookJson
{
    /// <summary>A multiline string field: a string, or the concatenation of an array of strings.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Concat(array.Select(x => x?.GetValue<string>() ?? "")),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>The cells of a notebook, or an empty list.</summary>
    public static IReadOnlyList<JsonObject> Cells(JsonObject notebook) =>
        notebook["cells"] is JsonArray cells ? cells.OfType<JsonObject>().ToList() : [];

    /// <summary>The outputs of a code cell, or an empty list.</summary>
    public static IReadOnlyList<JsonObject> Outputs(JsonObject cell) =>
        cell["outputs"] is JsonArray outputs ? outputs.OfType<JsonObject>().ToList() : [];

    /// <summary>The cell type: "markdown", "code" or "raw".</summary>
    public static string CellType(JsonObject cell) => cell["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>The execution count, or null when the cell has not run.</summary>
    public static int? ExecutionCount(JsonObject cell) =>
        cell["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    /// <summary>A markdown cell's attachments: name to (mime type, base64 data) of its first representation.</summary>
    public static IReadOnlyDictionary<string, (string Mime, string Base64)> Attachments(JsonObject cell)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (cell["attachments"] is not JsonObject attachments) return result;
        foreach (var (name, bundle) in attachments)
        {
            if (bundle is not JsonObject mimes) continue;
            var first = mimes.FirstOrDefault(m => m.Value is not null);
            if (first.Value is not null) result[name] = (first.Key, Text(first.Value).Replace("\n", ""));
        }
        return result;
    }
}
