using Descent.Optimizers;
using Descent.Schedules;
using static Descent.Tests.Optimizers.BowlByHand;

namespace Descent.Tests.Schedules;

/// <summary>
/// γ_t schedules for momentum and Nesterov: the NPTEL deck's "0.5 until stable, then 0.9" and the accelerated
/// γ_t = t / (t + 3), worked by hand on the bowl f = x² + 2y² (∇f = (2x, 4y)) from θ_0 = (1, 1).
/// </summary>
public class MomentumScheduleTests
{
    [Fact]
    public void ANumberIsAConstantGamma()
    {
        MomentumSchedule gamma = 0.9;
        Assert.True(gamma.IsConstant);
        Assert.Equal(0.9, gamma.At(0));
        Assert.Equal(0.9, gamma.At(1_000_000));
        Assert.Equal("0.9", gamma.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumSchedule.Constant(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => gamma.At(-1));
    }

    [Fact]
    public void WarmUpKeepsTheFirstGammaForItsStepsThenSwitches()
    {
        var gamma = MomentumSchedule.WarmUp(0.5, 20, 0.9);
        Assert.False(gamma.IsConstant);
        Assert.Equal([0.5, 0.5, 0.9, 0.9], [gamma.At(0), gamma.At(19), gamma.At(20), gamma.At(21)]);
        Assert.Equal("0.5 for 20 steps, then 0.9", gamma.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumSchedule.WarmUp(0.5, 0, 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumSchedule.WarmUp(-0.1, 5, 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumSchedule.WarmUp(0.5, 5, 1.2));
    }

    [Fact]
    public void MomentumUsesEachStepsGamma()
    {
        // γ = 0.5, 0.5, then 0.9:
        // v_1 = 0.1 (2, 4) = (0.2, 0.4), θ_1 = (0.8, 0.6)
        // v_2 = 0.5 (0.2, 0.4) + 0.1 (1.6, 2.4) = (0.26, 0.44), θ_2 = (0.54, 0.16)
        // v_3 = 0.9 (0.26, 0.44) + 0.1 (1.08, 0.64) = (0.342, 0.46), θ_3 = (0.198, −0.3)
        var momentum = new Momentum(0.1, MomentumSchedule.WarmUp(0.5, 2, 0.9));
        Assert.Equal(0.5, momentum.Gamma);
        Assert.Equal([0.54, 0.16], Steps(momentum, 2), new Tolerance(1e-15));
        Assert.Equal(0.5, momentum.Gamma);
        momentum.Reset();
        Assert.Equal([0.198, -0.3], Steps(momentum, 3), new Tolerance(1e-15));
        Assert.Equal([0.342, 0.46], momentum.Velocity, new Tolerance(1e-15));
        Assert.Equal(0.9, momentum.Gamma);
        Assert.Equal("Momentum (α = 0.1, γ = 0.5 for 2 steps, then 0.9)", momentum.Name);
    }

    [Fact]
    public void AConstantScheduleIsPlainMomentum()
    {
        var plain = new Momentum(0.1, 0.7);
        var scheduled = new Momentum(0.1, MomentumSchedule.Constant(0.7));
        Assert.Equal(Steps(plain, 25), Steps(scheduled, 25));
        Assert.Equal(plain.Name, scheduled.Name);
        Assert.Equal(Steps(new Nesterov(0.1, 0.7), 25), Steps(new Nesterov(0.1, MomentumSchedule.Constant(0.7)), 25));
    }

    [Fact]
    public void AcceleratedGammaRisesFromZeroTowardsOne()
    {
        var gamma = MomentumSchedule.Accelerated();
        Assert.Equal([0, 0.25, 0.4, 0.5], [gamma.At(0), gamma.At(1), gamma.At(2), gamma.At(3)], new Tolerance(1e-15));
        Assert.Equal(0.997, gamma.At(997), 12);
        Assert.Equal("t / (t + 3)", gamma.ToString());
    }

    [Fact]
    public void NesterovWithTheAcceleratedGamma()
    {
        // t = 0, γ = 0: θ̃ = (1, 1), v_1 = 0.1 (2, 4) = (0.2, 0.4), θ_1 = (0.8, 0.6)
        // t = 1, γ = 1/4: θ̃ = (0.75, 0.5), v_2 = 0.25 (0.2, 0.4) + 0.1 (1.5, 2) = (0.2, 0.3), θ_2 = (0.6, 0.3)
        var nesterov = new Nesterov(0.1, MomentumSchedule.Accelerated());
        Assert.Equal([0.6, 0.3], Steps(nesterov, 2), new Tolerance(1e-15));
        Assert.Equal([0.75, 0.5], nesterov.LookAhead, new Tolerance(1e-15));
        Assert.Equal(0.25, nesterov.Gamma);
        Assert.Equal("Nesterov (α = 0.1, γ = t / (t + 3))", nesterov.Name);
    }
}
