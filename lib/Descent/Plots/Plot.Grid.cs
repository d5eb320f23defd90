using System.Text.Json.Nodes;
using Plotly.NET;

namespace Descent.Plots;

public static partial class Plot
{
    /// <summary>
    /// Small multiples: several single-panel charts side by side in a grid, each keeping its own title, axes and
    /// legend entries (an entry shared by several charts is listed once). Colour bars are dropped to save room.
    /// </summary>
    /// <param name="charts">The charts, row by row (e.g. paths for η too small / right / too large, then their traces).</param>
    /// <param name="columns">Charts per row; by default all in one row, up to 3.</param>
    /// <param name="title">A title over the whole grid; by default the first row's titles joined by " | ".</param>
    /// <param name="rowHeight">The height of one row in pixels.</param>
    /// <example><code>Plot.Grid([Plot.PathOnCurve(f, r, small), Plot.PathOnCurve(f, r, good), Plot.PathOnCurve(f, r, big)])</code></example>
    public static GenericChart Grid(IEnumerable<GenericChart> charts, int columns = 0, string? title = null, int rowHeight = 400)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var list = charts.ToList();
        if (list.Count == 0) throw new ArgumentException("charts is empty; pass at least one chart.", nameof(charts));
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be ≥ 1 (or 0 for automatic).");
        if (rowHeight < 150) throw new ArgumentOutOfRangeException(nameof(rowHeight), rowHeight, "A row needs at least 150 pixels.");
        int cols = columns == 0 ? Math.Min(list.Count, 3) : Math.Min(columns, list.Count);
        int rows = (list.Count + cols - 1) / cols;

