namespace Descent.Plots;

/// <summary>What the x axis of a trace plot counts.</summary>
public enum TraceAxis
{
    /// <summary>The step t (iteration): every record is drawn.</summary>
    Step,

    /// <summary>Passes over the data (rows processed / n, <c>Run.EpochProgress</c>): for runs over a dataset.</summary>
    Epoch,

    /// <summary>Per-observation gradient evaluations so far, from <c>StepRecord.GradientEvaluations</c>: compares batch sizes fairly.</summary>
    GradientEvaluations,
}
