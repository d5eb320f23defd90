namespace Descent.Functions;

/// <summary>The two-variable teaching surfaces, ready to use: <c>Surfaces.Bowl.Value([1.0, 2.0])</c>.</summary>
public static class Surfaces
{
    /// <summary>The Data 100 worked example f(θ₀, θ₁) = 8θ₀² + 3θ₀θ₁ (∇f = (16θ₀ + 3θ₁, 3θ₀)).</summary>
    public static GradientExample GradientExample { get; } = new();

    /// <summary>The bowl f(x₁, x₂) = x₁² + 2x₂² (condition number 2).</summary>
    public static Bowl Bowl { get; } = new(1, 2, "bowl");

    /// <summary>The ill-conditioned bowl f(x₁, x₂) = 0.1x₁² + 2x₂² (condition number 20).</summary>
    public static Bowl IllConditioned { get; } = new(0.1, 2, "ill-conditioned bowl");

    /// <summary>Rosenbrock's valley (1 − x)² + 100(y − x²)², minimum at (1, 1).</summary>
    public static Rosenbrock Rosenbrock { get; } = new();

    /// <summary>The saddle x² − y².</summary>
    public static Saddle Saddle { get; } = new();

    /// <summary>A plateau: one sigmoid neuron's squared error on two points (see <see cref="Functions.Plateau"/>).</summary>
    public static Plateau Plateau { get; } = new();

    /// <summary>Beale's function, minimum 0 at (3, 0.5).</summary>
    public static Beale Beale { get; } = new();

    /// <summary>The general quadratic ½ xᵀA x − bᵀx for a symmetric 2 × 2 A.</summary>
    public static Quadratic Quadratic(double[,] a, double[] b) => new(a, b);

    /// <summary>Every fixed surface above, for galleries and tests.</summary>
    public static IReadOnlyList<Surface> All { get; } = [GradientExample, Bowl, IllConditioned, Rosenbrock, Saddle, Plateau, Beale];
}
