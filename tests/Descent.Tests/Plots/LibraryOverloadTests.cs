using Descent.Analysis;
using Descent.Data;
using Descent.Functions;
using Descent.Losses;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;

namespace Descent.Tests.Plots;

public class LibraryOverloadTests
{
    private static readonly Curve Quartic = Curves.Quartic;

    [Fact]
    public void ACurveBringsItsRangeDerivativeAndFormula()
    {
        var figure = ChartJson.Parse(Plot.Function(Quartic, derivative: true, points: Quartic.StationaryPoints()));

        Assert.Equal(Quartic.Formula, figure.Title());
        Assert.Equal([1, 6.75], ChartJson.Doubles(figure.Layout()["xaxis"]!["range"]));
        Assert.Equal("x", figure.AxisTitle("xaxis"));
        Assert.Equal("f(x)", figure.AxisTitle("yaxis"));
        var derivative = figure.Named("f′(x)");
        Assert.Equal(Quartic.Derivative(1), ChartJson.Doubles(derivative["y"])[0], 5);
        var marked = ChartJson.Doubles(figure.Named("marked points")["x"]);
        Assert.Equal(2.3927480, marked[0], tolerance: 1e-6);
        Assert.Equal(5.3263455, marked[^1], tolerance: 1e-6);
    }

    [Fact]
    public void TheStepOnTheQuarticHasTheDecksTangentSlope()
    {
        var figure = ChartJson.Parse(Plot.Step(Quartic, x: 4, newX: 4.4));
        Assert.Contains(figure.Traces(), t => t.Name() == "tangent at x = 4: slope −0.4");
        Assert.Equal(-0.21504, ChartJson.Doubles(figure.Named("new guess x = 4.4")["y"])[0], 10);
    }

    [Fact]
    public void ARunOnTheQuarticIsDrawnOnItsCurve()
    {
        // The deck's 20 guesses are the start and 19 steps.
        var run = new GradientDescent(0.3).Run(Quartic, [4.0], StopRule.After(19));
        var figure = ChartJson.Parse(Plot.PathOnCurve(Quartic, run));

        var line = figure.Named(run.Name);
        Assert.Equal(run.Coordinate(0), ChartJson.Doubles(line["x"]));
        Assert.Equal(5.32634408, ChartJson.Doubles(line["x"])[^1], tolerance: 1e-8);
        Assert.Equal(4.12, ChartJson.Doubles(line["x"])[1], 12);
    }

    [Fact]
    public void TheChordPictureAgreesWithTheLibrarysChordTest()
    {
        var test = Convexity.Chord(Quartic.F, 2, 6, points: 401);
        var figure = ChartJson.Parse(Plot.Chord(Quartic, 2, 6));

        Assert.False(test.Holds);
        Assert.Contains("not convex", figure.Title());
        var worst = figure.Traces().Single(t => t.Name()?.StartsWith("worst") == true);
        Assert.Equal([test.Worst.Chord, test.Worst.Value], ChartJson.Doubles(worst["y"]));
    }

    [Fact]
    public void ABasinMapOfTheQuarticShowsTwoBasinsSplitAtTheLocalMaximum()
    {
        var map = Basins.Of(Quartic, points: 60, alpha: 0.1);
        var figure = ChartJson.Parse(Plot.Basins(map, Quartic));

        var named = figure.Traces().Where(t => t["showlegend"]?.GetValue<bool>() != false && t.Name()!.StartsWith("→")).ToList();
        Assert.Equal(2, named.Count);
        var left = ChartJson.Doubles(named[0]["x"]);
        var right = ChartJson.Doubles(named[1]["x"]);
        Assert.True(left.Max() < 3.5309066 && right.Min() > 3.5309066);
        Assert.Contains($"{100 * map.Fraction(0):F0}%", named[0].Name());
        Assert.Equal(map.Points.Count, left.Length + right.Length);
    }

