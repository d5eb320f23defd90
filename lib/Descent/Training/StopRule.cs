namespace Descent.Training;

/// <summary>
/// When a descent loop stops. The loop always stops at <see cref="MaxSteps"/>, and stops early (status
/// Converged) when any enabled tolerance is met. Divergence is always checked, by the rules of <see cref="Divergence"/>.
/// </summary>
/// <param name="MaxSteps">The most steps to take (at least 1).</param>
/// <param name="GradientTolerance">Stop when ‖g‖ ≤ this, g being the gradient the last step used (0 disables).</param>
/// <param name="LossChangeTolerance">Stop when |L_t − L_(t−1)| ≤ this (0 disables).</param>
/// <param name="Patience">Stop when the best loss has not improved for this many steps (0 disables): "no more improvement".</param>
/// <param name="DivergenceFactor">
/// Diverged at once when the loss exceeds this many times max(1, |L_0|) (&gt; 1). A shortcut for a loss that explodes;
/// a loss that climbs slowly (or linearly, like the cross-entropy) is caught by the other rules of <see cref="Divergence"/>.
/// </param>
/// <example><c>new StopRule(MaxSteps: 1000, GradientTolerance: 1e-6)</c>, or <c>StopRule.After(20)</c>.</example>
public sealed record StopRule(
    int MaxSteps = 100,
    double GradientTolerance = 0,
    double LossChangeTolerance = 0,
    int Patience = 0,
    double DivergenceFactor = 1e6)
{
    // Each property is checked both when the rule is made and in `with` expressions.

    /// <summary>The most steps to take (at least 1).</summary>
    public int MaxSteps { get; init => field = CheckMaxSteps(value); } = CheckMaxSteps(MaxSteps);

    /// <summary>Stop when ‖g‖ ≤ this (0 disables).</summary>
    public double GradientTolerance { get; init => field = CheckGradientTolerance(value); } = CheckGradientTolerance(GradientTolerance);

    /// <summary>Stop when |L_t − L_(t−1)| ≤ this (0 disables).</summary>
    public double LossChangeTolerance { get; init => field = CheckLossChangeTolerance(value); } = CheckLossChangeTolerance(LossChangeTolerance);

    /// <summary>Stop when the best loss has not improved for this many steps (0 disables).</summary>
    public int Patience { get; init => field = CheckPatience(value); } = CheckPatience(Patience);

    /// <summary>Diverged at once when the loss exceeds this many times max(1, |L_0|) (see <see cref="Divergence"/> for the other rules).</summary>
    public double DivergenceFactor { get; init => field = CheckDivergenceFactor(value); } = CheckDivergenceFactor(DivergenceFactor);

    /// <summary>100 steps, divergence checked.</summary>
    public static StopRule Default { get; } = new();

    /// <summary>Exactly <paramref name="steps"/> steps unless the run diverges.</summary>
    public static StopRule After(int steps) => new(MaxSteps: steps);

    private static int CheckMaxSteps(int value)
    {
        Guard.Positive(value, nameof(MaxSteps), "step limit");
        return value;
    }

    private static double CheckGradientTolerance(double value)
    {
        Guard.NonNegativeFinite(value, nameof(GradientTolerance), "gradient-norm tolerance", "1e-6");
        return value;
    }

    private static double CheckLossChangeTolerance(double value)
    {
        Guard.NonNegativeFinite(value, nameof(LossChangeTolerance), "loss-change tolerance", "1e-9");
        return value;
    }

    private static int CheckPatience(int value) => value >= 0
        ? value
        : throw new ArgumentOutOfRangeException(nameof(Patience), value,
            $"Patience counts steps without improvement, so it must be 0 (off) or more, but it was {value}. Try 10.");

    private static double CheckDivergenceFactor(double value) => double.IsFinite(value) && value > 1
        ? value
        : throw new ArgumentOutOfRangeException(nameof(DivergenceFactor), value,
            "The divergence factor must be a finite number greater than 1 (a run diverges when its loss exceeds " +
            $"that many times its start), but it was {value}. The default is 1e6.");
}
