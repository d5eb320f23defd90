using Descent.Analysis;
using Descent.Data;
using Descent.Losses;
using static Descent.Tests.Losses.LossTestData;

namespace Descent.Tests.Losses;

public class MseLossTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TipsGradientAndHessianMatchFiniteDifferences(bool intercept)
    {
        var loss = new MseLoss(Datasets.Tips().Design(intercept));
        var rng = new Random(11);
        for (int k = 0; k < 20; k++)
        {
            var theta = RandomTheta(rng, loss.Dimension, 0.5);
            Assert.True(FiniteDifferences.CheckGradient(loss, theta).Passes(1e-8));
            Assert.True(FiniteDifferences.CheckHessian(loss, theta).Passes(1e-7));
        }
    }

    [Theory]
    [InlineData(1, 3, 1)]          // one row
    [InlineData(50, 5, 2)]         // p not a multiple of 4
    [InlineData(20_000, 3, 3)]     // several blocks, one thread
    [InlineData(100_000, 16, 4)]   // several blocks, every core
    public void ValueAndGradientEqualTheTextbookFormulas(int n, int p, int seed)
    {
        var (x, y) = Linear(n, p, seed);
        var loss = new MseLoss(x, y);
        var theta = RandomTheta(new Random(seed), p);
        var g = new double[p];
        double value = loss.ValueAndGradient(theta, g);
        Assert.Equal(NaiveMse(x, y, theta), value, NaiveMse(x, y, theta) * 1e-12);
        Close(NaiveMseGradient(x, y, theta), g, 1e-11);
        Assert.Equal(value, loss.Value(theta));
        Assert.Equal(g, loss.Gradient(theta));
    }

    [Fact]
    public void LargeDataGiveTheSameBitsOnEveryCall()
    {
        var (x, y) = Linear(100_000, 16, 5);
        var loss = new MseLoss(x, y);
        var theta = RandomTheta(new Random(5), 16);
        var first = loss.Gradient(theta);
        for (int k = 0; k < 5; k++) Assert.Equal(first, loss.Gradient(theta));
    }

    [Fact]
    public void BatchGradientIsTheMeanOverTheBatchRows()
    {
        var (x, y) = Linear(200, 4, 6);
        var loss = new MseLoss(x, y);
        var theta = RandomTheta(new Random(6), 4);
        int[] rows = [3, 150, 7, 7, 99];
        var g = new double[4];
        loss.BatchGradient(theta, rows, g);
        var sub = x.SelectRows(rows);
        var ySub = rows.Select(i => y[i]).ToArray();
        Close(NaiveMseGradient(sub, ySub, theta), g, 1e-13);
        Assert.Equal(NaiveMse(sub, ySub, theta), loss.BatchValue(theta, rows), 12);

        var all = Enumerable.Range(0, 200).ToArray();
        loss.BatchGradient(theta, all, g);
        Close(loss.Gradient(theta), g, 1e-12);
    }

    [Fact]
    public void BatchGradientAllocatesNothing()
    {
        var (x, y) = Linear(10_000, 16, 7);
        var loss = new MseLoss(x, y);
        var theta = RandomTheta(new Random(7), 16);
        var g = new double[16];
        var rows = Enumerable.Range(0, 10_000).Select(i => (i * 7919) % 10_000).ToArray();
        loss.BatchGradient(theta, rows.AsSpan(0, 32), g);   // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s + 32 <= rows.Length; s += 32)
            loss.BatchGradient(theta, rows.AsSpan(s, 32), g);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void HessianIsTwoOverNTimesXTransposeX()
    {
        var (x, y) = Linear(30, 3, 8);
        var loss = new MseLoss(x, y);
        var h = new double[9];
        loss.Hessian(new double[3], h);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                double s = 0;
                for (int i = 0; i < 30; i++) s += x[i, a] * x[i, b];
                Assert.Equal(2 * s / 30, h[a * 3 + b], 12);
            }
    }

    [Fact]
    public void OneParameterLossIsAFunctionOfTheta()
    {
        var loss = new MseLoss(Datasets.Tips().Design());
        var f = loss.AsFunction();
        Assert.Equal(loss.Value([0.14]), f(0.14));
        Assert.Throws<InvalidOperationException>(() => new MseLoss(Datasets.Tips().Design(intercept: true)).AsFunction());
    }

    [Fact]
    public void BadInputIsRejectedWithAClearMessage()
    {
        var x = DesignMatrix.FromColumn([1.0, 2.0, 3.0], "bill");
        Assert.Contains("X has 3 rows but y has 2 values", Assert.Throws<ArgumentException>(() => new MseLoss(x, [1.0, 2.0])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new MseLoss(x, [])).Message);
        Assert.Contains("y[1] is NaN", Assert.Throws<ArgumentException>(() => new MseLoss(x, [1.0, double.NaN, 2.0])).Message);
        var loss = new MseLoss(x, [1.0, 2.0, 3.0]);
        var ex = Assert.Throws<ArgumentException>(() => loss.Value([1.0, 2.0]));
        Assert.Contains("theta has 2 entries but a model with 1 features (bill) needs 1", ex.Message);
        Assert.Throws<ArgumentException>(() => loss.Gradient([1.0], new double[2]));
        Assert.Throws<ArgumentException>(() => loss.BatchGradient([1.0], [], new double[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.BatchGradient([1.0], [3], new double[1]));
    }
}

public class KernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(29)]
    public void DotGivesTheSameBitsWithAndWithoutVectorInstructions(int n)
    {
        var rng = new Random(n);
        for (int k = 0; k < 50; k++)
        {
            var a = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2e3 - 1e3).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            Assert.Equal(Kernels.DotWithoutVectors(ref a[0], ref b[0], n), Kernels.Dot(a, b));
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(5)]
    [InlineData(20)]
    public void FullPassAndAllRowsAsOneBatchGiveTheSameBits(int p)
    {
        var (x, y) = LossTestData.Linear(1000, p, p);
        var theta = LossTestData.RandomTheta(new Random(p), p);
        var mse = new MseLoss(x, y);
        var rows = Enumerable.Range(0, 1000).ToArray();
        var batch = new double[p];
        mse.BatchGradient(theta, rows, batch);
        Assert.Equal(mse.Gradient(theta), batch);
        Assert.Equal(mse.Value(theta), mse.BatchValue(theta, rows));
        var logistic = new LogisticLoss(x, y.Select(v => v > 0 ? 1.0 : 0.0).ToArray());
        logistic.BatchGradient(theta, rows, batch);
        Assert.Equal(logistic.Gradient(theta), batch);
    }
}
