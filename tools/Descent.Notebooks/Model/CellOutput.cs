using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Notebooks.Model;

/// <summary>
/// One output of a code cell, as nbformat stores it: <see cref="StreamOutput"/>, <see cref="DisplayDataOutput"/>,
/// <see cref="ExecuteResultOutput"/>, <see cref="ErrorOutput"/>, or <see cref="UnknownOutput"/> for anything else.
/// Every output is backed by its JSON object, so fields the engine does not know survive a round trip.
/// </summary>
public abstract class CellOutput
{
    /// <summary>The backing nbformat object.</summary>
    private protected readonly JsonObject Json;

    private protected CellOutput(JsonObject json) => Json = json;

    /// <summary>The nbformat <c>output_type</c>: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public string OutputType => Json["output_type"]?.GetValue<string>() ?? "";

    /// <summary>The nbformat JSON of this output (a deep copy).</summary>
    public JsonObject ToJson() => (JsonObject)Json.DeepClone();

    /// <summary>A deep copy.</summary>
    public abstract CellOutput Clone();

    /// <summary>Reads an nbformat output object (a deep copy is taken).</summary>
    /// <exception cref="NotebookFormatException">The object is not a valid output.</exception>
    public static CellOutput FromJson(JsonObject json) => Parse((JsonObject)json.DeepClone(), "output");

    internal static CellOutput Parse(JsonObject json, string where)
    {
        if (json["output_type"] is not JsonValue typeValue || typeValue.GetValueKind() != JsonValueKind.String)
            throw new NotebookFormatException($"{where}: 'output_type' is missing or not a string.");
        var type = typeValue.GetValue<string>();
        switch (type)
        {
            case "stream":
                if (json["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String)
                    throw new NotebookFormatException($"{where}: a stream output needs a string 'name' (stdout or stderr).");
                if (!MultilineText.IsMultiline(json["text"]))
                    throw new NotebookFormatException($"{where}: a stream output's 'text' must be a string or a list of strings.");
                return new StreamOutput(json);
            case "display_data":
                CheckBundle(json, where);
                return new DisplayDataOutput(json);
            case "execute_result":
                CheckBundle(json, where);
                return new ExecuteResultOutput(json);
            case "error":
                if (json["ename"] is not JsonValue || json["evalue"] is not JsonValue || json["traceback"] is not JsonArray)
                    throw new NotebookFormatException($"{where}: an error output needs 'ename', 'evalue' and a 'traceback' list.");
                return new ErrorOutput(json);
            default:
                return new UnknownOutput(json);
        }
    }

    private static void CheckBundle(JsonObject json, string where)
    {
        if (json["data"] is not JsonObject)
            throw new NotebookFormatException($"{where}: '{json["output_type"]}' needs a 'data' object (a mime bundle).");
        if (json["metadata"] is null) json["metadata"] = new JsonObject();
        else if (json["metadata"] is not JsonObject)
            throw new NotebookFormatException($"{where}: an output's 'metadata' must be an object.");
    }

    private protected JsonObject MetadataObject
    {
        get
        {
            if (Json["metadata"] is JsonObject m) return m;
            var created = new JsonObject();
            Json["metadata"] = created;
            return created;
        }
    }
}

/// <summary>Text written to stdout or stderr.</summary>
public sealed class StreamOutput : CellOutput
{
    internal StreamOutput(JsonObject json) : base(json) { }

    /// <summary>A new stream output.</summary>
    /// <param name="name"><c>stdout</c> or <c>stderr</c>.</param>
    /// <param name="text">The text written.</param>
    public StreamOutput(string name, string text)
        : base(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = MultilineText.ToLines(text) }) { }

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Name => Json["name"]!.GetValue<string>();

    /// <summary>The text (lines joined).</summary>
    public string Text
    {
        get => MultilineText.Read(Json["text"]) ?? "";
        set => Json["text"] = MultilineText.ToLines(value);
    }

    /// <inheritdoc />
    public override CellOutput Clone() => new StreamOutput((JsonObject)Json.DeepClone());
}

/// <summary>A value shown with <c>display(...)</c> (or a chart, table...). Its <see cref="DisplayId"/> lets it be updated in place.</summary>
public sealed class DisplayDataOutput : CellOutput
{
    internal DisplayDataOutput(JsonObject json) : base(json) { }

