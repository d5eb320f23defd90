using Descent.Schedules;

namespace Descent.Optimizers;

/// <summary>
/// RMSProp (NPTEL): r_t = ρ r_(t−1) + (1 − ρ) g²;  θ_(t+1) = θ_t − α / (δ + √r_t) · g.
/// Like Adagrad, but r is a decaying average of squared gradients, so the steps do not die out.
/// </summary>
public sealed class RMSProp : Stepper
{
    private readonly double ρ;
    private readonly double δ;
    private double[] r = [];

    /// <summary>RMSProp with learning rate α, decay rate ρ and stabilizer δ.</summary>
    /// <param name="alpha">α, a number or a schedule; 0.001 by default.</param>
    /// <param name="rho">ρ in [0, 1): how much of the previous average is kept; 0.9 by default.</param>
    /// <param name="delta">δ &gt; 0, a small constant for numeric stability (the deck: usually 10⁻⁶).</param>
    /// <exception cref="ArgumentOutOfRangeException">ρ is outside [0, 1), or δ is not a finite number &gt; 0.</exception>
    public RMSProp(Schedule? alpha = null, double rho = 0.9, double delta = 1e-6) : base(alpha ?? 0.001)
    {
        Guard.UnitInterval(rho, nameof(rho), "decay rate");
        Guard.PositiveFinite(delta, nameof(delta), "stabilizing constant", "1e-6");
        ρ = rho;
        δ = delta;
    }

    /// <summary>ρ, the decay rate of the squared-gradient average.</summary>
    public double Rho => ρ;

    /// <summary>δ, the stabilizing constant.</summary>
    public double Delta => δ;

    /// <summary>r, the decaying average of squared gradients (empty before the first step). Also <c>State["r"]</c>.</summary>
    public IReadOnlyList<double> SquaredGradientAverage => r;

    /// <inheritdoc />
    public override string Name => $"RMSProp ({LearningRate}, ρ = {Schedule.Show(ρ)})";

    /// <inheritdoc />
    protected override void Allocate(int dimension) => r = NewState("r", dimension);

    /// <summary>r_t = ρ r_(t−1) + (1 − ρ) g²;  θ_(t+1) = θ_t − α / (δ + √r_t) · g</summary>
    protected override void Update(Span<double> θ, GradientOracle gradientAt, Span<double> g, double α)
    {
        gradientAt(θ, g);                               // g = ∇L(θ_t)
        for (int i = 0; i < θ.Length; i++)
        {
            r[i] = ρ * r[i] + (1 - ρ) * g[i] * g[i];    // r_t = ρ r_(t−1) + (1 − ρ) g²
            θ[i] -= α / (δ + Math.Sqrt(r[i])) * g[i];   // θ_(t+1) = θ_t − α / (δ + √r_t) g
        }
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        r = [];
    }
}
