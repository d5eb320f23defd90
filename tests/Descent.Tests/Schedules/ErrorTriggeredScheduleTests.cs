using Descent.Functions;
using Descent.Optimizers;
using Descent.Schedules;
using Descent.Training;

namespace Descent.Tests.Schedules;

public class ErrorTriggeredScheduleTests
{
    [Fact]
    public void TheRateIsCutOnlyAfterAStepThatRaisedTheLoss()
    {
        var s = Schedule.ErrorTriggered(0.8, factor: 0.5);
        s.Start(10);
        s.Observe(12);   // rose: cut
        s.Observe(11);   // fell: keep
        s.Observe(11);   // equal: keep
        s.Observe(15);   // rose: cut
        Assert.Equal([0.8, 0.4, 0.4, 0.4, 0.2], Enumerable.Range(0, 5).Select(s.At).ToArray());
        Assert.Equal(0.2, s.At(100));                 // beyond what has been decided: the current α
        Assert.Equal(2, s.Cuts);
        Assert.Equal("α = 0.8, × 0.5 when the loss rises", s.ToString());

        s.Start(3);                                   // a new run forgets the old one
        Assert.Equal(0.8, s.At(4));
        Assert.Equal(0, s.Cuts);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void TheFactorMustCutTheRate(double factor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.ErrorTriggered(0.1, factor));

    [Fact]
    public void OnTheValleyItRescuesARateThatDivergesWhenConstant()
    {
        // 0.1x² + 2y²: the steep curvature 4 makes any constant α > 0.5 diverge along y.
        var valley = Surfaces.IllConditioned;
        var rule = new StopRule(MaxSteps: 500, GradientTolerance: 1e-6);
        var constant = new GradientDescent(0.6).Run(valley, [-2.8, 1.5], rule);
        Assert.Equal(RunStatus.Diverged, constant.Status);

        var schedule = Schedule.ErrorTriggered(0.6, 0.5);
        var run = new GradientDescent(schedule).Run(valley, [-2.8, 1.5], rule);
        Assert.Equal(RunStatus.Converged, run.Status);
        Assert.Equal(1, schedule.Cuts);               // one rise: α 0.6 → 0.3, then the loss falls every step
        Assert.Equal(0.6, run.LearningRates[1]);        // [0] is the start, which took no step
        Assert.Equal(0.3, run.LearningRates[^1]);
        Assert.True(run.Losses.Zip(run.Losses.Skip(1), (a, b) => b <= a).Skip(1).All(x => x));

        // run again: the schedule starts over from α_0 and gives the same run
        var again = new GradientDescent(schedule).Run(valley, [-2.8, 1.5], rule);
        Assert.Equal(run.Losses, again.Losses);
    }

    [Fact]
    public void EveryCutFollowsARiseInTheRecordedLoss()
    {
        var schedule = Schedule.ErrorTriggered(1.2, 0.5);
        var run = new GradientDescent(schedule).Run(Surfaces.IllConditioned, [-2.8, 1.5], StopRule.After(60));
        var losses = run.Losses;
        var rates = run.LearningRates;                // rates[t] is the rate step t used (NaN at the start)
        Assert.Equal(1.2, rates[1]);
        for (int t = 2; t < rates.Length; t++)        // step t − 1 took L from losses[t − 2] to losses[t − 1]
            Assert.Equal(losses[t - 1] > losses[t - 2] ? 0.5 * rates[t - 1] : rates[t - 1], rates[t]);
        Assert.Contains(rates.Skip(1), r => r < 1.2);
    }
}