    /// <summary>A new display output.</summary>
    public DisplayDataOutput(MimeBundle data, JsonObject? metadata = null, string? displayId = null)
        : base(new JsonObject { ["output_type"] = "display_data", ["data"] = data.ToJson(), ["metadata"] = metadata?.DeepClone() ?? new JsonObject() })
        => DisplayId = displayId;

    /// <summary>The representations of the value, by mime type (a live view: changes are saved).</summary>
    public MimeBundle Data
    {
        get => MimeBundle.Wrap((JsonObject)Json["data"]!);
        set => Json["data"] = value.ToJson();
    }

    /// <summary>Output metadata (a live view).</summary>
    public JsonObject Metadata => MetadataObject;

    /// <summary>
    /// The display id (Jupyter's <c>transient.display_id</c>) while the notebook is in memory; not saved to the file,
    /// as nbformat requires.
    /// </summary>
    public string? DisplayId { get; set; }

    /// <inheritdoc />
    public override CellOutput Clone() => new DisplayDataOutput((JsonObject)Json.DeepClone()) { DisplayId = DisplayId };
}

/// <summary>The value of a cell's trailing expression.</summary>
public sealed class ExecuteResultOutput : CellOutput
{
    internal ExecuteResultOutput(JsonObject json) : base(json) { }

    /// <summary>A new result output.</summary>
    public ExecuteResultOutput(int executionCount, MimeBundle data, JsonObject? metadata = null)
        : base(new JsonObject
        {
            ["output_type"] = "execute_result",
            ["execution_count"] = executionCount,
            ["data"] = data.ToJson(),
            ["metadata"] = metadata?.DeepClone() ?? new JsonObject(),
        }) { }

    /// <summary>The execution count of the cell that produced it.</summary>
    public int? ExecutionCount => Json["execution_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;

    /// <summary>The representations of the value, by mime type (a live view).</summary>
    public MimeBundle Data
    {
        get => MimeBundle.Wrap((JsonObject)Json["data"]!);
        set => Json["data"] = value.ToJson();
    }

    /// <summary>Output metadata (a live view).</summary>
    public JsonObject Metadata => MetadataObject;

    /// <inheritdoc />
    public override CellOutput Clone() => new ExecuteResultOutput((JsonObject)Json.DeepClone());
}

/// <summary>A compile error or an exception: name, value and traceback lines, as Jupyter shows them.</summary>
public sealed class ErrorOutput : CellOutput
{
    internal ErrorOutput(JsonObject json) : base(json) { }

    /// <summary>A new error output.</summary>
    public ErrorOutput(string ename, string evalue, IEnumerable<string> traceback)
        : base(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = ename,
            ["evalue"] = evalue,
            ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        }) { }

    /// <summary>The error's name (an exception type, or <c>CompilationError</c>).</summary>
    public string EName => Json["ename"]?.ToString() ?? "";

    /// <summary>The error's message.</summary>
    public string EValue => Json["evalue"]?.ToString() ?? "";

    /// <summary>The traceback lines.</summary>
    public IReadOnlyList<string> Traceback =>
        Json["traceback"] is JsonArray a ? a.Select(x => x?.ToString() ?? "").ToArray() : [];

    /// <inheritdoc />
    public override CellOutput Clone() => new ErrorOutput((JsonObject)Json.DeepClone());
}

/// <summary>An output of a type this engine does not know; kept as it was read.</summary>
public sealed class UnknownOutput : CellOutput
{
    internal UnknownOutput(JsonObject json) : base(json) { }

    /// <inheritdoc />
    public override CellOutput Clone() => new UnknownOutput((JsonObject)Json.DeepClone());
}
