using System.Text.Json.Nodes;
using Descent.Plots;
using Plotly.NET;
using static Descent.Tests.Plots.TestProblems;

namespace Descent.Tests.Plots;

public class GridAndStyleTests
{
    [Fact]
    public void AGridPutsEachChartOnItsOwnAxesWithItsTitle()
    {
        var runs = new[] { QuarticRun(0.05), QuarticRun(0.3), QuarticRun(1.3) };
        string[] titles = ["η too small", "η about right", "η too large"];
        var charts = runs.Select((r, i) => Plot.PathOnCurve(F, (1, 6.75), r, title: titles[i]))
            .Concat(runs.Select((r, i) => Plot.Trace(r, title: titles[i]))).ToList();
        var figure = ChartJson.Parse(Plot.Grid(charts, title: "Three learning rates"));

        Assert.Equal("Three learning rates", figure.Title());
        var layout = figure.Layout();
        string[] xs = ["xaxis", "xaxis2", "xaxis3", "xaxis4", "xaxis5", "xaxis6"];
        Assert.All(xs, x => Assert.NotNull(layout[x]));
        var domains = xs.Take(3).Select(x => ChartJson.Doubles(layout[x]!["domain"])).ToArray();
        Assert.True(domains[0][1] <= domains[1][0] && domains[1][1] <= domains[2][0], "columns do not overlap");
        Assert.True(ChartJson.Doubles(layout["yaxis4"]!["domain"])[1] < ChartJson.Doubles(layout["yaxis"]!["domain"])[0], "row 2 is below row 1");
        Assert.Equal("iteration t", layout["xaxis5"]!["title"]!["text"]!.GetValue<string>());
        // Trace i of chart k is on axes k.
        var trace = figure.Traces().Single(t => t.Name() == "η = 0.3" && t["xaxis"]!.GetValue<string>() == "x5");
        Assert.Equal("y5", trace["yaxis"]!.GetValue<string>());
        Assert.Equal(runs[1].Losses, ChartJson.Doubles(trace["y"]));
        var notes = layout["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(2, notes.Count(n => n == "η too small"));
        // Every chart uses colour 0 for its single run, so a shared legend would mislead: it is off.
        Assert.False(layout["showlegend"]!.GetValue<bool>());
    }

    [Fact]
    public void AGridOfTheSameRunsListsEachOnceInTheLegend()
    {
        var runs = new[] { BowlRun(0.02), BowlRun(0.09) };
        var figure = ChartJson.Parse(Plot.Grid([Plot.ContourPaths(BowlF, (-2, 2), (-1, 1), runs), Plot.Trace(runs)]));

        Assert.True(figure.Layout()["showlegend"]!.GetValue<bool>());
        Assert.Single(figure.Traces(), t => t.Name() == "η = 0.02" && t["showlegend"]!.GetValue<bool>());
        Assert.False(figure.Traces().First()["showscale"]!.GetValue<bool>());
    }

    [Fact]
    public void AGridKeepsEqualAxesAnchoredToItsOwnX()
    {
        var figure = ChartJson.Parse(Plot.Grid([Plot.Trace(BowlRun(0.05)), Plot.ContourPaths(BowlF, (-2, 2), (-1, 1), [BowlRun(0.05)], equalAxes: true)]));
        Assert.Equal("x2", figure.Layout()["yaxis2"]!["scaleanchor"]!.GetValue<string>());
    }

    [Fact]
    public void ChartsWithSlidersOrSeveralPanelsAreRefusedByTheGrid()
    {
        var slider = Plot.StepSlider(F, (1, 6.75), QuarticRun(0.3));
        Assert.Contains("slider", Assert.Throws<ArgumentException>(() => Plot.Grid([slider])).Message);
        var basins = Plot.Basins(F, (1, 6.75), x => x, starts: 5);
        Assert.Contains("several panels", Assert.Throws<ArgumentException>(() => Plot.Grid([basins])).Message);
    }

    public static IEnumerable<object[]> EveryChart()
    {
        var quartic = QuarticRun(0.3);
        var bowl = BowlRun(0.05);
        yield return ["Function", Plot.Function(F, (1, 6.75), derivative: DF)];
        yield return ["Step", Plot.Step(F, (1, 6.75), 4, 4.4)];
        yield return ["PathOnCurve", Plot.PathOnCurve(F, (1, 6.75), quartic)];
        yield return ["Chord", Plot.Chord(F, (1, 6.75), 2, 6)];
        yield return ["Basins", Plot.Basins(F, (1, 6.75), x => x < 3.5 ? 2.39 : 5.33, starts: 10)];
        yield return ["Trace", Plot.Trace(bowl)];
        yield return ["Schedules", Plot.Schedules([0.1], steps: 5)];
        yield return ["Lines", Plot.Lines([1.0, 2], [("a", [1.0, 2])], "Lines", "x", "y")];
        yield return ["Contour", Plot.Contour(BowlF, (-2, 2), (-1, 1))];
        yield return ["ContourPaths", Plot.ContourPaths(BowlF, (-2, 2), (-1, 1), [bowl])];
        yield return ["Surface", Plot.Surface(BowlF, (-2, 2), (-1, 1), [bowl])];
        yield return ["GradientField", Plot.GradientField(BowlF, (-2, 2), (-1, 1))];
        yield return ["PathSlider", Plot.PathSlider(F, (1, 6.75), [quartic])];
        yield return ["ContourSlider", Plot.ContourSlider(BowlF, (-2, 2), (-1, 1), [bowl])];
        yield return ["StepSlider", Plot.StepSlider(F, (1, 6.75), quartic)];
        yield return ["Arrows", Plot.Arrows([Arrow.Vector("v", [0, 0], [1, 1])])];
        yield return ["UpdateCartoon", Plot.UpdateCartoon(bowl, 1)];
        yield return ["Grid", Plot.Grid([Plot.Trace(bowl), Plot.Trace(quartic)])];
    }

    [Theory]
    [MemberData(nameof(EveryChart))]
    public void EveryChartHasATitleTheSlimHouseTemplateAndNoPlotlyNetDefaults(string name, GenericChart chart)
    {
        var figure = ChartJson.Parse(chart);
        var layout = figure.Layout();

        Assert.False(string.IsNullOrWhiteSpace(figure.Title()), $"{name} has a title");
        var template = layout["template"]!;
        Assert.InRange(template.ToJsonString().Length, 100, 1500);
        Assert.Equal(HouseStyle.Colors, ChartJson.Strings(template["layout"]!["colorway"]));
        Assert.Equal(HouseStyle.FontSize, template["layout"]!["font"]!["size"]!.GetValue<int>());
        Assert.Null(layout["width"]);
        Assert.True(figure["config"]!["responsive"]!.GetValue<bool>());
        Assert.InRange(ChartJson.Size(chart), 500, 120_000);
    }

    [Fact]
    public void StyledReplacesPlotlyNetsDefaultTemplateWithoutChangingTheOriginal()
    {
        var original = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 1.0, 2, 3 }, y: new[] { 2.0, 4, 8 });
        int before = ChartJson.Size(original);
        var styled = Plot.Styled(original, title: "Doubling");
        var figure = ChartJson.Parse(styled);

        Assert.Equal("Doubling", figure.Title());
        Assert.Equal(HouseStyle.Colors, ChartJson.Strings(figure.Layout()["template"]!["layout"]!["colorway"]));
        Assert.Null(figure.Layout()["width"]);
        Assert.True(ChartJson.Size(styled) < before / 3, $"styled {ChartJson.Size(styled)} bytes vs {before}");
        Assert.Equal(before, ChartJson.Size(original));
        Assert.Equal([2, 4, 8], ChartJson.Doubles(figure.Traces().Single()["y"]));
    }

    [Fact]
    public void NumbersInLabelsUseARealMinusAndPowersOfTen()
    {
        Assert.Equal("−0.4", Plot.Fmt(-0.4));
        Assert.Equal("10⁻⁵", Plot.Fmt(1e-5));
        Assert.Equal("3.165×10⁻⁵", Plot.Fmt(3.1654e-5));
        Assert.Equal("5.326", Plot.Fmt(5.32634408));
    }
}
