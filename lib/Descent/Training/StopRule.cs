namespace Descent.Training;

/// <summary>
/// When a descent loop stops. The loop always stops at <see cref="MaxSteps"/>, and stops early (status
/// Converged) when any enabled tolerance is met. Divergence is always checked.
/// </summary>
/// <param name="MaxSteps">The most steps to take.</param>
/// <param name="GradientTolerance">Stop when ‖g‖ ≤ this (0 disables).</param>
/// <param name="LossChangeTolerance">Stop when |L_t − L_(t−1)| ≤ this (0 disables).</param>
/// <param name="Patience">Stop when the best loss has not improved for this many steps (0 disables): "no more improvement".</param>
/// <param name="DivergenceFactor">Diverged when the loss is not finite, or exceeds this many times max(1, |L_0|).</param>
public sealed record StopRule(
    int MaxSteps = 100,
    double GradientTolerance = 0,
    double LossChangeTolerance = 0,
    int Patience = 0,
    double DivergenceFactor = 1e6)
{
    /// <summary>100 steps, divergence checked.</summary>
    public static StopRule Default { get; } = new();

    /// <summary>Exactly <paramref name="steps"/> steps unless the run diverges.</summary>
    public static StopRule After(int steps) => new(MaxSteps: steps);
}
