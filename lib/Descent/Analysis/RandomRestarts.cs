using Descent.Functions;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Analysis;

/// <summary>
/// Random restarts, a strategy against local minima: run the optimizer from several random start points and keep the
/// best end point. Start points are drawn uniformly from a box with a seeded <see cref="SplitMix64"/>.
/// </summary>
public static class RandomRestarts
{
    /// <summary>
    /// Runs <paramref name="restarts"/> descents from random starts in <paramref name="box"/> and returns the lowest end point
    /// and its value.
    /// </summary>
    public static (double[] Best, double Value) Minimize(IObjective f, IReadOnlyList<(double Min, double Max)> box, int restarts,
        Func<Stepper> stepper, int seed = 0, int maxSteps = 5000)
    {
        Check(f, box, stepper);
        Guard.Positive(restarts, nameof(restarts), "number of restarts");
        var random = new SplitMix64((ulong)seed);
        double[] best = [];
        double bestValue = double.PositiveInfinity;
        for (int k = 0; k < restarts; k++)
        {
            var (end, _, diverged) = Basins.Descend(f, Draw(random, box), stepper(), maxSteps, 1e-8);
            double v = diverged ? double.NaN : f.Value(end);
            if (v < bestValue) { bestValue = v; best = end; }
        }
        if (best.Length == 0) throw new InvalidOperationException("Every restart diverged; use a smaller learning rate.");
        return (best, bestValue);
    }

    /// <summary>
    /// Estimates the probability that k random restarts reach the global minimum, for k = 1 … <paramref name="maxRestarts"/>:
    /// <paramref name="trials"/> trials each draw <paramref name="maxRestarts"/> starts; trial i succeeds at k when one of its
    /// first k runs ends within <paramref name="radius"/> of <paramref name="globalMinimum"/>.
    /// </summary>
    public static RestartStudy Study(IObjective f, IReadOnlyList<(double Min, double Max)> box, double[] globalMinimum,
        Func<Stepper> stepper, int maxRestarts = 10, int trials = 500, int seed = 0, int maxSteps = 5000, double radius = 1e-3)
    {
        Check(f, box, stepper);
        ArgumentNullException.ThrowIfNull(globalMinimum);
        Guard.Length(globalMinimum.Length, f.Dimension, nameof(globalMinimum), "the objective");
        Guard.Positive(maxRestarts, nameof(maxRestarts), "number of restarts");
        Guard.Positive(trials, nameof(trials), "number of trials");
        var random = new SplitMix64((ulong)seed);
        var firstHit = new int[trials];      // the first k whose run reached the global minimum (0: none did)
        long hits = 0;
        for (int i = 0; i < trials; i++)
            for (int k = 1; k <= maxRestarts; k++)
            {
                var (end, _, diverged) = Basins.Descend(f, Draw(random, box), stepper(), maxSteps, 1e-8);
                bool reached = !diverged && Math.Sqrt(end.Zip(globalMinimum, (a, b) => (a - b) * (a - b)).Sum()) <= radius;
                if (reached) hits++;
                if (reached && firstHit[i] == 0) firstHit[i] = k;
            }
        double p = hits / ((double)trials * maxRestarts);
        var rows = Enumerable.Range(1, maxRestarts)
            .Select(k => new RestartRow(k, firstHit.Count(h => h > 0 && h <= k) / (double)trials, 1 - Math.Pow(1 - p, k)))
            .ToArray();
        return new RestartStudy((double[])globalMinimum.Clone(), p, rows, trials, seed);
    }

    /// <summary>The restart study for a curve: starts uniform on its range, GD with step α, the global minimum among its local minima.</summary>
    public static RestartStudy Study(Curve f, double alpha = 0.1, int maxRestarts = 10, int trials = 500, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.LearningRate(alpha, nameof(alpha));
        var global = f.LocalMinima().MinBy(f.Value);
        return Study(f, [f.Range], [global], () => new GradientDescent(alpha), maxRestarts, trials, seed);
    }

    private static double[] Draw(SplitMix64 random, IReadOnlyList<(double Min, double Max)> box)
    {
        var x = new double[box.Count];
        for (int j = 0; j < x.Length; j++) x[j] = box[j].Min + random.NextDouble() * (box[j].Max - box[j].Min);
        return x;
    }

    private static void Check(IObjective f, IReadOnlyList<(double Min, double Max)> box, Func<Stepper> stepper)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(stepper);
        Guard.Length(box.Count, f.Dimension, nameof(box), "the objective (one (min, max) range per parameter)");
        foreach (var (min, max) in box) Guard.Interval(min, max, nameof(box));
    }
}
