using Descent.Schedules;

namespace Descent.Optimizers;

/// <summary>
/// Adaptive gradients (NPTEL): r_t = r_(t−1) + g²;  θ_(t+1) = θ_t − α / (δ + √r_t) · g, element by element.
/// Each parameter gets its own step size: parameters with small or rare gradients take larger steps.
/// Because r only grows, the steps die out over time.
/// </summary>
public sealed class Adagrad : Stepper
{
    private readonly double δ;
    private double[] r = [];

    /// <summary>Adagrad with learning rate α and stabilizer δ.</summary>
    /// <param name="alpha">α, a number or a schedule; 0.01 by default.</param>
    /// <param name="delta">δ &gt; 0, a small constant for numeric stability (the deck: usually 10⁻⁷).</param>
    /// <exception cref="ArgumentOutOfRangeException">δ is not a finite number &gt; 0.</exception>
    public Adagrad(Schedule? alpha = null, double delta = 1e-7) : base(alpha ?? 0.01)
    {
        Guard.PositiveFinite(delta, nameof(delta), "stabilizing constant", "1e-7");
        δ = delta;
    }

    /// <summary>δ, the stabilizing constant.</summary>
    public double Delta => δ;

    /// <summary>r, the accumulated squared gradients (empty before the first step). Also <c>State["r"]</c>.</summary>
    public IReadOnlyList<double> SquaredGradientSum => r;

    /// <inheritdoc />
    public override string Name => $"Adagrad ({LearningRate})";

    /// <inheritdoc />
    protected override void Allocate(int dimension) => r = NewState("r", dimension);

    /// <summary>r_t = r_(t−1) + g²;  θ_(t+1) = θ_t − α / (δ + √r_t) · g</summary>
    protected override void Update(Span<double> θ, GradientOracle gradientAt, Span<double> g, double α)
    {
        gradientAt(θ, g);                               // g = ∇L(θ_t)
        for (int i = 0; i < θ.Length; i++)
        {
            r[i] = r[i] + g[i] * g[i];                  // r_t = r_(t−1) + g²
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
