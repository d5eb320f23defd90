using Descent.Analysis;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>
/// The remark in <see cref="Divergence"/>: momentum started from rest can climb above its starting loss. At lesson 11's
/// best (α, γ) on the bowl with curvatures 1 and κ, from (1, 1), the loss rises to 13.6 times its start for κ = 100 and
/// the run converges; for κ = 1000 it rises to 117 times its start and is stopped as diverged, although stepping on
/// (<see cref="ErrorDecay.Distances(Stepper, IObjective, IReadOnlyList{double}, int, IReadOnlyList{double})"/>) converges.
/// </summary>
public class MomentumOvershootTests
{
    private static (Run Run, Bowl Bowl, Momentum Stepper) AtTheBest(double kappa)
    {
        var best = QuadraticRates.OptimalMomentum(1, kappa);
        var bowl = new Bowl(0.5, kappa / 2);                                        // λ₁ = 1, λ₂ = κ
        var stepper = new Momentum(best.Alpha, best.Gamma);
        return (stepper.Run(bowl, [1.0, 1.0], StopRule.After(2000)), bowl, stepper);
    }

    [Fact]
    public void At_kappa_100_the_loss_rises_to_13_6_times_its_start_and_the_run_converges()
    {
        var (run, _, _) = AtTheBest(100);
        Assert.NotEqual(RunStatus.Diverged, run.Status);
        Assert.Equal(5.273, run.Losses[1] / run.Losses[0], 3);                    // the first step already overshoots
        Assert.Equal(13.6, run.Losses.Max() / run.Losses[0], 1);
        Assert.True(run.Loss < 1e-20);
    }

    [Fact]
    public void At_kappa_1000_the_loss_rises_to_117_times_its_start_and_the_run_is_stopped_although_it_converges()
    {
        var (run, bowl, stepper) = AtTheBest(1000);
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.Equal(117, Math.Round(run.Losses.Max() / run.Losses[0]));
        var distances = ErrorDecay.Distances(stepper, bowl, [1.0, 1.0], 2000, [0.0, 0.0]);
        Assert.True(distances[^1] < 1e-12 * distances[0], "stepping on, the same stepper converges");
    }
}
