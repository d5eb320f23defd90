using System.Globalization;

namespace Descent.Schedules;

/// <summary>
/// A learning rate as a function of the step: α_t. A plain number converts to a constant schedule,
/// so every optimizer accepts either <c>alpha: 0.1</c> or <c>alpha: Schedule.Exponential(0.1, 0.01)</c>.
/// </summary>
/// <remarks>
/// t counts the steps already taken: the first step uses α_0. Schedules are plain functions of t (as in Optax),
/// so they can be plotted on their own with <see cref="Values"/> and printed in legends with <c>ToString()</c>.
/// </remarks>
public abstract class Schedule
{
    /// <summary>α_t, the learning rate used by step t (t = 0 for the first step).</summary>
    /// <exception cref="ArgumentOutOfRangeException">t is negative.</exception>
    public double At(int t)
    {
        if (t < 0)
            throw new ArgumentOutOfRangeException(nameof(t), t,
                $"The step t must be 0 or more (t = 0 is the first step), but it was {t}.");
        return Rate(t);
    }

    /// <summary>α_t for t ≥ 0: the schedule's formula.</summary>
    protected abstract double Rate(int t);

    /// <summary>α_0, α_1, ..., α_(steps−1): the schedule's values over a run, for plotting.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is less than 1.</exception>
    public double[] Values(int steps)
    {
        Guard.Positive(steps, nameof(steps), "number of steps");
        var values = new double[steps];
        for (int t = 0; t < steps; t++) values[t] = Rate(t);
        return values;
    }

    /// <summary>A constant learning rate α.</summary>
    public static implicit operator Schedule(double alpha) => new ConstantSchedule(alpha);

    /// <summary>A constant learning rate: α_t = α.</summary>
    public static Schedule Constant(double alpha) => new ConstantSchedule(alpha);

    /// <summary>Step decay: α_t = α_0 · factor^⌊t / every⌋ (multiply by <paramref name="factor"/> every <paramref name="every"/> steps).</summary>
    public static Schedule StepDecay(double alpha0, double factor, int every) => new StepDecaySchedule(alpha0, factor, every);

    /// <summary>Exponential decay: α_t = α_0 e^(−k t).</summary>
    public static Schedule Exponential(double alpha0, double k) => new ExponentialSchedule(alpha0, k);

    /// <summary>1/t decay: α_t = α_0 / (1 + k t).</summary>
    public static Schedule InverseTime(double alpha0, double k) => new InverseTimeSchedule(alpha0, k);

    /// <summary>Error-triggered step decay: α_0 = <paramref name="alpha0"/>, multiplied by <paramref name="factor"/> after every step that raised the loss.</summary>
    public static ErrorTriggeredSchedule ErrorTriggered(double alpha0, double factor = 0.5) => new(alpha0, factor);

    /// <summary>Any function of the step: α_t = <paramref name="rate"/>(t); <paramref name="name"/> is shown in legends.</summary>
    public static Schedule From(Func<int, double> rate, string name = "custom schedule") => new FunctionSchedule(rate, name);

    /// <summary>A number for legends: up to 6 significant digits, invariant culture.</summary>
    internal static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
