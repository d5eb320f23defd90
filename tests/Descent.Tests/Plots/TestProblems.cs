using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Plots;

/// <summary>Small objectives and runs the chart tests draw.</summary>
internal static class TestProblems
{
    /// <summary>The Data 100 quartic f(x) = (x⁴ − 15x³ + 80x² − 180x + 144)/10 and its derivative.</summary>
    public static double F(double x) => (Math.Pow(x, 4) - 15 * Math.Pow(x, 3) + 80 * x * x - 180 * x + 144) / 10;

    public static double DF(double x) => (4 * Math.Pow(x, 3) - 45 * x * x + 160 * x - 180) / 10;

    public sealed class Quartic : IObjective
    {
        public int Dimension => 1;
        public double Value(ReadOnlySpan<double> t) => F(t[0]);
        public void Gradient(ReadOnlySpan<double> t, Span<double> g) => g[0] = DF(t[0]);
    }

    /// <summary>L(θ) = θ₀² + 10 θ₁²: an ill-conditioned bowl.</summary>
    public sealed class Bowl : IObjective
    {
        public int Dimension => 2;
        public double Value(ReadOnlySpan<double> t) => t[0] * t[0] + 10 * t[1] * t[1];
        public void Gradient(ReadOnlySpan<double> t, Span<double> g) { g[0] = 2 * t[0]; g[1] = 20 * t[1]; }
    }

    public static double BowlF(double a, double b) => a * a + 10 * b * b;

    /// <summary>A long narrow valley like the tips MSE: L = (θ₀ + 20 θ₁ − 3)² + 0.01 (θ₀ − 1)².</summary>
    public static double Valley(double a, double b) => Math.Pow(a + 20 * b - 3, 2) + 0.01 * Math.Pow(a - 1, 2);

    public static Run QuarticRun(double alpha, int steps = 20, double x0 = 4) =>
        new GradientDescent(alpha).Run(new Quartic(), [x0], StopRule.After(steps), name: $"η = {alpha}");

    public static Run BowlRun(double alpha, int steps = 30) =>
        new GradientDescent(alpha).Run(new Bowl(), [-1.8, 0.8], StopRule.After(steps), name: $"η = {alpha}");

    /// <summary>A noisy walk of <paramref name="steps"/> steps, seeded, recorded as a run (like SGD on the bowl).</summary>
    public static Run NoisyRun(int steps, int seed = 7)
    {
        var random = new Random(seed);
        var records = new List<StepRecord>(steps + 1);
        double a = -1.8, b = 0.8;
        for (int t = 0; t <= steps; t++)
        {
            if (t > 0)
            {
                a -= 0.001 * (2 * a) + 0.01 * (random.NextDouble() - 0.5);
                b -= 0.001 * (20 * b) + 0.01 * (random.NextDouble() - 0.5);
            }
            records.Add(new StepRecord(t, [a, b], BowlF(a, b), t == 0 ? [] : [2 * a, 20 * b], t == 0 ? double.NaN : 0.001,
                new Dictionary<string, double[]>()) { Epoch = t == 0 ? 0 : (t - 1) / 244 + 1, GradientEvaluations = t });
        }
        return new Run("SGD", records, RunStatus.StepLimit, $"reached the step limit of {steps} steps") { RowsPerEpoch = 244 };
    }
}
