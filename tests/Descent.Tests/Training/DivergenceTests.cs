using Descent.Data;
using Descent.Functions;
using Descent.Models;
using Descent.Optimizers;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Training;

/// <summary>
/// Issue 13, item 10: a run that blows up is reported as diverged whatever the shape of its loss (geometric or
/// linear growth), <see cref="Run.DivergedAt"/> is where the climb began, and runs that bounce while converging are left alone.
/// </summary>
public class DivergenceTests
{
    private static readonly OneD Parabola = new(x => x * x, x => 2 * x);

    [Fact]
    public void GdOnXSquaredWithAlphaOneAndAHalfDivergesFromStepOne()
    {
        // x_t = (1 − 2·1.5)^t x_0 = (−2)^t: |x| doubles and L_t = 4^t from the first step, so the onset is step 1.
        // The loop notices at step 10 (the tenth rise in a row, and 4^10 > 10⁶ × L_0); a looser explosion factor leaves
        // the rising rule to notice, at the same step.
        var run = new GradientDescent(1.5).Run(Parabola, [1.0], new StopRule(MaxSteps: 100, DivergenceFactor: 1e300));
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.Equal(1, run.DivergedAt);
        Assert.Equal(10, run.Last.T);
        Assert.Equal(Math.Pow(4, 10), run.Loss);
        Assert.StartsWith("diverged at step 1: the loss rose from 1 (step 0) to 1.04858E+06 at step 10, every step raising it or leaving it above its start 1.",
            run.Message);
        Assert.Contains("try a smaller learning rate than α = 1.5", run.Message);
    }

    [Fact]
    public void LogisticRegressionOnRawFeaturesWithTheDefaultStepSizeIsReportedAsDiverged()
    {
        // The cross-entropy grows only linearly in ‖θ‖: on raw MaxHR (in the hundreds) α = 0.5 sends the loss from 0.693
        // to hundreds or thousands in one step, where it bounces for ever, far below 10⁶ × 0.693.
        var data = Datasets.Heart().Design(["MaxHR"], intercept: true);
        var model = LogisticRegression.Fit(data);
        Assert.Equal(RunStatus.Diverged, model.Run.Status);
        Assert.True(model.Diverged);
        Assert.Equal(1, model.Run.DivergedAt);
        Assert.True(model.Run.Losses[1] > 100 * model.Run.Losses[0]);
        Assert.All(model.Run.Losses.Skip(1), l => Assert.True(l < 1e4 * model.Run.Losses[0], $"{l} should stay under any huge threshold"));

        Assert.NotNull(model.Warning);
        Assert.StartsWith("The default step size α = 0.5 diverged on these data at step 1 (the loss rose from 0.6931 at the start to ", model.Warning);
        Assert.Contains("Scale the features", model.Warning);
        Assert.Contains("pass a smaller step size", model.Warning);
        Assert.StartsWith("Warning: The default step size α = 0.5 diverged", model.ToString());
    }

    [Fact]
    public void TheSafeStepSizeTheWarningSuggestsFitsTheRawFeatures()
    {
        var data = Datasets.Heart().Design(["MaxHR"], intercept: true);
        double safe = LogisticRegression.SafeLearningRate(data.X);
        var model = LogisticRegression.Fit(data, new GradientDescent(safe), StopRule.After(200));
        Assert.NotEqual(RunStatus.Diverged, model.Run.Status);
        Assert.Null(model.Warning);
        Assert.True(model.Run.Loss < model.Run.Losses[0]);
        Assert.StartsWith("p = σ(", model.ToString());
    }

    [Fact]
    public void AFitThatConvergesHasNoWarning()
    {
        var d = Datasets.Heart().Design("MaxHR");
        var x = Standardizer.Fit(d.X).Transform(d.X).WithIntercept();
        var model = LogisticRegression.Fit(x, d.Y);
        Assert.Equal(RunStatus.Converged, model.Run.Status);
        Assert.False(model.Diverged);
        Assert.Null(model.Warning);
    }

    [Fact]
    public void NesterovOnTheIllConditionedBowlDivergesFromWhereItsLossStartsClimbing()
    {
        // α = 0.35 is past Nesterov's limit (γ = 0.9) on the steep direction (curvature 4): L dips to 1.40, 2.49, 2.22
        // and from step 4 rises about 1.19× per step for ever. It passes its start 5.28 at step 9, 10⁶ × 5.28 only near step 89.
        var run = new Nesterov(0.35, 0.9).Run(Surfaces.IllConditioned, [-2.8, 1.5], StopRule.After(20));
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.Equal(4, run.DivergedAt);
        var l = run.Losses;
        Assert.True(l[3] < l[2] && l[3] < l[0]);                                   // step 3: the last good step
        for (int t = 4; t < l.Length; t++) Assert.True(l[t] > l[t - 1]);           // from step 4 on the loss only rises
        Assert.StartsWith("diverged at step 4: the loss rose from 2.22082 (step 3) to ", run.Message);
    }

    [Fact]
    public void ANonFiniteLossIsDivergedAtOnceButDatedFromTheClimb()
    {
        // Defined only on |x| < 5: x goes 1 → −2 → 4 → −8, where the loss is NaN; the loss rose from step 1.
        var partial = new OneD(x => Math.Abs(x) < 5 ? x * x : double.NaN, x => 2 * x);
        var run = new GradientDescent(1.5).Run(partial, [1.0], StopRule.After(100));
        Assert.Equal(3, run.Last.T);
        Assert.Equal(1, run.DivergedAt);
        Assert.StartsWith("diverged at step 1: the loss rose from 1 (step 0) until the loss became NaN at step 3", run.Message);
    }

