namespace Descent.Notebooks.Formatting;

/// <summary>How values are turned into mime bundles.</summary>
public sealed record FormatterOptions
{
    /// <summary>The plotly.js build Plotly.NET 6.0.0 embeds, and that chart outputs are written for.</summary>
    public const string PlotlyJsVersion = "2.28.0";

    /// <summary>
    /// Where a chart's <c>text/html</c> fallback loads plotly.js from when the page has none (it first uses a global
    /// <c>Plotly</c> if there is one, and goes through require.js when the page uses it). Defaults to the plotly.js CDN,
    /// for notebooks opened in Jupyter front ends. Null: never load; the page must provide plotly.js (the site exporter
    /// sets a local asset path or null, never a CDN).
    /// </summary>
    public string? PlotlyScriptUrl { get; init; } = $"https://cdn.plot.ly/plotly-{PlotlyJsVersion}.min.js";

    /// <summary>Rows (or items) shown before a table or a sequence is cut, with the total count written after it.</summary>
    public int MaxRows { get; init; } = 20;

    /// <summary>Matrix columns shown before the table is cut.</summary>
    public int MaxColumns { get; init; } = 12;

    /// <summary>The default options.</summary>
    public static FormatterOptions Default { get; } = new();
}
