using Descent.Analysis;
using Descent.Data;
using Descent.Functions;
using Descent.Losses;

namespace Descent.Tests.Losses;

public class SquaredLossTests
{
    [Fact]
    public void OneObservationLossAndGradientAreTheSlideFormulas()
    {
        double[] theta = [0.5, -1.5], x = [2, 3];
        double y = 4, r = y - 0.5 * 2 - (-1.5) * 3;
        Assert.Equal(r * r, SquaredLoss.Value(theta, x, y), 14);
        Assert.Equal([-2 * r * 2, -2 * r * 3], SquaredLoss.Gradient(theta, x, y));
    }

    [Fact]
    public void OneObservationGradientMatchesFiniteDifferences()
    {
        var rng = new Random(31);
        for (int k = 0; k < 20; k++)
        {
            double[] x = [rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2];
            double y = rng.NextDouble() * 6 - 3;
            double[] theta = [rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1];
            var numeric = new double[2];
            for (int j = 0; j < 2; j++)
            {
                var tp = (double[])theta.Clone(); tp[j] += 1e-6;
                var tm = (double[])theta.Clone(); tm[j] -= 1e-6;
                numeric[j] = (SquaredLoss.Value(tp, x, y) - SquaredLoss.Value(tm, x, y)) / 2e-6;
            }
            LossTestData.Close(numeric, SquaredLoss.Gradient(theta, x, y), 1e-7);
        }
    }

    [Fact]
    public void BadObservationsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => SquaredLoss.Value([1.0], [1.0, 2.0], 1));
        Assert.Throws<ArgumentException>(() => SquaredLoss.Value([1.0], [double.NaN], 1));
        Assert.Throws<ArgumentException>(() => SquaredLoss.Value([1.0], [1.0], double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => SquaredLoss.Value([], [], 1));
    }
}

public class MseSurfaceTests
{
    [Fact]
    public void SufficientStatisticsGiveTheSameMseAsThePass()
    {
        var data = Datasets.Tips().Design(intercept: true);
        var surface = MseSurface.From(data);
        var loss = new MseLoss(data);
        var rng = new Random(41);
        for (int k = 0; k < 50; k++)
        {
            double t0 = rng.NextDouble() * 4 - 2, t1 = rng.NextDouble() * 0.6 - 0.2;
            Assert.Equal(loss.Value([t0, t1]), surface.Value(t0, t1), loss.Value([t0, t1]) * 1e-12);
            LossTestData.Close(loss.Gradient([t0, t1]), surface.Gradient([t0, t1]), 1e-11);
        }
        Assert.Equal(244, surface.Count);
    }

    [Fact]
    public void GradientAndHessianMatchFiniteDifferencesAndTheMinimumIsLeastSquares()
    {
        var surface = MseSurface.From(Datasets.Tips().Design());
        var rng = new Random(42);
        for (int k = 0; k < 20; k++)
        {
            double[] t = [rng.NextDouble() * 4 - 2, rng.NextDouble()];
            Assert.True(FiniteDifferences.CheckGradient(surface, t).Passes(1e-8));
            Assert.True(FiniteDifferences.CheckHessian(surface, t).Passes(1e-7));
        }
        var m = surface.Minimizer;
        var (dx, dy) = surface.Gradient(m[0], m[1]);
        Assert.Equal(0, dx, 12);
        Assert.Equal(0, dy, 12);
        Assert.Equal(0.920270, m[0], 6);    // tip = 0.920 + 0.105 · total_bill
        Assert.Equal(0.105025, m[1], 6);
        Assert.Equal("MSE of tip = θ₀ + θ₁·total_bill", surface.Name);
    }

    [Fact]
    public void GridUsesThePlottingWindow()
    {
        var surface = MseSurface.From(Datasets.Tips().Design(intercept: true));
        var (xs, ys, z) = surface.Grid(200);
        Assert.Equal(200, z.Length);
        Assert.Equal(surface.Value(xs[17], ys[123]), z[123][17]);
        Assert.True(surface.XRange.Min < surface.Minimizer[0] && surface.Minimizer[0] < surface.XRange.Max);
    }

    [Fact]
    public void BadDataAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new MseSurface([], []));
        Assert.Throws<ArgumentException>(() => new MseSurface([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => new MseSurface([1.0, double.NaN], [1.0, 2.0]));
        Assert.Throws<InvalidOperationException>(() => new MseSurface([1.0, 1.0], [1.0, 2.0]).Minimizer);
        var three = new Dataset(DesignMatrix.FromColumns(("a", [1.0, 2]), ("b", [3.0, 5]), ("c", [1.0, 0])), [1.0, 2]);
        Assert.Throws<ArgumentException>(() => MseSurface.From(three));
    }
}
