using Descent.Data;

namespace Descent.Tests.Losses;

/// <summary>Seeded synthetic data for the loss tests.</summary>
internal static class LossTestData
{
    public static (DesignMatrix X, double[] Y) Linear(int n, int p, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n * p];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() * 4 - 2;
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = rng.NextDouble() * 10 - 5;
        return (new DesignMatrix(x, n, p), y);
    }

    public static (DesignMatrix X, double[] Y) Labels(int n, int p, int seed)
    {
        var (x, _) = Linear(n, p, seed);
        var rng = new Random(seed + 1);
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = rng.NextDouble() < 0.4 ? 1 : 0;
        return (x, y);
    }

    public static double[] RandomTheta(Random rng, int p, double scale = 1)
    {
        var t = new double[p];
        for (int j = 0; j < p; j++) t[j] = (rng.NextDouble() * 2 - 1) * scale;
        return t;
    }

    /// <summary>(2/n) 𝕏ᵀ(𝕏θ − y), the textbook way.</summary>
    public static double[] NaiveMseGradient(DesignMatrix x, double[] y, double[] theta)
    {
        var g = new double[x.Columns];
        for (int i = 0; i < x.Rows; i++)
        {
            double r = -y[i];
            for (int j = 0; j < x.Columns; j++) r += x[i, j] * theta[j];
            for (int j = 0; j < x.Columns; j++) g[j] += 2.0 / x.Rows * r * x[i, j];
        }
        return g;
    }

    public static double NaiveMse(DesignMatrix x, double[] y, double[] theta)
    {
        double s = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            double r = y[i];
            for (int j = 0; j < x.Columns; j++) r -= x[i, j] * theta[j];
            s += r * r;
        }
        return s / x.Rows;
    }

    public static void Close(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1e-300, expected.Max(Math.Abs));
        for (int j = 0; j < expected.Length; j++)
            Assert.True(Math.Abs(expected[j] - actual[j]) <= relative * scale,
                $"entry {j}: expected {expected[j]:R}, actual {actual[j]:R}");
    }
}
