namespace Descent.Training;

/// <summary>What a trace plot (loss against step) says about a run, as the CS109B deck reads them.</summary>
public enum TraceVerdict
{
    /// <summary>The loss decreased and then stabilized: the run is converging, or has converged.</summary>
    Converging,

    /// <summary>The loss is still decreasing at the end: descent has not hit the bottom (too slow: more steps or a larger α).</summary>
    TooSlow,

    /// <summary>The loss keeps going up and down between values instead of settling (α too large for this surface).</summary>
    Oscillating,

    /// <summary>The loss grows, or became non-finite: the steps overshoot further each time (α much too large).</summary>
    Diverging,
}
