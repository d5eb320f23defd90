using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// What the hand-worked stepper tests share: steps on the bowl f = x² + 2y² (∇f = (2x, 4y)) from θ_0 = (1, 1), small
/// enough to work out on paper, and a tolerance for comparing the vectors they reach.
/// <code>using static Descent.Tests.Optimizers.BowlByHand;
/// Assert.Equal([0.8, 0.6], Steps(new GradientDescent(0.1), 1), new Tolerance(1e-15));</code>
/// </summary>
internal static class BowlByHand
{
    /// <summary>∇f = (2x, 4y).</summary>
    public static readonly GradientOracle BowlGradient = (t, g) => { g[0] = 2 * t[0]; g[1] = 4 * t[1]; };

    /// <summary>θ after <paramref name="count"/> steps of <paramref name="stepper"/> from θ_0 = (1, 1).</summary>
    public static double[] Steps(Stepper stepper, int count)
    {
        double[] theta = [1.0, 1.0];
        for (int i = 0; i < count; i++) stepper.Step(theta, BowlGradient);
        return theta;
    }

    /// <summary>Compares double sequences within an absolute tolerance.</summary>
    public sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double x) => 0;
    }
}
