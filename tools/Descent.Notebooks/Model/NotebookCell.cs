using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Notebooks.Model;

/// <summary>
/// One cell of a notebook: code, markdown or raw. Backed by its nbformat JSON object, so unknown fields,
/// the cell id, attachments and metadata survive a round trip unchanged.
/// </summary>
public sealed class NotebookCell
{
    private readonly JsonObject _json;   // everything except "outputs", which lives in Outputs
    private string _source;

    private NotebookCell(JsonObject json, List<CellOutput> outputs)
    {
        _json = json;
        _source = MultilineText.Read(json["source"]) ?? "";
        Outputs = outputs;
    }

    /// <summary>A new code cell with Polyglot-compatible metadata (C#), a fresh id, no outputs.</summary>
    public static NotebookCell Code(string source, string? id = null) => new(
        new JsonObject
        {
            ["cell_type"] = "code",
            ["id"] = id ?? NewId(),
            ["metadata"] = PolyglotMetadata.NewCodeCellMetadata(),
            ["source"] = MultilineText.ToLines(source),
            ["execution_count"] = null,
        }, []);

    /// <summary>A new markdown cell with a fresh id.</summary>
    public static NotebookCell Markdown(string source, string? id = null) => new(
        new JsonObject
        {
            ["cell_type"] = "markdown",
            ["id"] = id ?? NewId(),
            ["metadata"] = new JsonObject(),
            ["source"] = MultilineText.ToLines(source),
        }, []);

    /// <summary>A new raw cell with a fresh id.</summary>
    public static NotebookCell Raw(string source, string? id = null) => new(
        new JsonObject
        {
            ["cell_type"] = "raw",
            ["id"] = id ?? NewId(),
            ["metadata"] = new JsonObject(),
            ["source"] = MultilineText.ToLines(source),
        }, []);

    /// <summary>A fresh cell id (nbformat 4.5: 1 to 64 letters, digits, '-' or '_').</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>The nbformat <c>cell_type</c>: <c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType => _json["cell_type"]!.GetValue<string>();

    /// <summary>True for a code cell.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>True for a markdown cell.</summary>
    public bool IsMarkdown => CellType == "markdown";

    /// <summary>True for a raw cell.</summary>
    public bool IsRaw => CellType == "raw";

    /// <summary>The cell id (nbformat 4.5 and later), or null.</summary>
    public string? Id
    {
        get => _json["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        set
        {
            if (value is null) _json.Remove("id");
            else _json["id"] = value;
        }
    }

    /// <summary>The cell's source text (lines joined). Setting it stores the text as lines, as nbformat writes it.</summary>
    public string Source
    {
        get => _source;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value == _source) return;
            _source = value;
            _json["source"] = MultilineText.ToLines(value);
        }
    }

    /// <summary>Cell metadata (a live object: edits are saved).</summary>
    public JsonObject Metadata
    {
        get
        {
            if (_json["metadata"] is JsonObject m) return m;
            var created = new JsonObject();
            _json["metadata"] = created;
            return created;
        }
    }

    /// <summary>Attachments (markdown and raw cells), or null when the cell has none. A live object.</summary>
    public JsonObject? Attachments => _json["attachments"] as JsonObject;

    /// <summary>A code cell's execution count: null when it has not run.</summary>
    public int? ExecutionCount
    {
        get => _json["execution_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;
        set
        {
            if (!IsCode) throw new InvalidOperationException("Only code cells have an execution count.");
            _json["execution_count"] = value is null ? null : JsonValue.Create(value.Value);
        }
    }

    /// <summary>A code cell's outputs (empty for other cells).</summary>
    public List<CellOutput> Outputs { get; }

    /// <summary>The cell's language: Polyglot's <c>kernelName</c>, or the older variants, or null when the cell does not say.</summary>
    public string? Language => PolyglotMetadata.CellLanguage(Metadata);

    /// <summary>A property of the cell object other than the ones above (unknown fields are kept as read).</summary>
    public JsonNode? GetProperty(string name) => _json[name];

    /// <summary>Removes outputs and the execution count (the form lessons are committed in).</summary>
    public void ClearOutputs()
    {
        Outputs.Clear();
        if (IsCode) _json["execution_count"] = null;
    }

    /// <summary>A deep copy.</summary>
    public NotebookCell Clone() => new((JsonObject)_json.DeepClone(), Outputs.Select(o => o.Clone()).ToList());

    /// <summary>The nbformat JSON of the cell (a new object).</summary>
    public JsonObject ToJson()
    {
        var json = (JsonObject)_json.DeepClone();
        if (IsCode || Outputs.Count > 0)
            json["outputs"] = new JsonArray(Outputs.Select(o => (JsonNode?)o.ToJson()).ToArray());
        return json;
    }

    internal static NotebookCell Parse(JsonObject json, int index)
    {
        string where = $"cell {index + 1}";
        if (json["cell_type"] is not JsonValue t || t.GetValueKind() != JsonValueKind.String)
            throw new NotebookFormatException($"{where}: 'cell_type' is missing or not a string.");
        if (json["source"] is null)
            throw new NotebookFormatException($"{where}: 'source' is missing.");
        if (!MultilineText.IsMultiline(json["source"]))
            throw new NotebookFormatException($"{where}: 'source' must be a string or a list of strings.");
        if (json["metadata"] is not null and not JsonObject)
            throw new NotebookFormatException($"{where}: 'metadata' must be an object.");
        var outputs = new List<CellOutput>();
        if (json["outputs"] is JsonNode outputsNode)
        {
            if (outputsNode is not JsonArray array)
                throw new NotebookFormatException($"{where}: 'outputs' must be a list.");
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject o)
                    throw new NotebookFormatException($"{where}, output {i + 1}: an output must be an object.");
                outputs.Add(CellOutput.Parse((JsonObject)o.DeepClone(), $"{where}, output {i + 1}"));
            }
            json.Remove("outputs");
        }
        return new NotebookCell(json, outputs);
    }
}
