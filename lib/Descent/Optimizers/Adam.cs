using Descent.Schedules;

namespace Descent.Optimizers;

/// <summary>
/// Adaptive moments (NPTEL), momentum and RMSProp combined:
/// s_t = ρ₁ s_(t−1) + (1 − ρ₁) g;  r_t = ρ₂ r_(t−1) + (1 − ρ₂) g²;
/// s̃_t = s_t / (1 − ρ₁^t), r̃_t = r_t / (1 − ρ₂^t);  θ_(t+1) = θ_t − α s̃_t / (δ + √r̃_t).
/// </summary>
/// <remarks>
/// The deck writes the first moment as s_t = ρ₁ r_(t−1) + (1 − ρ₁) g: a typo. The first moment averages
/// gradients, so it decays its own previous value s_(t−1), as here.
/// Because s and r start at 0, the early averages are biased towards 0; bias correction divides that out.
/// With it, the first step is α · g / (δ + |g|) ≈ α sign(g). Switch it off (<c>biasCorrection: false</c>) to
/// see what it changes: the first step becomes α (1 − ρ₁) g / (δ + √(1 − ρ₂) |g|) ≈ 3.16 α sign(g) for the defaults.
/// </remarks>
public sealed class Adam : Stepper
{
    private readonly double ρ1;
    private readonly double ρ2;
    private readonly double δ;
    private double[] s = [];
    private double[] r = [];

    /// <summary>Adam with learning rate α, moment decay rates ρ₁ and ρ₂, and stabilizer δ.</summary>
    /// <param name="alpha">α, a number or a schedule; 0.001 by default.</param>
    /// <param name="rho1">ρ₁ in [0, 1): decay of the first moment (the average gradient); 0.9 by default.</param>
    /// <param name="rho2">ρ₂ in [0, 1): decay of the second moment (the average squared gradient); 0.999 by default.</param>
    /// <param name="delta">δ &gt; 0, a small constant for numeric stability (the deck: usually 10⁻⁸).</param>
    /// <param name="biasCorrection">Divide the moments by (1 − ρ^t), as Adam does; false only to show why.</param>
    /// <exception cref="ArgumentOutOfRangeException">ρ₁ or ρ₂ is outside [0, 1), or δ is not a finite number &gt; 0.</exception>
    public Adam(Schedule? alpha = null, double rho1 = 0.9, double rho2 = 0.999, double delta = 1e-8, bool biasCorrection = true)
        : base(alpha ?? 0.001)
    {
        Guard.UnitInterval(rho1, nameof(rho1), "first-moment decay rate");
        Guard.UnitInterval(rho2, nameof(rho2), "second-moment decay rate");
        Guard.PositiveFinite(delta, nameof(delta), "stabilizing constant", "1e-8");
        ρ1 = rho1;
        ρ2 = rho2;
        δ = delta;
        BiasCorrection = biasCorrection;
    }

    /// <summary>ρ₁, the decay rate of the first moment s.</summary>
    public double Rho1 => ρ1;

    /// <summary>ρ₂, the decay rate of the second moment r.</summary>
    public double Rho2 => ρ2;

    /// <summary>δ, the stabilizing constant.</summary>
    public double Delta => δ;

    /// <summary>Whether the moments are divided by (1 − ρ^t).</summary>
    public bool BiasCorrection { get; }

    /// <summary>s, the first moment (average gradient), before bias correction. Also <c>State["s"]</c>.</summary>
    public IReadOnlyList<double> FirstMoment => s;

    /// <summary>r, the second moment (average squared gradient), before bias correction. Also <c>State["r"]</c>.</summary>
    public IReadOnlyList<double> SecondMoment => r;

    /// <inheritdoc />
    public override string Name =>
        $"Adam ({LearningRate}, ρ₁ = {Schedule.Show(ρ1)}, ρ₂ = {Schedule.Show(ρ2)}{(BiasCorrection ? "" : ", no bias correction")})";

    /// <inheritdoc />
    protected override void Allocate(int dimension)
    {
        s = NewState("s", dimension);
        r = NewState("r", dimension);
    }

    /// <summary>
    /// s_t = ρ₁ s_(t−1) + (1 − ρ₁) g;  r_t = ρ₂ r_(t−1) + (1 − ρ₂) g²;
    /// s̃_t = s_t / (1 − ρ₁^t), r̃_t = r_t / (1 − ρ₂^t);  θ_(t+1) = θ_t − α s̃_t / (δ + √r̃_t)
    /// </summary>
    protected override void Update(Span<double> θ, GradientOracle gradientAt, Span<double> g, double α)
    {
        gradientAt(θ, g);                                       // g = ∇L(θ_t)
        int t = T;
        double c1 = BiasCorrection ? 1 - Math.Pow(ρ1, t) : 1;   // 1 − ρ₁^t
        double c2 = BiasCorrection ? 1 - Math.Pow(ρ2, t) : 1;   // 1 − ρ₂^t
        for (int i = 0; i < θ.Length; i++)
        {
            s[i] = ρ1 * s[i] + (1 - ρ1) * g[i];                 // s_t = ρ₁ s_(t−1) + (1 − ρ₁) g
            r[i] = ρ2 * r[i] + (1 - ρ2) * g[i] * g[i];          // r_t = ρ₂ r_(t−1) + (1 − ρ₂) g²
            double sTilde = s[i] / c1, rTilde = r[i] / c2;      // s̃_t = s_t / (1 − ρ₁^t), r̃_t = r_t / (1 − ρ₂^t)
            θ[i] -= α * sTilde / (δ + Math.Sqrt(rTilde));       // θ_(t+1) = θ_t − α s̃_t / (δ + √r̃_t)
        }
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        s = [];
        r = [];
    }
}
