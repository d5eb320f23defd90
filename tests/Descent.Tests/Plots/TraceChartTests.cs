using Descent.Plots;
using Descent.Schedules;
using Descent.Training;
using static Descent.Tests.Plots.TestProblems;

namespace Descent.Tests.Plots;

public class TraceChartTests
{
    [Fact]
    public void ATraceDrawsTheLossAtEveryStep()
    {
        var run = BowlRun(0.05);
        var figure = ChartJson.Parse(Plot.Trace(run));

        var line = figure.Named("η = 0.05");
        Assert.Equal(Enumerable.Range(0, 31).Select(t => (double)t), ChartJson.Doubles(line["x"]));
        Assert.Equal(run.Losses, ChartJson.Doubles(line["y"]));
        Assert.Equal("Trace: η = 0.05", figure.Title());
        Assert.Equal("iteration t", figure.AxisTitle("xaxis"));
        Assert.Equal("loss L(θₜ)", figure.AxisTitle("yaxis"));
        Assert.Null(figure.Layout()["yaxis"]!["type"]);
        var hover = line["hovertemplate"]!.GetValue<string>();
        Assert.Contains("t = %{customdata[0]}", hover);
        Assert.Contains("θ = (%{customdata[1]:.5g}, %{customdata[2]:.5g})", hover);
        Assert.Equal([0, -1.8, 0.8], ChartJson.Doubles(line["customdata"]![0]));
    }

    [Fact]
    public void SeveralRunsOnALogScaleEachGetALine()
    {
        var figure = ChartJson.Parse(Plot.Trace([BowlRun(0.02), BowlRun(0.09)], logY: true));

        Assert.Equal(["η = 0.02", "η = 0.09"], figure.Traces().Select(t => t.Name()));
        Assert.Equal("log", figure.Layout()["yaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("Loss per iteration", figure.Title());
    }

    [Fact]
    public void ADivergedRunIsMarkedAtTheStepWhereItBeganToDiverge()
    {
        var run = BowlRun(0.11, steps: 1000);
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.True(run.DivergedAt < run.Last.T);
        var figure = ChartJson.Parse(Plot.Trace(run, logY: true));

        var mark = figure.Named($"η = 0.11 diverged at t = {run.DivergedAt}");
        Assert.Equal([(double)run.DivergedAt!.Value], ChartJson.Doubles(mark["x"]));
        Assert.Equal([run.Steps[run.DivergedAt.Value].Loss], ChartJson.Doubles(mark["y"]));
        Assert.Equal("η = 0.11", mark["legendgroup"]!.GetValue<string>());
        Assert.Contains(figure.Layout()["annotations"]!.AsArray(), a => a!["text"]!.GetValue<string>().Contains("diverged at t = "));
    }

    [Fact]
    public void ALossThatBecameInfiniteIsMarkedAtTheLastFiniteValueAndDrawnAsAGap()
    {
        // The loss fell at step 1 (a good step), then became infinite at step 2: the divergence began at step 2.
        var empty = new Dictionary<string, double[]>();
        var run = new Run("wild", [
            new StepRecord(0, [1.0], 1, [], double.NaN, empty),
            new StepRecord(1, [0.5], 0.25, [2], 5, empty),
            new StepRecord(2, [double.PositiveInfinity], double.PositiveInfinity, [20], 5, empty),
        ], RunStatus.Diverged, "diverged at step 2");
        var figure = ChartJson.Parse(Plot.Trace(run));

        Assert.Equal([1, 0.25, null], ChartJson.Numbers(figure.Named("wild")["y"]));
        var mark = figure.Named("wild diverged at t = 2");
        Assert.Equal([2.0], ChartJson.Doubles(mark["x"]));
        Assert.Equal([0.25], ChartJson.Doubles(mark["y"]));
    }

    [Fact]
    public void ANegativeLossOnALogScaleIsRefusedWithTheFix()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plot.Trace(QuarticRun(0.3), logY: true));
        Assert.Contains("minimum:", ex.Message);
    }

