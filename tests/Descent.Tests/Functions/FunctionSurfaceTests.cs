using Descent.Analysis;
using Descent.Functions;

namespace Descent.Tests.Functions;

public class FunctionSurfaceTests
{
    // Lesson 06's two-unit network: ŷ = tanh(a·x) + tanh(b·x), targets made by a = 0.5, b = 2.
    private static readonly double[] Xs = Curve.Linspace(-2, 2, 21);
    private static readonly double[] Ys = Xs.Select(x => Math.Tanh(0.5 * x) + Math.Tanh(2 * x)).ToArray();

    private static FunctionSurface Network() => new("two tanh units", "L(a, b)",
        (a, b) => Xs.Select((x, i) => Math.Pow(Math.Tanh(a * x) + Math.Tanh(b * x) - Ys[i], 2)).Average(),
        (a, b) =>
        {
            double da = 0, db = 0;
            for (int i = 0; i < Xs.Length; i++)
            {
                double ta = Math.Tanh(a * Xs[i]), tb = Math.Tanh(b * Xs[i]), e = ta + tb - Ys[i];
                da += 2 * e * Xs[i] * (1 - ta * ta) / Xs.Length;
                db += 2 * e * Xs[i] * (1 - tb * tb) / Xs.Length;
            }
            return (da, db);
        },
        xRange: (-0.5, 3), yRange: (-0.5, 3));

    [Fact]
    public void The_networks_chain_rule_gradient_matches_finite_differences_at_random_points()
    {
        var net = Network();
        var rng = new Random(606);
        for (int k = 0; k < 30; k++)
        {
            double a = -0.5 + 3.5 * rng.NextDouble(), b = -0.5 + 3.5 * rng.NextDouble();
            var g = FiniteDifferences.CheckGradient(net, [a, b]);
            Assert.True(g.Passes(1e-7), $"at ({a}, {b}): {g}");
        }
    }

    [Fact]
    public void The_finite_difference_hessian_matches_an_analytic_one()
    {
        var bowl = new FunctionSurface("bowl", "x² + 2y² + xy", (x, y) => x * x + 2 * y * y + x * y,
            (x, y) => (2 * x + y, 4 * y + x), (-2, 2), (-2, 2));
        var (xx, xy, yy) = bowl.Hessian(0.7, -1.3);
        Assert.Equal(2, xx, 6);
        Assert.Equal(1, xy, 6);
        Assert.Equal(4, yy, 6);

        // A non-quadratic surface: the Rosenbrock function's known Hessian.
        var r = Surfaces.Rosenbrock;
        var copy = new FunctionSurface("copy", r.Formula, r.Value, (x, y) => r.Gradient(x, y), r.XRange, r.YRange);
        var (ex, exy, ey) = r.Hessian(0.3, 0.8);
        var (cx, cxy, cy) = copy.Hessian(0.3, 0.8);
        Assert.Equal(ex, cx, 1e-5 * Math.Abs(ex));
        Assert.Equal(exy, cxy, 1e-5 * Math.Abs(exy));
        Assert.Equal(ey, cy, 1e-5 * Math.Abs(ey));
    }

    [Fact]
    public void Swapping_the_units_gives_the_same_loss()
    {
        var net = Network();
        Assert.Equal(0, net.Value(0.5, 2), 12);
        Assert.Equal(net.Value(0.7, 1.9), net.Value(1.9, 0.7), 12);
    }

    [Fact]
    public void Rejects_an_empty_window() =>
        Assert.Throws<ArgumentException>(() => new FunctionSurface("s", "f", (x, y) => 0, (x, y) => (0, 0), (1, 1), (0, 1)));
}
