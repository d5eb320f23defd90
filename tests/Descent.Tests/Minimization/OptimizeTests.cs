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
    public void ItPrintsLikeScipysSummary()
    {
        string text = Optimize.Minimize(Curves.Quartic.F, 6).ToString();
        var keys = text.Split('\n').Select(l => l.Split(':')[0].Trim()).ToArray();
        Assert.Equal(["fun", "jac", "message", "nfev", "nit", "njev", "status", "success", "x"], keys);
        Assert.Contains("    fun: -0.6914096788", text);
        Assert.Contains("message: 'Optimization terminated successfully.'", text);
        Assert.Contains("success: True", text);
        Assert.Contains("      x: array([5.3263455", text);
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
