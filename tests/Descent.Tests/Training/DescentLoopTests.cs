using Descent.Optimizers;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Training;

public class DescentLoopTests
{
    private static readonly IObjective Parabola = new OneD(x => x * x, x => 2 * x);

    [Fact]
    public void EveryStepIsRecordedWithThetaLossGradientRateAndACopyOfTheState()
    {
        var run = new Momentum(0.1, 0.9).Run(new Bowl(), [1.0, 1.0], StopRule.After(3));
        Assert.Equal([0, 1, 2, 3], run.StepNumbers);

        var start = run.Steps[0];
        Assert.Equal([1.0, 1.0], start.Theta);
        Assert.Equal(3.0, start.Loss);
        Assert.Empty(start.Gradient);
        Assert.True(double.IsNaN(start.LearningRate));
        Assert.Empty(start.State);

        var one = run.Steps[1];
        Assert.Equal([0.8, 0.6], one.Theta, (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal(0.8 * 0.8 + 2 * 0.6 * 0.6, one.Loss, 1e-15);
        Assert.Equal([2.0, 4.0], one.Gradient);
        Assert.Equal(0.1, one.LearningRate);
        Assert.Equal([0.2, 0.4], one.State["v"], (a, b) => Math.Abs(a - b) < 1e-15);

        var two = run.Steps[2];
        Assert.Equal([0.34, 0.6], two.State["v"], (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal([1.6, 2.4], two.Gradient, (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.NotSame(one.State["v"], two.State["v"]);
        Assert.Equal(run.Losses, run.Steps.Select(s => s.Loss));
        Assert.Equal([1.0, 0.8, 0.46, run.Steps[3].Theta[0]], run.Coordinate(0), (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal(RunStatus.StepLimit, run.Status);
        Assert.Equal("reached the step limit of 3 steps; final loss " + run.Loss.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), run.Message);
    }

    [Fact]
    public void GradientEvaluationsCountCallsOnAPlainFunction()
    {
        var run = new Nesterov(0.1).Run(new Bowl(), [1.0, 1.0], StopRule.After(4));
        Assert.Equal([0L, 1, 2, 3, 4], run.GradientEvaluations);
        Assert.Equal([0, 0, 0, 0, 0], run.Epochs);
        Assert.Null(run.RowsPerEpoch);
    }

    [Fact]
    public void AFullBatchRunOnDataCountsRowsAndOneEpochPerStep()
    {
        var data = new LeastSquares(50, 3, seed: 1);
        var run = new GradientDescent(0.1).Run(data, new double[3], StopRule.After(3));
        Assert.Equal([0L, 50, 100, 150], run.GradientEvaluations);
        Assert.Equal([0, 1, 2, 3], run.Epochs);
        Assert.Equal([0.0, 1, 2, 3], run.EpochProgress);
        Assert.Equal(50, run.RowsPerEpoch);
    }

    [Fact]
    public void TheGradientToleranceStopsARunAsConverged()
    {
        var run = new GradientDescent(0.1).Run(new Bowl(), [1.0, 1.0], new StopRule(MaxSteps: 1000, GradientTolerance: 1e-6));
        Assert.Equal(RunStatus.Converged, run.Status);
        Assert.True(run.GradientNorms[^1] <= 1e-6);
        Assert.True(run.GradientNorms[^2] > 1e-6);
        Assert.StartsWith($"converged after {run.Steps.Count - 1} steps: ‖g‖ = ", run.Message);
    }

    [Fact]
    public void TheLossChangeToleranceStopsARunAsConverged()
    {
        var run = new GradientDescent(0.1).Run(new Bowl(), [1.0, 1.0], new StopRule(MaxSteps: 1000, LossChangeTolerance: 1e-9));
        Assert.Equal(RunStatus.Converged, run.Status);
        Assert.True(Math.Abs(run.Losses[^1] - run.Losses[^2]) <= 1e-9);
        Assert.True(Math.Abs(run.Losses[^2] - run.Losses[^3]) > 1e-9);
        Assert.Contains("|ΔL| = ", run.Message);
    }

    [Fact]
    public void PatienceStopsWhenThereIsNoMoreImprovement()
    {
        // α = 1 on the quartic bounces between two values; the best loss stops improving.
        var run = new GradientDescent(1).Run(new Quartic(), [4.0], new StopRule(MaxSteps: 1000, Patience: 5));
        Assert.Equal(RunStatus.Converged, run.Status);
        Assert.Contains("no improvement on the best loss", run.Message);
        double best = run.Losses.Min();
        int bestAt = Array.IndexOf(run.Losses, best);
        Assert.Equal(bestAt + 5, run.Steps.Count - 1);
    }

    [Fact]
    public void TheStepLimitEndsARunWithExactlyThatManySteps()
    {
        var run = new Adam(0.01).Run(new Bowl(), [1.0, 1.0], StopRule.After(7));
        Assert.Equal(8, run.Steps.Count);
        Assert.Equal(RunStatus.StepLimit, run.Status);
        Assert.Null(run.DivergedAt);
    }

    [Fact]
    public void AnExplodingLossStopsTheRunAtTheFirstStepPastTheLimitAndIsDatedFromItsOnset()
    {
        // x_t = (1 − 2·1.5)^t = (−2)^t, L_t = 4^t: 4^9 = 262 144 is under 10⁶ × L_0, 4^10 = 1 048 576 is over
        // (and step 10 is also the tenth rise in a row). The loss rose from step 1, the onset.
        var run = new GradientDescent(1.5).Run(Parabola, [1.0], StopRule.After(100));
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.Equal(1, run.DivergedAt);
        Assert.Equal(11, run.Steps.Count);
        Assert.Equal(1048576.0, run.Loss);
        Assert.Equal(-512.0, run.Steps[9].Theta[0]);
        Assert.StartsWith("diverged at step 1: the loss rose from 1 (step 0) to 1.04858E+06 at step 10, more than 1E+06 times its start 1.", run.Message);
        Assert.Contains("try a smaller learning rate than α = 1.5", run.Message);
    }

    [Fact]
    public void ANonFiniteLossStopsTheRunAtTheStepItAppears()
    {
        // Defined only on |x| < 5: x goes 1 → −2 → 4 → −8, where the loss is NaN. The climb began at step 1.
        var partial = new OneD(x => Math.Abs(x) < 5 ? x * x : double.NaN, x => 2 * x);
        var run = new GradientDescent(1.5).Run(partial, [1.0], StopRule.After(100));
        Assert.Equal(3, run.Last.T);
        Assert.Equal(1, run.DivergedAt);
        Assert.True(double.IsNaN(run.Loss));
        Assert.Equal(-8.0, run.Theta[0]);
        Assert.StartsWith("diverged at step 1: the loss rose from 1 (step 0) until the loss became NaN at step 3", run.Message);
        Assert.Contains("smaller learning rate", run.Message);
    }

    [Fact]
    public void ADivergenceFactorCanBeTightened()
    {
        var run = new GradientDescent(1.5).Run(Parabola, [1.0], new StopRule(MaxSteps: 100, DivergenceFactor: 10));
        Assert.Equal(2, run.Last.T);       // L_2 = 16 > 10 stops the run
        Assert.Equal(1, run.DivergedAt);   // the loss rose from step 1
    }

    [Fact]
    public void BadStartsAreRejectedWithTheFix()
    {
        var gd = new GradientDescent(0.1);
        Assert.Contains("needs 2", Assert.Throws<ArgumentException>(() => gd.Run(new Bowl(), [1.0])).Message);
        Assert.Contains("start[1] is NaN", Assert.Throws<ArgumentException>(() => gd.Run(new Bowl(), [1.0, double.NaN])).Message);
        var hole = new OneD(x => 1 / x, x => -1 / (x * x));
        Assert.Contains("Start at a point where the function is defined", Assert.Throws<ArgumentException>(() => gd.Run(hole, [0.0])).Message);
        Assert.Throws<ArgumentNullException>(() => gd.Run(null!, [1.0]));
    }

    [Fact]
    public void BadStopRulesAreRejectedWhenTheyAreMade()
    {
        Assert.Contains("step limit MaxSteps must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new StopRule(MaxSteps: 0)).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => StopRule.After(-5)).Message);
        Assert.Contains("gradient-norm tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new StopRule(GradientTolerance: -1)).Message);
        Assert.Contains("loss-change tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new StopRule(LossChangeTolerance: double.NaN)).Message);
        Assert.Contains("Patience", Assert.Throws<ArgumentOutOfRangeException>(() => new StopRule(Patience: -1)).Message);
        Assert.Contains("greater than 1", Assert.Throws<ArgumentOutOfRangeException>(() => new StopRule(DivergenceFactor: 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => StopRule.Default with { MaxSteps = 0 });
    }

    [Fact]
    public void RunsRejectInconsistentRecords()
    {
        Assert.Throws<ArgumentException>(() => new Run("empty", [], RunStatus.StepLimit, ""));
        var a = new StepRecord(0, [1.0], 1, [], double.NaN, new Dictionary<string, double[]>());
        var b = new StepRecord(1, [1.0, 2.0], 1, [], 0.1, new Dictionary<string, double[]>());
        Assert.Contains("same number of parameters", Assert.Throws<ArgumentException>(() => new Run("mixed", [a, b], RunStatus.StepLimit, "")).Message);
        Assert.Contains("numbered 0 to 0", Assert.Throws<ArgumentOutOfRangeException>(() => new Run("one", [a], RunStatus.StepLimit, "").Coordinate(1)).Message);
    }
}
