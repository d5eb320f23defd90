using Descent.Analysis;
using Descent.Data;
using Descent.Losses;
using static Descent.Tests.Losses.LossTestData;

namespace Descent.Tests.Losses;

public class LogisticLossTests
{
    private static double NaiveNll(DesignMatrix x, double[] y, double[] theta)
    {
        double s = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            double z = 0;
            for (int j = 0; j < x.Columns; j++) z += x[i, j] * theta[j];
            double p = 1 / (1 + Math.Exp(-z));
            s -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
        }
        return s;
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void GradientAndHessianMatchFiniteDifferences(Reduction reduction)
    {
        var (x, y) = Labels(120, 4, 21);
        var loss = new LogisticLoss(x, y, reduction);
        var rng = new Random(21);
        for (int k = 0; k < 20; k++)
        {
            var theta = RandomTheta(rng, 4, 1.5);
            Assert.True(FiniteDifferences.CheckGradient(loss, theta).Passes(1e-8));
            Assert.True(FiniteDifferences.CheckHessian(loss, theta).Passes(1e-7));
        }
    }

    [Fact]
    public void ValueIsTheNegativeLogLikelihoodAndSumIsNTimesMean()
    {
        var (x, y) = Labels(10_000, 5, 22);
        var theta = RandomTheta(new Random(22), 5);
        var sum = new LogisticLoss(x, y, Reduction.Sum);
        var mean = new LogisticLoss(x, y);
        Assert.Equal(NaiveNll(x, y, theta), sum.Value(theta), 1e-9);
        Assert.Equal(sum.Value(theta) / 10_000, mean.Value(theta), 1e-13);
        var gs = sum.Gradient(theta);
        var gm = mean.Gradient(theta);
        Close(gs.Select(v => v / 10_000).ToArray(), gm, 1e-13);
        var p = mean.Probabilities(theta);
        var closed = new double[5];
        for (int i = 0; i < 10_000; i++)
            for (int j = 0; j < 5; j++) closed[j] += (p[i] - y[i]) * x[i, j];
        Close(closed, gs, 1e-11);
    }

    [Fact]
    public void BatchGradientIsOnTheScaleOfTheFullLoss()
    {
        var (x, y) = Labels(100, 3, 23);
        var theta = RandomTheta(new Random(23), 3);
        var all = Enumerable.Range(0, 100).ToArray();
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            var loss = new LogisticLoss(x, y, reduction);
            var g = new double[3];
            loss.BatchGradient(theta, all, g);
            Close(loss.Gradient(theta), g, 1e-12);
            Assert.Equal(loss.Value(theta), loss.BatchValue(theta, all), 1e-10);
        }
    }

    [Fact]
    public void ExtremeScoresStayFinite()
    {
        var x = DesignMatrix.FromColumn([1.0, -1.0]);
        var loss = new LogisticLoss(x, [0.0, 1.0], Reduction.Sum);
        Assert.Equal(2000, loss.Value([1000.0]), 9);       // each row: log(1 + e^1000) ≈ 1000
        Assert.Equal([2.0], loss.Gradient([1000.0]));
        Assert.Equal(0, loss.Value([-1000.0]), 12);
        Assert.Equal(1.0, LogisticLoss.Sigmoid(800));
        Assert.Equal(0.0, LogisticLoss.Sigmoid(-800));
    }

    [Fact]
    public void BatchGradientAllocatesNothing()
    {
        var (x, y) = Labels(5_000, 16, 24);
        var loss = new LogisticLoss(x, y);
        var theta = RandomTheta(new Random(24), 16);
        var g = new double[16];
        int[] rows = Enumerable.Range(0, 5_000).Reverse().ToArray();
        loss.BatchGradient(theta, rows.AsSpan(0, 32), g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s + 32 <= rows.Length; s += 32) loss.BatchGradient(theta, rows.AsSpan(s, 32), g);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void LabelsMustBeZeroOrOne()
    {
        var x = DesignMatrix.FromColumn([1.0, 2.0]);
        Assert.Contains("y[1] is 2", Assert.Throws<ArgumentException>(() => new LogisticLoss(x, [0.0, 2.0])).Message);
        Assert.Throws<ArgumentException>(() => new LogisticLoss(x, [0.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => new LogisticLoss(x, [0.0]));
        Assert.Throws<ArgumentException>(() => new LogisticLoss(x, []));
        Assert.Throws<ArgumentException>(() => new LogisticLoss(x, [0.0, 1.0]).Value([1.0, 1.0]));
    }
}
