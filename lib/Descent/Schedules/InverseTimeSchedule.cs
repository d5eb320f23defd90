namespace Descent.Schedules;

/// <summary>
/// 1/t decay: α_t = α_0 / (1 + k t). Decays more slowly than exponential decay, which suits SGD: the steps
/// shrink, but their sum still grows without bound.
/// </summary>
public sealed class InverseTimeSchedule : Schedule
{
    /// <summary>Creates a 1/t-decay schedule.</summary>
    /// <param name="alpha0">α_0, the starting learning rate (finite, &gt; 0).</param>
    /// <param name="k">The decay rate k (finite, ≥ 0; 0 keeps α constant).</param>
    public InverseTimeSchedule(double alpha0, double k)
    {
        Guard.LearningRate(alpha0, nameof(alpha0));
        Guard.NonNegativeFinite(k, nameof(k), "decay rate", "0.1");
        Alpha0 = alpha0;
        K = k;
    }

    /// <summary>α_0, the starting learning rate.</summary>
    public double Alpha0 { get; }

    /// <summary>The decay rate k.</summary>
    public double K { get; }

    /// <summary>α_t = α_0 / (1 + k t)</summary>
    protected override double Rate(int t) => Alpha0 / (1 + K * t);

    /// <summary>For legends: "α = 0.1 / (1 + 0.5 t)".</summary>
    public override string ToString() => $"α = {Show(Alpha0)} / (1 + {Show(K)} t)";
}
