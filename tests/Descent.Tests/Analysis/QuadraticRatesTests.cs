using System.Numerics;
using Descent.Analysis;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Analysis;

public class QuadraticRatesTests
{
    [Fact]
    public void GradientDescentShrinksEachEigenDirectionByOneMinusAlphaLambda()
    {
        var bowl = new Bowl(0.5, 5);                                       // λ = 1 and 10
        var run = new GradientDescent(0.15).Run(bowl, [1.0, 1.0], StopRule.After(20));
        for (int k = 0; k <= 20; k++)
        {
            Assert.Equal(Math.Pow(QuadraticRates.GradientDescentFactor(0.15, 1), k), run.Path[k][0], 14);
            Assert.Equal(Math.Pow(QuadraticRates.GradientDescentFactor(0.15, 10), k), run.Path[k][1], 14);
        }
        Assert.Equal(0.85, QuadraticRates.GradientDescentRate(0.15, [1, 10]), 15);
        Assert.Equal(1.2, QuadraticRates.GradientDescentRate(0.22, [1, 10]), 14);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(0.5, 400)]
    [InlineData(2, 3)]
    public void TheOptimalGradientDescentStepBeatsEveryOtherStep(double lo, double hi)
    {
        var (alpha, rate) = QuadraticRates.OptimalGradientDescent(lo, hi);
        Assert.Equal(2 / (lo + hi), alpha, 15);
        double κ = hi / lo;
        Assert.Equal((κ - 1) / (κ + 1), rate, 14);
        Assert.Equal(rate, QuadraticRates.GradientDescentRate(alpha, [lo, hi]), 14);
        for (int j = 1; j < 1000; j++)
            Assert.True(QuadraticRates.GradientDescentRate(j * 2.0 / hi / 1000, [lo, hi]) >= rate - 1e-14);
    }

