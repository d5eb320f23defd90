using Descent.Plots;
using Descent.Training;
using static Descent.Tests.Plots.TestProblems;

namespace Descent.Tests.Plots;

public class CurveChartTests
{
    [Fact]
    public void FunctionDrawsTheCurveItsDerivativeMarkedPointsAndATangentWithItsSlope()
    {
        var figure = ChartJson.Parse(Plot.Function(F, (1, 6.75), derivative: DF, points: [2.3927480, 5.3263455], tangentAt: 4));

        Assert.Equal(["f(x)", "f′(x)", "marked points", "tangent at x = 4: slope −0.4"], figure.Traces().Select(t => t.Name()));
        Assert.All(figure.Traces(), t => Assert.Equal("scatter", t.Type()));
        var tangent = figure.Named("tangent at x = 4: slope −0.4");
        var tx = ChartJson.Doubles(tangent["x"]);
        var ty = ChartJson.Doubles(tangent["y"]);
        Assert.Equal(-0.4, (ty[2] - ty[0]) / (tx[2] - tx[0]), 12);
        Assert.Equal(F(4), ty[1], 12);
        Assert.Equal(F(5.3263455), ChartJson.Doubles(figure.Named("marked points")["y"])[1], 12);
        Assert.Equal("x", figure.AxisTitle("xaxis"));
        Assert.Equal("f(x)", figure.AxisTitle("yaxis"));
        Assert.Equal([1, 6.75], ChartJson.Doubles(figure.Layout()["xaxis"]!["range"]));
    }

    [Fact]
    public void StepDrawsTheOldGuessHollowTheNewFilledAndAnArrowBetweenThem()
    {
        var figure = ChartJson.Parse(Plot.Step(F, (1, 6.75), x: 4, newX: 4.4, derivative: DF));

        Assert.Equal("One step: x = 4 → 4.4", figure.Title());
        var old = figure.Named("old guess x = 4");
        var next = figure.Named("new guess x = 4.4");
        Assert.Equal("circle-open", old["marker"]!["symbol"]!.GetValue<string>());
        Assert.Equal("circle", next["marker"]!["symbol"]!.GetValue<string>());
        Assert.Equal(F(4.4), ChartJson.Doubles(next["y"])[0], 12);
        Assert.Equal(-0.21504, ChartJson.Doubles(next["y"])[0], 10);
        var arrow = figure.Traces().Single(t => t.Name()?.StartsWith("step:") == true);
        Assert.Equal([4, 4.4], ChartJson.Doubles(arrow["x"]));
        Assert.Equal("arrow", arrow["marker"]!["symbol"]!.GetValue<string>());
        Assert.Contains(figure.Traces(), t => t.Name() == "tangent at x = 4: slope −0.4");
    }

    [Fact]
    public void APathOnTheCurveDrawsExactlyTheRecordedGuessesNumberedFromZero()
    {
        var run = QuarticRun(0.3, steps: 10);
        var figure = ChartJson.Parse(Plot.PathOnCurve(F, (1, 6.75), run));

        var line = figure.Named("η = 0.3");
        Assert.Equal(run.Coordinate(0), ChartJson.Doubles(line["x"]));
        Assert.Equal(run.Losses, ChartJson.Doubles(line["y"]));
        Assert.Equal("lines+markers", line["mode"]!.GetValue<string>());
        Assert.Equal("arrow", line["marker"]!["symbol"]!.GetValue<string>());
        var marks = figure.AllNamed("η = 0.3").Single(t => t["showlegend"]!.GetValue<bool>() == false);
        // Every step is numbered once; guesses that nearly coincide near the minimum share a label ("7, 8").
        var numbers = ChartJson.Strings(marks["text"]).Where(l => l.Length > 0).SelectMany(l => l.Split(", ")).Select(int.Parse);
        Assert.Equal(Enumerable.Range(0, 11), numbers.Order());
        Assert.Equal("0", ChartJson.Strings(marks["text"])[0]);
        var symbols = ChartJson.Strings(marks["marker"]!["symbol"]);
        Assert.Equal("circle-open", symbols[0]);
        Assert.Equal("circle", symbols[^1]);
        Assert.Contains("t = %{customdata[0]}", line["hovertemplate"]!.GetValue<string>());
        Assert.Equal(4.12, run.Coordinate(0)[1], 12);
    }

