using Descent.Plots;

namespace Descent.Tests.Plots;

public class LinesSliderTests
{
    [Fact]
    public void EachPositionShowsOnlyItsOwnLinesOnFixedAxes()
    {
        double[] x = [0, 1, 2, 3];
        var figure = ChartJson.Parse(Plot.LinesSlider(x,
            [("a", [("first", new double[] { 1, 2, 3, 4 }), ("second", new double[] { 0, 0, 0, 0 })]),
             ("b", [("first", new double[] { -1, -2, -3, -4 }), ("second", new double[] { 5, 5, 5, 5 })])],
            "Lines", "k", "y", prefix: "p = ", active: 1));
        var traces = figure.Traces().ToArray();
        Assert.Equal(4, traces.Length);
        var steps = figure.Layout()["sliders"]![0]!["steps"]!.AsArray();
        Assert.Equal(["a", "b"], steps.Select(s => s!["label"]!.GetValue<string>()));
        Assert.Equal([true, true, false, false], ChartJson.Bools(steps[0]!["args"]![0]!["visible"]));
        Assert.Equal([false, false, true, true], ChartJson.Bools(steps[1]!["args"]![0]!["visible"]));
        Assert.Equal([false, false, true, true], traces.Select(t => t["visible"]!.GetValue<bool>()));
        Assert.Contains("p = b", steps[1]!["args"]![1]!["title.text"]!.GetValue<string>());
        // One y range for every position: the extent of all values, padded.
        var range = figure.Layout()["yaxis"]!["range"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.True(range[0] < -4 && range[1] > 5, string.Join(", ", range));
        Assert.Equal(traces[0]["line"]!["color"]!.GetValue<string>(), traces[2]["line"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public void TheLegendIsSizedForOnePositionsLinesNotForEveryPositionsTogether()
    {
        // Lesson 11's sliders: 7 positions of 4 lines each. plotly.js lists only the visible lines, so the legend's rows
        // (and the top margin that holds them) must be those of one position; counted over all 28 entries the margin
        // left the plot 64 px tall and its y tick labels on top of each other.
        double[] x = [0, 1, 2, 3];
        (string, IEnumerable<(string, IEnumerable<double>)>) Position(int k) => ($"0.{k}", new (string, IEnumerable<double>)[]
        {
            ($"momentum ({(k % 2 == 0 ? "Underdamped" : "CriticallyDamped")})", new double[] { 1, 0.5, 0.2, 0.1 }),
            ("+rateᵏ", new double[] { 1, 0.6, 0.3, 0.1 }), ("−rateᵏ", new double[] { -1, -0.6, -0.3, -0.1 }),
            ("GD (γ = 0): 0.75ᵏ", new double[] { 1, 0.75, 0.56, 0.42 }),
        });
        var many = ChartJson.Parse(Plot.LinesSlider(x, Enumerable.Range(0, 7).Select(Position), "One direction: choose γ", "step k", "x₁(k)",
            prefix: "γ = ")).Layout();
        var one = ChartJson.Parse(Plot.LinesSlider(x, [Position(1)], "One direction: choose γ", "step k", "x₁(k)", prefix: "γ = ")).Layout();
        int top = many["margin"]!["t"]!.GetValue<int>();
        Assert.Equal(one["margin"]!["t"]!.GetValue<int>(), top);
        Assert.True(many["height"]!.GetValue<int>() - top >= 350, $"top margin {top} of a {many["height"]} px chart");
        Assert.True(many["showlegend"]!.GetValue<bool>());
    }

    [Fact]
    public void MismatchedLengthsAndBadPositionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Plot.LinesSlider([0, 1], [("a", [("s", new double[] { 1 })])], "t", "x", "y"));
        Assert.Throws<ArgumentException>(() => Plot.LinesSlider([0, 1], [], "t", "x", "y"));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Plot.LinesSlider([0, 1], [("a", [("s", new double[] { 1, 2 })])], "t", "x", "y", active: 1));
    }
}
