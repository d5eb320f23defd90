namespace Descent.Analysis;

/// <summary>
/// How momentum moves along one eigen-direction of a quadratic: the two eigenvalues of its 2 × 2 step matrix
/// (see <see cref="QuadraticRates.MomentumMatrix"/>) are real and positive, equal, complex, or real and negative.
/// </summary>
public enum Damping
{
    /// <summary>Two different real eigenvalues, positive: the error creeps to 0 from one side without crossing it.</summary>
    Overdamped,

    /// <summary>One repeated real eigenvalue. With αλ ≤ 1 (γ = (1 − √(αλ))²) it is critical damping, the border between
    /// overdamped and oscillating, and the fastest approach that does not swing; with αλ = (1 + √γ)² it is the border
    /// between oscillating and flipping.</summary>
    CriticallyDamped,

    /// <summary>Two complex eigenvalues: the error swings around 0, its size multiplied by √γ each step.</summary>
    Oscillating,

    /// <summary>Two different real eigenvalues, at least one negative: the error flips sign every step (αλ &gt; (1 + √γ)²).</summary>
    Flipping,
}
