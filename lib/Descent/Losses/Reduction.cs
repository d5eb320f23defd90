namespace Descent.Losses;

/// <summary>How a loss combines the per-observation losses ℓᵢ.</summary>
public enum Reduction
{
    /// <summary>L = (1/n) Σ ℓᵢ: the average, whose scale does not grow with n (what most libraries minimize).</summary>
    Mean,

    /// <summary>L = Σ ℓᵢ: the negative log-likelihood exactly as the CS109B deck writes it.</summary>
    Sum,
}
