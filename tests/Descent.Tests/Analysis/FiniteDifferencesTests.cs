using Descent.Analysis;
using Descent.Functions;

namespace Descent.Tests.Analysis;

/// <summary>
/// The derivative checker must catch the mistakes students make: a missing factor 2, a sign error in one term,
/// the whole gradient's sign flipped, a wrong Hessian entry. Each check below fails with the relative error worked out by hand.
/// </summary>
public class FiniteDifferencesTests
{
    /// <summary>f's value with a hand-written (possibly wrong) gradient and Hessian, as a student would code them.</summary>
    private sealed class StudentObjective(
        Surface f,
        Func<double, double, (double Dx, double Dy)> gradient,
        Func<double, double, (double Dxx, double Dxy, double Dyy)>? hessian = null) : ITwiceDifferentiable
    {
        public int Dimension => 2;

        public double Value(ReadOnlySpan<double> theta) => f.Value(theta);

        public void Gradient(ReadOnlySpan<double> theta, Span<double> g) => (g[0], g[1]) = gradient(theta[0], theta[1]);

        public void Hessian(ReadOnlySpan<double> theta, Span<double> h)
        {
            var (xx, xy, yy) = (hessian ?? f.Hessian)(theta[0], theta[1]);
            h[0] = xx; h[1] = xy; h[2] = xy; h[3] = yy;
        }
    }

    [Fact]
    public void TheRightGradientPassesAtThePointsTheWrongOnesAreCheckedAt()
    {
        Assert.True(FiniteDifferences.CheckGradient(Surfaces.GradientExample, [1.0, 2.0]).RelativeError < 1e-9);
        Assert.True(FiniteDifferences.CheckGradient(Surfaces.Rosenbrock, [-1.0, 2.0]).RelativeError < 1e-9);
        Assert.True(FiniteDifferences.CheckGradient(Surfaces.Bowl, [1.0, 2.0]).RelativeError < 1e-9);
    }

    [Fact]
    public void AMissingFactorTwoFailsWithARelativeErrorOfAThird()
    {
        // f = 8θ₀² + 3θ₀θ₁, ∂f/∂θ₀ = 16θ₀ + 3θ₁; the student wrote 8θ₀ + 3θ₁.
        var student = new StudentObjective(Surfaces.GradientExample, (a, b) => (8 * a + 3 * b, 3 * a));
        var check = FiniteDifferences.CheckGradient(student, [1.0, 2.0]);

        Assert.False(check.Passes());
        Assert.False(check.Passes(0.1));
        Assert.Equal([14.0, 3.0], check.Analytic);
        Assert.Equal(22, check.Numeric[0], 8);
        Assert.Equal(3, check.Numeric[1], 8);
        // ‖(14, 3) − (22, 3)‖ / ‖(22, 3)‖ = 8 / √493
        Assert.Equal(8 / Math.Sqrt(493), check.RelativeError, 9);
        Assert.Equal(8, check.MaxAbsoluteError, 8);
        Assert.Equal("gradient: analytic [14, 3], numeric [22, 3], relative error 0.36", check.ToString());
    }

    [Fact]
    public void ASignErrorInOneTermFailsEvenWhenTheOtherTermDominates()
    {
        // Rosenbrock: ∂f/∂x = −2(1 − x) − 400x(y − x²); the student dropped the chain rule's minus: +2(1 − x).
        var student = new StudentObjective(Surfaces.Rosenbrock,
            (x, y) => (2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)));
        var check = FiniteDifferences.CheckGradient(student, [-1.0, 2.0]);

        // At (−1, 2): analytic (404, 200), true (396, 200), so the error is ‖(8, 0)‖ / ‖(404, 200)‖ ≈ 0.018:
        // small next to the 400x(y − x²) term, but ten thousand times the 1e-6 a right formula stays under.
        Assert.Equal([404.0, 200.0], check.Analytic);
        Assert.Equal(396, check.Numeric[0], 6);
        Assert.Equal(200, check.Numeric[1], 6);
        Assert.Equal(8 / Math.Sqrt(404 * 404 + 200 * 200), check.RelativeError, 9);
        Assert.False(check.Passes());
        Assert.False(check.Passes(1e-2));
    }

    [Fact]
    public void AGradientWithTheWrongSignFailsWithRelativeErrorTwo()
    {
        // The bowl x² + 2y²; the student returned −∇f, so "descent" would climb.
        var student = new StudentObjective(Surfaces.Bowl, (x, y) => (-2 * x, -4 * y));
        var check = FiniteDifferences.CheckGradient(student, [1.0, 2.0]);

        Assert.Equal([-2.0, -8.0], check.Analytic);
        Assert.Equal(2, check.RelativeError, 9);    // ‖−g − g‖ / ‖g‖
        Assert.Equal(16, check.MaxAbsoluteError, 8);
        Assert.False(check.Passes());
    }

    [Fact]
    public void AWrongHessianEntryFailsTheHessianCheck()
    {
        // f = 8θ₀² + 3θ₀θ₁ has H = [[16, 3], [3, 0]]; the student wrote ∂²f/∂θ₀² = 8.
        var student = new StudentObjective(Surfaces.GradientExample, Surfaces.GradientExample.Gradient,
            (a, b) => (8, 3, 0));
        var check = FiniteDifferences.CheckHessian(student, [1.0, 2.0]);

        Assert.Equal([8.0, 3.0, 3.0, 0.0], check.Analytic);
        Assert.Equal(16, check.Numeric[0], 6);
        // ‖(8, 0, 0, 0)‖ / ‖(16, 3, 3, 0)‖ = 8 / √274
        Assert.Equal(8 / Math.Sqrt(274), check.RelativeError, 8);
        Assert.False(check.Passes());
        Assert.StartsWith("Hessian: analytic [8, 3, 3, 0]", check.ToString());
        Assert.True(FiniteDifferences.CheckGradient(student, [1.0, 2.0]).Passes(1e-9), "its gradient is right");
    }
}