    [Fact]
    public void TheDistanceToTheMinimumIsDrawnWhenTheMinimumIsGiven()
    {
        var run = QuarticRun(0.3);
        double min = F(5.3263455);
        var figure = ChartJson.Parse(Plot.Trace(run, logY: true, minimum: min));

        var ys = ChartJson.Doubles(figure.Named("η = 0.3")["y"]);
        Assert.Equal(run.Losses[0] - min, ys[0], 12);
        Assert.Equal("L(θₜ) − L*", figure.AxisTitle("yaxis"));
    }

    [Fact]
    public void AHundredThousandStepRunIsThinnedToAtMostTwoThousandPointsKeepingBothEnds()
    {
        var run = NoisyRun(100_000);
        var figure = ChartJson.Parse(Plot.Trace(run));

        var xs = ChartJson.Doubles(figure.Named("SGD")["x"]);
        var ys = ChartJson.Doubles(figure.Named("SGD")["y"]);
        Assert.InRange(xs.Length, 1000, 2000);
        Assert.Equal(0, xs[0]);
        Assert.Equal(100_000, xs[^1]);
        Assert.Equal(run.Losses[^1], ys[^1], tolerance: 1e-6 * Math.Abs(run.Losses[^1]));
        Assert.Equal("lines", figure.Named("SGD")["mode"]!.GetValue<string>());
        Assert.InRange(ChartJson.Size(Plot.Trace(run)), 0, 200_000);
    }

    [Fact]
    public void ALongSmoothRunDrawsOnlyThePointsThatShow()
    {
        var run = BowlRun(0.01, steps: 2000);
        var figure = ChartJson.Parse(Plot.Trace(run, logY: true));

        var line = figure.Named("η = 0.01");
        var xs = ChartJson.Doubles(line["x"]);
        Assert.InRange(xs.Length, 3, 200);
        ChartJson.AssertDrawnFrom(run.StepNumbers.Select(t => (double)t).ToArray(), run.Losses, xs, ChartJson.Doubles(line["y"]));
        Assert.Equal("lines", line["mode"]!.GetValue<string>());
    }

    [Fact]
    public void EpochsAreRowsProcessedOverRowsPerEpoch()
    {
        var run = NoisyRun(1000);
        var figure = ChartJson.Parse(Plot.Trace(run, x: TraceAxis.Epoch));

        var xs = ChartJson.Doubles(figure.Named("SGD")["x"]);
        ChartJson.AssertDrawnFrom(run.EpochProgress, run.Losses, xs, ChartJson.Doubles(figure.Named("SGD")["y"]));
        Assert.Equal(1000 / 244.0, xs[^1], tolerance: 1e-6);
        Assert.Equal("epoch", figure.AxisTitle("xaxis"));
    }