        var data = new JsonArray();
        var layout = new JsonObject();
        var notes = new JsonArray();
        var legendSeen = new HashSet<string>();
        var read = list.Select(FigureJson.Read).ToList();
        // Each cell's title as its own chart gave it (first line, a wrapped title joined again), wrapped for a cell of
        // the narrowest output area (about 9.4 px a character at 17 px).
        var titles = read.Select(r => Readable.Unwrap(r.Layout["title"]?["text"]?.GetValue<string>() ?? "").Split("<br>")[0]).ToList();
        // Gaps in pixels: a column needs room for the next one's y tick labels and title (two columns: the right one's
        // y axis stands on its right instead), a row for its x tick labels and title and the next row's cell titles.
        double gapX = cols == 2 ? 0.06 : 0.16;
        double cellW = (1.0 - gapX * (cols - 1)) / cols;
        // Cell titles at 14 px (about 7.7 px a character) wrap to fit between the next cells' titles in the plot width a
        // phone leaves (the narrowest output area less the margins).
        int cellChars = Math.Max(6, (int)((cols == 1 ? 1 : cellW + gapX) * (HouseStyle.NarrowWidth - 90) * 0.9 / 7.7));
        int subLines = titles.Max(t => t.Length == 0 ? 0 : Readable.Wrap(t, cellChars).Count());
        string mainTitle = Readable.WrapTitle(title ?? string.Join(" | ", titles.Take(cols).Where(t => t.Length > 0)));
        double titlePx = subLines * 19 + 6, xAxisPx = 62;
        var shownNames = read.SelectMany(r => r.Data.Select(d => d!.AsObject()))
            .Where(d => (d["showlegend"]?.GetValue<bool>() ?? true) && d["name"] is not null)
            .Select(d => d["name"]!.GetValue<string>()).Distinct().ToList();
        int topPx = 10 + Readable.TitleLineHeight * Readable.Lines(mainTitle) + 8;
        int legendRowsGuess = shownNames.Count >= 2 ? Figure.LegendRows(shownNames) : 0;
        double figureHeight = Math.Min(HouseStyle.MaxHeight, rows * rowHeight + topPx + 27 * legendRowsGuess + 60);
        double plotPx = figureHeight - (topPx + 27 * legendRowsGuess) - 60;
        double cellPx = (plotPx - (rows - 1) * xAxisPx) / rows;
        for (int k = 0; k < list.Count; k++)
        {
            var (traces, sub) = read[k];
            string subTitle = string.Join(Readable.Break, titles[k].Length == 0 ? [] : Readable.Wrap(titles[k], cellChars));
            if (sub.ContainsKey("sliders"))
                throw new ArgumentException($"Chart {k} (\"{subTitle}\") has a slider; a grid can only hold charts without sliders.", nameof(charts));
            var xKeys = sub.Select(p => p.Key).Where(key => key.StartsWith("xaxis", StringComparison.Ordinal)).ToList();
            var yKeys = sub.Select(p => p.Key).Where(key => key.StartsWith("yaxis", StringComparison.Ordinal)).ToList();
            var sceneKeys = sub.Select(p => p.Key).Where(key => key.StartsWith("scene", StringComparison.Ordinal)).ToList();
            if (xKeys.Count > 1 || yKeys.Count > 1 || sceneKeys.Count > 1)
                throw new ArgumentException(
                    $"Chart {k} (\"{subTitle}\") already has several panels; Plot.Grid combines single-panel charts.", nameof(charts));

            int row = k / cols, col = k % cols;
            double x0 = col * (cellW + gapX), x1 = x0 + cellW;
            double rowTop = row * (cellPx + xAxisPx);
            double yTop = 1 - (rowTop + titlePx) / plotPx, yBottom = 1 - (rowTop + cellPx) / plotPx;
            string n = k == 0 ? "" : (k + 1).ToString(Invariant);
            string xId = "x" + n, yId = "y" + n, sceneId = "scene" + n;

            var xAxis = (sub["xaxis"]?.DeepClone() as JsonObject) ?? [];
            var yAxis = (sub["yaxis"]?.DeepClone() as JsonObject) ?? [];
            xAxis["domain"] = new JsonArray(x0, x1);
            xAxis["anchor"] = yId;
            // Three or more cells in a row are narrow on a phone: at most three x ticks, so their labels stay apart.
            if (cols >= 3 && xAxis["tickmode"] is null) xAxis["nticks"] = 3;
            yAxis["domain"] = new JsonArray(yBottom, yTop);
            yAxis["anchor"] = xId;
            if (cols == 2 && col == 1) yAxis["side"] = "right";
            // A y title the cell to the left already shows for this row is said once.
            else if (col > 0 && yAxis["title"]?["text"]?.GetValue<string>() is { } yText
                && read[k - 1].Layout["yaxis"]?["title"]?["text"]?.GetValue<string>() == yText)
                yAxis["title"] = new JsonObject { ["text"] = "" };
            if (yAxis["scaleanchor"] is not null) yAxis["scaleanchor"] = xId;
            if (sceneKeys.Count == 1)
            {
                var scene = sub[sceneKeys[0]]!.DeepClone().AsObject();
                scene["domain"] = new JsonObject { ["x"] = new JsonArray(x0, x1), ["y"] = new JsonArray(yBottom, yTop) };
                layout["scene" + n] = scene;
            }
            else
            {
                layout["xaxis" + n] = xAxis;
                layout["yaxis" + n] = yAxis;
            }

            foreach (var node in traces)
            {
                var trace = node!.DeepClone().AsObject();
                string type = trace["type"]?.GetValue<string>() ?? "scatter";
                if (type is "surface" or "scatter3d" or "mesh3d" or "cone") trace["scene"] = sceneId;
                else
                {
                    trace["xaxis"] = xId;
                    trace["yaxis"] = yId;
                }
                if (trace.ContainsKey("showscale")) trace["showscale"] = false;
                string? legendKey = trace["name"]?.GetValue<string>();
                bool shows = trace["showlegend"]?.GetValue<bool>() ?? true;
                if (shows && legendKey is not null && !legendSeen.Add(legendKey)) trace["showlegend"] = false;
                data.Add(trace);
            }
            if (sub["annotations"] is JsonArray subNotes)
                foreach (var note in subNotes)
                {
                    var copy = note!.DeepClone().AsObject();
                    Reposition(copy, "x", "xref", xId, x0, x1);
                    Reposition(copy, "y", "yref", yId, yBottom, yTop);
                    notes.Add(copy);
                }
            notes.Add(new JsonObject
            {
                ["text"] = subTitle, ["xref"] = "paper", ["yref"] = "paper", ["x"] = (x0 + x1) / 2, ["y"] = yTop + 4 / plotPx,
                ["xanchor"] = "center", ["yanchor"] = "bottom", ["showarrow"] = false,
                ["font"] = new JsonObject { ["size"] = HouseStyle.FontSize - 2 },
            });
        }

