namespace Descent.Functions;

/// <summary>
/// An objective that also knows its second derivatives: the Hessian H(θ) with Hᵢⱼ = ∂²f/∂θᵢ∂θⱼ.
/// Analysis helpers use it to classify critical points (minimum, maximum, saddle) and to test convexity.
/// </summary>
public interface ITwiceDifferentiable : IObjective
{
    /// <summary>
    /// Writes the Hessian at θ into <paramref name="hessian"/>, row by row (d × d entries for d = <see cref="IObjective.Dimension"/>).
    /// </summary>
    /// <param name="theta">The point θ.</param>
    /// <param name="hessian">Receives H(θ) row-major: hessian[i * d + j] = ∂²f/∂θᵢ∂θⱼ.</param>
    void Hessian(ReadOnlySpan<double> theta, Span<double> hessian);
}
