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
    public void MismatchedLengthsAndBadPositionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Plot.LinesSlider([0, 1], [("a", [("s", new double[] { 1 })])], "t", "x", "y"));
        Assert.Throws<ArgumentException>(() => Plot.LinesSlider([0, 1], [], "t", "x", "y"));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Plot.LinesSlider([0, 1], [("a", [("s", new double[] { 1, 2 })])], "t", "x", "y", active: 1));
    }
}