        var first = read[0].Layout;
        layout["template"] = first["template"]?.DeepClone() ?? JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new { }));
        layout["title"] = new JsonObject { ["text"] = mainTitle };
        layout["annotations"] = notes;
        // A shared legend only makes sense when each entry has its own colour (charts that each hold one run all use
        // colour 0; then the cell titles say what is what).
        var groupColor = new Dictionary<string, string?>();
        foreach (var d in data.Select(d => d!.AsObject()).Where(d => d["showlegend"]?.GetValue<bool>() ?? true))
        {
            string? key = d["legendgroup"]?.GetValue<string>() ?? d["name"]?.GetValue<string>();
            if (key is not null && !groupColor.ContainsKey(key))
                groupColor[key] = (d["line"]?["color"] ?? d["marker"]?["color"])?.ToJsonString();
        }
        bool distinct = groupColor.Values.All(c => c is not null) && groupColor.Values.Distinct().Count() == groupColor.Count;
        layout["showlegend"] = legendSeen.Count >= 2 && distinct;
        // Title pinned at the top, legend rows under it, cell titles under those. The rows were counted above for
        // every named trace; with no legend shown they stay empty.
        int legendRows = (bool)layout["showlegend"]! ? legendRowsGuess : 0;
        layout["height"] = figureHeight;
        layout["margin"] = new JsonObject { ["l"] = 70, ["r"] = 30, ["t"] = topPx + 27 * legendRowsGuess, ["b"] = 60 };
        layout["title"]!["yref"] = "container";
        layout["title"]!["y"] = 1 - (10 + 19 * (Readable.Lines(mainTitle) - 1)) / figureHeight;
        layout["title"]!["yanchor"] = "top";
        if (legendRows > 0)
            layout["legend"] = new JsonObject
            {
                ["orientation"] = "h", ["x"] = 0, ["xanchor"] = "left", ["yref"] = "container", ["y"] = 1 - (topPx - 4) / figureHeight, ["yanchor"] = "top",
            };
        return FigureJson.Build(data, layout);
    }

    /// <summary>Moves an annotation coordinate from a sub-chart into its grid cell.</summary>
    private static void Reposition(JsonObject note, string coordinate, string refKey, string axisId, double lo, double hi)
    {
        string reference = note[refKey]?.GetValue<string>() ?? "paper";
        if (reference == "paper")
        {
            double v = note[coordinate]?.GetValue<double>() ?? 0.5;
            note[coordinate] = lo + v * (hi - lo);
        }
        else if (reference.EndsWith(" domain", StringComparison.Ordinal)) note[refKey] = axisId + " domain";
        else note[refKey] = axisId;
    }

    /// <summary>
    /// A chart made directly with Plotly.NET, restyled in the house style: the slim template instead of Plotly.NET's
    /// default one, projector-sized fonts, a title. The original chart is not changed.
    /// </summary>
    /// <param name="chart">Any Plotly.NET chart.</param>
    /// <param name="title">The title to set; by default the chart keeps its own.</param>
    /// <example><code>Plot.Styled(Chart.Histogram&lt;double, double, string&gt;(X: errors), title: "Mini-batch gradient error")</code></example>
    public static GenericChart Styled(GenericChart chart, string? title = null)
    {
        var (data, layout) = FigureJson.Read(chart);
        var house = FigureJson.Read(new Figure("").ToChart()).Layout;
        layout["template"] = house["template"]!.DeepClone();
        layout.Remove("width");
        layout["height"] ??= HouseStyle.Height;
        layout["margin"] = house["margin"]!.DeepClone();
        if (title is not null) layout["title"] = new JsonObject { ["text"] = title };
        else if (layout["title"]?["text"] is null)
            throw new ArgumentException("The chart has no title; pass title: \"...\" (every chart carries one).", nameof(title));
        else if (layout["title"] is JsonValue) layout["title"] = new JsonObject { ["text"] = layout["title"]!.GetValue<string>() };
        string wrapped = Readable.WrapTitle(layout["title"]!["text"]!.GetValue<string>());
        layout["title"]!["text"] = wrapped;
        if (layout["height"]!.GetValue<double>() > HouseStyle.MaxHeight) layout["height"] = HouseStyle.MaxHeight;
        double height = layout["height"]!.GetValue<double>();
        layout["title"]!["yref"] = "container";
        layout["title"]!["y"] = 1 - (10 + 19 * (Readable.Lines(wrapped) - 1)) / height;
        layout["title"]!["yanchor"] = "top";
        layout["margin"]!["t"] = Readable.TitleHeight([wrapped]) + 16;
        return FigureJson.Build(data, layout);
    }
}
