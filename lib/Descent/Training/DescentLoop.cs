using System.Globalization;
using Descent.Optimizers;

namespace Descent.Training;

/// <summary>
/// The loop every full-batch run goes through: step, record, check for divergence (<see cref="Divergence"/>) and the stop rule.
/// </summary>
internal static class DescentLoop
{
    public static Run Run(Stepper stepper, IObjective objective, ReadOnlySpan<double> start, StopRule stop, string? name)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(stop);
        Guard.Length(start.Length, objective.Dimension, nameof(start), "the objective");
        Guard.Finite(start, nameof(start));
        name ??= stepper.Name;
        stepper.Reset();

        var theta = start.ToArray();
        double loss0 = StartingLoss(objective, theta);
        var feedback = stepper.LearningRate as Schedules.ILossFeedback;   // a schedule that reacts to the loss
        feedback?.Start(loss0);
        int rows = objective is IBatchObjective data ? data.Count : 0;
        var counter = new CountingOracle(objective);
        GradientOracle gradientAt = counter.Gradient;

        var steps = new List<StepRecord>(Math.Min(stop.MaxSteps, 100_000) + 1) { StartRecord(theta, loss0) };
        var divergence = new DivergenceWatch(loss0, stop.DivergenceFactor);
        double best = loss0;
        int sinceBest = 0;
        Run Finish(RunStatus status, string message) =>
            new(name, steps, status, message) { RowsPerEpoch = rows > 0 ? rows : null };

        for (int t = 1; t <= stop.MaxSteps; t++)
        {
            stepper.Step(theta, gradientAt);
            double loss = objective.Value(theta);
            feedback?.Observe(loss);
            steps.Add(Record(stepper, t, theta, loss) with
            {
                Epoch = rows > 0 ? (int)counter.Calls : 0,
                GradientEvaluations = rows > 0 ? counter.Calls * rows : counter.Calls,
            });

            if (divergence.Diverged(theta, loss))
                return Finish(RunStatus.Diverged,
                    Divergence.Message(steps, stepper.LastLearningRate, stop.DivergenceFactor, divergence.Exploded));

            double gnorm = Norm(stepper.GradientBuffer);
            if (stop.GradientTolerance > 0 && gnorm <= stop.GradientTolerance)
                return Finish(RunStatus.Converged,
                    $"converged after {t} steps: ‖g‖ = {Show(gnorm)} ≤ {Show(stop.GradientTolerance)}; loss {Show(loss)}");
            double change = Math.Abs(loss - steps[^2].Loss);
            if (stop.LossChangeTolerance > 0 && change <= stop.LossChangeTolerance)
                return Finish(RunStatus.Converged,
                    $"converged after {t} steps: |ΔL| = {Show(change)} ≤ {Show(stop.LossChangeTolerance)}; loss {Show(loss)}");
            if (loss < best) { best = loss; sinceBest = 0; }
            else if (stop.Patience > 0 && ++sinceBest >= stop.Patience)
                return Finish(RunStatus.Converged,
                    $"stopped after {t} steps: no improvement on the best loss {Show(best)} for {stop.Patience} steps");
        }
        return Finish(RunStatus.StepLimit,
            $"reached the step limit of {stop.MaxSteps} steps; final loss {Show(steps[^1].Loss)}");
    }

    /// <summary>L(θ_0), which must be finite for the run to mean anything.</summary>
    internal static double StartingLoss(IObjective objective, double[] theta)
    {
        double loss0 = objective.Value(theta);
        if (!double.IsFinite(loss0))
            throw new ArgumentException(
                $"The loss at the start θ_0 = ({string.Join(", ", theta.Select(Show))}) is {Show(loss0)}. " +
                "Start at a point where the function is defined and finite.", "start");
        return loss0;
    }

    internal static StepRecord StartRecord(double[] theta, double loss0) =>
        new(0, (double[])theta.Clone(), loss0, [], double.NaN, EmptyState);

    internal static StepRecord Record(Stepper stepper, int t, double[] theta, double loss) =>
        new(t, (double[])theta.Clone(), loss, (double[])stepper.GradientBuffer.Clone(), stepper.LastLearningRate, Snapshot(stepper));

    internal static IReadOnlyDictionary<string, double[]> Snapshot(Stepper stepper)
    {
        var state = stepper.State;
        if (state.Count == 0) return EmptyState;
        var copy = new Dictionary<string, double[]>(state.Count);
        foreach (var (key, value) in state) copy[key] = (double[])value.Clone();
        return copy;
    }

    private static readonly IReadOnlyDictionary<string, double[]> EmptyState = new Dictionary<string, double[]>();

    internal static bool AllFinite(ReadOnlySpan<double> xs)
    {
        foreach (var x in xs) if (!double.IsFinite(x)) return false;
        return true;
    }

    private static double Norm(ReadOnlySpan<double> xs)
    {
        double s = 0;
        foreach (var x in xs) s += x * x;
        return Math.Sqrt(s);
    }

    internal static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Counts gradient calls, so records can say how many evaluations a run used.</summary>
    private sealed class CountingOracle(IObjective objective)
    {
        public long Calls { get; private set; }

        public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            Calls++;
            objective.Gradient(theta, gradient);
        }
    }
}
