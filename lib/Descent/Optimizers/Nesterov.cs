using Descent.Schedules;

namespace Descent.Optimizers;

/// <summary>
/// Nesterov accelerated momentum, "look before you leap" (NPTEL):
/// θ̃_t = θ_t − γ v_(t−1);  v_t = γ v_(t−1) + α ∇L(θ̃_t);  θ_(t+1) = θ_t − v_t.
/// The gradient is taken at the look-ahead point θ̃ where momentum alone would carry θ, so the step
/// corrects itself before overshooting.
/// </summary>
public sealed class Nesterov : Stepper
{
    private double[] v = [];
    private double[] lookAhead = [];

    /// <summary>Nesterov momentum with learning rate α and momentum coefficient γ.</summary>
    /// <param name="alpha">α, a number or a schedule.</param>
    /// <param name="gamma">γ in [0, 1): how much of the previous velocity is kept.</param>
    /// <exception cref="ArgumentOutOfRangeException">γ is outside [0, 1).</exception>
    public Nesterov(Schedule alpha, double gamma = 0.9) : this(alpha, MomentumSchedule.Constant(gamma)) { }

    /// <summary>
    /// Nesterov momentum whose coefficient changes with the step, e.g. <c>MomentumSchedule.Accelerated()</c>
    /// (γ_t = t / (t + 3), the choice that gives the 1/k² rate on convex functions).
    /// </summary>
    /// <param name="alpha">α, a number or a schedule.</param>
    /// <param name="gamma">γ_t: the coefficient step t uses.</param>
    public Nesterov(Schedule alpha, MomentumSchedule gamma) : base(alpha)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        GammaSchedule = gamma;
    }

    /// <summary>γ: the fraction of the previous velocity kept, by the last step (the first step's before any step is taken).</summary>
    public double Gamma => GammaSchedule.At(Math.Max(T - 1, 0));

    /// <summary>γ_t for every step t: a constant unless a schedule was given.</summary>
    public MomentumSchedule GammaSchedule { get; }

    /// <summary>The velocity v (empty before the first step). Also <c>State["v"]</c>.</summary>
    public IReadOnlyList<double> Velocity => v;

    /// <summary>The look-ahead point θ̃ = θ_t − γ v_(t−1) where the last step took its gradient.</summary>
    public IReadOnlyList<double> LookAhead => lookAhead;

    /// <inheritdoc />
    public override string Name => $"Nesterov ({LearningRate}, γ = {GammaSchedule})";

    /// <inheritdoc />
    protected override void Allocate(int dimension)
    {
        v = NewState("v", dimension);
        lookAhead = new double[dimension];
    }

    /// <summary>θ̃_t = θ_t − γ v_(t−1);  v_t = γ v_(t−1) + α ∇L(θ̃_t);  θ_(t+1) = θ_t − v_t</summary>
    protected override void Update(Span<double> θ, GradientOracle gradientAt, Span<double> g, double α)
    {
        double γ = GammaSchedule.At(T - 1);     // γ_t (T already counts this step)
        for (int i = 0; i < θ.Length; i++)
            lookAhead[i] = θ[i] - γ * v[i];     // θ̃_t = θ_t − γ v_(t−1)
        gradientAt(lookAhead, g);               // g = ∇L(θ̃_t)
        for (int i = 0; i < θ.Length; i++)
        {
            v[i] = γ * v[i] + α * g[i];         // v_t = γ v_(t−1) + α g
            θ[i] -= v[i];                       // θ_(t+1) = θ_t − v_t
        }
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        v = [];
        lookAhead = [];
    }
}
