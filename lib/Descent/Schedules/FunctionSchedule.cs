namespace Descent.Schedules;

/// <summary>
/// A schedule from any function of the step: α_t = rate(t). The optimizer checks each value it uses
/// (it must be finite and &gt; 0) and says at which step a value was not.
/// </summary>
public sealed class FunctionSchedule : Schedule
{
    private readonly Func<int, double> rate;

    /// <summary>Creates a schedule from <paramref name="rate"/>, named <paramref name="name"/> in legends.</summary>
    public FunctionSchedule(Func<int, double> rate, string name = "custom schedule")
    {
        ArgumentNullException.ThrowIfNull(rate);
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("Give the schedule a name for legends, such as \"warm-up then decay\".", nameof(name));
        this.rate = rate;
        Name = name;
    }

    /// <summary>The name shown in legends.</summary>
    public string Name { get; }

    /// <summary>α_t = rate(t)</summary>
    protected override double Rate(int t) => rate(t);

    /// <summary>The name given at construction.</summary>
    public override string ToString() => Name;
}