    [Fact]
    public void ATwoParameterBasinMapColoursTheStartGrid()
    {
        var map = Basins.Of(Surfaces.Bowl, () => new GradientDescent(0.1), n: 6, maxSteps: 500);
        var figure = ChartJson.Parse(Plot.Basins(map, Surfaces.Bowl));

        Assert.Equal("contour", figure.Traces().First().Type());
        var starts = figure.Traces().Single(t => t.Name()?.StartsWith("→") == true && t["showlegend"]?.GetValue<bool>() != false);
        Assert.Equal(36, ChartJson.Doubles(starts["x"]).Length);
        Assert.Equal("start x₁", figure.AxisTitle("xaxis"));
    }

    [Fact]
    public void AnMseSurfaceBringsItsWindowNamesAndMinimum()
    {
        var mse = MseSurface.From(Datasets.Tips().Design(intercept: true));
        var run = new GradientDescent(0.001).Run(mse, [0.0, 0.0], StopRule.After(300));
        var figure = ChartJson.Parse(Plot.ContourPaths(mse, [run]));

        Assert.Equal($"Paths on {mse.Name}", figure.Title());
        Assert.Equal("θ₀", figure.AxisTitle("xaxis"));
        Assert.Equal("θ₁", figure.AxisTitle("yaxis"));
        Assert.Equal([mse.XRange.Min, mse.XRange.Max], ChartJson.Doubles(figure.Layout()["xaxis"]!["range"]));
        var minimum = figure.Named("minimum");
        Assert.Equal(mse.Minimizer[0], ChartJson.Doubles(minimum["x"])[0], 12);
        Assert.Equal(mse.Minimizer[1], ChartJson.Doubles(minimum["y"])[0], 12);
        Assert.Contains("log₁₀", figure.Traces().First()["hovertemplate"]!.GetValue<string>());
        Assert.Equal("MSE", figure.Traces().First()["colorbar"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ASurfacesVariableNamesComeFromItsFormula()
    {
        var figure = ChartJson.Parse(Plot.Contour(Surfaces.Plateau));
        Assert.Equal("w", figure.AxisTitle("xaxis"));
        Assert.Equal("b", figure.AxisTitle("yaxis"));
        var rosen = ChartJson.Parse(Plot.Surface(Surfaces.Rosenbrock));
        Assert.Equal("x", rosen.Layout()["scene"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal([1.0], ChartJson.Doubles(rosen.Named("minimum")["x"]));
    }

    [Fact]
    public void TheGradientFieldOfASurfaceUsesItsExactGradient()
    {
        var surface = Surfaces.GradientExample;
        var figure = ChartJson.Parse(Plot.GradientField(surface, arrows: 4));

        var arrows = figure.Named("∇f");
        var x = ChartJson.Numbers(arrows["x"]);
        var y = ChartJson.Numbers(arrows["y"]);
        var (gx, gy) = surface.Gradient(x[0]!.Value, y[0]!.Value);
        Assert.Equal(gy / gx, (y[1]!.Value - y[0]!.Value) / (x[1]!.Value - x[0]!.Value), 9);
    }

    [Fact]
    public void TheMomentumCartoonClosesTheTriangleWithWhatTheVelocityCarriedOver()
    {
        var run = new Momentum(0.02, 0.9).Run(Surfaces.IllConditioned, [-2.5, 2.0], StopRule.After(10));
        var figure = ChartJson.Parse(Plot.UpdateCartoon(run, 4, Surfaces.IllConditioned.F));

        var carried = figure.Named("carried over: (θₜ − θₜ₋₁) + α∇L");
        var x = ChartJson.Doubles(carried["x"]);
        var y = ChartJson.Doubles(carried["y"]);
        // For v_t = γ v_(t−1) + α g the carried part is −γ v_(t−1).
        var previous = run.Steps[3].State["v"];
        Assert.Equal(-0.9 * previous[0], x[1] - x[0], 12);
        Assert.Equal(-0.9 * previous[1], y[1] - y[0], 12);
        Assert.Equal("dash", carried["line"]!["dash"]!.GetValue<string>());
    }
}
