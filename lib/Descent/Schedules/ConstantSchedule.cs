namespace Descent.Schedules;

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

    /// <summary>α_t = α</summary>
    protected override double Rate(int t) => Alpha;

    /// <summary>For legends: "α = 0.3".</summary>
    public override string ToString() => $"α = {Show(Alpha)}";
}
