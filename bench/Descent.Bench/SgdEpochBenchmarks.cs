using BenchmarkDotNet.Attributes;
using Descent.Losses;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Bench;

/// <summary>
/// One epoch of mini-batch SGD, m = 32, over n = 1,000,000 × p = 16: 31,250 steps, each drawing a batch from the seeded
/// sampler (reshuffled each epoch), taking the batch gradient and a GD step. Allocated bytes are per epoch, so
/// 0 B means no allocation per step.
/// </summary>
public class SgdEpochBenchmarks
{
    private MseLoss loss = null!;
    private MiniBatches batches = null!;
    private GradientDescent stepper = null!;
    private double[] theta = null!;
    private MiniBatches plainBatches = null!;
    private double[] plainTheta = null!;
    private WithoutPrefetch plainLoss = null!;

    [GlobalSetup]
    public void Setup()
    {
        loss = new MseLoss(Workloads.X, Workloads.Y);
        batches = new MiniBatches(loss.Count, 32, seed: 1);
        stepper = new GradientDescent(0.01);
        theta = new double[Workloads.P];
        stepper.StepEpoch(theta, loss, batches);     // creates the stepper's state once
        plainLoss = new WithoutPrefetch(loss);
        plainBatches = new MiniBatches(loss.Count, 32, seed: 1);
        plainTheta = new double[Workloads.P];
        stepper.StepEpoch(plainTheta, plainLoss, plainBatches);
    }

    /// <summary>One epoch: 31,250 steps of θ ← θ − α ∇L_B(θ).</summary>
    [Benchmark]
    public int SgdEpoch() => stepper.StepEpoch(theta, loss, batches);

    /// <summary>The same epoch without the software prefetch of the next batch's rows (for comparison).</summary>
    [Benchmark]
    public int SgdEpochWithoutPrefetch() => stepper.StepEpoch(plainTheta, plainLoss, plainBatches);

    /// <summary>The MSE seen only through <see cref="IBatchObjective"/>, so the loop cannot prefetch rows.</summary>
    private sealed class WithoutPrefetch(MseLoss loss) : IBatchObjective
    {
        public int Dimension => loss.Dimension;
        public int Count => loss.Count;
        public double Value(ReadOnlySpan<double> theta) => loss.Value(theta);
        public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => loss.Gradient(theta, gradient);
        public void BatchGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> rows, Span<double> gradient) =>
            loss.BatchGradient(theta, rows, gradient);
    }
}
