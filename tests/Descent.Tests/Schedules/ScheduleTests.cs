using Descent.Optimizers;
using Descent.Schedules;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Schedules;

public class ScheduleTests
{
    [Fact]
    public void ANumberConvertsToAConstantSchedule()
    {
        Schedule alpha = 0.3;
        Assert.IsType<ConstantSchedule>(alpha);
        Assert.Equal(0.3, alpha.At(0));
        Assert.Equal(0.3, alpha.At(1_000_000));
        Assert.Equal("α = 0.3", alpha.ToString());
    }

    [Fact]
    public void StepDecayMultipliesByTheFactorEveryNSteps()
    {
        var s = Schedule.StepDecay(0.1, 0.5, 10);
        Assert.Equal(0.1, s.At(0));
        Assert.Equal(0.1, s.At(9));
        Assert.Equal(0.05, s.At(10));
        Assert.Equal(0.05, s.At(19));
        Assert.Equal(0.025, s.At(25));
        Assert.Equal(0.1 * Math.Pow(0.5, 10), s.At(100));
        Assert.Equal("α = 0.1 × 0.5 every 10 steps", s.ToString());
    }

    [Fact]
    public void ExponentialDecayIsAlpha0TimesEToTheMinusKT()
    {
        var s = Schedule.Exponential(0.1, 0.01);
        Assert.Equal(0.1, s.At(0));
        Assert.Equal(0.1 * Math.Exp(-1), s.At(100), 1e-17);
        Assert.Equal(0.036787944117144235, s.At(100), 1e-17);
        Assert.Equal(0.1 * Math.Exp(-0.5), s.At(50), 1e-17);
        Assert.Equal("α = 0.1 e^(−0.01 t)", s.ToString());
    }

    [Fact]
    public void InverseTimeDecayIsAlpha0OverOnePlusKT()
    {
        var s = Schedule.InverseTime(0.1, 0.5);
        Assert.Equal(0.1, s.At(0));
        Assert.Equal(0.05, s.At(2), 1e-17);
        Assert.Equal(0.02, s.At(8), 1e-17);
        Assert.Equal("α = 0.1 / (1 + 0.5 t)", s.ToString());
    }

    [Fact]
    public void AnyFunctionOfTheStepIsASchedule()
    {
        var s = Schedule.From(t => 1.0 / (t + 1), "1/(t+1)");
        Assert.Equal(1.0, s.At(0));
        Assert.Equal(0.25, s.At(3));
        Assert.Equal("1/(t+1)", s.ToString());
    }

    [Fact]
    public void ValuesListTheRatesOfTheFirstSteps()
    {
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], Schedule.StepDecay(0.1, 0.5, 2).Values(5));
        Assert.Equal([0.2, 0.1, 0.2 / 3, 0.05], Schedule.InverseTime(0.2, 1).Values(4));
        Assert.Equal([0.3, 0.3, 0.3], ((Schedule)0.3).Values(3));
    }

    [Fact]
    public void AStepperUsesTheScheduleStepByStepAndTheRunRecordsIt()
    {
        var schedule = Schedule.InverseTime(0.1, 0.5);
        var run = new GradientDescent(schedule).Run(new Bowl(), [1.0, 1.0], StopRule.After(6));
        Assert.True(double.IsNaN(run.LearningRates[0]));
        Assert.Equal(schedule.Values(6), run.LearningRates[1..]);
        // θ_1 = θ_0 − α_0 g_0, θ_2 = θ_1 − α_1 g_1: α_1 = 0.1 / 1.5
        Assert.Equal(0.8 - 0.1 / 1.5 * 1.6, run.Steps[2].Theta[0], 1e-15);
    }

    [Fact]
    public void ExponentialDecayOnSgdSettlesWhereAConstantRateKeepsBouncing()
    {
        var data = new LeastSquares(200, 3, seed: 7);
        var constant = new GradientDescent(0.2).RunMiniBatches(data, new double[3], batchSize: 1, epochs: 10, seed: 3, recordEvery: 50);
        var decayed = new GradientDescent(Schedule.Exponential(0.2, 0.003)).RunMiniBatches(data, new double[3], batchSize: 1, epochs: 10, seed: 3, recordEvery: 50);
        static double Spread(Run r) => r.Losses[^10..].Max() - r.Losses[^10..].Min();
        Assert.True(Spread(decayed) < Spread(constant) / 10, $"decayed spread {Spread(decayed)}, constant {Spread(constant)}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AStartingRateThatIsNotFiniteAndPositiveIsRejected(double alpha0)
    {
        Assert.Contains("alpha0", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.StepDecay(alpha0, 0.5, 10)).Message);
        Assert.Contains("alpha0", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Exponential(alpha0, 0.1)).Message);
        Assert.Contains("alpha0", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.InverseTime(alpha0, 0.1)).Message);
        Assert.Contains("learning rate alpha", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Constant(alpha0)).Message);
    }

    [Fact]
    public void BadDecayParametersAreRejectedWithTheFix()
    {
        Assert.Contains("(0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.StepDecay(0.1, 0, 10)).Message);
        Assert.Contains("(0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.StepDecay(0.1, 1.5, 10)).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.StepDecay(0.1, 0.5, 0)).Message);
        Assert.Contains("decay rate k", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Exponential(0.1, -1)).Message);
        Assert.Contains("decay rate k", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.InverseTime(0.1, double.NaN)).Message);
        Assert.Throws<ArgumentNullException>(() => Schedule.From(null!));
        Assert.Throws<ArgumentException>(() => Schedule.From(t => 0.1, " "));
        Assert.Contains("0 or more", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Constant(0.1).At(-1)).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Constant(0.1).Values(0)).Message);
    }

    [Fact]
    public void AFunctionScheduleThatGivesABadRateFailsAtThatStep()
    {
        var gd = new GradientDescent(Schedule.From(t => t < 3 ? 0.1 : 0.0, "drops to 0"));
        var ex = Assert.Throws<InvalidOperationException>(() => gd.Run(new Bowl(), [1.0, 1.0], StopRule.After(10)));
        Assert.Contains("α = 0 at step 3", ex.Message);
        Assert.Contains("drops to 0", ex.Message);
    }
}
