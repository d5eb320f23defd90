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

    /// <summary>θ_t − θ_(t−1) as the run recorded it.</summary>
    private static double[] RecordedStep(Run run, int t) =>
        [run.Steps[t].Theta[0] - run.Steps[t - 1].Theta[0], run.Steps[t].Theta[1] - run.Steps[t - 1].Theta[1]];

    private static void AssertVector(double[] expected, (double Dx, double Dy) actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected[0], actual.Dx, tolerance);
        Assert.Equal(expected[1], actual.Dy, tolerance);
    }

    private static (double, double) Pair(double[] v) => (v[0], v[1]);

    /// <summary>The actual step as drawn: the black arrow, whose label names the update rule it equals (among others).</summary>
    private static (double Dx, double Dy) DrawnStep(System.Text.Json.Nodes.JsonObject figure, string equals)
    {
        var step = figure.Traces().Single(t => t.Name()?.StartsWith("θₜ − θₜ₋₁: the actual step = ") == true);
        Assert.Contains(equals, step.Name()!.Split(" = ").Skip(1));
        Assert.Equal(HouseStyle.Black, step["line"]!["color"]!.GetValue<string>());
        return VectorOf(step);
    }

    public static TheoryData<string> Steppers => new(StepperMakers.Keys);

    private static readonly Dictionary<string, (Func<Stepper> Make, string Rule)> StepperMakers = new()
    {
        ["GD"] = (() => new GradientDescent(0.04), "−α∇L"),
        ["momentum"] = (() => new Momentum(0.02, 0.9), "−v"),
        ["momentum, v = βv + g"] = (() => new Momentum(0.02, 0.9, MomentumConvention.SumOfGradients), "−α v"),
        ["momentum, v = βv + (1−β)g"] = (() => new Momentum(0.2, 0.9, MomentumConvention.AverageOfGradients), "−α v"),
        ["Nesterov"] = (() => new Nesterov(0.02, 0.9), "−v"),
        ["Adagrad"] = (() => new Adagrad(0.1), "−α g ⊘ (δ + √r)"),
        ["Adagrad, δ = 0.01"] = (() => new Adagrad(0.1, delta: 0.01), "−α g ⊘ (δ + √r)"),
        ["RMSProp"] = (() => new RMSProp(0.05), "−α g ⊘ (δ + √r)"),
        ["RMSProp, ρ = 0.5, δ = 0.001"] = (() => new RMSProp(0.05, rho: 0.5, delta: 1e-3), "−α g ⊘ (δ + √r)"),
        ["Adam"] = (() => new Adam(0.1), "−α s̃ ⊘ (δ + √r̃)"),
        ["Adam, no bias correction"] = (() => new Adam(0.1, biasCorrection: false), "−α s ⊘ (δ + √r)"),
        ["Adam, ρ₁ = 0.5, ρ₂ = 0.9, δ = 0.01"] = (() => new Adam(0.1, rho1: 0.5, rho2: 0.9, delta: 0.01), "−α s̃ ⊘ (δ + √r̃)"),
    };

    [Theory]
    [MemberData(nameof(Steppers))]
    public void WithItsStepperTheCartoonsUpdateRuleIsTheStepTheOptimizerTook(string name)
    {
        var (make, rule) = StepperMakers[name];
        var stepper = make();
        var run = stepper.Run(new Bowl(), [-1.8, 0.8], StopRule.After(8));
        for (int t = 1; t <= 8; t++)
        {
            var figure = ChartJson.Parse(Plot.UpdateCartoon(run, t, stepper: stepper));
            AssertVector(RecordedStep(run, t), DrawnStep(figure, rule));
            // The update rule's own vector, computed from the record and the stepper's hyperparameters, not just drawn near it.
            var part = Plot.TakeApart(run, t, stepper).Parts.Single(p => p.Label.Split(':')[0] == rule);
            AssertVector(RecordedStep(run, t), Pair(part.Vector));
        }
    }

    [Fact]
    public void TheAdamCartoonWithItsStepperDrawsTheBiasCorrectedMomentumAndAdamsRealStep()
    {
        var adam = new Adam(0.1);
        var run = adam.Run(Descent.Functions.Surfaces.IllConditioned, [-2.8, 1.5], StopRule.After(10));
        var figure = ChartJson.Parse(Plot.UpdateCartoon(run, 3, Descent.Functions.Surfaces.IllConditioned.F, stepper: adam));

        AssertVector(RecordedStep(run, 3), DrawnStep(figure, "−α s̃ ⊘ (δ + √r̃)"));
        var s = run.Steps[3].State["s"];
        double c1 = 1 - Math.Pow(0.9, 3);                                   // s̃ = s / (1 − ρ₁³)
        AssertVector([-0.1 * s[0] / c1, -0.1 * s[1] / c1], VectorOf(figure.Named("−α s̃: momentum (bias-corrected first moment)")));
        Assert.DoesNotContain(figure.Traces(), t => t.Name()?.Contains("before bias correction") == true);
        var gradient = run.Steps[3].Gradient;
        AssertVector([-0.1 * gradient[0], -0.1 * gradient[1]], VectorOf(figure.Named("−α∇L: plain gradient step")));

        // Without the stepper the cartoon has only the raw moments: its scaled momentum is not Adam's step (lesson 09).
        var raw = ChartJson.Parse(Plot.UpdateCartoon(run, 3, Descent.Functions.Surfaces.IllConditioned.F));
        var r = run.Steps[3].State["r"];
        var uncorrected = VectorOf(raw.Named("−α s ⊘ √r: scaled momentum, before bias correction"));
        AssertVector([-0.1 * s[0] / (Math.Sqrt(r[0]) + 1e-8), -0.1 * s[1] / (Math.Sqrt(r[1]) + 1e-8)], uncorrected);
        var step = RecordedStep(run, 3);
        Assert.True(Math.Abs(uncorrected.Dx) > 3 * Math.Abs(step[0]), $"{uncorrected} against the step ({step[0]}, {step[1]})");
        Assert.Single(raw.Traces(), t => t.Name() == "θₜ − θₜ₋₁: the actual step");
    }

    [Fact]
    public void TheAdamCartoonWithoutBiasCorrectionDrawsTheUncorrectedStepItTook()
    {
        var adam = new Adam(0.1, biasCorrection: false);
        var run = adam.Run(Descent.Functions.Surfaces.IllConditioned, [-2.8, 1.5], StopRule.After(10));

        // The first step is α (1 − ρ₁) g / (δ + √(1 − ρ₂) |g|) ≈ 3.16 α sign(g): g₁ = (−0.56, 6).
        var first = DrawnStep(ChartJson.Parse(Plot.UpdateCartoon(run, 1, stepper: adam)), "−α s ⊘ (δ + √r)");
        AssertVector(RecordedStep(run, 1), first);
        Assert.Equal(0.1 * 0.1 / Math.Sqrt(0.001), first.Dx, 5);
        Assert.Equal(-0.1 * 0.1 / Math.Sqrt(0.001), first.Dy, 5);

        var figure = ChartJson.Parse(Plot.UpdateCartoon(run, 3, stepper: adam));
        AssertVector(RecordedStep(run, 3), DrawnStep(figure, "−α s ⊘ (δ + √r)"));
        var s = run.Steps[3].State["s"];
        AssertVector([-0.1 * s[0], -0.1 * s[1]], VectorOf(figure.Named("−α s: momentum (first moment)")));
        var part = Plot.TakeApart(run, 3, adam).Parts.Single(p => p.Label.StartsWith("−α s ⊘ (δ + √r)"));
        AssertVector(RecordedStep(run, 3), Pair(part.Vector));
    }

    [Fact]
    public void TheRmsPropCartoonUsesTheSteppersOwnDelta()
    {
        var rmsProp = new RMSProp(0.05, rho: 0.9, delta: 1e-3);
        var run = rmsProp.Run(new Bowl(), [-1.8, 0.8], StopRule.After(10));
        var figure = ChartJson.Parse(Plot.UpdateCartoon(run, 4, BowlF, stepper: rmsProp));

        AssertVector(RecordedStep(run, 4), DrawnStep(figure, "−α g ⊘ (δ + √r)"));
        var (g, r) = (run.Steps[4].Gradient, run.Steps[4].State["r"]);
        AssertVector([-0.05 / (1e-3 + Math.Sqrt(r[0])) * g[0], -0.05 / (1e-3 + Math.Sqrt(r[1])) * g[1]], DrawnStep(figure, "−α g ⊘ (δ + √r)"));
        Assert.DoesNotContain(figure.Traces(), t => t.Name() == "−α g ⊘ (δ + √r): adaptively scaled step");

        // Without the stepper δ = 10⁻⁸ is assumed, which is not this RMSProp's step: the two arrows part.
        var guessed = ChartJson.Parse(Plot.UpdateCartoon(run, 4, BowlF));
        Assert.Single(guessed.Traces(), t => t.Name() == "−α g ⊘ √r: adaptively scaled step");
        Assert.Single(guessed.Traces(), t => t.Name() == "θₜ − θₜ₋₁: the actual step");
    }

    [Fact]
    public void TheNesterovCartoonTakesTheGradientAtTheLookAheadPoint()
    {
        var nesterov = new Nesterov(0.02, 0.9);
        var run = nesterov.Run(new Bowl(), [-1.8, 0.8], StopRule.After(10));
        var figure = ChartJson.Parse(Plot.UpdateCartoon(run, 5, BowlF, stepper: nesterov));

        var step = DrawnStep(figure, "−v");
        AssertVector(RecordedStep(run, 5), step);
        var v = run.Steps[5].State["v"];
        AssertVector([-v[0], -v[1]], step);
        // θ̃ = θ₄ − γ v₄, and the gradient arrow is −α∇L(θ̃).
        var (theta, previous) = (run.Steps[4].Theta, run.Steps[4].State["v"]);
        double[] lookAhead = [theta[0] - 0.9 * previous[0], theta[1] - 0.9 * previous[1]];
        AssertVector([-0.02 * 2 * lookAhead[0], -0.02 * 20 * lookAhead[1]],
            VectorOf(figure.Named("−α∇L(θ̃): gradient step, with the gradient at the look-ahead point θ̃")));
        var carried = VectorOf(figure.Named("carried over: (θₜ − θₜ₋₁) + α∇L"));
        AssertVector([-0.9 * previous[0], -0.9 * previous[1]], carried);
    }

    [Fact]
    public void TheCartoonRefusesAStepperThatCannotHaveMadeTheRunAndARunThatSkippedSteps()
    {
        var run = new Momentum(0.02, 0.9).Run(new Bowl(), [-1.8, 0.8], StopRule.After(5));
        var ex = Assert.Throws<ArgumentException>(() => Plot.UpdateCartoon(run, 2, stepper: new Adam(0.1)));
        Assert.Contains("keeps \"s\": pass the stepper that made this run", ex.Message);

        var every = BowlRun(0.05, steps: 4);
        var thinned = new Run("thinned", [every.Steps[0], every.Steps[2], every.Steps[4]], RunStatus.StepLimit, "");
        var skipped = Assert.Throws<ArgumentException>(() => Plot.UpdateCartoon(thinned, 1));
        Assert.Contains("steps 0 and 2", skipped.Message);
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
