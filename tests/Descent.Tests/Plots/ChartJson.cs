using System.Text.Json.Nodes;
using Plotly.NET;

namespace Descent.Tests.Plots;

/// <summary>Reads a chart's figure JSON for assertions.</summary>
internal static class ChartJson
{
    /// <summary>The chart's JSON, checked for what plotly.js cannot draw (NaN and infinities written as strings).</summary>
    public static JsonObject Parse(GenericChart chart)
    {
        string json = GenericChart.toJson(chart);
        Assert.DoesNotContain("\"NaN\"", json);
        Assert.DoesNotContain("Infinity\"", json);
        return JsonNode.Parse(json)!.AsObject();
    }

    public static int Size(GenericChart chart) => System.Text.Encoding.UTF8.GetByteCount(GenericChart.toJson(chart));

    public static JsonArray Data(this JsonObject figure) => figure["data"]!.AsArray();

    public static JsonObject Layout(this JsonObject figure) => figure["layout"]!.AsObject();

    public static IEnumerable<JsonObject> Traces(this JsonObject figure) => figure.Data().Select(t => t!.AsObject());

    public static string Type(this JsonObject trace) => trace["type"]!.GetValue<string>();

    public static string? Name(this JsonObject trace) => trace["name"]?.GetValue<string>();

    public static JsonObject Named(this JsonObject figure, string name) =>
        figure.Traces().Single(t => t.Name() == name && t["showlegend"]?.GetValue<bool>() != false);

    public static JsonObject[] AllNamed(this JsonObject figure, string name) => figure.Traces().Where(t => t.Name() == name).ToArray();

    public static double?[] Numbers(JsonNode? node) =>
        node!.AsArray().Select(v => v is null ? (double?)null : v.GetValue<double>()).ToArray();

    public static double[] Doubles(JsonNode? node) => Numbers(node).Select(v => v ?? double.NaN).ToArray();

    public static string[] Strings(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    public static bool[] Bools(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<bool>()).ToArray();

    /// <summary>The title as written: the house style's wrapping breaks ("&lt;br&gt;" and a zero-width space) back to spaces.</summary>
    public static string Title(this JsonObject figure) => figure.Layout()["title"]!["text"]!.GetValue<string>().Replace("<br>\u200B", " ", StringComparison.Ordinal);

    public static string AxisTitle(this JsonObject figure, string axis) => figure.Layout()[axis]!["title"]!["text"]!.GetValue<string>();

    /// <summary>
    /// The drawn points are recorded points (to the 7 significant digits a thinned run is written with), in order,
    /// starting with the first and ending with the last recorded one: what thinning promises.
    /// </summary>
    public static void AssertDrawnFrom(IReadOnlyList<double> recordedX, IReadOnlyList<double> recordedY, double[] drawnX, double[] drawnY)
    {
        static bool Close(double recorded, double drawn) => recorded == drawn || Math.Abs(recorded - drawn) <= 1e-6 * Math.Abs(recorded);
        Assert.Equal(drawnX.Length, drawnY.Length);
        Assert.True(Close(recordedX[0], drawnX[0]) && Close(recordedY[0], drawnY[0]), "the first point is drawn");
        Assert.True(Close(recordedX[^1], drawnX[^1]) && Close(recordedY[^1], drawnY[^1]), "the last point is drawn");
        int k = 0;
        for (int i = 0; i < drawnX.Length; i++)
        {
            while (k < recordedX.Count && !(Close(recordedX[k], drawnX[i]) && Close(recordedY[k], drawnY[i]))) k++;
            Assert.True(k < recordedX.Count, $"drawn point {i} ({drawnX[i]}, {drawnY[i]}) is not a recorded point after the previous one");
            k++;
        }
    }
}
