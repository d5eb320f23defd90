using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Descent.Notebooks.Model;

/// <summary>
/// A Jupyter mime bundle: one representation of a value per mime type (<c>text/plain</c>, <c>text/html</c>,
/// <c>application/vnd.plotly.v1+json</c>...). Text types hold strings (stored as lists of lines, as nbformat does);
/// JSON types (<c>application/json</c>, <c>application/…+json</c>) hold JSON. Unknown entries survive a round trip.
/// </summary>
public sealed partial class MimeBundle : IEnumerable<KeyValuePair<string, JsonNode?>>
{
    private readonly JsonObject _data;

    /// <summary>An empty bundle.</summary>
    public MimeBundle() => _data = new JsonObject();

    private MimeBundle(JsonObject data) => _data = data;

    /// <summary>Wraps (a deep copy of) the <c>data</c> object of an nbformat output.</summary>
    public static MimeBundle FromJson(JsonObject data) => new((JsonObject)data.DeepClone());

    /// <summary>A bundle with one <c>text/plain</c> entry.</summary>
    public static MimeBundle PlainText(string text) => new MimeBundle().SetText("text/plain", text);

    /// <summary>True for mime types whose value is JSON rather than text: <c>application/json</c> and <c>application/…+json</c>.</summary>
    public static bool IsJsonMimeType(string mimeType) => JsonMime().IsMatch(mimeType);

    [GeneratedRegex(@"^application/(.*\+)?json$")]
    private static partial Regex JsonMime();

    /// <summary>The mime types present, in insertion order.</summary>
    public IEnumerable<string> MimeTypes => _data.Select(p => p.Key);

    /// <summary>Number of entries.</summary>
    public int Count => _data.Count;

    /// <summary>True if the bundle has an entry for <paramref name="mimeType"/>.</summary>
    public bool Contains(string mimeType) => _data.ContainsKey(mimeType);

    /// <summary>
    /// The entry as text: the joined string for text types, compact JSON for JSON types; null if absent.
    /// </summary>
    public string? GetText(string mimeType)
    {
        if (!_data.TryGetPropertyValue(mimeType, out var node)) return null;
        return MultilineText.Read(node) ?? node?.ToJsonString();
    }

    /// <summary>The entry as JSON (for JSON mime types), or null if absent.</summary>
    public JsonNode? GetJson(string mimeType) =>
        _data.TryGetPropertyValue(mimeType, out var node) ? node?.DeepClone() : null;

    /// <summary>Sets a text entry (replacing any existing one). Returns this bundle.</summary>
    public MimeBundle SetText(string mimeType, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _data[mimeType] = MultilineText.ToLines(text);
        return this;
    }

    /// <summary>Sets a JSON entry (a deep copy of <paramref name="json"/>). Returns this bundle.</summary>
    public MimeBundle SetJson(string mimeType, JsonNode json)
    {
        _data[mimeType] = json.DeepClone();
        return this;
    }

    /// <summary>Removes an entry; true if it was there.</summary>
    public bool Remove(string mimeType) => _data.Remove(mimeType);

    /// <summary>A deep copy.</summary>
    public MimeBundle Clone() => new((JsonObject)_data.DeepClone());

    /// <summary>The nbformat <c>data</c> object (a deep copy).</summary>
    public JsonObject ToJson() => (JsonObject)_data.DeepClone();

    /// <summary>A copy that keeps only the given mime types (all of them when <paramref name="mimeTypes"/> is empty).</summary>
    public MimeBundle Only(IReadOnlyCollection<string> mimeTypes)
    {
        if (mimeTypes.Count == 0) return Clone();
        var copy = new JsonObject();
        foreach (var pair in _data)
            if (mimeTypes.Contains(pair.Key)) copy[pair.Key] = pair.Value?.DeepClone();
        return new MimeBundle(copy);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() => _data.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The bundle as compact JSON, for diagnostics.</summary>
    public override string ToString() => _data.ToJsonString();

    internal JsonObject Raw => _data;

    /// <summary>Wraps a live <c>data</c> object without copying (edits write through).</summary>
    internal static MimeBundle Wrap(JsonObject data) => new(data);
}
