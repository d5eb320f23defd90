using Descent.Optimizers;
using Descent.Training;

namespace Descent.Analysis;

/// <summary>
/// What a run actually did, measured by its distance to the minimizer, d_t = ‖θ_t − θ*‖: to compare with the rates
/// <see cref="QuadraticRates"/> predicts.
/// </summary>
public static class ErrorDecay
{
    /// <summary>The distance ‖θ_t − θ*‖ at every recorded step of a run.</summary>
    public static double[] Distances(Run run, IReadOnlyList<double> minimizer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(minimizer);
        Guard.Length(minimizer.Count, run.Dimension, nameof(minimizer), "the run's θ");
        return run.Path.Select(θ => Distance(θ, minimizer)).ToArray();
    }

    /// <summary>
    /// Takes exactly <paramref name="steps"/> steps of <paramref name="stepper"/> (reset first) from
    /// <paramref name="start"/> and returns the distance ‖θ_t − θ*‖ for t = 0 … steps. Unlike <see cref="Stepper.Run"/>
    /// it never stops early: the loss may rise far above its start and come back down, as momentum's does at its best
    /// parameters on an ill-conditioned quadratic, which a <see cref="Run"/> would stop as diverged.
    /// </summary>
    public static double[] Distances(Stepper stepper, IObjective objective, IReadOnlyList<double> start, int steps,
        IReadOnlyList<double> minimizer)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(minimizer);
        Guard.Length(start.Count, objective.Dimension, nameof(start), "the objective");
        Guard.Length(minimizer.Count, objective.Dimension, nameof(minimizer), "the objective");
        Guard.Positive(steps, nameof(steps), "number of steps");
        stepper.Reset();
        var θ = start.ToArray();
        var d = new double[steps + 1];
        d[0] = Distance(θ, minimizer);
        for (int t = 1; t <= steps; t++)
        {
            stepper.Step(θ, objective.Gradient);
            d[t] = Distance(θ, minimizer);
        }
        return d;
    }

    /// <summary>
    /// The first step t at which d_t ≤ <paramref name="factor"/> × d_0, or null if the distances never get there.
    /// </summary>
    /// <param name="distances">d_0, d_1, …: one per step, from <see cref="Distances(Run, IReadOnlyList{double})"/> or the stepper overload.</param>
    /// <param name="factor">The reduction, in (0, 1), e.g. 1e-6.</param>
    public static int? StepsToReduce(IReadOnlyList<double> distances, double factor)
    {
        ArgumentNullException.ThrowIfNull(distances);
        Guard.NotEmpty(distances.Count, nameof(distances), "distances");
        if (!double.IsFinite(factor) || factor <= 0 || factor >= 1)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The reduction factor must be in (0, 1), e.g. 1e-6.");
        for (int t = 0; t < distances.Count; t++)
            if (distances[t] <= factor * distances[0]) return t;
        return null;
    }

    /// <summary>
    /// The measured rate between steps <paramref name="from"/> and <paramref name="to"/>: (d_to / d_from)^(1/(to − from)),
    /// the average factor per step by which the distance to the minimizer shrank.
    /// </summary>
    public static double MeasuredRate(IReadOnlyList<double> distances, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(distances);
        if (from < 0 || to >= distances.Count || to <= from)
            throw new ArgumentOutOfRangeException(nameof(to), to,
                $"Need 0 ≤ from < to ≤ {distances.Count - 1}; got from = {from}, to = {to}.");
        return Math.Pow(distances[to] / distances[from], 1.0 / (to - from));
    }

    /// <summary>The measured rate of a run between two recorded steps (see the distances overload).</summary>
    public static double MeasuredRate(Run run, IReadOnlyList<double> minimizer, int from, int to) =>
        MeasuredRate(Distances(run, minimizer), from, to);

    private static double Distance(IReadOnlyList<double> θ, IReadOnlyList<double> minimizer)
    {
        double sum = 0;
        for (int i = 0; i < θ.Count; i++) sum += (θ[i] - minimizer[i]) * (θ[i] - minimizer[i]);
        return Math.Sqrt(sum);
    }
}
