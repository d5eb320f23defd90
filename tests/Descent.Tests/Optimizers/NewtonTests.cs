using Descent.Analysis;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Newton's method θ ← θ − α H⁻¹∇L: the curvature it divides by is checked against finite differences of the gradient,
/// and its steps against the formula worked out by hand.
/// </summary>
public class NewtonTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.9)]
    [InlineData(4.0)]
    [InlineData(6.0)]
    public void TheQuarticsDerivativesItUsesMatchFiniteDifferences(double x)
    {
        var f = Curves.Quartic;
        Assert.True(FiniteDifferences.CheckGradient(f, [x]).Passes());
        Assert.True(FiniteDifferences.CheckHessian(f, [x]).Passes());
        double h = 1e-5;
        Assert.Equal((f.Derivative(x + h) - f.Derivative(x - h)) / (2 * h), f.SecondDerivative(x), 6);
    }

    [Fact]
    public void TheBowlsGradientAndHessianMatchFiniteDifferences()
    {
        foreach (var bowl in new[] { Surfaces.Bowl, Surfaces.IllConditioned, new Bowl(0.01, 2) })
        {
            Assert.True(FiniteDifferences.CheckGradient(bowl, [2.5, 1.5]).Passes());
            Assert.True(FiniteDifferences.CheckHessian(bowl, [2.5, 1.5]).Passes());
        }
    }

    [Fact]
    public void OneStepIsXMinusFPrimeOverFSecond()
    {
        // From x = 6: f′(6) = 2.4, f″(6) = 5.2, so x₁ = 6 − 2.4/5.2 = 5.538461538…
        // From x = 4: f′(4) = −0.4, f″(4) = −0.8 < 0, so x₁ = 4 − 0.5 = 3.5 (toward the hill top at 3.5309).
        var f = Curves.Quartic;
        Assert.Equal(6 - 2.4 / 5.2, Newton.Trajectory(f.DF, f.SecondDerivative, 6, 2)[1], 12);
        Assert.Equal(3.5, Newton.Trajectory(f.DF, f.SecondDerivative, 4, 2)[1], 12);
        double[] theta = [6.0];
        new Newton(f).Step(theta, (t, g) => g[0] = f.Derivative(t[0]));
        Assert.Equal(6 - 2.4 / 5.2, theta[0], 12);
    }

    [Theory]
    [InlineData(6.0, 5.3263454633578)]   // a minimum, f″ > 0
    [InlineData(1.0, 2.3927479811269)]   // the other minimum
    [InlineData(4.0, 3.5309065555152)]   // f″ < 0: it converges to the local maximum
    public void ItConvergesInAHandfulOfStepsToTheStationaryPointNearby(double x0, double stationary)
    {
        var f = Curves.Quartic;
        var guesses = Newton.Trajectory(f.DF, f.SecondDerivative, x0, 8);
        Assert.Equal(stationary, guesses[^1], 12);
        var run = new Newton(f).Run(f, [x0], new StopRule(MaxSteps: 100, GradientTolerance: 1e-10));
        Assert.True(run.Last.T <= 7, $"from {x0}: {run.Last.T} steps");
        Assert.Equal(stationary, run.Theta[0], 9);
    }

    [Fact]
    public void WhereTheCurvatureIsZeroTheStepIsUndefined()
    {
        var zero = Newton.Trajectory(x => x * x * x, x => 3 * x * x, 0, 1);   // one guess: no step yet
        Assert.Equal([0.0], zero);
        Assert.Contains("f″(x) = 0", Assert.Throws<InvalidOperationException>(() => Newton.Trajectory(x => x * x * x + 1, x => 3 * x * x, 0, 3)).Message);
        var cubic = new Curve("cubic", "x³ + x", x => x * x * x + x, x => 3 * x * x + 1, x => 6 * x, (-1, 1));
        var e = Assert.Throws<InvalidOperationException>(() => new Newton(cubic).Step(new double[] { 0.0 }, (t, g) => g[0] = cubic.Derivative(t[0])));
        Assert.Contains("singular", e.Message);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.01)]
    [InlineData(0.0001)]
    public void OnABowlOneStepLandsOnTheMinimumWhateverTheConditionNumber(double a)
    {
        var bowl = new Bowl(a, 2);
        var run = new Newton(bowl).Run(bowl, [2.5, 1.5], StopRule.After(1));
        Assert.Equal(0, run.Theta[0], 12);
        Assert.Equal(0, run.Theta[1], 12);
    }

    [Fact]
    public void OnAQuadraticWithCrossTermsItSolvesTheLinearSystem()
    {
        // f = ½θᵀAθ − bᵀθ with A = [[3, 1], [1, 2]], b = (1, −1): one Newton step from anywhere lands on
        // A⁻¹b = [[2, −1], [−1, 3]]/5 · (1, −1) = (0.6, −0.8).
        var q = Surfaces.Quadratic(new double[,] { { 3, 1 }, { 1, 2 } }, [1, -1]);
        Assert.True(FiniteDifferences.CheckHessian(q, [5.0, -7.0]).Passes());
        var run = new Newton(q).Run(q, [5.0, -7.0], StopRule.After(1));
        Assert.Equal(0.6, run.Theta[0], 12);
        Assert.Equal(-0.8, run.Theta[1], 12);
    }
}
