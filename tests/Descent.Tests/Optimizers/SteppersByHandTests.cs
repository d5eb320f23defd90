using Descent.Optimizers;
using Descent.Training;
using static Descent.Tests.Optimizers.BowlByHand;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Each stepper's first two steps on the bowl f = x² + 2y² (∇f = (2x, 4y)) from θ_0 = (1, 1), worked out by hand
/// from the slide's equation (the decimals were computed separately, step by step).
/// </summary>
public class SteppersByHandTests
{
    [Fact]
    public void GradientDescentTakesAlphaTimesTheGradient()
    {
        // θ_1 = (1, 1) − 0.1 (2, 4) = (0.8, 0.6);  θ_2 = (0.8, 0.6) − 0.1 (1.6, 2.4) = (0.64, 0.36)
        var gd = new GradientDescent(0.1);
        Assert.Equal([0.8, 0.6], Steps(gd, 1), new Tolerance(1e-15));
        Assert.Equal([0.64, 0.36], Steps(new GradientDescent(0.1), 2), new Tolerance(1e-15));
        Assert.Empty(gd.State);
    }

    [Fact]
    public void MomentumAccumulatesVelocity()
    {
        // v_1 = 0.1 (2, 4) = (0.2, 0.4), θ_1 = (0.8, 0.6)
        // v_2 = 0.9 (0.2, 0.4) + 0.1 (1.6, 2.4) = (0.34, 0.6), θ_2 = (0.8 − 0.34, 0.6 − 0.6) = (0.46, 0)
        var momentum = new Momentum(0.1, gamma: 0.9);
        Assert.Equal([0.8, 0.6], Steps(momentum, 1), new Tolerance(1e-15));
        Assert.Equal([0.2, 0.4], momentum.Velocity, new Tolerance(1e-15));

        momentum = new Momentum(0.1, gamma: 0.9);
        Assert.Equal([0.46, 0.0], Steps(momentum, 2), new Tolerance(1e-15));
        Assert.Equal([0.34, 0.6], momentum.State["v"], new Tolerance(1e-15));
        Assert.Same(momentum.State["v"], momentum.Velocity);
    }

    [Fact]
    public void NesterovTakesTheGradientAtTheLookAheadPoint()
    {
        // Step 1: v_0 = 0, so θ̃ = θ_0 and it matches momentum: v_1 = (0.2, 0.4), θ_1 = (0.8, 0.6).
        // Step 2: θ̃ = (0.8, 0.6) − 0.9 (0.2, 0.4) = (0.62, 0.24); g = (1.24, 0.96);
        //         v_2 = 0.9 (0.2, 0.4) + 0.1 (1.24, 0.96) = (0.304, 0.456); θ_2 = (0.496, 0.144).
        var nesterov = new Nesterov(0.1, gamma: 0.9);
        Assert.Equal([0.8, 0.6], Steps(nesterov, 1), new Tolerance(1e-15));
        nesterov = new Nesterov(0.1, gamma: 0.9);
        Assert.Equal([0.496, 0.144], Steps(nesterov, 2), new Tolerance(1e-15));
        Assert.Equal([0.62, 0.24], nesterov.LookAhead, new Tolerance(1e-15));
        Assert.Equal([1.24, 0.96], nesterov.LastGradient, new Tolerance(1e-15));
        Assert.Equal([0.304, 0.456], nesterov.State["v"], new Tolerance(1e-15));
    }

    [Fact]
    public void AdagradDividesByTheRootOfTheSummedSquares()
    {
        // r_1 = (4, 16); θ_1 = 1 − 0.1/(1e-7 + 2)·2, 1 − 0.1/(1e-7 + 4)·4 ≈ (0.9, 0.9)
        // r_2 = r_1 + (2θ_1x, 4θ_1y)² ≈ (7.24, 28.96); θ_2 ≈ 0.9 − 0.1·1.8/√7.24 = 0.833103534...
        var adagrad = new Adagrad(0.1);
        Assert.Equal([0.9000000049999998, 0.9000000024999999], Steps(adagrad, 1), new Tolerance(1e-15));
        adagrad = new Adagrad(0.1);
        Assert.Equal([0.8331035341186127, 0.8331035304781839], Steps(adagrad, 2), new Tolerance(1e-15));
        Assert.Equal([7.240000035999998, 28.960000072], adagrad.State["r"], new Tolerance(1e-12));
        Assert.Equal(1e-7, adagrad.Delta);
    }

    [Fact]
    public void RMSPropDividesByTheRootOfTheDecayingAverage()
    {
        // r_1 = 0.1 (4, 16) = (0.4, 1.6); θ_1 = 1 − 0.01/(1e-6 + √0.4)·2 ≈ 0.968377 (both coordinates: α/√(1−ρ) sign g)
        // r_2 = 0.9 r_1 + 0.1 g_2² ≈ (0.735102, 2.940407); θ_2 ≈ (0.945788, 0.945788)
        var rms = new RMSProp(0.01, rho: 0.9);
        Assert.Equal([0.9683772733982372, 0.9683772483982964], Steps(rms, 1), new Tolerance(1e-15));
        rms = new RMSProp(0.01, rho: 0.9);
        Assert.Equal([0.9457881005057982, 0.9457880626180991], Steps(rms, 2), new Tolerance(1e-15));
        Assert.Equal([0.7351018174536816, 2.940407192344729], rms.State["r"], new Tolerance(1e-15));
        Assert.Equal(1e-6, rms.Delta);
    }

