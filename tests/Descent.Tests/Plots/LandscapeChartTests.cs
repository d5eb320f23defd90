using Descent.Plots;
using static Descent.Tests.Plots.TestProblems;

namespace Descent.Tests.Plots;

public class LandscapeChartTests
{
    [Fact]
    public void AContourSamplesTheFunctionOnARegularGrid()
    {
        var figure = ChartJson.Parse(Plot.Contour(BowlF, (-2, 2), (-1, 1), resolution: 21));

        var contour = figure.Traces().Single();
        Assert.Equal("contour", contour.Type());
        var z = contour["z"]!.AsArray();
        Assert.Equal(21, z.Count);
        Assert.Equal(21, z[0]!.AsArray().Count);
        Assert.Equal(-2, contour["x0"]!.GetValue<double>());
        Assert.Equal(0.2, contour["dx"]!.GetValue<double>(), 12);
        Assert.Equal(-1, contour["y0"]!.GetValue<double>());
        // z[row][column] = f(x[column], y[row]); row 0 is y = −1, column 20 is x = 2.
        Assert.Equal(BowlF(2, -1), ChartJson.Doubles(z[0])[20], 12);
        Assert.Equal(BowlF(-0.4, 0.5), ChartJson.Doubles(z[15])[8], 3);
        Assert.Equal("θ₀", figure.AxisTitle("xaxis"));
        Assert.Equal("θ₁", figure.AxisTitle("yaxis"));
        Assert.Equal("Contours of L(θ₀, θ₁)", figure.Title());
    }

    [Fact]
    public void PathsOnAContourFollowTheRecordedThetaAndMarkStartAndEnd()
    {
        var runs = new[] { BowlRun(0.02), BowlRun(0.09) };
        var figure = ChartJson.Parse(Plot.ContourPaths(new Bowl(), (-2, 2), (-1, 1), runs));

        Assert.Equal(5, figure.Data().Count);
        foreach (var run in runs)
        {
            var line = figure.Named(run.Name);
            Assert.Equal(run.Coordinate(0), ChartJson.Doubles(line["x"]));
            Assert.Equal(run.Coordinate(1), ChartJson.Doubles(line["y"]));
            var marks = figure.AllNamed(run.Name).Single(t => t["showlegend"]!.GetValue<bool>() == false);
            var symbols = ChartJson.Strings(marks["marker"]!["symbol"]);
            Assert.Equal("circle-open", symbols[0]);
            Assert.Equal("circle", symbols[^1]);
            Assert.Equal(run.Theta[0], ChartJson.Doubles(marks["x"])[^1]);
            Assert.Contains("L = %{customdata[1]:.5g}", line["hovertemplate"]!.GetValue<string>());
        }
        Assert.Null(figure.Layout()["yaxis"]!["scaleanchor"]);
    }

    [Fact]
    public void EqualAxesAnchorTheYScaleToTheX()
    {
        var figure = ChartJson.Parse(Plot.ContourPaths(BowlF, (-2, 2), (-1, 1), [BowlRun(0.05)], equalAxes: true));
        Assert.Equal("x", figure.Layout()["yaxis"]!["scaleanchor"]!.GetValue<string>());
        Assert.Equal(1, figure.Layout()["yaxis"]!["scaleratio"]!.GetValue<double>());
    }

    [Fact]
    public void ALongNarrowValleyIsColouredOnALogScaleAndABowlIsNot()
    {
        var valley = ChartJson.Parse(Plot.Contour(Valley, (-1, 3), (-0.05, 0.3))).Traces().Single();
        var bowl = ChartJson.Parse(Plot.Contour(BowlF, (-2, 2), (-1, 1))).Traces().Single();

        Assert.Contains("log₁₀", valley["hovertemplate"]!.GetValue<string>());
        Assert.NotNull(valley["colorbar"]!["ticktext"]);
        Assert.DoesNotContain("log₁₀", bowl["hovertemplate"]!.GetValue<string>());
        var forced = ChartJson.Parse(Plot.Contour(BowlF, (-2, 2), (-1, 1), logColor: true)).Traces().Single();
        Assert.Contains("log₁₀", forced["hovertemplate"]!.GetValue<string>());
    }

    [Fact]
    public void AContourWithAPathStaysUnderFortyKilobytes()
    {
        var chart = Plot.ContourPaths(BowlF, (-2, 2), (-1, 1), [BowlRun(0.05, steps: 50)]);
        Assert.InRange(ChartJson.Size(chart), 10_000, 40_000);
    }

