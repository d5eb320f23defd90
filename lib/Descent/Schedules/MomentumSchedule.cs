using System.Globalization;

namespace Descent.Schedules;

/// <summary>
/// The momentum coefficient as a function of the step: γ_t (t = 0 for the first step). A plain number converts to a
/// constant γ, so <c>new Momentum(0.3, 0.9)</c> and <c>new Momentum(0.3, MomentumSchedule.WarmUp(0.5, 20, 0.9))</c>
/// both work.
/// </summary>
public sealed class MomentumSchedule
{
    private readonly Func<int, double> gamma;
    private readonly string description;

    private MomentumSchedule(Func<int, double> gamma, string description)
    {
        this.gamma = gamma;
        this.description = description;
    }

    /// <summary>γ_t, the momentum coefficient used by step t (t = 0 for the first step).</summary>
    /// <exception cref="ArgumentOutOfRangeException">t is negative.</exception>
    public double At(int t)
    {
        if (t < 0)
            throw new ArgumentOutOfRangeException(nameof(t), t,
                $"The step t must be 0 or more (t = 0 is the first step), but it was {t}.");
        return gamma(t);
    }

    /// <summary>Whether γ_t is the same for every step.</summary>
    public bool IsConstant { get; private init; }

    /// <summary>A constant γ in [0, 1).</summary>
    public static MomentumSchedule Constant(double gamma)
    {
        Guard.UnitInterval(gamma, nameof(gamma), "momentum coefficient");
        return new MomentumSchedule(_ => gamma, Show(gamma)) { IsConstant = true };
    }

    /// <summary>A constant γ.</summary>
    public static implicit operator MomentumSchedule(double gamma) => Constant(gamma);

    /// <summary>
    /// The NPTEL deck's advice, "γ is set to 0.5 until initial learning stabilizes and then increased to 0.9":
    /// γ_t = <paramref name="first"/> for the first <paramref name="steps"/> steps (t &lt; steps), then <paramref name="then"/>.
    /// </summary>
    public static MomentumSchedule WarmUp(double first, int steps, double then)
    {
        Guard.UnitInterval(first, nameof(first), "momentum coefficient");
        Guard.UnitInterval(then, nameof(then), "momentum coefficient");
        Guard.Positive(steps, nameof(steps), "number of warm-up steps");
        return new MomentumSchedule(t => t < steps ? first : then,
            $"{Show(first)} for {steps} steps, then {Show(then)}");
    }

    /// <summary>
    /// γ_t = t / (t + 3): 0 at the first step, rising towards 1. With α = 1/L on a convex function with an L-Lipschitz
    /// gradient, Nesterov's method with this γ_t brings L(θ_k) − L* down like 1/k², where gradient descent only gets 1/k
    /// (the (k − 1)/(k + 2) of Nesterov 1983 and Su, Boyd and Candès 2016, with k = t + 1).
    /// </summary>
    public static MomentumSchedule Accelerated() => new(t => t / (t + 3.0), "t / (t + 3)");

    /// <summary>For legends: "0.9", "0.5 for 20 steps, then 0.9", "t / (t + 3)".</summary>
    public override string ToString() => description;

    private static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
