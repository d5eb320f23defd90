using Descent.Schedules;

namespace Descent.Optimizers;

/// <summary>
/// Plain gradient descent: θ_(t+1) = θ_t − α ∇L(θ_t).
/// </summary>
public sealed class GradientDescent : Stepper
{
    /// <summary>Gradient descent with learning rate α (a number or a schedule).</summary>
    public GradientDescent(Schedule alpha) : base(alpha) { }

    /// <inheritdoc />
    public override string Name => $"GD ({LearningRate})";

    /// <summary>θ_(t+1) = θ_t − α ∇L(θ_t)</summary>
    protected override void Update(Span<double> θ, GradientOracle gradientAt, Span<double> g, double α)
    {
        gradientAt(θ, g);                // g = ∇L(θ_t)
        for (int i = 0; i < θ.Length; i++)
            θ[i] -= α * g[i];            // θ_(t+1) = θ_t − α g
    }
}
