namespace Descent;

/// <summary>
/// Writes the gradient ∇f(θ) into <paramref name="gradient"/>. Optimizers receive one of these
/// so they can ask for the gradient wherever they need it (Nesterov asks at a look-ahead point).
/// </summary>
/// <param name="theta">The point θ at which to evaluate the gradient.</param>
/// <param name="gradient">Receives ∂f/∂θᵢ for every i; same length as <paramref name="theta"/>.</param>
public delegate void GradientOracle(ReadOnlySpan<double> theta, Span<double> gradient);

/// <summary>
/// A differentiable function of a parameter vector θ: a 2D teaching surface, or a model's loss over a dataset.
/// </summary>
public interface IObjective
{
    /// <summary>The number of parameters θ has.</summary>
    int Dimension { get; }

    /// <summary>f(θ).</summary>
    double Value(ReadOnlySpan<double> theta);

    /// <summary>Writes ∇f(θ) into <paramref name="gradient"/> (length <see cref="Dimension"/>).</summary>
    void Gradient(ReadOnlySpan<double> theta, Span<double> gradient);
}

/// <summary>
/// A loss that averages (or sums) over rows of data, so a gradient can also be taken on a mini-batch of rows.
/// </summary>
public interface IBatchObjective : IObjective
{
    /// <summary>The number of rows (observations) n.</summary>
    int Count { get; }

    /// <summary>
    /// Writes the gradient of the loss restricted to <paramref name="rows"/> into <paramref name="gradient"/>,
    /// on the same scale as the full loss (a mean loss gives the mean over the batch). Must not allocate.
    /// </summary>
    void BatchGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> rows, Span<double> gradient);
}
