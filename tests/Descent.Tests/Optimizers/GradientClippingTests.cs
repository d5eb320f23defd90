using Descent.Optimizers;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Optimizers;

public class GradientClippingTests
{
    [Fact]
    public void ClipByNormRescalesLongGradientsAndKeepsTheirDirection()
    {
        double[] g = [3, 4];
        Assert.Equal(5, GradientClipping.ClipByNorm(g, 1));
        Assert.Equal(0.6, g[0], 1e-15);
        Assert.Equal(0.8, g[1], 1e-15);
        double[] small = [0.3, 0.4];
        Assert.Equal(0.5, GradientClipping.ClipByNorm(small, 1), 1e-15);
        Assert.Equal([0.3, 0.4], small);
    }

    [Fact]
    public void AClippingStepperUsesTheClippedGradient()
    {
        // At (30, 40) the bowl's gradient is (60, 160), ‖g‖ = √28 200; clipped to norm 1 the step is 0.1 g / ‖g‖.
        var gd = new GradientDescent(0.1) { ClipNorm = 1 };
        var run = gd.Run(new Bowl(), [30.0, 40.0], StopRule.After(1));
        double norm = Math.Sqrt(60 * 60 + 160 * 160);
        Assert.Equal(30 - 0.1 * 60 / norm, run.Theta[0], 1e-14);
        Assert.Equal(40 - 0.1 * 160 / norm, run.Theta[1], 1e-14);
        Assert.Equal(1, Math.Sqrt(run.Last.Gradient.Sum(x => x * x)), 1e-14);
        Assert.True(gd.LastStepClipped);
        Assert.Equal(1.0, gd.ClipNorm);

        // Near the minimum the gradient is short and the step is plain GD.
        var near = new GradientDescent(0.1) { ClipNorm = 1 };
        var plain = new GradientDescent(0.1).Run(new Bowl(), [0.1, 0.1], StopRule.After(3));
        Assert.Equal(plain.Losses, near.Run(new Bowl(), [0.1, 0.1], StopRule.After(3)).Losses);
        Assert.False(near.LastStepClipped);
    }

    [Fact]
    public void ClippingKeepsAStepperFromBeingThrownOffACliff()
    {
        // f = x⁴ is a cliff far from 0: at x = 10 the slope is 4000, and GD with α = 0.01 jumps to −30 and beyond.
        var cliff = new OneD(x => Math.Pow(x, 4), x => 4 * Math.Pow(x, 3));
        var plain = new GradientDescent(0.01).Run(cliff, [10.0], StopRule.After(200));
        Assert.Equal(RunStatus.Diverged, plain.Status);

        var clipped = new GradientDescent(0.01) { ClipNorm = 10 }.Run(cliff, [10.0], StopRule.After(200));
        Assert.Equal(RunStatus.StepLimit, clipped.Status);
        Assert.All(clipped.Steps.Skip(1).Zip(clipped.Steps), pair => Assert.True(pair.First.Loss <= pair.Second.Loss));
        Assert.True(clipped.Loss < 0.1 && clipped.Theta[0] > 0, $"final loss {clipped.Loss} at x = {clipped.Theta[0]}");
    }

    [Fact]
    public void ClippingWorksForEveryStepperIncludingNesterovsLookAheadGradient()
    {
        foreach (var stepper in new Stepper[] { new Momentum(0.1) { ClipNorm = 2 }, new Nesterov(0.1) { ClipNorm = 2 }, new Adam(0.1) { ClipNorm = 2 } })
        {
            var run = stepper.Run(new Bowl(), [30.0, 40.0], StopRule.After(5));
            Assert.All(run.GradientNorms.Skip(1), n => Assert.True(n <= 2 + 1e-12, $"{stepper.Name}: ‖g‖ = {n}"));
        }
    }

    [Fact]
    public void AClippedOracleClipsEveryGradient()
    {
        GradientOracle raw = (t, g) => { g[0] = 2 * t[0]; g[1] = 4 * t[1]; };
        var clipped = GradientClipping.ByNorm(raw, 2);
        double[] g = new double[2];
        clipped([3.0, 0.0], g);
        Assert.Equal([2.0, 0.0], g);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANonPositiveOrNonFiniteThresholdIsRejected(double c)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(0.1) { ClipNorm = c });
        Assert.Contains("clipping threshold", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ByNorm((t, g) => { }, c));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm(new double[2], c));
    }
}
