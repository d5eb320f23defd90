using System.Globalization;

namespace Descent.Training;

/// <summary>
/// When a run counts as diverged, and from which step. Every loss in this library is bounded below, so a run that is
/// working goes down towards that bound (with some bouncing on the way); a run that diverges goes up, away from its
/// start, and does not come back.
/// </summary>
/// <remarks>
/// <para>
/// Let s = max(|L₀|, L₀ − L_best) be the size of the loss in the run so far: its start, or how far it has come down,
/// whichever is larger. The loss is <b>well above its start</b> when L_t &gt; L₀ + 2s: it rose above where it began by
/// more than twice the size of the loss (for a positive loss that has not come down much: more than three times its
/// start). A run has diverged after step t when any of these holds:
/// </para>
/// <list type="number">
/// <item>θ_t or L_t is not finite (the numbers overflowed);</item>
/// <item>the loss is well above its start and rose at each of the last <see cref="RisingSteps"/> steps (a climb: the loss
/// grows geometrically, like GD's on a bowl with α &gt; 2/L, or steadily);</item>
/// <item>the loss has been well above its start at each of the last <see cref="StuckSteps"/> steps (stuck far up: it may
/// bounce, but it never comes back down);</item>
/// <item>L_t exploded past <see cref="StopRule.DivergenceFactor"/> × max(1, |L₀|) (a shortcut for a loss that is shooting off).</item>
/// </list>
/// <para>
/// A mini-batch run that records only every k-th step is judged on the steps it records: "in a row" means in a row of records.
/// </para>
/// <para>
/// Why not a threshold alone? A loss that grows geometrically, like L_t = 4^t for GD on f(x) = x² with α = 1.5, crosses
/// 10⁶ × L₀ after a few steps. But the cross-entropy grows only linearly in ‖θ‖: logistic regression on unscaled features
/// with α = 0.5 jumps from 0.693 to a few thousand in one step and then bounces between hundreds and thousands for ever.
/// It never reaches 10⁶ × 0.693, so a threshold never fires; rule 3 does, because the loss never comes back down.
/// </para>
/// <para>
/// Why not flag every rise? Runs that converge also go up now and then: momentum climbs the far side of a valley,
/// GD with α just under 2/L bounces, mini-batch and gradient noise shake the loss. Those rises mostly stay below the
/// start, or last a few steps, or stay within a couple of sizes of the loss (gradient noise carrying a run over the
/// quartic's hump); requiring a loss well above the start for 10 rising or 20 consecutive steps leaves them alone.
/// </para>
/// <para>
/// Momentum started from rest can climb above where it began. Its first step is a plain gradient step, which multiplies
/// the error along a direction of curvature λ by 1 − αλ: beyond the start when αλ &gt; 2. Gradient descent would diverge
/// there, but momentum stays stable up to αλ = 2(1 + γ), so a converging momentum run can begin with such swings, and
/// they can grow for a while before they shrink. They often die out before the rules fire (at the best α and γ of
/// lesson 11 on a bowl with κ = 100 the loss rises to 13.6 times its start, then converges). When they stay well above
/// the start long enough (the same for κ = 1000: up to 117 times its start), a run that would converge is stopped as
/// diverged; step such a run with
/// <see cref="Analysis.ErrorDecay.Distances(Optimizers.Stepper, IObjective, IReadOnlyList{double}, int, IReadOnlyList{double})"/>,
/// which never stops early.
/// </para>
/// <para>
/// The onset, <see cref="Run.DivergedAt"/>, is where the climb began, which is usually well before the loop notices.
/// Call a step <b>good</b> when it lowered the loss and left it at or below the start (L_t &lt; L_(t−1) and L_t ≤ L₀), and
/// <b>bad</b> otherwise. The onset is the first of the unbroken run of bad steps that ends where the divergence was
/// noticed: the step after the last good step. GD on f(x) = x² with α = 1.5 diverges at step 1 (|x| doubles every step
/// from the start), although the loop notices at step 10.
/// </para>
/// </remarks>
public static class Divergence
{
    /// <summary>Rule 2: how many steps in a row the loss must have risen: 10.</summary>
    public const int RisingSteps = 10;

    /// <summary>Rule 3: how many steps in a row the loss must have stayed well above its start: 20.</summary>
    public const int StuckSteps = 20;

