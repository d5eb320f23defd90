using Descent.Training;

namespace Descent.Tests;

/// <summary>Small objectives with known gradients for the optimizer, schedule and training tests.</summary>
internal static class TestProblems
{
    /// <summary>The Data 100 quartic's derivative, written as the deck's Python does: (4x³ − 45x² + 160x − 180)/10.</summary>
    public static double QuarticDerivative(double x) =>
        (4 * Math.Pow(x, 3) - 45 * Math.Pow(x, 2) + 160 * x - 180) / 10;

    /// <summary>The quartic f(x) = (x⁴ − 15x³ + 80x² − 180x + 144)/10 as a 1D objective.</summary>
    public sealed class Quartic : IObjective
    {
        public int Dimension => 1;
        public double Value(ReadOnlySpan<double> t) =>
            (Math.Pow(t[0], 4) - 15 * Math.Pow(t[0], 3) + 80 * Math.Pow(t[0], 2) - 180 * t[0] + 144) / 10;
        public void Gradient(ReadOnlySpan<double> t, Span<double> g) => g[0] = QuarticDerivative(t[0]);
    }

    /// <summary>f = x² + 2y², ∇f = (2x, 4y).</summary>
    public sealed class Bowl : IObjective
    {
        public int Dimension => 2;
        public double Value(ReadOnlySpan<double> t) => t[0] * t[0] + 2 * t[1] * t[1];
        public void Gradient(ReadOnlySpan<double> t, Span<double> g) { g[0] = 2 * t[0]; g[1] = 4 * t[1]; }
    }

    /// <summary>f = Σ cᵢ θᵢ² in any dimension, ∇f = 2 cᵢ θᵢ.</summary>
    public sealed class Diagonal(params double[] c) : IObjective
    {
        public int Dimension => c.Length;
        public double Value(ReadOnlySpan<double> t)
        {
            double s = 0;
            for (int i = 0; i < c.Length; i++) s += c[i] * t[i] * t[i];
            return s;
        }
        public void Gradient(ReadOnlySpan<double> t, Span<double> g)
        {
            for (int i = 0; i < c.Length; i++) g[i] = 2 * c[i] * t[i];
        }
    }

    /// <summary>A plain 1D objective from a value and a derivative.</summary>
    public sealed class OneD(Func<double, double> f, Func<double, double> df) : IObjective
    {
        public int Dimension => 1;
        public double Value(ReadOnlySpan<double> t) => f(t[0]);
        public void Gradient(ReadOnlySpan<double> t, Span<double> g) => g[0] = df(t[0]);
    }

    /// <summary>
    /// Mean squared error of a linear model on a seeded dataset: L(θ) = (1/n) Σ (xᵢ·θ − yᵢ)²,
    /// ∇L = (2/n) Σ xᵢ (xᵢ·θ − yᵢ); the batch gradient averages over the batch rows.
    /// </summary>
    public sealed class LeastSquares : IBatchObjective
    {
        private readonly double[] x;   // n × p, row-major
        private readonly double[] y;

        public LeastSquares(int n, int p, int seed)
        {
            var random = new SplitMix64((ulong)seed);
            x = new double[n * p];
            y = new double[n];
            Count = n;
            Dimension = p;
            TrueTheta = Enumerable.Range(0, p).Select(j => 1.0 + j % 3 - 0.5 * (j % 2)).ToArray();
            for (int i = 0; i < n; i++)
            {
                double dot = 0;
                for (int j = 0; j < p; j++)
                {
                    double v = j == 0 ? 1 : 2 * random.NextDouble() - 1;
                    x[i * p + j] = v;
                    dot += v * TrueTheta[j];
                }
                y[i] = dot + 0.1 * (2 * random.NextDouble() - 1);
            }
        }

        public double[] TrueTheta { get; }
        /// <summary>The data as an <see cref="Descent.Losses.MseLoss"/> (same rows, same targets).</summary>
        public Descent.Losses.MseLoss AsMse() => new(new Descent.Data.DesignMatrix(x, Count, Dimension), y);
        public int Count { get; }
        public int Dimension { get; }

        public double Value(ReadOnlySpan<double> theta)
        {
            double s = 0;
            for (int i = 0; i < Count; i++)
            {
                double r = Residual(theta, i);
                s += r * r;
            }
            return s / Count;
        }

        public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            gradient.Clear();
            for (int i = 0; i < Count; i++) Accumulate(theta, i, gradient);
            for (int j = 0; j < Dimension; j++) gradient[j] *= 2.0 / Count;
        }

        public void BatchGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> rows, Span<double> gradient)
        {
            gradient.Clear();
            foreach (int i in rows) Accumulate(theta, i, gradient);
            for (int j = 0; j < Dimension; j++) gradient[j] *= 2.0 / rows.Length;
        }

        private double Residual(ReadOnlySpan<double> theta, int i)
        {
            double dot = 0;
            for (int j = 0; j < Dimension; j++) dot += x[i * Dimension + j] * theta[j];
            return dot - y[i];
        }

        private void Accumulate(ReadOnlySpan<double> theta, int i, Span<double> gradient)
        {
            double r = Residual(theta, i);
            for (int j = 0; j < Dimension; j++) gradient[j] += x[i * Dimension + j] * r;
        }
    }
}
