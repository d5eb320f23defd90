using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests;

public class GradientDescentTests
{
    private sealed class Bowl : IObjective
    {
        public int Dimension => 2;
        public double Value(ReadOnlySpan<double> t) => t[0] * t[0] + 2 * t[1] * t[1];
        public void Gradient(ReadOnlySpan<double> t, Span<double> g) { g[0] = 2 * t[0]; g[1] = 4 * t[1]; }
    }

    [Fact]
    public void FirstStepMovesAgainstTheGradientByAlphaTimesIt()
    {
        var run = new GradientDescent(0.1).Run(new Bowl(), [1.0, 1.0], StopRule.After(1));
        Assert.Equal(0.8, run.Theta[0], 1e-15);
        Assert.Equal(0.6, run.Theta[1], 1e-15);
        Assert.Equal(RunStatus.StepLimit, run.Status);
    }

    [Fact]
    public void TooLargeAStepIsReportedAsDivergedWithTheStep()
    {
        var run = new GradientDescent(1.5).Run(new Bowl(), [1.0, 1.0], StopRule.After(1000));
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.NotNull(run.DivergedAt);
        Assert.Contains($"diverged at step {run.DivergedAt}", run.Message);
    }
}