    /// <summary>
    /// Whether the step that produced record <paramref name="i"/> was bad: it raised the loss (or made it non-finite),
    /// or left it above the start. Record 0, the start, is not a step.
    /// </summary>
    public static bool IsBadStep(IReadOnlyList<StepRecord> steps, int i)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (i < 1 || i >= steps.Count)
            throw new ArgumentOutOfRangeException(nameof(i), i, $"Steps are records 1 to {steps.Count - 1}; record 0 is the start.");
        return IsBad(steps[i].Loss, steps[i - 1].Loss, steps[0].Loss);
    }

    /// <summary>
    /// The onset of a divergence that was noticed at the last record: the step t of the first record of the unbroken
    /// stretch of bad steps that ends there (the last record's own t if that step was good).
    /// </summary>
    /// <exception cref="ArgumentException">There are no records.</exception>
    public static int Onset(IReadOnlyList<StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) throw new ArgumentException("A run needs at least its starting record (t = 0).", nameof(steps));
        return steps[OnsetIndex(steps)].T;
    }

    /// <summary>The index of the onset's record: walk back from the last record while the step before was bad too.</summary>
    private static int OnsetIndex(IReadOnlyList<StepRecord> steps)
    {
        int i = steps.Count - 1;
        while (i > 1 && IsBad(steps[i - 1].Loss, steps[i - 2].Loss, steps[0].Loss)) i--;
        return i;
    }

    /// <summary>Bad: not (lower than the loss before and at most the start). NaN compares false, so a NaN loss is bad.</summary>
    internal static bool IsBad(double loss, double previous, double loss0) => !(loss < previous && loss <= loss0);

    /// <summary>
    /// Well above the start: L &gt; L₀ + 2s, where s = max(|L₀|, L₀ − L_best) is the size of the loss in this run
    /// (its start, or how far it had come down, whichever is larger). When s = 0 there is nothing to measure by, and
    /// no loss counts as well above.
    /// </summary>
    internal static bool WellAboveStart(double loss, double loss0, double best)
    {
        double size = Math.Max(Math.Abs(loss0), loss0 - best);
        return size > 0 && loss > loss0 + 2 * size;
    }

    /// <summary>
    /// The sentence a diverged run ends with: where the climb began, how far the loss went, and what to try.
    /// </summary>
    internal static string Message(IReadOnlyList<StepRecord> steps, double alpha, double factor, bool exploded)
    {
        int at = OnsetIndex(steps);
        int onset = steps[at].T;
        var last = steps[^1];
        double loss0 = steps[0].Loss;
        var before = steps[Math.Max(0, at - 1)];
        string from = $"diverged at step {onset}: ";
        string rose = $"the loss rose from {Show(before.Loss)} (step {before.T})";
        if (!double.IsFinite(last.Loss) || !AllFinite(last.Theta))
        {
            string became = double.IsFinite(last.Loss) ? "θ became non-finite" : $"the loss became {Show(last.Loss)}";
            return from + (onset == last.T ? became : $"{rose} until {became} at step {last.T}") +
                   $" (it started at {Show(loss0)}). The steps overshot until the numbers overflowed: " +
                   $"try a smaller learning rate than α = {Show(alpha)}.";
        }
        return from + $"{rose} to {Show(last.Loss)} at step {last.T}, " +
               (exploded
                   ? Math.Abs(loss0) >= 1
                       ? $"more than {Show(factor)} times its start {Show(loss0)}. "
                       : $"past {Show(factor)}, the limit for a loss that started at {Show(loss0)} " +
                         $"({Show(factor)} × max(1, |start|)). "
                   : $"every step raising it or leaving it above its start {Show(loss0)}. ") +
               $"The steps overshoot the minimum: try a smaller learning rate than α = {Show(alpha)}.";
    }

    private static bool AllFinite(double[] xs)
    {
        foreach (var x in xs) if (!double.IsFinite(x)) return false;
        return true;
    }

    private static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>
/// Follows a run's losses as they are recorded and says when the run has diverged, by the rules of
/// <see cref="Divergence"/>.
/// </summary>
internal sealed class DivergenceWatch(double start, double factor)
{
    private readonly double loss0 = start;
    private readonly double explosion = factor * Math.Max(1, Math.Abs(start));
    private double previous = start;
    private double best = start;
    private int risingInARow;
    private int wellAboveInARow;

    /// <summary>Whether the loss exploded past the factor (rule 4) when <see cref="Diverged"/> last said yes.</summary>
    public bool Exploded { get; private set; }

    /// <summary>Takes the next recorded loss and θ; true when the run has diverged.</summary>
    public bool Diverged(ReadOnlySpan<double> theta, double loss)
    {
        risingInARow = loss > previous ? risingInARow + 1 : 0;
        bool wellAbove = Divergence.WellAboveStart(loss, loss0, best);
        wellAboveInARow = wellAbove ? wellAboveInARow + 1 : 0;
        previous = loss;
        best = Math.Min(best, loss);
        if (!double.IsFinite(loss) || !DescentLoop.AllFinite(theta)) return true;
        Exploded = loss > explosion;
        return Exploded
            || (wellAbove && risingInARow >= Divergence.RisingSteps)
            || wellAboveInARow >= Divergence.StuckSteps;
    }
}
