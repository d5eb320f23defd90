using Descent.Training;

namespace Descent.Analysis;

/// <summary>
/// What a run actually did, measured by its distance to the minimizer, ‖θ_t − θ*‖: to compare with the rates
/// <see cref="QuadraticRates"/> predicts.
/// </summary>
public static class ErrorDecay
{
    /// <summary>The distance ‖θ_t − θ*‖ at every recorded step.</summary>
    public static double[] Distances(Run run, IReadOnlyList<double> minimizer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(minimizer);
        Guard.Length(minimizer.Count, run.Dimension, nameof(minimizer), "the run's θ");
        return run.Path.Select(θ => Math.Sqrt(θ.Select((x, i) => (x - minimizer[i]) * (x - minimizer[i])).Sum())).ToArray();
    }

    /// <summary>
    /// The first step t at which ‖θ_t − θ*‖ ≤ <paramref name="factor"/> × ‖θ_0 − θ*‖, or null if the run never gets there.
    /// </summary>
    public static int? StepsToReduce(Run run, IReadOnlyList<double> minimizer, double factor)
    {
        if (!double.IsFinite(factor) || factor <= 0 || factor >= 1)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The reduction factor must be in (0, 1), e.g. 1e-6.");
        var d = Distances(run, minimizer);
        for (int k = 0; k < d.Length; k++)
            if (d[k] <= factor * d[0]) return run.Steps[k].T;
        return null;
    }

    /// <summary>
    /// The measured rate between two recorded steps: (d_to / d_from)^(1/(to − from)), the average factor per step by which
    /// the distance to the minimizer shrank.
    /// </summary>
    public static double MeasuredRate(Run run, IReadOnlyList<double> minimizer, int from, int to)
    {
        var d = Distances(run, minimizer);
        if (from < 0 || to >= d.Length || to <= from)
            throw new ArgumentOutOfRangeException(nameof(to), to, $"Need 0 ≤ from < to ≤ {d.Length - 1}; got from = {from}, to = {to}.");
        return Math.Pow(d[to] / d[from], 1.0 / (to - from));
    }
}
