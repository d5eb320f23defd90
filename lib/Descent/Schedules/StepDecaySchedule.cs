namespace Descent.Schedules;

/// <summary>
/// Step decay (NPTEL: "reduce the learning rate after every n iterations"): α_t = α_0 · factor^⌊t / n⌋.
/// With α_0 = 0.1, factor 0.5 and n = 10, steps 0–9 use 0.1, steps 10–19 use 0.05, and so on.
/// </summary>
public sealed class StepDecaySchedule : Schedule
{
    /// <summary>Creates a step-decay schedule.</summary>
    /// <param name="alpha0">α_0, the starting learning rate (finite, &gt; 0).</param>
    /// <param name="factor">What α is multiplied by every <paramref name="every"/> steps, in (0, 1].</param>
    /// <param name="every">n, the number of steps between reductions (at least 1).</param>
    public StepDecaySchedule(double alpha0, double factor, int every)
    {
        Guard.LearningRate(alpha0, nameof(alpha0));
        if (!double.IsFinite(factor) || factor <= 0 || factor > 1)
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                $"The decay factor must be in (0, 1] (α is multiplied by it every {every} steps), but it was {Show(factor)}. " +
                "Pass a value such as 0.5 to halve the learning rate.");
        Guard.Positive(every, nameof(every), "number of steps between reductions");
        Alpha0 = alpha0;
        Factor = factor;
        Every = every;
    }

    /// <summary>α_0, the starting learning rate.</summary>
    public double Alpha0 { get; }

    /// <summary>The factor α is multiplied by every <see cref="Every"/> steps.</summary>
    public double Factor { get; }

    /// <summary>n, the number of steps between reductions.</summary>
    public int Every { get; }

    /// <summary>α_t = α_0 · factor^⌊t / n⌋</summary>
    protected override double Rate(int t) => Alpha0 * Math.Pow(Factor, t / Every);

    /// <summary>For legends: "α = 0.1 × 0.5 every 10 steps".</summary>
    public override string ToString() => $"α = {Show(Alpha0)} × {Show(Factor)} every {Every} steps";
}
