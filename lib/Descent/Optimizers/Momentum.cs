using Descent.Schedules;

namespace Descent.Optimizers;

/// <summary>
/// Momentum-based gradient descent (NPTEL): v_t = γ v_(t−1) + α ∇L(θ_t);  θ_(t+1) = θ_t − v_t.
/// The velocity v remembers past gradients, so steps grow along a consistent direction and damp where
/// the gradient keeps changing sign.
/// </summary>
public sealed class Momentum : Stepper
{
    private double[] v = [];

    /// <summary>Momentum with learning rate α and momentum coefficient γ.</summary>
    /// <param name="alpha">α, a number or a schedule.</param>
    /// <param name="gamma">γ in [0, 1): how much of the previous velocity is kept (the deck: 0.5 early, then 0.9 or more).</param>
    /// <param name="convention">How the velocity is written; the deck's form by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">γ is outside [0, 1).</exception>
    public Momentum(Schedule alpha, double gamma = 0.9,
        MomentumConvention convention = MomentumConvention.VelocityIncludesLearningRate)
        : this(alpha, MomentumSchedule.Constant(gamma), convention) { }

    /// <summary>Momentum whose coefficient changes with the step, e.g. <c>MomentumSchedule.WarmUp(0.5, 20, 0.9)</c>.</summary>
    /// <param name="alpha">α, a number or a schedule.</param>
    /// <param name="gamma">γ_t: the coefficient step t uses.</param>
    /// <param name="convention">How the velocity is written; the deck's form by default.</param>
    public Momentum(Schedule alpha, MomentumSchedule gamma,
        MomentumConvention convention = MomentumConvention.VelocityIncludesLearningRate) : base(alpha)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        if (!Enum.IsDefined(convention))
            throw new ArgumentOutOfRangeException(nameof(convention), convention,
                $"Unknown momentum convention {(int)convention}; use one of {string.Join(", ", Enum.GetNames<MomentumConvention>())}.");
        GammaSchedule = gamma;
        Convention = convention;
    }

    /// <summary>γ (written β in the other conventions): the fraction of the previous velocity kept, by the last step
    /// (the first step's before any step is taken).</summary>
    public double Gamma => GammaSchedule.At(Math.Max(T - 1, 0));

    /// <summary>γ_t for every step t: a constant unless a schedule was given.</summary>
    public MomentumSchedule GammaSchedule { get; }

    /// <summary>How the velocity is written.</summary>
    public MomentumConvention Convention { get; }

    /// <summary>The velocity v (empty before the first step). Also <c>State["v"]</c>.</summary>
    public IReadOnlyList<double> Velocity => v;

    /// <inheritdoc />
    public override string Name => Convention switch
    {
        MomentumConvention.VelocityIncludesLearningRate => $"Momentum ({LearningRate}, γ = {GammaSchedule})",
        MomentumConvention.SumOfGradients => $"Momentum, v = βv + g ({LearningRate}, β = {GammaSchedule})",
        _ => $"Momentum, v = βv + (1−β)g ({LearningRate}, β = {GammaSchedule})",
    };

    /// <inheritdoc />
    protected override void Allocate(int dimension) => v = NewState("v", dimension);

    /// <summary>
    /// v_t = γ v_(t−1) + α ∇L(θ_t);  θ_(t+1) = θ_t − v_t
    /// (or, by <see cref="Convention"/>: v_t = β v_(t−1) + g, θ −= α v_t; v_t = β v_(t−1) + (1 − β) g, θ −= α v_t).
    /// </summary>
    protected override void Update(Span<double> θ, GradientOracle gradientAt, Span<double> g, double α)
    {
        gradientAt(θ, g);                               // g = ∇L(θ_t)
        double γ = GammaSchedule.At(T - 1), β = γ;      // γ_t (T already counts this step)
        switch (Convention)
        {
            case MomentumConvention.VelocityIncludesLearningRate:
                for (int i = 0; i < θ.Length; i++)
                {
                    v[i] = γ * v[i] + α * g[i];         // v_t = γ v_(t−1) + α g
                    θ[i] -= v[i];                       // θ_(t+1) = θ_t − v_t
                }
                break;
            case MomentumConvention.SumOfGradients:
                for (int i = 0; i < θ.Length; i++)
                {
                    v[i] = β * v[i] + g[i];             // v_t = β v_(t−1) + g
                    θ[i] -= α * v[i];                   // θ_(t+1) = θ_t − α v_t
                }
                break;
            case MomentumConvention.AverageOfGradients:
                for (int i = 0; i < θ.Length; i++)
                {
                    v[i] = β * v[i] + (1 - β) * g[i];   // v_t = β v_(t−1) + (1 − β) g
                    θ[i] -= α * v[i];                   // θ_(t+1) = θ_t − α v_t
                }
                break;
        }
    }

    /// <summary>
    /// The learning rate that makes convention <paramref name="to"/> follow the same path as convention
    /// <paramref name="from"/> with learning rate <paramref name="alpha"/> and coefficient <paramref name="beta"/>
    /// (for a constant α). The average form's velocity is (1 − β) times the sum form's, so its α is divided by (1 − β).
    /// </summary>
    public static double EquivalentLearningRate(double alpha, double beta, MomentumConvention from, MomentumConvention to)
    {
        Guard.LearningRate(alpha, nameof(alpha));
        Guard.UnitInterval(beta, nameof(beta), "momentum coefficient");
        double Scale(MomentumConvention c) => c == MomentumConvention.AverageOfGradients ? 1 - beta : 1;
        return alpha * Scale(from) / Scale(to);
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        v = [];
    }
}
