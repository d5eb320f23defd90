using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;
using static Descent.Tests.Plots.TestProblems;

namespace Descent.Tests.Plots;

public class VectorTests
{
    private static (double Dx, double Dy) VectorOf(System.Text.Json.Nodes.JsonObject trace)
    {
        var x = ChartJson.Doubles(trace["x"]);
        var y = ChartJson.Doubles(trace["y"]);
        return (x[1] - x[0], y[1] - y[0]);
    }

    [Fact]
    public void TheMomentumCartoonDrawsTheGradientStepAndTheVelocityThatIsTheActualStep()
    {
        var run = new Momentum(0.02, 0.9).Run(new Bowl(), [-1.8, 0.8], StopRule.After(10));
        var record = run.Steps[5];
        var figure = ChartJson.Parse(Plot.UpdateCartoon(run, 5, BowlF));

        var gradientStep = VectorOf(figure.Named("−α∇L: plain gradient step"));
        Assert.Equal(-0.02 * record.Gradient[0], gradientStep.Dx, 12);
        Assert.Equal(-0.02 * record.Gradient[1], gradientStep.Dy, 12);
        var step = figure.Named("θₜ − θₜ₋₁: the actual step = −v");
        Assert.Equal(HouseStyle.Black, step["line"]!["color"]!.GetValue<string>());
        var (dx, dy) = VectorOf(step);
        Assert.Equal(record.Theta[0] - run.Steps[4].Theta[0], dx, 12);
        Assert.Equal(-record.State["v"][1], dy, 12);
        Assert.Equal(run.Steps[4].Theta[0], ChartJson.Doubles(step["x"])[0]);
        Assert.Equal($"The update at t = 5: {run.Name}", figure.Title());
        Assert.Equal("contour", figure.Traces().First().Type());
    }

    [Fact]
    public void TheAdagradCartoonShowsHowTheScalingTurnsTheGradientStep()
    {
        var run = new Adagrad(0.1).Run(new Bowl(), [-1.8, 0.8], StopRule.After(5));
        var figure = ChartJson.Parse(Plot.UpdateCartoon(run, 1));

        // At t = 1, r = g², so the scaled step is −α sign(g) in each coordinate: a 45° turn from the gradient step.
        var step = figure.Named("θₜ − θₜ₋₁: the actual step = −α g ⊘ √r");
        var (dx, dy) = VectorOf(step);
        Assert.Equal(0.1, dx, 6);
        Assert.Equal(-0.1, dy, 6);
        var (gx, gy) = VectorOf(figure.Named("−α∇L: plain gradient step"));
        Assert.Equal(0.1 * 3.6, gx, 12);
        Assert.Equal(-0.1 * 16, gy, 12);
    }

    [Fact]
    public void PlainGradientDescentsStepIsTheGradientStep()
    {
        var run = BowlRun(0.05);
        var figure = ChartJson.Parse(Plot.UpdateCartoon(run, 1));
        Assert.Single(figure.Traces(), t => t.Name()?.StartsWith("θₜ − θₜ₋₁: the actual step = −α∇L") == true);
        Assert.DoesNotContain(figure.Traces(), t => t.Name() == "−α∇L: plain gradient step");
    }

    [Fact]
    public void TheCartoonStepMustExist()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Plot.UpdateCartoon(BowlRun(0.05, steps: 3), 4));
        Assert.Contains("steps 1 to 3", ex.Message);
    }

    [Fact]
    public void ArrowsAreDrawnFromTailToHeadInTheHouseColours()
    {
        var figure = ChartJson.Parse(Plot.Arrows([
            Arrow.Vector("−γv", [1, 1], [-0.5, 0]),
            Arrow.Vector("−α∇L(look-ahead)", [0.5, 1], [0, -0.3]),
        ], title: "Nesterov"));

        var first = figure.Named("−γv");
        Assert.Equal([1, 0.5], ChartJson.Doubles(first["x"]));
        Assert.Equal(HouseStyle.Colors[0], first["line"]!["color"]!.GetValue<string>());
        Assert.Equal([1, 0.7], ChartJson.Doubles(figure.Named("−α∇L(look-ahead)")["y"]));
        Assert.Equal("Nesterov", figure.Title());
        var xr = ChartJson.Doubles(figure.Layout()["xaxis"]!["range"]);
        var yr = ChartJson.Doubles(figure.Layout()["yaxis"]!["range"]);
        Assert.Equal(xr[1] - xr[0], yr[1] - yr[0], 12);
    }
}
