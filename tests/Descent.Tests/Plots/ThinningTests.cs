using Descent.Plots;

namespace Descent.Tests.Plots;

public class ThinningTests
{
    [Fact]
    public void ShortLinesAreKeptWhole()
    {
        var x = new double[] { 0, 1, 2, 3 };
        Assert.Equal([0, 1, 2, 3], Thinning.Select(x, x, maxPoints: 10));
    }

    [Fact]
    public void ALongNoisyWalkIsCappedAndKeepsItsEndpoints()
    {
        var random = new Random(1);
        int n = 100_001;
        var x = new double[n];
        var y = new double[n];
        for (int i = 1; i < n; i++) { x[i] = x[i - 1] + random.NextDouble() - 0.5; y[i] = y[i - 1] + random.NextDouble() - 0.5; }

        var keep = Thinning.Select(x, y, maxPoints: 2000);

        Assert.Equal(2000, keep.Length);
        Assert.Equal(0, keep[0]);
        Assert.Equal(n - 1, keep[^1]);
        Assert.True(keep.Zip(keep.Skip(1)).All(p => p.First < p.Second), "indices ascend");
    }

    [Fact]
    public void TheTurnsOfAZigzagSurvive()
    {
        // A triangle wave over 2,001 points with a corner every 100 points: the 21 corners are what matters.
        var x = Enumerable.Range(0, 2001).Select(i => (double)i).ToArray();
        var y = x.Select(v => v % 200 < 100 ? v % 200 : 200 - v % 200).ToArray();

        var keep = Thinning.Select(x, y, maxPoints: 30);

        var corners = Enumerable.Range(0, 21).Select(c => c * 100).ToArray();
        Assert.All(corners, c => Assert.Contains(c, keep));
    }

    [Fact]
    public void AStraightLineNeedsOnlyItsEnds()
    {
        var x = Enumerable.Range(0, 5000).Select(i => (double)i).ToArray();
        var y = x.Select(v => 3 * v + 1).ToArray();
        Assert.Equal([0, 4999], Thinning.Select(x, y, maxPoints: 100));
    }

    [Fact]
    public void DistancesAreMeasuredAsTheChartShowsThem()
    {
        // y spans 1e-3, x spans 1000: unscaled, the bump at i = 500 would look like noise; scaled it is the shape.
        var x = Enumerable.Range(0, 1001).Select(i => (double)i).ToArray();
        var y = x.Select(v => v == 500 ? 1e-3 : 0).ToArray();
        Assert.Equal([0, 500, 1000], Thinning.Select(x, y, maxPoints: 3));
    }

    [Fact]
    public void ABudgetBelowTwoIsRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Thinning.Select([0.0, 1, 2], [0.0, 1, 2], maxPoints: 1));
        Assert.Contains("maxPoints ≥ 2", ex.Message);
    }
}
