namespace Descent.Training;

/// <summary>
/// What one step of a run produced. Record t holds θ_t and L(θ_t) after t steps; record 0 is the start.
/// </summary>
/// <param name="T">The step count t (0 for the starting point).</param>
/// <param name="Theta">θ_t.</param>
/// <param name="Loss">L(θ_t), on the full objective (not the mini-batch).</param>
/// <param name="Gradient">The gradient the step from θ_(t−1) to θ_t used (empty for t = 0; the mini-batch gradient in mini-batch runs).</param>
/// <param name="LearningRate">The α that step used (NaN for t = 0).</param>
/// <param name="State">The stepper's state after the step, copied: "v", "r", "s" (empty for plain GD).</param>
public sealed record StepRecord(
    int T,
    double[] Theta,
    double Loss,
    double[] Gradient,
    double LearningRate,
    IReadOnlyDictionary<string, double[]> State)
{
    /// <summary>
    /// The epoch this step belongs to: 1 for the steps of the first pass over the data (0 for the start). A full-batch
    /// run on a loss over rows counts one epoch per gradient evaluation; a run on a plain function records 0.
    /// </summary>
    public int Epoch { get; init; }

    /// <summary>
    /// Gradient evaluations so far. On a loss over rows, per-row evaluations (rows processed: a full-batch step adds n,
    /// a mini-batch step adds m); on a plain function, one per gradient call.
    /// </summary>
    public long GradientEvaluations { get; init; }
}
