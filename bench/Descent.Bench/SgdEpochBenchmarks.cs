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

    [GlobalSetup]
    public void Setup()
    {
        loss = new MseLoss(Workloads.X, Workloads.Y);
        batches = new MiniBatches(loss.Count, 32, seed: 1);
        stepper = new GradientDescent(0.01);
        theta = new double[Workloads.P];
        stepper.StepEpoch(theta, loss, batches);     // creates the stepper's state once
    }

    /// <summary>One epoch: 31,250 steps of θ ← θ − α ∇L_B(θ).</summary>
    [Benchmark]
    public int SgdEpoch() => stepper.StepEpoch(theta, loss, batches);
}
