using Descent.Losses;
using Descent.Optimizers;
using Descent.Schedules;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Training;

public class MiniBatchRunTests
{
    private static readonly LeastSquares Data = new(103, 3, seed: 11);

    private static void AssertSameRun(Run a, Run b)
    {
        Assert.Equal(a.StepNumbers, b.StepNumbers);
        Assert.Equal(a.Losses, b.Losses);
        for (int i = 0; i < a.Steps.Count; i++) Assert.Equal(a.Steps[i].Theta, b.Steps[i].Theta);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunAndADifferentSeedAnother()
    {
        var a = new Momentum(0.05).RunMiniBatches(Data, new double[3], batchSize: 8, epochs: 3, seed: 7);
        var b = new Momentum(0.05).RunMiniBatches(Data, new double[3], batchSize: 8, epochs: 3, seed: 7);
        var c = new Momentum(0.05).RunMiniBatches(Data, new double[3], batchSize: 8, epochs: 3, seed: 8);
        AssertSameRun(a, b);
        Assert.NotEqual(a.Losses, c.Losses);
        Assert.Equal(a.Losses[0], c.Losses[0]);
    }

    [Fact]
    public void TheRunIsPinnedSoItIsTheSameOnEveryMachine()
    {
        // SplitMix64 shuffles and IEEE arithmetic in a fixed order: these digits must not change between machines.
        var run = new GradientDescent(0.1).RunMiniBatches(Data, new double[3], batchSize: 10, epochs: 2, seed: 3);
        Assert.Equal(GoldenSgd.Theta, run.Theta);
    }

    [Fact]
    public void RecordsCarryTheEpochAndTheRowsProcessed()
    {
        var run = new GradientDescent(0.1).RunMiniBatches(Data, new double[3], batchSize: 10, epochs: 2, seed: 1);
        // 103 rows in batches of 10: 11 steps per epoch, the last with 3 rows.
        Assert.Equal(23, run.Steps.Count);
        Assert.Equal(Enumerable.Range(0, 23), run.StepNumbers);
        Assert.Equal([0, .. Enumerable.Repeat(1, 11), .. Enumerable.Repeat(2, 11)], run.Epochs);
        Assert.Equal(10, run.Steps[1].GradientEvaluations);
        Assert.Equal(103, run.Steps[11].GradientEvaluations);
        Assert.Equal(113, run.Steps[12].GradientEvaluations);
        Assert.Equal(206, run.Last.GradientEvaluations);
        Assert.Equal(2.0, run.EpochProgress[^1]);
        Assert.Equal(103, run.RowsPerEpoch);
        Assert.Equal(Data.Value(run.Theta), run.Loss);   // the full loss, not the batch's
        Assert.Equal("GD (α = 0.1), m = 10", run.Name);
        Assert.Equal("finished 2 epochs (22 steps of batch size 10 over 103 rows); final loss " +
                     run.Loss.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), run.Message);
    }

    [Fact]
    public void RecordEveryKeepsEveryKthStepAndTheEndOfEachEpoch()
    {
        var run = new GradientDescent(0.02).RunMiniBatches(Data, new double[3], batchSize: 1, epochs: 2, seed: 1, recordEvery: 25);
        Assert.Equal([0, 25, 50, 75, 100, 103, 125, 150, 175, 200, 206], run.StepNumbers);
        Assert.Equal([0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2], run.Epochs);
        Assert.Equal([0L, 25, 50, 75, 100, 103, 125, 150, 175, 200, 206], run.GradientEvaluations);
    }

    [Fact]
    public void BatchGradientDescentThroughMiniBatchesIsFullBatchGradientDescent()
    {
        var batch = new GradientDescent(0.1).RunMiniBatches(Data, new double[3], batchSize: Data.Count, epochs: 20, seed: 4);
        var full = new GradientDescent(0.1).Run(Data, new double[3], StopRule.After(20));
        Assert.Equal(21, batch.Steps.Count);
        for (int t = 0; t <= 20; t++)
            for (int i = 0; i < 3; i++)
                Assert.Equal(full.Steps[t].Theta[i], batch.Steps[t].Theta[i], 1e-12);   // only the summation order differs
        Assert.Equal(full.GradientEvaluations, batch.GradientEvaluations);
        Assert.Equal(full.Epochs, batch.Epochs);
    }

    [Fact]
    public void SgdTakesOneStepPerRowAndApproachesTheLeastSquaresFit()
    {
        var run = new GradientDescent(Schedule.InverseTime(0.1, 0.01)).RunMiniBatches(Data, new double[3], batchSize: 1, epochs: 20, seed: 2, recordEvery: 103);
        Assert.Equal(20 * 103, run.Last.T);
        var best = new GradientDescent(0.3).Run(Data, new double[3], StopRule.After(2000));
        Assert.True(run.Loss - best.Loss < 1e-3, $"SGD loss {run.Loss}, least squares {best.Loss}");
        for (int i = 0; i < 3; i++) Assert.Equal(best.Theta[i], run.Theta[i], 0.05);
    }

    [Fact]
    public void EveryStepperRunsByMiniBatches()
    {
        foreach (var stepper in new Stepper[] { new Nesterov(0.05), new Adagrad(0.5), new RMSProp(0.05), new Adam(0.05) })
        {
            var run = stepper.RunMiniBatches(Data, new double[3], batchSize: 16, epochs: 30, seed: 9, recordEvery: 7);
            Assert.Equal(RunStatus.StepLimit, run.Status);
            Assert.True(run.Loss < 0.05 * run.Losses[0], $"{stepper.Name}: {run.Losses[0]} → {run.Loss}");
        }
    }