    [Fact]
    public void EpochsOfARunOnAPlainFunctionAreRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plot.Trace(BowlRun(0.05), x: TraceAxis.Epoch));
        Assert.Contains("plain function", ex.Message);
    }

    [Fact]
    public void GradientEvaluationsAreTheXAxisWhenAsked()
    {
        var figure = ChartJson.Parse(Plot.Trace(NoisyRun(50), x: TraceAxis.GradientEvaluations));
        Assert.Equal(Enumerable.Range(0, 51).Select(i => (double)i), ChartJson.Doubles(figure.Named("SGD")["x"]));
        Assert.Equal("gradient evaluations", figure.AxisTitle("xaxis"));
    }

    [Fact]
    public void SchedulesDrawAlphaAtEveryStepWithTheirNames()
    {
        var figure = ChartJson.Parse(Plot.Schedules([Schedule.Constant(0.1), 0.05], steps: 10));

        Assert.Equal(["α = 0.1", "α = 0.05"], figure.Traces().Select(t => t.Name()));
        Assert.Equal(Enumerable.Range(0, 10).Select(t => (double)t), ChartJson.Doubles(figure.Traces().First()["x"]));
        Assert.All(ChartJson.Doubles(figure.Traces().First()["y"]), a => Assert.Equal(0.1, a));
        Assert.Equal("learning rate αₜ", figure.AxisTitle("yaxis"));
        Assert.Equal("step t", figure.AxisTitle("xaxis"));
    }

    [Fact]
    public void DecayingSchedulesDrawTheirAlphaAtEveryStep()
    {
        var stepDecay = Schedule.StepDecay(0.1, 0.5, 10);
        var exponential = Schedule.Exponential(0.1, 0.05);
        var inverseTime = Schedule.InverseTime(0.1, 0.5);
        var figure = ChartJson.Parse(Plot.Schedules([stepDecay, exponential, inverseTime], steps: 40));

        Assert.Equal(["α = 0.1 × 0.5 every 10 steps", "α = 0.1 e^(−0.05 t)", "α = 0.1 / (1 + 0.5 t)"],
            figure.Traces().Select(t => t.Name()));
        Func<int, double>[] formulas =
        [
            t => 0.1 * Math.Pow(0.5, t / 10),   // α₀ · factor^⌊t / every⌋
            t => 0.1 * Math.Exp(-0.05 * t),     // α₀ e^(−k t)
            t => 0.1 / (1 + 0.5 * t),           // α₀ / (1 + k t)
        ];
        Schedule[] schedules = [stepDecay, exponential, inverseTime];
        var traces = figure.Traces().ToArray();
        for (int i = 0; i < 3; i++)
        {
            var x = ChartJson.Doubles(traces[i]["x"]);
            var y = ChartJson.Doubles(traces[i]["y"]);
            Assert.Equal(Enumerable.Range(0, 40).Select(t => (double)t), x);
            for (int t = 0; t < 40; t++)
            {
                Assert.Equal(schedules[i].At(t), y[t]);
                Assert.Equal(formulas[i](t), y[t], 15);
            }
        }
        var steps = ChartJson.Doubles(traces[0]["y"]);
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025, 0.0125], [steps[0], steps[9], steps[10], steps[19], steps[20], steps[39]]);
        Assert.Equal(0.1 / 20.5, ChartJson.Doubles(traces[2]["y"])[39], 15);
    }

    [Fact]
    public void LongSchedulesOnALogScaleDrawOnlyTrueValuesFromTheFirstStepToTheLast()
    {
        Schedule[] schedules = [Schedule.StepDecay(0.1, 0.5, 100), Schedule.Exponential(0.1, 0.01), Schedule.InverseTime(0.1, 0.05)];
        var figure = ChartJson.Parse(Plot.Schedules(schedules, steps: 1000, logY: true));

        Assert.Equal("log", figure.Layout()["yaxis"]!["type"]!.GetValue<string>());
        var traces = figure.Traces().ToArray();
        for (int i = 0; i < 3; i++)
        {
            var x = ChartJson.Doubles(traces[i]["x"]);
            var y = ChartJson.Doubles(traces[i]["y"]);
            Assert.Equal(0, x[0]);
            Assert.Equal(999, x[^1]);
            Assert.True(x.Zip(x.Skip(1)).All(p => p.First < p.Second), "steps in order");
            for (int k = 0; k < x.Length; k++)
                Assert.Equal(schedules[i].At((int)x[k]), y[k]);   // α itself, not log α: the axis is logarithmic
        }
        // Step decay's jumps are drawn: both sides of every drop are kept.
        var stepX = ChartJson.Doubles(traces[0]["x"]);
        for (int drop = 100; drop < 1000; drop += 100)
        {
            Assert.Contains(drop - 1.0, stepX);
            Assert.Contains((double)drop, stepX);
        }
    }

    [Fact]
    public void LinesCheckThatEverySeriesHasOneValuePerX()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plot.Lines([1.0, 2, 3], [("rate", [0.5, 0.7])], "Restarts", "restarts", "P"));
        Assert.Contains("has 2 values but there are 3 x values", ex.Message);
        var figure = ChartJson.Parse(Plot.Lines([1.0, 2, 3], [("rate", [0.5, 0.7, 0.8])], "Restarts", "restarts", "P(global)", logX: true));
        Assert.Equal([0.5, 0.7, 0.8], ChartJson.Doubles(figure.Named("rate")["y"]));
        Assert.Equal("log", figure.Layout()["xaxis"]!["type"]!.GetValue<string>());
    }
}
