namespace Descent.Optimizers;

/// <summary>
/// The three ways courses write momentum. They are the same method: with a constant learning rate, each gives the
/// same path as the others once α is rescaled (see <see cref="Momentum.EquivalentLearningRate"/>).
/// </summary>
public enum MomentumConvention
{
    /// <summary>v_t = γ v_(t−1) + α g;  θ_(t+1) = θ_t − v_t (the NPTEL deck; Sutskever et al. 2013).</summary>
    VelocityIncludesLearningRate,

    /// <summary>v_t = β v_(t−1) + g;  θ_(t+1) = θ_t − α v_t (PyTorch's SGD with momentum). Same path as
    /// <see cref="VelocityIncludesLearningRate"/> with the same α.</summary>
    SumOfGradients,

    /// <summary>v_t = β v_(t−1) + (1 − β) g;  θ_(t+1) = θ_t − α v_t (an exponentially weighted average of gradients).
    /// Same path as <see cref="VelocityIncludesLearningRate"/> with α / (1 − β) in place of α.</summary>
    AverageOfGradients,
}
