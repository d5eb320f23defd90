using System.Globalization;
using Descent.Optimizers;

namespace Descent.Training;

/// <summary>The loop every full-batch run goes through: step, record, check the stop rule.</summary>
internal static class DescentLoop
{
    public static Run Run(Stepper stepper, IObjective objective, ReadOnlySpan<double> start, StopRule stop, string? name)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(stop);
        Guard.Length(start.Length, objective.Dimension, nameof(start), "the objective");
        Guard.Finite(start, nameof(start));
        Guard.Positive(stop.MaxSteps, nameof(stop.MaxSteps), "step limit");

        var theta = start.ToArray();
        double loss0 = objective.Value(theta);
        var steps = new List<StepRecord>(Math.Min(stop.MaxSteps, 100_000) + 1)
        {
            new(0, (double[])theta.Clone(), loss0, [], double.NaN, new Dictionary<string, double[]>()),
        };
        double limit = stop.DivergenceFactor * Math.Max(1, Math.Abs(loss0));
        double best = loss0;
        int sinceBest = 0;
        GradientOracle gradientAt = objective.Gradient;

        for (int t = 1; t <= stop.MaxSteps; t++)
        {
            stepper.Step(theta, gradientAt);
            double loss = objective.Value(theta);
            var g = stepper.LastGradient.ToArray();
            steps.Add(new StepRecord(t, (double[])theta.Clone(), loss, g, stepper.LastLearningRate, Snapshot(stepper)));

            if (!double.IsFinite(loss) || !AllFinite(theta) || loss > limit)
                return new Run(name ?? stepper.Name, steps, RunStatus.Diverged,
                    $"diverged at step {t}: loss {Show(loss)} (started at {Show(loss0)}); try a smaller learning rate");

            double gnorm = Norm(g);
            if (stop.GradientTolerance > 0 && gnorm <= stop.GradientTolerance)
                return new Run(name ?? stepper.Name, steps, RunStatus.Converged,
                    $"converged after {t} steps: ‖g‖ = {Show(gnorm)} ≤ {Show(stop.GradientTolerance)}");
            double change = Math.Abs(loss - steps[^2].Loss);
            if (stop.LossChangeTolerance > 0 && change <= stop.LossChangeTolerance)
                return new Run(name ?? stepper.Name, steps, RunStatus.Converged,
                    $"converged after {t} steps: |ΔL| = {Show(change)} ≤ {Show(stop.LossChangeTolerance)}");
            if (loss < best) { best = loss; sinceBest = 0; }
            else if (stop.Patience > 0 && ++sinceBest >= stop.Patience)
                return new Run(name ?? stepper.Name, steps, RunStatus.Converged,
                    $"stopped after {t} steps: no improvement on the best loss {Show(best)} for {stop.Patience} steps");
        }
        return new Run(name ?? stepper.Name, steps, RunStatus.StepLimit,
            $"reached the step limit of {stop.MaxSteps} steps; final loss {Show(steps[^1].Loss)}");
    }

    internal static IReadOnlyDictionary<string, double[]> Snapshot(Stepper stepper)
    {
        var state = stepper.State;
        if (state.Count == 0) return EmptyState;
        var copy = new Dictionary<string, double[]>(state.Count);
        foreach (var (key, value) in state) copy[key] = (double[])value.Clone();
        return copy;
    }

    private static readonly IReadOnlyDictionary<string, double[]> EmptyState = new Dictionary<string, double[]>();

    private static bool AllFinite(ReadOnlySpan<double> xs)
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

    private static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
