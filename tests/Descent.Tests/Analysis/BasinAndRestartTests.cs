using Descent.Analysis;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Analysis;

public class BasinTests
{
    [Fact]
    public void EachStartOfTheQuarticGoesToTheMinimumOnItsSideOfTheMaximum()
    {
        var map = Basins.Of(Curves.Quartic, points: 200, alpha: 0.1);
        Assert.Equal(2, map.Minima.Count);
        Assert.Equal(0, map.Unresolved);
        foreach (var p in map.Points)
            Assert.Equal(p.Start[0] < 3.5309066 ? 0 : 1, p.Minimum);
        var boundary = Assert.Single(map.Boundaries());
        Assert.Equal(3.5309066, boundary, 1);
        Assert.Equal(map.Points.Count(p => p.Start[0] < 3.5309066) / 200.0, map.Fraction(0), 14);
        Assert.StartsWith("GD (α = 0.1): 200 starts; 44.0% → minimum 0 at 2.39275; 56.0% → minimum 1 at 5.32635", map.ToString());
    }

    [Fact]
    public void TooLargeAStepIsReportedAsDivergedNotAsAMinimum()
    {
        var map = Basins.Of(Curves.Quartic, points: 20, alpha: 1.0);
        Assert.Contains(map.Points, p => p.Diverged || p.Minimum is null);
        Assert.All(map.Points.Where(p => p.Diverged), p => Assert.Null(p.Minimum));
    }

    [Fact]
    public void SurfaceBasinsUseTheKnownMinima()
    {
        var map = Basins.Of(Surfaces.Bowl, () => new GradientDescent(0.1), n: 5);
        Assert.Equal(25, map.Points.Count);
        Assert.Equal(1, map.Fraction(0));
    }
}

public class RandomRestartTests
{
    [Fact]
    public void RestartProbabilityFollowsOneMinusOneMinusPToTheK()
    {
        var study = RandomRestarts.Study(Curves.Quartic, alpha: 0.1, maxRestarts: 8, trials: 400, seed: 7);
        double basinShare = (6.75 - 3.5309066) / (6.75 - 1);      // the global minimum's share of [1, 6.75]
        Assert.Equal(basinShare, study.SingleStartProbability, 0.03);
        Assert.Equal(8, study.Rows.Count);
        for (int k = 1; k < study.Rows.Count; k++)
            Assert.True(study.Rows[k].Empirical >= study.Rows[k - 1].Empirical);
        foreach (var row in study.Rows)
        {
            Assert.Equal(1 - Math.Pow(1 - study.SingleStartProbability, row.Restarts), row.Theory, 14);
            Assert.Equal(row.Theory, row.Empirical, 0.06);
        }
        Assert.True(study.Rows[^1].Empirical > 0.99);
    }

    [Fact]
    public void TheSameSeedGivesTheSameStudy()
    {
        var a = RandomRestarts.Study(Curves.Quartic, trials: 50, seed: 3).Rows;
        var b = RandomRestarts.Study(Curves.Quartic, trials: 50, seed: 3).Rows;
        Assert.Equal(a, b);
    }

    [Fact]
    public void MinimizeKeepsTheBestOfTheRestarts()
    {
        var (best, value) = RandomRestarts.Minimize(Curves.CosineOverX, [Curves.CosineOverX.Range], 20, () => new GradientDescent(0.002), seed: 1);
        var global = Curves.CosineOverX.LocalMinima()[0];
        Assert.Equal(global, best[0], 5);
        Assert.Equal(Curves.CosineOverX.Value(global), value, 9);
        Assert.Throws<ArgumentException>(() => RandomRestarts.Minimize(Surfaces.Bowl, [(0, 1)], 3, () => new GradientDescent(0.1)));
        Assert.Throws<ArgumentException>(() => RandomRestarts.Minimize(Curves.Quartic, [(2, 1)], 3, () => new GradientDescent(0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomRestarts.Minimize(Curves.Quartic, [(1, 2)], 0, () => new GradientDescent(0.1)));
    }
}

public class NoisyGradientTests
{
    [Fact]
    public void NoiseLetsGradientDescentEscapeTheLocalMinimum()
    {
        int escaped = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var noisy = new NoisyGradient(Curves.Quartic, t => t < 1000 ? 2.0 : 0.0, seed);
            var run = new GradientDescent(0.1).Run(noisy, [2.0], StopRule.After(1500));
            if (Math.Abs(run.Theta[0] - 5.3263455) < 1e-4) escaped++;
            else Assert.Equal(2.3927480, run.Theta[0], 4);          // otherwise it settled back in the local minimum
        }
        Assert.True(escaped >= 32, $"{escaped} of 40 runs escaped");
        var plain = new GradientDescent(0.1).Run(Curves.Quartic, [2.0], StopRule.After(1500));
        Assert.Equal(2.3927480, plain.Theta[0], 7);
    }

    [Fact]
    public void NoiseHasTheRequestedSpreadAndLeavesTheValueAlone()
    {
        var noisy = new NoisyGradient(Surfaces.Bowl, sigma: 0.5, seed: 9);
        var g = new double[2];
        var samples = new List<double>();
        for (int k = 0; k < 20_000; k++)
        {
            noisy.Gradient([1.0, 1.0], g);
            samples.Add(g[0] - 2);
            samples.Add(g[1] - 4);
        }
        double mean = samples.Average(), sd = Math.Sqrt(samples.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(0, mean, 0.01);
        Assert.Equal(0.5, sd, 0.01);
        Assert.Equal(3, noisy.Value([1.0, 1.0]));
        Assert.Equal(20_000, noisy.Evaluations);
    }

    [Fact]
    public void TheSameSeedGivesTheSameNoiseAndTheVarianceAnneals()
    {
        var a = new NoisyGradient(Curves.Quartic, 1.0, seed: 4, decay: 0.55);
        var b = new NoisyGradient(Curves.Quartic, 1.0, seed: 4, decay: 0.55);
        var ga = new double[1];
        var gb = new double[1];
        for (int k = 0; k < 10; k++)
        {
            a.Gradient([3.0], ga);
            b.Gradient([3.0], gb);
            Assert.Equal(ga[0], gb[0]);
        }
        Assert.Equal(1 / Math.Pow(11, 0.275), a.CurrentSigma, 14);
        a.Reset();
        a.Gradient([3.0], ga);
        var c = new NoisyGradient(Curves.Quartic, 1.0, seed: 4, decay: 0.55);
        c.Gradient([3.0], gb);
        Assert.Equal(gb[0], ga[0]);
    }

    [Fact]
    public void BadNoiseSettingsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisyGradient(Curves.Quartic, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisyGradient(Curves.Quartic, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisyGradient(Curves.Quartic, 1, decay: -0.5));
        var bad = new NoisyGradient(Curves.Quartic, _ => double.NaN);
        Assert.Throws<InvalidOperationException>(() => bad.Gradient([1.0], new double[1]));
    }
}
