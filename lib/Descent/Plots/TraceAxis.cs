namespace Descent.Plots;

/// <summary>What the x axis of a trace plot counts.</summary>
public enum TraceAxis
{
    /// <summary>The step t (iteration): every record is drawn.</summary>
    Step,

    /// <summary>Epochs (mini-batch runs): the loss at the end of each epoch, from <c>StepRecord.Epoch</c>.</summary>
    Epoch,

    /// <summary>Per-observation gradient evaluations so far, from <c>StepRecord.GradientEvaluations</c>: compares batch sizes fairly.</summary>
    GradientEvaluations,
}
