using Descent.Functions;
using Descent.Minimization;

namespace Descent.Tests.Minimization;

public class OptimizeTests
{
    [Fact]
    public void FromSixItFindsTheGlobalMinimumLikeScipy()
    {
        var r = Optimize.Minimize(Curves.Quartic.F, x0: 6);
        Assert.True(r.Success);
        Assert.Equal(5.32634546, r.X[0], 8);
        Assert.Equal(-0.69140968, r.Fun, 8);
        Assert.Equal(5.3263436, r.X[0], 1e-5);                // the deck's scipy printout (gtol 1e-5)
        Assert.Equal(-0.6914096788729693, r.Fun, 10);
        Assert.True(Math.Abs(r.Jac[0]) < 1e-7);
        Assert.InRange(r.Nit, 1, 20);
        Assert.True(r.Nfev > r.Njev);                         // finite differences cost extra evaluations
        Assert.Equal(r.Njev * 3, r.Nfev);                     // 1 value + 2 differences per point
    }

    [Fact]
    public void FromOneItFindsTheLocalMinimum()
    {
        var r = Optimize.Minimize(Curves.Quartic.F, x0: 1);
        Assert.Equal(2.39274798, r.X[0], 8);
        Assert.Equal(-0.13827491, r.Fun, 8);
        Assert.Equal(2.3927478, r.X[0], 1e-6);
        Assert.Equal(-0.13827491294422317, r.Fun, 10);
    }

    [Fact]
    public void WithTheAnalyticDerivativeItAgreesAndCountsOneValuePerGradient()
    {
        var r = Optimize.Minimize(Curves.Quartic, 6);
        Assert.Equal(5.32634546, r.X[0], 8);
        Assert.Equal(r.Njev, r.Nfev);
        Assert.Contains("analytic", r.Method);
    }

    [Fact]
    public void ItMinimizesSurfacesToo()
    {
        var r = Optimize.Minimize(Surfaces.Rosenbrock, [-1.5, 2.0]);
        Assert.True(r.Success);
        Assert.Equal(1, r.X[0], 6);
        Assert.Equal(1, r.X[1], 6);
        var q = Surfaces.Quadratic(new double[,] { { 3, 1 }, { 1, 2 } }, [1, 1]);
        var rq = Optimize.Minimize(x => q.Value(x), [5.0, -5.0]);
        Assert.Equal(0.2, rq.X[0], 6);
        Assert.Equal(0.4, rq.X[1], 6);
    }

    [Fact]
    public void HessInvIsTheInverseCurvatureAlongTheLastStepNearOneOverFSecondAtTheMinimum()
    {
        // The deck's scipy prints hess_inv 0.47465475 from x0 = 6 and 0.74751575 from x0 = 1; 1/f″ at the minima is
        // 0.474656… and 0.748712…: close, not equal, because BFGS measures the curvature between its last two points.
        var quartic = Curves.Quartic;
        foreach (double x0 in new[] { 6.0, 1.0 })
        {
            var r = Optimize.Minimize(quartic.F, x0);
            Assert.Equal((1, 1), (r.HessInv.GetLength(0), r.HessInv.GetLength(1)));
            double exact = 1 / quartic.SecondDerivative(r.X[0]);
            Assert.True(Math.Abs(r.HessInv[0, 0] - exact) < 0.05 * exact, $"from {x0}: hess_inv {r.HessInv[0, 0]} vs 1/f″(x*) = {exact}");
            Assert.NotEqual(exact, r.HessInv[0, 0]);
        }
    }

    [Fact]
    public void OnAQuadraticTheOneDimensionalEstimateIsExact()
    {
        // f(x) = 2(x − 3)²: f″ = 4 everywhere, so any secant of f′ has slope 4 and BFGS's estimate is 1/4 exactly.
        var r = Optimize.Minimize(x => 2 * (x - 3) * (x - 3), 10.0, jac: x => 4 * (x - 3));
        Assert.Equal(3, r.X[0], 8);
        Assert.Equal(0.25, r.HessInv[0, 0], 10);
    }

    [Fact]
    public void HessInvIsSymmetricAndPositiveDefiniteInTwoDimensions()
    {
        var r = Optimize.Minimize(Surfaces.Rosenbrock, [-1.5, 2.0]);
        var h = r.HessInv;
        Assert.Equal((2, 2), (h.GetLength(0), h.GetLength(1)));
        Assert.Equal(h[0, 1], h[1, 0], 8);
        Assert.True(h[0, 0] > 0 && h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0] > 0);
    }

    [Fact]
    public void ItPrintsLikeScipysSummary()
    {
        string text = Optimize.Minimize(Curves.Quartic.F, 6).ToString();
        var keys = text.Split('\n').Select(l => l.Split(':')[0].Trim()).ToArray();
        Assert.Equal(["fun", "hess_inv", "jac", "message", "nfev", "nit", "njev", "status", "success", "x"], keys);
        Assert.Contains("     fun: -0.6914096788", text);
        Assert.Contains("hess_inv: array([[0.4", text);
        Assert.Contains("message: 'Optimization terminated successfully.'", text);
        Assert.Contains("success: True", text);
        Assert.Contains("       x: array([5.3263455", text);
    }

    [Fact]
    public void AFailureIsReportedNotThrown()
    {
        var r = Optimize.Minimize(x => x[0], [0.0], maxIterations: 3);   // unbounded below
        Assert.False(r.Success);
        Assert.Equal(1, r.Status);
        Assert.NotEmpty(r.Message);
    }

    [Fact]
    public void BadStartsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Optimize.Minimize(Curves.Quartic.F, double.NaN));
        Assert.Throws<ArgumentException>(() => Optimize.Minimize(x => x[0] * x[0], [double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => Optimize.Minimize(x => x[0] * x[0], []));
        Assert.Contains("finite value", Assert.Throws<ArgumentException>(() => Optimize.Minimize(x => Math.Log(x), -1.0)).Message);
        Assert.Throws<ArgumentException>(() => Optimize.Minimize(Surfaces.Bowl, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimize.Minimize(x => x[0] * x[0], [1.0], gtol: 0));
    }
}
