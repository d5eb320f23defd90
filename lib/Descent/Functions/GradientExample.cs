namespace Descent.Functions;

/// <summary>
/// The Data 100 worked example f(θ₀, θ₁) = 8θ₀² + 3θ₀θ₁, with
/// ∇f = (16θ₀ + 3θ₁, 3θ₀) and the constant Hessian [[16, 3], [3, 0]].
/// </summary>
/// <remarks>
/// Its only critical point, the origin, is a saddle: the Hessian's eigenvalues are 8 ± √73 (one positive, one negative).
/// </remarks>
public sealed class GradientExample : Surface
{
    /// <inheritdoc />
    public override string Name => "8θ₀² + 3θ₀θ₁";

    /// <inheritdoc />
    public override string Formula => "f(θ₀, θ₁) = 8θ₀² + 3θ₀θ₁";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (-2, 2);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (-2, 2);

    /// <summary>f = 8θ₀² + 3θ₀θ₁</summary>
    public override double Value(double θ0, double θ1) => 8 * θ0 * θ0 + 3 * θ0 * θ1;

    /// <summary>∂f/∂θ₀ = 16θ₀ + 3θ₁, ∂f/∂θ₁ = 3θ₀</summary>
    public override (double Dx, double Dy) Gradient(double θ0, double θ1) => (16 * θ0 + 3 * θ1, 3 * θ0);

    /// <summary>H = [[16, 3], [3, 0]]</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double θ0, double θ1) => (16, 3, 0);
}