    [Fact]
    public void AHundredThousandStepPathIsThinnedOnTheContour()
    {
        var run = NoisyRun(100_000);
        var figure = ChartJson.Parse(Plot.ContourPaths(BowlF, (-2, 2), (-1, 1), [run]));

        var line = figure.Named("SGD");
        var xs = ChartJson.Doubles(line["x"]);
        Assert.InRange(xs.Length, 100, 2000);
        ChartJson.AssertDrawnFrom(run.Coordinate(0), run.Coordinate(1), xs, ChartJson.Doubles(line["y"]));
        Assert.Equal("lines", line["mode"]!.GetValue<string>());
        var hover = line["customdata"]!.AsArray();
        Assert.Equal(100_000, hover[^1]![0]!.GetValue<int>());
    }

    [Fact]
    public void ASmoothTwoThousandStepPathDrawsFewPointsAndNoArrows()
    {
        var run = BowlRun(0.005, steps: 2000);
        var chart = Plot.ContourPaths(BowlF, (-2, 2), (-1, 1), [run]);
        var line = ChartJson.Parse(chart).Named(run.Name);

        var xs = ChartJson.Doubles(line["x"]);
        Assert.InRange(xs.Length, 3, 200);
        ChartJson.AssertDrawnFrom(run.Coordinate(0), run.Coordinate(1), xs, ChartJson.Doubles(line["y"]));
        Assert.Equal("lines", line["mode"]!.GetValue<string>());
        Assert.InRange(ChartJson.Size(chart), 0, 45_000);
    }

    [Fact]
    public void ASurfaceLiftsEachPathPointJustAboveItsRecordedLoss()
    {
        var run = BowlRun(0.05);
        var figure = ChartJson.Parse(Plot.Surface(new Bowl(), (-2, 2), (-1, 1), [run]));

        Assert.Equal(["surface", "scatter3d"], figure.Traces().Select(t => t.Type()));
        var path = figure.Named(run.Name);
        Assert.Equal(run.Coordinate(0), ChartJson.Doubles(path["x"]));
        Assert.Equal(run.Coordinate(1), ChartJson.Doubles(path["y"]));
        var lift = ChartJson.Doubles(path["z"]).Zip(run.Losses, (z, l) => z - l).ToArray();
        Assert.All(lift, d => Assert.Equal(lift[0], d, 9));
        Assert.InRange(lift[0], 1e-3, 0.5);
        var scene = figure.Layout()["scene"]!;
        Assert.Equal("θ₀", scene["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("L", scene["zaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void GradientArrowsPointAlongTheGradientOrAgainstIt()
    {
        Func<double, double, (double, double)> gradient = (a, b) => (16 * a + 3 * b, 3 * a);
        var up = ChartJson.Parse(Plot.GradientField((a, b) => 8 * a * a + 3 * a * b, (-1, 1), (-1, 1), gradient, arrows: 4));
        var down = ChartJson.Parse(Plot.GradientField((a, b) => 8 * a * a + 3 * a * b, (-1, 1), (-1, 1), gradient, arrows: 4, descent: true));

        var arrows = up.Named("∇L");
        var x = ChartJson.Numbers(arrows["x"]);
        var y = ChartJson.Numbers(arrows["y"]);
        Assert.Equal(16 * 3, x.Length);
        // The first arrow sits at (−0.75, −0.75), where ∇f = (−14.25, −2.25).
        Assert.Equal(-0.75, x[0]!.Value, 12);
        Assert.Equal(-0.75, y[0]!.Value, 12);
        double dx = x[1]!.Value - x[0]!.Value, dy = y[1]!.Value - y[0]!.Value;
        Assert.Equal(-2.25 / -14.25, dy / dx, 9);
        Assert.True(dx < 0);
        Assert.Null(x[2]);
        var back = down.Named("−∇L");
        Assert.True(ChartJson.Numbers(back["x"])[1]!.Value - ChartJson.Numbers(back["x"])[0]!.Value > 0);
        Assert.Equal("x", up.Layout()["yaxis"]!["scaleanchor"]!.GetValue<string>());
    }

    [Fact]
    public void AnObjectiveOfTheWrongDimensionIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plot.Contour(new Quartic(), (0, 1), (0, 1)));
        Assert.Contains("two parameters, but the objective has 1", ex.Message);
    }
}
