using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Site.Outputs;

/// <summary>
/// Makes a Plotly figure smaller for a page without changing what it shows: floating-point noise is dropped from
/// numbers (<c>1.1724999999999999</c> is drawn and hovered as <c>1.1725</c>; 10 significant digits are kept, more than a
/// screen or a slide shows; integers stay as they are). Charts with many precomputed slider positions are most of a lesson page's weight, and this
/// keeps it under the 1 MB budget. The executed notebook beside the page keeps the exact values.
/// </summary>
internal static class FigureJson
{
    /// <summary>A copy of <paramref name="figure"/> whose numbers carry at most 10 significant digits.</summary>
    public static JsonNode Compact(JsonNode figure) => Map(figure)!;

    private static JsonNode? Map(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Map(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Map).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => Number(value),
        _ => node?.DeepClone(),
    };

    private static JsonNode Number(JsonValue value)
    {
        var text = value.ToJsonString();
        if (text.Length <= 11 || text.IndexOfAny(['.', 'e', 'E']) < 0 || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
            return value.DeepClone();
        var shorter = x.ToString("G10", CultureInfo.InvariantCulture);
        return shorter.Length < text.Length ? JsonValue.Create(double.Parse(shorter, CultureInfo.InvariantCulture))! : value.DeepClone();
    }
}
