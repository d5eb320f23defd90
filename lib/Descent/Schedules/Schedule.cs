namespace Descent.Schedules;

/// <summary>
/// A learning rate as a function of the step: α_t. A plain number converts to a constant schedule,
/// so every optimizer accepts either <c>alpha: 0.1</c> or <c>alpha: Schedule.Exponential(0.1, 0.01)</c>.
/// </summary>
/// <remarks>t counts the steps already taken: the first step uses α_0.</remarks>
public abstract class Schedule
{
    /// <summary>α_t, the learning rate used by step t (t = 0 for the first step).</summary>
    public abstract double At(int t);

    /// <summary>A constant learning rate α.</summary>
    public static implicit operator Schedule(double alpha) => new ConstantSchedule(alpha);

    /// <summary>A constant learning rate: α_t = α.</summary>
    public static Schedule Constant(double alpha) => new ConstantSchedule(alpha);
}

/// <summary>α_t = α for every t.</summary>
public sealed class ConstantSchedule : Schedule
{
    /// <summary>Creates a constant schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not a finite positive number.</exception>
    public ConstantSchedule(double alpha)
    {
        Guard.LearningRate(alpha, nameof(alpha));
        Alpha = alpha;
    }

    /// <summary>The learning rate α.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override double At(int t) => Alpha;

    /// <summary>For legends: "α = 0.3".</summary>
    public override string ToString() => $"α = {Alpha.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}";
}
