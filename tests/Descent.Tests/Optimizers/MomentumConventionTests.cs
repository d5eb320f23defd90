using Descent.Optimizers;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Optimizers;

public class MomentumConventionTests
{
    private static readonly IObjective IllConditioned = new Diagonal(0.1, 2.0);

    [Fact]
    public void TheThreeConventionsFollowTheSamePathWithRescaledStepSizes()
    {
        const double alpha = 0.05, beta = 0.9;
        var classic = new Momentum(alpha, beta, MomentumConvention.VelocityIncludesLearningRate);
        var sum = new Momentum(
            Momentum.EquivalentLearningRate(alpha, beta, MomentumConvention.VelocityIncludesLearningRate, MomentumConvention.SumOfGradients),
            beta, MomentumConvention.SumOfGradients);
        var average = new Momentum(
            Momentum.EquivalentLearningRate(alpha, beta, MomentumConvention.VelocityIncludesLearningRate, MomentumConvention.AverageOfGradients),
            beta, MomentumConvention.AverageOfGradients);
        Assert.Equal(alpha, sum.LearningRate.At(0));
        Assert.Equal(alpha / (1 - beta), average.LearningRate.At(0), 1e-15);

        var a = classic.Run(IllConditioned, [1.0, 1.0], StopRule.After(200));
        var b = sum.Run(IllConditioned, [1.0, 1.0], StopRule.After(200));
        var c = average.Run(IllConditioned, [1.0, 1.0], StopRule.After(200));
        for (int t = 0; t <= 200; t++)
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(a.Steps[t].Theta[i], b.Steps[t].Theta[i], 1e-9);
                Assert.Equal(a.Steps[t].Theta[i], c.Steps[t].Theta[i], 1e-9);
            }
        // The velocities differ only by the scale each convention puts on them: v_classic = α v_sum = α/(1−β) v_average.
        Assert.Equal(a.Last.State["v"][0], alpha * b.Last.State["v"][0], 1e-12);
        Assert.Equal(a.Last.State["v"][0], alpha / (1 - beta) * c.Last.State["v"][0], 1e-12);
    }

    [Fact]
    public void WithoutRescalingTheAverageConventionTakesSmallerSteps()
    {
        var classic = new Momentum(0.05, 0.9).Run(IllConditioned, [1.0, 1.0], StopRule.After(5));
        var average = new Momentum(0.05, 0.9, MomentumConvention.AverageOfGradients).Run(IllConditioned, [1.0, 1.0], StopRule.After(5));
        // First step: classic moves α g, the average form (1 − β) α g: ten times less.
        Assert.Equal(1 - classic.Steps[1].Theta[1], 10 * (1 - average.Steps[1].Theta[1]), 1e-12);
    }

    [Fact]
    public void EquivalentLearningRateRejectsBadCoefficients()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Momentum.EquivalentLearningRate(0.1, 1.0, MomentumConvention.SumOfGradients, MomentumConvention.AverageOfGradients));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Momentum.EquivalentLearningRate(-0.1, 0.9, MomentumConvention.SumOfGradients, MomentumConvention.AverageOfGradients));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(0.1, 0.9, (MomentumConvention)7));
    }
}
