namespace Descent.Training;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>A stop rule's tolerance was met (small gradient, small loss change, or no more improvement).</summary>
    Converged,

    /// <summary>The run used all the steps it was allowed.</summary>
    StepLimit,

    /// <summary>The loss became non-finite or exploded; the record stops at the step where that happened.</summary>
    Diverged,
}
