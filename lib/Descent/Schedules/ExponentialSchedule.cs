namespace Descent.Schedules;

/// <summary>
/// Exponential decay: α_t = α_0 e^(−k t).
/// </summary>
/// <remarks>
/// The NPTEL deck prints this as α = α_0^(−kt), a typo: raising α_0 &lt; 1 to a negative power would make the
/// learning rate grow. The intended rule, used here, multiplies α_0 by e^(−k t).
/// </remarks>
public sealed class ExponentialSchedule : Schedule
{
    /// <summary>Creates an exponential-decay schedule.</summary>
    /// <param name="alpha0">α_0, the starting learning rate (finite, &gt; 0).</param>
    /// <param name="k">The decay rate k (finite, ≥ 0; 0 keeps α constant).</param>
    public ExponentialSchedule(double alpha0, double k)
    {
        Guard.LearningRate(alpha0, nameof(alpha0));
        Guard.NonNegativeFinite(k, nameof(k), "decay rate", "0.01");
        Alpha0 = alpha0;
        K = k;
    }

    /// <summary>α_0, the starting learning rate.</summary>
    public double Alpha0 { get; }

    /// <summary>The decay rate k.</summary>
    public double K { get; }

    /// <summary>α_t = α_0 e^(−k t)</summary>
    protected override double Rate(int t) => Alpha0 * Math.Exp(-K * t);

    /// <summary>For legends: "α = 0.1 e^(−0.01 t)".</summary>
    public override string ToString() => $"α = {Show(Alpha0)} e^(−{Show(K)} t)";
}
