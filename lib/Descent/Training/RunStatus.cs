namespace Descent.Training;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>A stop rule's tolerance was met (small gradient, small loss change, or no more improvement).</summary>
    Converged,

    /// <summary>The run used all the steps it was allowed.</summary>
    StepLimit,

    /// <summary>
    /// The loss became non-finite, or climbed well above its start and did not come back down (the rules are in
    /// <see cref="Divergence"/>). The record stops at the step where the loop noticed; <see cref="Run.DivergedAt"/> is
    /// the step where the climb began.
    /// </summary>
    Diverged,
}
