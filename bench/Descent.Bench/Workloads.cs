using Descent.Data;
using Descent.Losses;
using Descent.Training;

namespace Descent.Bench;

/// <summary>The shared data: n = 1,000,000 rows × p = 16 features, seeded, made once per process.</summary>
public static class Workloads
{
    public const int N = 1_000_000;
    public const int P = 16;

    private static readonly Lazy<(DesignMatrix X, double[] Y)> data = new(() => Make(N, P, seed: 2024));

    public static DesignMatrix X => data.Value.X;

    public static double[] Y => data.Value.Y;

    /// <summary>x ~ U(−1, 1), y = xᵀθ* + noise, θ* = (1, 0.5, 0.25, ...).</summary>
    public static (DesignMatrix X, double[] Y) Make(int n, int p, int seed)
    {
        var random = new SplitMix64((ulong)seed);
        var x = GC.AllocateUninitializedArray<double>(n * p);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double yi = 0, coefficient = 1;
            for (int j = 0; j < p; j++)
            {
                double v = 2 * random.NextDouble() - 1;
                x[i * p + j] = v;
                yi += coefficient * v;
                coefficient /= 2;
            }
            y[i] = yi + 0.1 * (2 * random.NextDouble() - 1);
        }
        return (new DesignMatrix(x, n, p), y);
    }

    /// <summary>θ = 0.1 · (0, 1, ..., p − 1).</summary>
    public static double[] Theta(int p) => Enumerable.Range(0, p).Select(j => 0.1 * j).ToArray();
}