    [Fact]
    public void GuessesThatBounceBetweenTwoValuesShareOneLabelInsteadOfOverprinting()
    {
        var run = QuarticRun(1.0, steps: 9);
        var figure = ChartJson.Parse(Plot.PathOnCurve(F, (4, 6), run));

        var marks = figure.AllNamed("η = 1").Single(t => t["showlegend"]!.GetValue<bool>() == false);
        var labels = ChartJson.Strings(marks["text"]);
        // From t = 2 the guesses alternate near 5.05–5.10 and 5.48–5.50 (the deck's α = 1 run).
        Assert.Equal("0", labels[0]);
        Assert.Equal("1", labels[1]);
        Assert.Contains(labels, l => l.StartsWith("3, 5, 7"));
        Assert.Equal(10, labels.Sum(l => l.Length == 0 ? 0 : l.Split(", ").Length));
    }

    [Fact]
    public void GuessesFromALessonsOwnLoopAreDrawnWithTheirFunctionValues()
    {
        double[] guesses = [4, 4.4, 5.0464, 5.4967306];
        var figure = ChartJson.Parse(Plot.PathOnCurve(F, (1, 6.75), guesses, name: "α = 1"));

        var line = figure.Named("α = 1");
        Assert.Equal(guesses, ChartJson.Doubles(line["x"]));
        Assert.Equal(guesses.Select(F), ChartJson.Doubles(line["y"]));
        Assert.Equal("Guesses on f(x): α = 1", figure.Title());
    }

    [Fact]
    public void SeveralRunsOnOneCurveGetTheHouseColoursInOrder()
    {
        var figure = ChartJson.Parse(Plot.PathOnCurve(F, (1, 6.75), [QuarticRun(0.05), QuarticRun(0.3), QuarticRun(1)]));

        var colors = new[] { "η = 0.05", "η = 0.3", "η = 1" }.Select(n => figure.Named(n)["line"]!["color"]!.GetValue<string>());
        Assert.Equal(HouseStyle.Colors.Take(3), colors);
        Assert.True(figure.Layout()["showlegend"]!.GetValue<bool>());
    }

    [Fact]
    public void ATwoParameterRunIsRefusedWithAPointerToTheContour()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plot.PathOnCurve(F, (1, 6.75), BowlRun(0.05)));
        Assert.Contains("ContourPaths", ex.Message);
    }

    [Fact]
    public void ARangeWithMinAboveMaxIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plot.Function(F, (6.75, 1)));
        Assert.Contains("min < max", ex.Message);
    }

    [Fact]
    public void TheChordTestFailsOnTheQuarticAndMarksWhereTheCurveRisesAboveTheChord()
    {
        var figure = ChartJson.Parse(Plot.Chord(F, (1, 6.75), a: 2, b: 6));

        Assert.Contains("not convex", figure.Title());
        Assert.Contains(figure.Traces(), t => t.Name() == "curve above the chord" && t["fill"]!.GetValue<string>() == "toself");
        var chord = figure.Named("chord");
        Assert.Equal([2, 6], ChartJson.Doubles(chord["x"]));
        Assert.Equal([F(2), F(6)], ChartJson.Doubles(chord["y"]));
        var worst = figure.Traces().Single(t => t.Name()?.StartsWith("worst") == true);
        var wy = ChartJson.Doubles(worst["y"]);
        Assert.True(wy[1] > wy[0], "the curve is above the chord at the worst point");
    }

    [Fact]
    public void TheChordTestHoldsOnAConvexCurve()
    {
        var figure = ChartJson.Parse(Plot.Chord(x => (x - 2) * (x - 2) + 1, (0, 4), a: 0.5, b: 3.5));

        Assert.Contains("convex here", figure.Title());
        Assert.DoesNotContain(figure.Traces(), t => t.Name() == "curve above the chord");
    }

    [Fact]
    public void BasinsColourEachStartByTheMinimumItReaches()
    {
        double Descend(double x0)
        {
            var run = new Descent.Optimizers.GradientDescent(0.3).Run(new Quartic(), [x0], StopRule.After(300));
            return run.Theta[0];
        }
        var figure = ChartJson.Parse(Plot.Basins(F, (1, 6.75), Descend, starts: 40));

        Assert.Equal("Where each start point ends up (2 minima)", figure.Title());
        var left = figure.Named("→ x* ≈ 2.3927");
        var right = figure.Named("→ x* ≈ 5.3263");
        var leftStarts = ChartJson.Doubles(left["x"]);
        var rightStarts = ChartJson.Doubles(right["x"]);
        Assert.Equal(40, leftStarts.Length + rightStarts.Length);
        // The boundary is the local maximum x = 3.5309066 between the minima.
        Assert.True(leftStarts.Max() < 3.5309066 && rightStarts.Min() > 3.5309066);
        Assert.NotEqual(left["marker"]!["color"]!.GetValue<string>(), right["marker"]!["color"]!.GetValue<string>());
        Assert.Equal("start point x₀", figure.AxisTitle("xaxis"));
    }
}
