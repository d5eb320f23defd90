using System.Text.Json.Nodes;
using Plotly.NET;

namespace Descent.Plots;

/// <summary>
/// Reads any chart back as its figure JSON and rebuilds a chart from (edited) JSON, so charts can be
/// combined (<see cref="Plot.Grid"/>) or restyled (<see cref="Plot.Styled"/>) without mutating the originals.
/// </summary>
internal static class FigureJson
{
    /// <summary>The chart's figure as JSON nodes: {"data": [...], "layout": {...}}.</summary>
    public static (JsonArray Data, JsonObject Layout) Read(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        return (figure["data"] as JsonArray ?? [], figure["layout"] as JsonObject ?? []);
    }

    /// <summary>A chart from figure JSON (traces and layout), with the house config.</summary>
    public static GenericChart Build(JsonArray data, JsonObject layout)
    {
        // Re-parse, so every value is a parsed JSON number/string/bool whatever code built the nodes.
        data = JsonNode.Parse(data.ToJsonString())!.AsArray();
        layout = JsonNode.Parse(layout.ToJsonString())!.AsObject();
        var traces = data.Select(node =>
        {
            var obj = node!.AsObject();
            var trace = new Trace(obj["type"]?.GetValue<string>() ?? "scatter");
            foreach (var (key, value) in obj)
                if (key != "type") trace.SetProperty(key, Plain(value)!);
            return trace;
        }).ToList();
        var built = new Layout();
        foreach (var (key, value) in layout) built.SetProperty(key, Plain(value)!);
        var chart = GenericChart.setLayout(built, GenericChart.ofTraceObjects(false, traces));
        return GenericChart.setConfig(Figure.Config(), chart);
    }

    /// <summary>JSON nodes as plain values Plotly.NET serializes back unchanged.</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.Aggregate(new Props(), (d, kv) => { d[kv.Key] = Plain(kv.Value); return d; }),
        JsonArray a => a.Select(Plain).ToArray(),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v => v.GetValue<double>(),
        _ => node.ToJsonString(),
    };
}
