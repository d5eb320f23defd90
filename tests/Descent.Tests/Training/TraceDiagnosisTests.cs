using Descent.Optimizers;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Training;

/// <summary>Runs built to show each of the CS109B deck's readings of a trace plot.</summary>
public class TraceDiagnosisTests
{
    private static readonly IObjective Parabola = new OneD(x => x * x, x => 2 * x);

    [Fact]
    public void ATinyLearningRateIsStillDecreasingAtTheEnd()
    {
        var run = new GradientDescent(0.005).Run(new Bowl(), [1.0, 1.0], StopRule.After(50));
        var d = run.Diagnose();
        Assert.Equal(TraceVerdict.TooSlow, d.Verdict);
        Assert.Contains("still decreasing", d.Sentence);
        Assert.Contains("has not hit the bottom", d.Sentence);
        Assert.Contains("more steps or use a larger learning rate", d.Sentence);
    }

    [Fact]
    public void TheDecksAlphaPointThreeRunStabilizes()
    {
        var run = new GradientDescent(0.3).Run(new Quartic(), [4.0], StopRule.After(19));
        var d = run.Diagnose();
        Assert.Equal(TraceVerdict.Converging, d.Verdict);
        Assert.StartsWith("The loss stabilized: it went from 0 to -0.6914", d.Sentence);
    }

    [Fact]
    public void TheDecksAlphaOneRunOscillates()
    {
        var run = new GradientDescent(1).Run(new Quartic(), [4.0], StopRule.After(19));
        var d = run.Diagnose();
        Assert.Equal(TraceVerdict.Oscillating, d.Verdict);
        Assert.Contains("oscillating between values rather than converging", d.Sentence);
        Assert.Contains("use a smaller learning rate", d.Sentence);
        Assert.Equal(RunStatus.StepLimit, run.Status);
    }

    [Fact]
    public void AGrowingLossIsDivergingEvenBeforeTheLoopGivesUp()
    {
        // x_(t+1) = x_t − 1.05 · 2 x_t = −1.1 x_t: the loss grows 1.21× per step. The loop calls that diverged after
        // 10 rises in a row; in 8 steps it has not yet, but the trace already reads as diverging.
        var run = new GradientDescent(1.05).Run(Parabola, [1.0], StopRule.After(8));
        Assert.Equal(RunStatus.StepLimit, run.Status);
        var d = run.Diagnose();
        Assert.Equal(TraceVerdict.Diverging, d.Verdict);
        Assert.Contains("The loss is growing: from 1 at the start to", d.Sentence);
        Assert.Contains("use a smaller learning rate", d.Sentence);
    }

    [Fact]
    public void ARunThatStoppedAsDivergedIsDivergingAndSaysWhere()
    {
        var run = new GradientDescent(1.5).Run(Parabola, [1.0], StopRule.After(100));
        var d = run.Diagnose();
        Assert.Equal(TraceVerdict.Diverging, d.Verdict);
        Assert.StartsWith($"Diverged at step {run.DivergedAt}", d.Sentence);
    }

    [Fact]
    public void MomentumsDampedRingingEndsStabilized()
    {
        var run = new Momentum(0.1, 0.9).Run(new Bowl(), [1.0, 1.0], StopRule.After(300));
        Assert.Equal(TraceVerdict.Converging, run.Diagnose().Verdict);
    }

    [Fact]
    public void StartingAtTheMinimumIsStabilizedFromTheStart()
    {
        var run = new GradientDescent(0.1).Run(new Bowl(), [0.0, 0.0], StopRule.After(10));
        var d = run.Diagnose();
        Assert.Equal(TraceVerdict.Converging, d.Verdict);
        Assert.Contains("stationary point", d.Sentence);
    }

    [Fact]
    public void TracesGivenAsNumbersAreReadToo()
    {
        Assert.Equal(TraceVerdict.Diverging, TraceDiagnosis.Of([1.0, 0.5, double.NaN]).Verdict);
        Assert.Contains("record 2", TraceDiagnosis.Of([1.0, 0.5, double.PositiveInfinity]).Sentence);
        Assert.Equal(TraceVerdict.Oscillating, TraceDiagnosis.Of([5.0, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2]).Verdict);
        Assert.Equal(TraceVerdict.TooSlow, TraceDiagnosis.Of([10.0, 9, 8, 7, 6, 5, 4, 3, 2]).Verdict);
        Assert.Equal(TraceVerdict.Converging, TraceDiagnosis.Of([10.0, 3, 1, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4]).Verdict);
        var shortRun = TraceDiagnosis.Of([3.0, 2.0]);
        Assert.Equal(TraceVerdict.TooSlow, shortRun.Verdict);
        Assert.Contains("too few to read a trace", shortRun.Sentence);
        Assert.Equal($"TooSlow: {shortRun.Sentence}", shortRun.ToString());
    }

    [Fact]
    public void ARunRecordedEveryKStepsIsReadInStepsNotRecords()
    {
        var data = new LeastSquares(200, 3, seed: 5);
        var run = new GradientDescent(0.001).RunMiniBatches(data, new double[3], batchSize: 1, epochs: 2, seed: 1, recordEvery: 10);
        var d = run.Diagnose();
        Assert.Equal(TraceVerdict.TooSlow, d.Verdict);
        Assert.Contains("over the last 10 records (steps 300 to 400)", d.Sentence);
    }

    [Fact]
    public void AnEmptyTraceIsRejected()
    {
        Assert.Contains("run.Losses", Assert.Throws<ArgumentException>(() => TraceDiagnosis.Of(Array.Empty<double>())).Message);
        Assert.Throws<ArgumentNullException>(() => TraceDiagnosis.Of((Run)null!));
    }
}