    [Fact]
    public void AdamCombinesBothMomentsWithBiasCorrection()
    {
        // t = 1: s = 0.1 g = (0.2, 0.4), r = 0.001 g² = (0.004, 0.016); s̃ = g, r̃ = g²; θ_1 = 1 − 0.1 g/(1e-8 + |g|) ≈ (0.9, 0.9)
        // t = 2: g ≈ (1.8, 3.6); s ≈ (0.36, 0.72); r ≈ (0.007236, 0.028944);
        //        s̃ = s/0.19, r̃ = r/0.001999; θ_2 ≈ 0.9 − 0.1·1.894737/1.902580 ≈ 0.800412
        var adam = new Adam(0.1);
        Assert.Equal([0.9000000005, 0.9000000002499999], Steps(adam, 1), new Tolerance(1e-15));
        adam = new Adam(0.1);
        Assert.Equal([0.8004122286917928, 0.8004122281815201], Steps(adam, 2), new Tolerance(1e-15));
        Assert.Equal([0.3600000000999999, 0.7200000000999998], adam.State["s"], new Tolerance(1e-15));
        Assert.Equal([0.007236000003600007, 0.028944000007200023], adam.State["r"], new Tolerance(1e-15));
        Assert.Equal(2, adam.T);
    }

    [Fact]
    public void DefaultsFollowTheDecksAndCommonPractice()
    {
        var adam = new Adam();
        Assert.Equal((0.001, 0.9, 0.999, 1e-8, true), (adam.LearningRate.At(0), adam.Rho1, adam.Rho2, adam.Delta, adam.BiasCorrection));
        var rms = new RMSProp();
        Assert.Equal((0.001, 0.9, 1e-6), (rms.LearningRate.At(0), rms.Rho, rms.Delta));
        var adagrad = new Adagrad();
        Assert.Equal((0.01, 1e-7), (adagrad.LearningRate.At(0), adagrad.Delta));
        Assert.Equal(0.9, new Momentum(0.1).Gamma);
        Assert.Equal(0.9, new Nesterov(0.1).Gamma);
    }

    [Fact]
    public void NamesShowTheHyperparametersForLegends()
    {
        Assert.Equal("GD (α = 0.3)", new GradientDescent(0.3).Name);
        Assert.Equal("Momentum (α = 0.1, γ = 0.9)", new Momentum(0.1).Name);
        Assert.Equal("Nesterov (α = 0.1, γ = 0.5)", new Nesterov(0.1, 0.5).Name);
        Assert.Equal("Adagrad (α = 0.01)", new Adagrad().Name);
        Assert.Equal("RMSProp (α = 0.001, ρ = 0.9)", new RMSProp().Name);
        Assert.Equal("Adam (α = 0.001, ρ₁ = 0.9, ρ₂ = 0.999)", new Adam().Name);
        Assert.Equal("Adam (α = 0.001, ρ₁ = 0.9, ρ₂ = 0.999, no bias correction)", new Adam(biasCorrection: false).Name);
        Assert.Equal("GD (α = 0.1 / (1 + 0.5 t))", new GradientDescent(Descent.Schedules.Schedule.InverseTime(0.1, 0.5)).ToString());
    }

    [Fact]
    public void ResetForgetsTheStateAndTheStepCount()
    {
        var momentum = new Momentum(0.1);
        Steps(momentum, 3);
        momentum.Reset();
        Assert.Equal(0, momentum.T);
        Assert.Empty(momentum.Velocity);
        Assert.Empty(momentum.State);
        Assert.True(double.IsNaN(momentum.LastLearningRate));
        Assert.Equal([0.46, 0.0], Steps(momentum, 2), new Tolerance(1e-15));
    }

    [Fact]
    public void ASteppedStepperRefusesAThetaOfAnotherLength()
    {
        var adam = new Adam();
        Steps(adam, 1);
        var ex = Assert.Throws<ArgumentException>(() => adam.Step(new double[3], (t, g) => g.Clear()));
        Assert.Contains("Reset()", ex.Message);
        Assert.Throws<ArgumentException>(() => new Adam().Step(Span<double>.Empty, (t, g) => { }));
        Assert.Throws<ArgumentNullException>(() => new Adam().Step(new double[1], null!));
    }

    [Fact]
    public void RunStartsFromACleanStateEveryTime()
    {
        var momentum = new Momentum(0.05);
        var first = momentum.Run(new Bowl(), [1.0, 1.0], StopRule.After(10));
        var second = momentum.Run(new Bowl(), [1.0, 1.0], StopRule.After(10));
        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(10, momentum.T);
    }
}
