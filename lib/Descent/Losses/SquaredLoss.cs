namespace Descent.Losses;

/// <summary>
/// The squared loss of one observation for a linear model (Data 100): ℓ(θ, x, y) = (y − θᵀx)², e.g.
/// ℓ = (y − θ₀x₀ − θ₁x₁)², with gradient ∇ℓ = −2(y − θᵀx) x, i.e. ∂ℓ/∂θⱼ = −2(y − θ₀x₀ − θ₁x₁) xⱼ.
/// </summary>
public static class SquaredLoss
{
    /// <summary>ℓ = (y − θᵀx)²</summary>
    public static double Value(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double y)
    {
        Check(theta, x, y);
        double r = y - Kernels.Dot(theta, x);
        return r * r;
    }

    /// <summary>∇ℓ = −2(y − θᵀx) x, as a new array.</summary>
    public static double[] Gradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double y)
    {
        var g = new double[theta.Length];
        Gradient(theta, x, y, g);
        return g;
    }

    /// <summary>∇ℓ = −2(y − θᵀx) x, written into <paramref name="gradient"/>.</summary>
    public static void Gradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double y, Span<double> gradient)
    {
        Check(theta, x, y);
        Guard.Length(gradient.Length, theta.Length, nameof(gradient), "the gradient");
        double r = y - Kernels.Dot(theta, x);
        for (int j = 0; j < x.Length; j++) gradient[j] = -2 * r * x[j];
    }

    private static void Check(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double y)
    {
        if (theta.IsEmpty) throw new ArgumentException("θ is empty; pass one parameter per feature.", nameof(theta));
        Guard.Length(theta.Length, x.Length, nameof(theta), "an observation x with that many features");
        Guard.Finite(x, nameof(x));
        Guard.Finite(y, nameof(y));
    }
}