    [Fact]
    public void ADivergingMiniBatchRunStopsAtTheStepAndSaysSo()
    {
        var run = new GradientDescent(5).RunMiniBatches(Data, new double[3], batchSize: 10, epochs: 50, seed: 1, recordEvery: 1000);
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.Equal(run.DivergedAt, run.Last.T);
        Assert.Contains($"diverged at step {run.DivergedAt}", run.Message);
        Assert.Contains("try a smaller learning rate than α = 5", run.Message);
        Assert.Contains("batch size 10", run.Message);
    }

    [Fact]
    public void AnEpochWithoutRecordingAllocatesNothing()
    {
        var data = new LeastSquares(1000, 16, seed: 3);
        var batches = new MiniBatches(data.Count, 32, seed: 1);
        var theta = new double[16];
        foreach (var stepper in new Stepper[] { new GradientDescent(0.01), new Momentum(0.01), new Adam(0.01) })
        {
            stepper.StepEpoch(theta, data, batches);   // creates the state and the batch oracle
            long before = GC.GetAllocatedBytesForCurrentThread();
            int steps = 0;
            for (int e = 0; e < 5; e++) steps += stepper.StepEpoch(theta, data, batches);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(5 * 32, steps);
        }
        Assert.True(data.Value(theta) < data.Value(new double[16]));
    }

    [Fact]
    public void StepEpochFollowsTheSamePathAsARecordedRun()
    {
        var run = new Adam(0.05).RunMiniBatches(Data, new double[3], batchSize: 8, epochs: 3, seed: 5);
        var adam = new Adam(0.05);
        var batches = new MiniBatches(Data.Count, 8, seed: 5);
        var theta = new double[3];
        for (int e = 0; e < 3; e++) adam.StepEpoch(theta, Data, batches);
        Assert.Equal(run.Theta, theta);
    }

    [Fact]
    public void PrefetchingTheNextBatchChangesNoNumberAndAllocatesNothing()
    {
        // MseLoss prefetches the next batch's rows during an epoch; the same loss seen only as an IBatchObjective cannot.
        var data = new LeastSquares(1000, 16, seed: 3);
        var mse = data.AsMse();
        var plain = new OnlyBatchObjective(mse);
        var (a, b) = (new double[16], new double[16]);
        var (batchesA, batchesB) = (new MiniBatches(mse.Count, 24, seed: 9), new MiniBatches(mse.Count, 24, seed: 9));
        var (gdA, gdB) = (new Momentum(0.01), new Momentum(0.01));
        gdA.StepEpoch(a, mse, batchesA);
        gdB.StepEpoch(b, plain, batchesB);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int e = 0; e < 3; e++) gdA.StepEpoch(a, mse, batchesA);     // 1000 = 41 × 24 + 16: a short last batch
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        for (int e = 0; e < 3; e++) gdB.StepEpoch(b, plain, batchesB);
        Assert.Equal(b, a);
        Assert.Equal(new Momentum(0.01).RunMiniBatches(mse, new double[16], 24, 4, seed: 9).Theta, a);
    }

    private sealed class OnlyBatchObjective(IBatchObjective inner) : IBatchObjective
    {
        public int Dimension => inner.Dimension;
        public int Count => inner.Count;
        public double Value(ReadOnlySpan<double> theta) => inner.Value(theta);
        public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => inner.Gradient(theta, gradient);
        public void BatchGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> rows, Span<double> gradient) =>
            inner.BatchGradient(theta, rows, gradient);
    }

    [Fact]
    public void BadMiniBatchSettingsAreRejectedWithTheFix()
    {
        var gd = new GradientDescent(0.1);
        var start = new double[3];
        Assert.Contains("between 1 (SGD) and the number of rows n = 103", Assert.Throws<ArgumentOutOfRangeException>(
            () => gd.RunMiniBatches(Data, start, batchSize: 0, epochs: 1)).Message);
        Assert.Contains("A typical mini-batch size is 32", Assert.Throws<ArgumentOutOfRangeException>(
            () => gd.RunMiniBatches(Data, start, batchSize: 104, epochs: 1)).Message);
        Assert.Contains("number of epochs epochs must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(
            () => gd.RunMiniBatches(Data, start, batchSize: 10, epochs: 0)).Message);
        Assert.Contains("recording interval", Assert.Throws<ArgumentOutOfRangeException>(
            () => gd.RunMiniBatches(Data, start, batchSize: 10, epochs: 1, recordEvery: 0)).Message);
        Assert.Contains("needs 3", Assert.Throws<ArgumentException>(
            () => gd.RunMiniBatches(Data, new double[2], batchSize: 10, epochs: 1)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(
            () => gd.RunMiniBatches(Data, [0, double.NaN, 0], batchSize: 10, epochs: 1)).Message);
        Assert.Contains("create the MiniBatches with the objective's Count", Assert.Throws<ArgumentException>(
            () => gd.StepEpoch(start, Data, new MiniBatches(50, 5))).Message);
        Assert.Throws<ArgumentNullException>(() => gd.RunMiniBatches(null!, start, batchSize: 1, epochs: 1));
    }
}

/// <summary>
/// The pinned result of a seeded mini-batch run (see <see cref="MiniBatchRunTests"/>): GD, α = 0.1, m = 10, 2 epochs,
/// seed 3, on LeastSquares(103, 3, seed: 11). Reproduced bit for bit by an independent Python implementation of the
/// same data generation, SplitMix64 shuffle and update.
/// </summary>
internal static class GoldenSgd
{
    public static readonly double[] Theta = [1.0200855363585535, 1.181163492798263, 2.4455440631895944];
}
