using Descent.Losses;
using Descent.Optimizers;

namespace Descent.Training;

/// <summary>Mini-batch training: draw a batch, take a step on its gradient, record the full loss now and then.</summary>
internal static class MiniBatchLoop
{
    public static Run Run(Stepper stepper, IBatchObjective objective, ReadOnlySpan<double> start, int batchSize, int epochs,
        int seed, int recordEvery, bool shuffle, string? name)
    {
        ArgumentNullException.ThrowIfNull(objective);
        int n = objective.Count;
        if (n <= 0)
            throw new ArgumentException("The objective has no rows; mini-batches need at least one observation.", nameof(objective));
        if (batchSize <= 0 || batchSize > n)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"The batch size m must be between 1 (SGD) and the number of rows n = {n} (batch GD), but it was {batchSize}. " +
                "A typical mini-batch size is 32.");
        Guard.Positive(epochs, nameof(epochs), "number of epochs");
        Guard.Positive(recordEvery, nameof(recordEvery), "recording interval (record every k-th step)");
        Guard.Length(start.Length, objective.Dimension, nameof(start), "the objective");
        Guard.Finite(start, nameof(start));
        stepper.Reset();

        var batches = new MiniBatches(n, batchSize, seed, shuffle);
        long totalSteps = (long)epochs * batches.BatchesPerEpoch;
        if (totalSteps > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs,
                $"{epochs} epochs of {batches.BatchesPerEpoch} steps is more steps than a run can count ({int.MaxValue}); use fewer epochs.");
        name ??= $"{stepper.Name}, m = {batchSize}";

        var theta = start.ToArray();
        double loss0 = DescentLoop.StartingLoss(objective, theta);
        var divergence = new DivergenceWatch(loss0, StopRule.Default.DivergenceFactor);
        var steps = new List<StepRecord>((int)Math.Min(totalSteps / recordEvery + epochs + 1, 1_000_000))
        {
            DescentLoop.StartRecord(theta, loss0),
        };
        Run Finish(RunStatus status, string message) => new(name, steps, status, message) { RowsPerEpoch = n };

        GradientOracle gradientAt = batches.GradientOn(objective);
        var prefetch = objective as IRowPrefetch;
        for (int t = 1; t <= totalSteps; t++)
        {
            batches.Next();
            prefetch?.PrefetchRows(batches.Upcoming);     // the next batch loads while this one is computed
            stepper.Step(theta, gradientAt);
            bool finite = DescentLoop.AllFinite(theta);
            if (finite && t % recordEvery != 0 && !batches.EpochEnded) continue;

            double loss = objective.Value(theta);
            steps.Add(DescentLoop.Record(stepper, t, theta, loss) with
            {
                Epoch = batches.Epoch,
                GradientEvaluations = batches.RowsEvaluated,
            });
            if (divergence.Diverged(theta, loss))      // judged on the recorded losses, by the rules of Divergence
                return Finish(RunStatus.Diverged,
                    Divergence.Message(steps, stepper.LastLearningRate, StopRule.Default.DivergenceFactor, divergence.Exploded)
                    + $" (epoch {batches.Epoch}, batch size {batchSize})");
        }
        return Finish(RunStatus.StepLimit,
            $"finished {epochs} epoch{(epochs == 1 ? "" : "s")} ({totalSteps} steps of batch size {batchSize} over {n} rows); " +
            $"final loss {DescentLoop.Show(steps[^1].Loss)}");
    }

    public static int Epoch(Stepper stepper, Span<double> theta, IBatchObjective objective, MiniBatches batches)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count != objective.Count)
            throw new ArgumentException(
                $"The batches deal {batches.Count} rows but the objective has {objective.Count}; " +
                "create the MiniBatches with the objective's Count.", nameof(batches));
        Guard.Length(theta.Length, objective.Dimension, nameof(theta), "the objective");
        GradientOracle gradientAt = batches.GradientOn(objective);
        var prefetch = objective as IRowPrefetch;
        int steps = batches.BatchesPerEpoch;
        for (int b = 0; b < steps; b++)
        {
            batches.Next();
            prefetch?.PrefetchRows(batches.Upcoming);     // the next batch loads while this one is computed
            stepper.Step(theta, gradientAt);
        }
        return steps;
    }
}
