using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

public class AdamBiasCorrectionTests
{
    // Gradients of very different sizes, one per coordinate: g = (1000, −0.001, 3).
    private static readonly GradientOracle Fixed = (t, g) => { g[0] = 1000; g[1] = -0.001; g[2] = 3; };

    [Fact]
    public void WithBiasCorrectionTheFirstStepIsAlphaTimesTheSignOfTheGradientUpToDelta()
    {
        const double alpha = 0.01, delta = 1e-8;
        double[] theta = [0, 0, 0];
        new Adam(alpha).Step(theta, Fixed);
        double[] g = [1000, -0.001, 3];
        for (int i = 0; i < 3; i++)
        {
            // s̃_1 = g, r̃_1 = g²  ⇒  Δθ = −α g / (δ + |g|), within α δ / |g| of −α sign(g)
            Assert.Equal(-alpha * g[i] / (delta + Math.Abs(g[i])), theta[i], 1e-16);
            Assert.True(Math.Abs(theta[i] + alpha * Math.Sign(g[i])) <= alpha * delta / Math.Abs(g[i]) + 1e-16);
        }
    }

    [Fact]
    public void WithoutBiasCorrectionTheMomentsStayBiasedTowardsZero()
    {
        const double alpha = 0.01;
        var corrected = new Adam(alpha);
        var uncorrected = new Adam(alpha, biasCorrection: false);
        double[] a = [0, 0, 0], b = [0, 0, 0];
        corrected.Step(a, Fixed);
        uncorrected.Step(b, Fixed);

        // Uncorrected, s_1 = (1 − ρ₁) g is ten times smaller than the corrected s̃_1 = g, and r_1 = (1 − ρ₂) g².
        Assert.Equal([100.0, -0.0001, 0.3], uncorrected.FirstMoment.Select(x => Math.Round(x, 12)));
        // So the first step is α (1 − ρ₁) / √(1 − ρ₂) = α · 0.1 / 0.0316 ≈ 3.16 α in the sign of g (for g ≫ δ):
        // the ratio of the two first moments shrinks the step 10×, the second moment's grows it 31.6×.
        double[] g = [1000, -0.001, 3];
        for (int i = 0; i < 3; i++)
            Assert.Equal(-alpha * (0.1 * g[i]) / (1e-8 + Math.Sqrt(0.001 * g[i] * g[i])), b[i], 1e-15);
        Assert.Equal(0.1 / Math.Sqrt(0.001), b[0] / a[0], 1e-8);   // 3.1623 times the corrected first step
        Assert.Equal(3.1622776601683795, b[2] / a[2], 1e-6);
    }

    [Fact]
    public void BiasCorrectionFadesOutAsTGrows()
    {
        // After many steps on a constant gradient, 1 − ρ^t → 1 and both variants take the same step.
        var corrected = new Adam(0.01);
        var uncorrected = new Adam(0.01, biasCorrection: false);
        double[] a = [0, 0, 0], b = [0, 0, 0];
        for (int t = 0; t < 20_000; t++) { corrected.Step(a, Fixed); uncorrected.Step(b, Fixed); }
        double[] a0 = (double[])a.Clone(), b0 = (double[])b.Clone();
        corrected.Step(a, Fixed);
        uncorrected.Step(b, Fixed);
        for (int i = 0; i < 3; i++) Assert.Equal(a[i] - a0[i], b[i] - b0[i], 1e-10);
    }
}