    [Fact]
    public void TheExplosionFactorStillStopsARunAtOnce()
    {
        var run = new GradientDescent(1.5).Run(Parabola, [1.0], new StopRule(MaxSteps: 100, DivergenceFactor: 10));
        Assert.Equal(2, run.Last.T);       // L_2 = 16 > 10
        Assert.Equal(1, run.DivergedAt);
        Assert.Contains("more than 10 times its start 1", run.Message);
    }

    [Fact]
    public void AnExplosionFromAStartBelowOneNamesTheLimitNotAMultipleOfTheStart()
    {
        // The quartic from x = 4 starts at L₀ = 0: "10⁶ times its start 0" would be meaningless.
        var run = new GradientDescent(2.0).Run(Descent.Functions.Curves.Quartic, [4.0], StopRule.After(40));
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.Contains("past 1E+06, the limit for a loss that started at 0 (1E+06 × max(1, |start|))", run.Message);
        Assert.DoesNotContain("times its start", run.Message);
    }

    public static TheoryData<string, Func<Run>> ConvergingRunsThatBounce => new()
    {
        // GD with α just under 2/L bounces across the minimum: |1 − 2α| = 0.98.
        { "GD, α = 0.99 on x²", () => new GradientDescent(0.99).Run(Parabola, [1.0], StopRule.After(500)) },
        // The quartic's curvature at its minimum 5.326 is f″ ≈ 2.107, so α = 1 > 2/2.107 cannot settle there: it bounces in to a
        // stable two-point cycle (5.10499, 5.48300), which must not count as diverging.
        { "GD, α = 1 on the quartic", () => new GradientDescent(1).Run(Curves.Quartic, [4.0], StopRule.After(300)) },
        // Momentum and Nesterov climb the far wall of the valley again and again while they converge.
        { "momentum on the valley", () => new Momentum(0.3, 0.9).Run(new Descent.Functions.Bowl(0.02, 2), [-2.8, 1.5], StopRule.After(300)) },
        { "Nesterov on the ill-conditioned bowl", () => new Nesterov(0.3, 0.9).Run(Surfaces.IllConditioned, [-2.8, 1.5], StopRule.After(300)) },
        { "momentum, γ = 0.99", () => new Momentum(0.01, 0.99).Run(Surfaces.Bowl, [1.0, 1.0], StopRule.After(2000)) },
        { "Adam with a large α", () => new Adam(0.5).Run(Surfaces.Bowl, [1.0, 1.0], StopRule.After(500)) },
        { "RMSProp with a large α", () => new RMSProp(0.3).Run(Surfaces.IllConditioned, [-2.8, 1.5], StopRule.After(500)) },
        // SGD started at the least-squares optimum: every step leaves the loss a little above its start (noise).
        { "SGD from the optimum", () =>
            {
                var data = Datasets.Tips().Design(intercept: true);
                var mse = new Descent.Losses.MseLoss(data);
                return new GradientDescent(0.0005).RunMiniBatches(mse, Descent.Models.LeastSquares.Fit(data).Theta, batchSize: 1, epochs: 3, seed: 1);
            } },
    };

    [Theory]
    [MemberData(nameof(ConvergingRunsThatBounce))]
    public void RunsThatBounceWhileConvergingAreNotDiverged(string name, Func<Run> make)
    {
        var run = make();
        Assert.True(run.Status != RunStatus.Diverged, $"{name}: {run.Message}");
        Assert.Null(run.DivergedAt);
    }

    [Fact]
    public void GradientNoiseThatCarriesARunOverAHillIsNotDivergence()
    {
        // Strong gradient noise (σ = 2 for 1000 steps) throws GD around the quartic, up its walls and over its hump,
        // often several rises in a row above the start f(2) = 0; none of these runs diverges.
        for (int seed = 0; seed < 40; seed++)
        {
            var noisy = new Descent.Analysis.NoisyGradient(Curves.Quartic, t => t < 1000 ? 2.0 : 0.0, seed);
            var run = new GradientDescent(0.1).Run(noisy, [2.0], StopRule.After(1500));
            Assert.True(run.Status != RunStatus.Diverged, $"seed {seed}: {run.Message}");
        }
    }

    [Fact]
    public void OnsetIsTheStepAfterTheLastGoodStep()
    {
        var empty = new Dictionary<string, double[]>();
        StepRecord R(int t, double loss) => new(t, [0.0], loss, [], 0.1, empty);
        // 10 → 4 (good) → 6 (bad: up) → 5 (good: down and below 10) → 7 → 12 → 11 (bad: down but above the start) → 30.
        var steps = new[] { R(0, 10), R(1, 4), R(2, 6), R(3, 5), R(4, 7), R(5, 12), R(6, 11), R(7, 30) };
        Assert.Equal(4, Divergence.Onset(steps));
        Assert.False(Divergence.IsBadStep(steps, 1));
        Assert.True(Divergence.IsBadStep(steps, 2));
        Assert.False(Divergence.IsBadStep(steps, 3));
        Assert.True(Divergence.IsBadStep(steps, 6));
        Assert.Equal(4, new Run("hand-made", steps, RunStatus.Diverged, "diverged").DivergedAt);
        Assert.Null(new Run("hand-made", steps, RunStatus.StepLimit, "step limit").DivergedAt);
    }
}