    [Fact]
    public void TheMomentumMatrixIsOneStepOfTheLibrarysMomentumStepper()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 20; trial++)
        {
            double λ = 0.1 + 10 * rng.NextDouble(), α = 0.3 * rng.NextDouble() / λ + 1e-3, γ = 0.95 * rng.NextDouble();
            var stepper = new Momentum(α, γ);
            var bowl = new Bowl(λ / 2, λ / 2);
            double[] θ = [1.0 - 2 * rng.NextDouble(), 0.0];
            double v = 0, x = θ[0];
            for (int k = 0; k < 30; k++)
            {
                stepper.Step(θ, bowl.Gradient);
                var m = QuadraticRates.MomentumMatrix(α, γ, λ);
                (v, x) = (m[0, 0] * v + m[0, 1] * x, m[1, 0] * v + m[1, 1] * x);
                Assert.Equal(x, θ[0], 12);
                Assert.Equal(v, stepper.Velocity[0], 12);
            }
        }
    }

    [Fact]
    public void GohsMatrixHasTheSameEigenvalues()
    {
        // R = [[γ, λ], [−αγ, 1 − αλ]] on (z, x) with v = αz: same trace and determinant as M.
        foreach (var (α, γ, λ) in new[] { (0.1, 0.5, 3.0), (0.02, 0.9, 1.0), (0.3, 0.2, 10.0) })
        {
            double t = γ + 1 - α * λ, d = γ * (1 - α * λ) + α * γ * λ;
            var root = Complex.Sqrt(t * t - 4 * d);
            var (a, b) = QuadraticRates.MomentumEigenvalues(α, γ, λ);
            Assert.Equal(((t + root) / 2).Real, a.Real, 14);
            Assert.Equal(((t + root) / 2).Imaginary, a.Imaginary, 14);
            Assert.Equal(((t - root) / 2).Real, b.Real, 14);
            Assert.Equal(γ, (a * b).Real, 14);                               // det M = γ
        }
    }

    [Fact]
    public void TheSpectralRadiusIsTheRateARunMeasures()
    {
        var rng = new Random(12);
        int checkedRuns = 0;
        for (int trial = 0; trial < 80; trial++)
        {
            double λ = 1, α = 3.5 * rng.NextDouble() + 0.01, γ = 0.9 * rng.NextDouble();
            double rate = QuadraticRates.MomentumRate(α, γ, λ);
            if (rate >= 0.97 || rate < 0.6) continue;                          // too slow to measure in 400 steps, or so fast it underflows
            var d = ErrorDecay.Distances(new Momentum(α, γ), new Bowl(0.5, 0.5), [1.0, 0.0], 400, [0.0, 0.0]);
            // The envelope over windows longer than any swing: max |x| in [150, 200) against [350, 400).
            double Envelope(int from) => Enumerable.Range(from, 50).Max(k => d[k]);
            double measured = Math.Pow(Envelope(350) / Envelope(150), 1.0 / 200);
            // Within 1%: near a repeated eigenvalue the error is (1 + ck)ρᵏ, and k^(1/200) adds up to 0.4%.
            Assert.Equal(rate, measured, 0.01 * rate);
            checkedRuns++;
        }
        Assert.True(checkedRuns >= 20, $"only {checkedRuns} runs checked");
    }

    [Fact]
    public void TheFourRegionsAndTheirRates()
    {
        double α = 0.25, λ = 1;                                                // αλ = 0.25: γ_c = 0.25
        Assert.Equal(0.25, QuadraticRates.CriticalGamma(α, λ), 15);
        Assert.Equal(Damping.Overdamped, QuadraticRates.DampingOf(α, 0.2, λ));
        Assert.Equal(Damping.CriticallyDamped, QuadraticRates.DampingOf(α, 0.25, λ));
        Assert.Equal(Damping.Oscillating, QuadraticRates.DampingOf(α, 0.3, λ));
        Assert.Equal(0.5, QuadraticRates.MomentumRate(α, 0.25, λ), 7);        // 1 − √(αλ)
        Assert.True(QuadraticRates.MomentumRate(α, 0.2, λ) > Math.Sqrt(0.2));
        foreach (double γ in new[] { 0.3, 0.5, 0.8 })
            Assert.Equal(Math.Sqrt(γ), QuadraticRates.MomentumRate(α, γ, λ), 14);
        // Flipping past (1 + √γ)², divergence past 2(1 + γ).
        Assert.Equal(Damping.Flipping, QuadraticRates.DampingOf(2.95, 0.5, 1));
        Assert.True(QuadraticRates.MomentumRate(2.99, 0.5, 1) < 1);
        Assert.True(QuadraticRates.MomentumRate(3.01, 0.5, 1) > 1);
        Assert.Equal(Damping.CriticallyDamped, QuadraticRates.DampingOf(Math.Pow(1 + Math.Sqrt(0.5), 2), 0.5, 1));
        // Critical damping is the fastest γ for one direction.
        for (int j = 0; j < 99; j++)
            Assert.True(QuadraticRates.MomentumRate(α, j / 100.0, λ) >= 0.5 - 1e-7);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(1, 100)]
    [InlineData(0.2, 1000)]
    public void TheOptimalMomentumCriticallyDampsBothEndsAndNoGridPointBeatsIt(double lo, double hi)
    {
        var (α, γ, rate) = QuadraticRates.OptimalMomentum(lo, hi);
        double rootκ = Math.Sqrt(hi / lo);
        Assert.Equal(Math.Pow(2 / (Math.Sqrt(hi) + Math.Sqrt(lo)), 2), α, 15);
        Assert.Equal(Math.Pow((rootκ - 1) / (rootκ + 1), 2), γ, 15);
        Assert.Equal(Math.Sqrt(γ), rate, 15);
        Assert.Equal(Damping.CriticallyDamped, QuadraticRates.DampingOf(α, γ, lo));
        Assert.Equal(Damping.CriticallyDamped, QuadraticRates.DampingOf(α, γ, hi));
        Assert.Equal(rate, QuadraticRates.MomentumRate(α, γ, [lo, (lo + hi) / 2, hi]), 7);
        for (int i = 1; i <= 60; i++)
            for (int j = 0; j < 60; j++)
                Assert.True(QuadraticRates.MomentumRate(i * 4.0 / hi / 60, j / 60.0, [lo, hi]) >= rate - 1e-7);
    }

    [Fact]
    public void PredictedStepCounts()
    {
        Assert.Equal(10, QuadraticRates.StepsToReduce(0.5, 1e-3));            // 0.5¹⁰ = 9.8e-4, 0.5⁹ = 2.0e-3
        Assert.Equal(3, QuadraticRates.StepsToReduce(0.1, 1e-3));             // exactly 0.1³, despite rounding
        Assert.Equal(6908, QuadraticRates.StepsToReduce(999.0 / 1001, 1e-6));
        foreach (double ρ in new[] { 0.5, 0.8, 0.95 })
        {
            int k = QuadraticRates.StepsToReduceRepeated(ρ, 1e-6);
            Assert.True((1 + (1 + ρ) * k) * Math.Pow(ρ, k) <= 1e-6);
            Assert.True((1 + (1 + ρ) * (k - 1)) * Math.Pow(ρ, k - 1) > 1e-6);
            Assert.True(k >= QuadraticRates.StepsToReduce(ρ, 1e-6));
        }
    }

    [Fact]
    public void AtTheOptimumTheSteepDirectionFollowsTheRepeatedEigenvalueFormula()
    {
        double hi = 100;
        var (α, γ, ρ) = QuadraticRates.OptimalMomentum(1, hi);
        var stepper = new Momentum(α, γ);
        double[] θ = [1.0, 1.0];
        var bowl = new Bowl(0.5, hi / 2);
        for (int k = 1; k <= 60; k++)
        {
            stepper.Step(θ, bowl.Gradient);
            Assert.Equal((1 + (1 + ρ) * k) * Math.Pow(-ρ, k), θ[1], 9);
            Assert.Equal((1 + (1 - ρ) * k) * Math.Pow(ρ, k), θ[0], 9);
        }
    }

    [Fact]
    public void BadArgumentsAreRefusedWithAReason()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuadraticRates.MomentumRate(0.1, 1.0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuadraticRates.MomentumRate(0, 0.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuadraticRates.GradientDescentFactor(0.1, -1));
        Assert.Throws<ArgumentException>(() => QuadraticRates.OptimalMomentum(10, 1));
        Assert.Throws<ArgumentException>(() => QuadraticRates.GradientDescentRate(0.1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuadraticRates.StepsToReduce(1.0, 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuadraticRates.StepsToReduce(0.5, 2));
    }
}

public class ErrorDecayTests
{
    [Fact]
    public void DistancesOfARunAndOfAStepperAgree()
    {
        var bowl = new Bowl(0.5, 5);
        var run = new Momentum(0.1, 0.5).Run(bowl, [1.0, -2.0], StopRule.After(50));
        var stepped = ErrorDecay.Distances(new Momentum(0.1, 0.5), bowl, [1.0, -2.0], 50, [0.0, 0.0]);
        Assert.Equal(ErrorDecay.Distances(run, [0.0, 0.0]), stepped);
        Assert.Equal(Math.Sqrt(5), stepped[0], 15);
    }

    [Fact]
    public void StepsAndRatesOfGradientDescentAreExact()
    {
        var bowl = new Bowl(0.5, 0.5);                                         // λ = 1 both ways
        var d = ErrorDecay.Distances(new GradientDescent(0.5), bowl, [3.0, 4.0], 30, [0.0, 0.0]);
        Assert.Equal(5 * Math.Pow(0.5, 10), d[10], 14);
        Assert.Equal(0.5, ErrorDecay.MeasuredRate(d, 0, 30), 14);
        Assert.Equal(10, ErrorDecay.StepsToReduce(d, 1e-3));
        Assert.Null(ErrorDecay.StepsToReduce(d, 1e-12));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorDecay.MeasuredRate(d, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorDecay.StepsToReduce(d, 0));
    }

    [Fact]
    public void TheStepperOverloadKeepsGoingWhereARunStopsAsDiverged()
    {
        var (α, γ, _) = QuadraticRates.OptimalMomentum(1, 1000);
        var bowl = new Bowl(0.5, 500);
        var run = new Momentum(α, γ).Run(bowl, [1.0, 1.0], StopRule.After(400));
        Assert.Equal(RunStatus.Diverged, run.Status);
        var d = ErrorDecay.Distances(new Momentum(α, γ), bowl, [1.0, 1.0], 400, [0.0, 0.0]);
        Assert.Equal(315, ErrorDecay.StepsToReduce(d, 1e-6));
        Assert.Equal(8.25, d.Max() / d[0], 2);
    }
}
