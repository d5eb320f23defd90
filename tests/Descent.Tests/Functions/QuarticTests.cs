using Descent.Analysis;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Functions;

public class QuarticTests
{
    private static readonly Curve F = Curves.Quartic;

    [Theory]
    [InlineData(4.0, 0.0, -0.4)]
    [InlineData(4.4, -0.21504, -0.6464)]
    public void ValueAndDerivativeMatchTheSlides(double x, double f, double df)
    {
        Assert.Equal(f, F.Value(x), 12);
        Assert.Equal(df, F.Derivative(x), 12);
        Assert.Equal(f, F.F(x), 12);
        Assert.Equal(df, F.DF(x), 12);
    }

    [Fact]
    public void ManualStepsWithAlphaOneBounceLikeTheDeck()
    {
        double[] deck = [4, 4.4, 5.0464, 5.4967306, 5.0808625, 5.4899804];
        double x = 4;
        for (int k = 1; k < deck.Length; k++)
        {
            x -= F.Derivative(x);
            Assert.Equal(deck[k], x, 6);
        }
    }

    [Fact]
    public void ManualStepsWithAlphaPointThreeMatchTheDeck()
    {
        double x = 4 - 0.3 * F.Derivative(4);
        Assert.Equal(4.12, x, 12);
        Assert.Equal(4.26729664, x - 0.3 * F.Derivative(x), 8);
        Assert.Equal(5.32510816, 5.323 - 0.3 * F.Derivative(5.323), 8);
    }

    [Fact]
    public void StationaryPointsAreTheRootsOfTheCubic()
    {
        var roots = F.StationaryPoints();
        Assert.Equal(3, roots.Length);
        Assert.Equal(2.3927480, roots[0], 7);
        Assert.Equal(3.5309066, roots[1], 7);
        Assert.Equal(5.3263455, roots[2], 7);
        foreach (var r in roots)
            Assert.Equal(0, 4 * r * r * r - 45 * r * r + 160 * r - 180, 9);
    }

    [Fact]
    public void LocalMinimaAreTheTwoStationaryPointsWithPositiveCurvature()
    {
        var minima = F.LocalMinima();
        Assert.Equal(2, minima.Length);
        Assert.Equal(2.3927480, minima[0], 7);
        Assert.Equal(5.3263455, minima[1], 7);
        Assert.Equal(-0.13827491, F.Value(minima[0]), 8);
        Assert.Equal(-0.69140968, F.Value(minima[1]), 8);
        Assert.True(F.SecondDerivative(3.5309066) < 0);
    }

    [Fact]
    public void DerivativesMatchFiniteDifferencesAtRandomPoints()
    {
        var rng = new Random(20240501);
        foreach (var curve in new[] { Curves.Quartic, Curves.CosineOverX })
            for (int k = 0; k < 25; k++)
            {
                double x = curve.Range.Min + rng.NextDouble() * (curve.Range.Max - curve.Range.Min);
                // 1e-6, not tighter: near a stationary point f′ is tiny and central differences keep only ~7 digits of it.
                Assert.True(FiniteDifferences.CheckGradient(curve, [x]).Passes(1e-6), $"{curve.Name} f′ at {x}");
                Assert.True(FiniteDifferences.CheckHessian(curve, [x]).Passes(1e-6), $"{curve.Name} f″ at {x}");
            }
    }

    [Fact]
    public void AsAnObjectiveAnyStepperCanRunIt()
    {
        var run = new GradientDescent(0.3).Run(F, [4.0], StopRule.After(19));
        Assert.Equal(5.32634408, run.Theta[0], 8);   // the deck's 20th guess
        Assert.Equal(1, F.Dimension);
    }

    [Fact]
    public void AWrongLengthThetaIsRejectedWithTheExpectedLength()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.Value([1.0, 2.0]));
        Assert.Contains("needs 1", ex.Message);
    }

    [Fact]
    public void ToStringShowsTheFormulaAndRange()
    {
        Assert.Equal("arbitrary quartic: f(x) = (x⁴ − 15x³ + 80x² − 180x + 144)/10 on [1, 6.75]", F.ToString());
    }

    [Fact]
    public void LinspaceIncludesBothEndsLikeNumpy()
    {
        var xs = Curve.Linspace(1, 6.75, 200);
        Assert.Equal(200, xs.Length);
        Assert.Equal(1, xs[0]);
        Assert.Equal(6.75, xs[^1]);
        Assert.Equal(1 + 5.75 / 199, xs[1], 15);
        Assert.Equal(F.Value(xs[7]), F.Values(xs)[7]);
    }

    [Fact]
    public void CosineOverXHasItsGlobalMinimumLeftmost()
    {
        var minima = Curves.CosineOverX.LocalMinima();
        Assert.True(minima.Length >= 3);
        var values = minima.Select(Curves.CosineOverX.Value).ToArray();
        Assert.Equal(values.Min(), values[0]);
        foreach (var m in minima) Assert.Equal(0, Curves.CosineOverX.Derivative(m), 8);
    }

    [Fact]
    public void AnEmptyOrReversedIntervalIsRejected()
    {
        Assert.Throws<ArgumentException>(() => F.StationaryPoints(3, 2));
        Assert.Throws<ArgumentException>(() => F.StationaryPoints(double.NaN, 2));
    }
}
