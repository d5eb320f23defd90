using System.Globalization;

namespace Descent.Training;

/// <summary>
/// A reading of a run's trace plot, following the CS109B deck: "the loss is decreasing but descent has not hit the
/// bottom" (too slow), "the loss is mostly oscillating between values rather than converging" (oscillating), "towards
/// the end the loss stabilizes" (converging), and the loss blowing up (diverging).
/// </summary>
/// <param name="Verdict">Which of the four readings applies.</param>
/// <param name="Sentence">Why, with the numbers, and what to try.</param>
public sealed record TraceDiagnosis(TraceVerdict Verdict, string Sentence)
{
    /// <summary>Changes in the tail smaller than this fraction of the whole trace's range count as "stabilized".</summary>
    private const double StillMovingFraction = 0.05;

    /// <summary>Up-and-down changes smaller than this fraction of the range are rounding noise, not oscillation.</summary>
    private const double OscillationFraction = 1e-3;

    /// <summary>Reads <paramref name="run"/>'s trace; a run that stopped as diverged is diverging.</summary>
    public static TraceDiagnosis Of(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status == RunStatus.Diverged)
            return new(TraceVerdict.Diverging, Capitalize(run.Message));
        return Read(run.Losses, run.StepNumbers);
    }

    /// <summary>
    /// Reads a trace of losses L_0, L_1, ..., L_T. The last quarter of the trace (at least 2 changes) is the tail:
    /// <list type="bullet">
    /// <item>diverging: a loss is not finite, or the loss ended above its start and rose over the tail;</item>
    /// <item>oscillating: most changes in the tail switch sign, they are not rounding noise, and they mostly cancel;</item>
    /// <item>too slow: the loss fell by more than 5% of the trace's range over the tail;</item>
    /// <item>converging: otherwise (the loss stabilized).</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">The trace is empty.</exception>
    public static TraceDiagnosis Of(IReadOnlyList<double> losses) => Read(losses, null);

    /// <summary>Reads the trace; <paramref name="stepNumbers"/> (when only every k-th step was recorded) name the steps.</summary>
    private static TraceDiagnosis Read(IReadOnlyList<double> losses, IReadOnlyList<int>? stepNumbers)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0)
            throw new ArgumentException("The trace is empty; pass the losses of a run (run.Losses).", nameof(losses));
        for (int t = 0; t < losses.Count; t++)
            if (!double.IsFinite(losses[t]))
                return new(TraceVerdict.Diverging,
                    $"The loss became {Show(losses[t])} at {(stepNumbers is null ? "record" : "step")} {Step(t)}: the steps overshot until the numbers overflowed. Use a smaller learning rate.");

        int T = losses.Count - 1;
        int Step(int record) => stepNumbers?[record] ?? record;
        bool everyStep = stepNumbers is null || Step(T) == T;
        if (T < 3)
            return new(TraceVerdict.TooSlow,
                $"Only {T} {(everyStep ? "step" : "recorded step")}{(T == 1 ? "" : "s")}: too few to read a trace. Take more steps.");

        double first = losses[0], last = losses[T];
        double min = losses.Min(), max = losses.Max(), range = max - min;
        if (range <= 1e-12 * Math.Max(1, Math.Abs(first)))
            return new(TraceVerdict.Converging,
                $"The loss stayed at {Show(first)}: θ started at (or next to) a stationary point, so there was nothing to descend.");

        int w = Math.Max(2, T / 4);
        string lastW = everyStep ? $"the last {w} steps" : $"the last {w} records (steps {Step(T - w)} to {Step(T)})";
        double before = losses[T - w];
        double rise = last - before;

        if (last > first && rise > StillMovingFraction * range)
            return new(TraceVerdict.Diverging,
                $"The loss is growing: from {Show(first)} at the start to {Show(last)} at step {Step(T)}, up {Show(rise)} over {lastW}. " +
                "The steps overshoot further each time: use a smaller learning rate.");

        int switches = 0, moves = 0;
        double travel = 0;
        double noise = 1e-12 * range;
        double previous = 0;
        for (int t = T - w + 1; t <= T; t++)
        {
            double d = losses[t] - losses[t - 1];
            travel += Math.Abs(d);
            if (Math.Abs(d) <= noise) continue;
            if (moves > 0 && Math.Sign(d) != Math.Sign(previous)) switches++;
            moves++;
            previous = d;
        }
        double meanChange = travel / w;
        if (moves >= 2 && switches >= (moves - 1) / 2.0 && meanChange >= OscillationFraction * range && Math.Abs(rise) < 0.5 * travel)
            return new(TraceVerdict.Oscillating,
                $"The loss is oscillating between values rather than converging: {switches} of its last {moves - 1} changes switch direction, " +
                $"by {Show(meanChange)} on average, while the loss moved only {Show(Math.Abs(rise))} over {lastW}. " +
                "The steps overshoot the minimum: use a smaller learning rate.");

        double drop = before - last;
        if (drop > StillMovingFraction * range)
            return new(TraceVerdict.TooSlow,
                $"The loss is still decreasing: it fell {Show(drop)} over {lastW} ({Percent(drop / range)} of its whole range), " +
                $"so descent has not hit the bottom. Take more steps or use a larger learning rate.");

        return new(TraceVerdict.Converging,
            $"The loss stabilized: it went from {Show(first)} to {Show(last)} and changed by {Show(Math.Abs(rise))} " +
            $"({Percent(Math.Abs(rise) / range)} of its range) over {lastW}.");
    }

    /// <summary>"Oscillating: the loss is ...".</summary>
    public override string ToString() => $"{Verdict}: {Sentence}";

    private static string Show(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (100 * fraction).ToString("G3", CultureInfo.InvariantCulture) + "%";

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
