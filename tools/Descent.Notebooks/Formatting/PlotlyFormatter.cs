using System.Globalization;
using System.Text.Json.Nodes;
using Descent.Notebooks.Model;
using Plotly.NET;

namespace Descent.Notebooks.Formatting;

/// <summary>
/// Plotly.NET charts as Jupyter front ends expect them: the figure JSON under <c>application/vnd.plotly.v1+json</c>
/// (rendered natively by JupyterLab, VS Code and nteract) plus a <c>text/html</c> fallback and a <c>text/plain</c> summary.
/// This replaces the Plotly.NET.Interactive package, which loaded plotly.js and require.js from CDNs.
/// </summary>
public static class PlotlyFormatter
{
    /// <summary>The mime type of a Plotly figure.</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>The figure (<c>data</c>, <c>layout</c>, <c>config</c>) of a chart, as JSON.</summary>
    public static JsonObject Figure(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart), documentOptions: NotebookJson.ReaderOptions) as JsonObject ?? new JsonObject();
        if (figure["frames"] is JsonArray { Count: 0 }) figure.Remove("frames");
        var configJson = Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getConfig(chart));
        if (JsonNode.Parse(configJson) is JsonObject config && config.Count > 0) figure["config"] = config;
        if (figure["config"] is null) figure["config"] = new JsonObject { ["responsive"] = true };
        return figure;
    }

    /// <summary>The mime bundle of a chart.</summary>
    public static MimeBundle Format(GenericChart chart, FormatterOptions options)
    {
        var figure = Figure(chart);
        int traces = figure["data"] is JsonArray data ? data.Count : 0;
        var divId = "plotly-" + Guid.NewGuid().ToString("N")[..12];
        return new MimeBundle()
            .SetJson(MimeType, figure)
            .SetText("text/html", PlotlyHtml.Render(figure, divId, options.PlotlyScriptUrl))
            .SetText("text/plain", string.Create(CultureInfo.InvariantCulture, $"Plotly chart ({traces} trace{(traces == 1 ? "" : "s")})"));
    }
}
