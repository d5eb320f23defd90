using Descent.Analysis;
using Descent.Functions;

namespace Descent.Tests.Functions;

public class SurfaceTests
{
    public static TheoryData<string> Names => new(Surfaces.All.Select(s => s.Name));

    private static Surface Named(string name) => Surfaces.All.Single(s => s.Name == name);

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientAndHessianMatchFiniteDifferencesAtRandomPoints(string name) =>
        AssertDerivativesMatchFiniteDifferencesAtRandomPoints(Named(name), name);

    /// <summary>
    /// Checks a surface's gradient (to 1e-7) and Hessian (to 1e-6) against finite differences at 30 points drawn
    /// uniformly from its plotting ranges, seeded by the name; <paramref name="alsoAt"/> adds checks at each point.
    /// </summary>
    internal static void AssertDerivativesMatchFiniteDifferencesAtRandomPoints(Surface s, string name, Action<double, double>? alsoAt = null)
    {
        var rng = new Random(name.Length * 7919);
        for (int k = 0; k < 30; k++)
        {
            double x = s.XRange.Min + rng.NextDouble() * (s.XRange.Max - s.XRange.Min);
            double y = s.YRange.Min + rng.NextDouble() * (s.YRange.Max - s.YRange.Min);
            var g = FiniteDifferences.CheckGradient(s, [x, y]);
            Assert.True(g.Passes(1e-7), $"{name} at ({x}, {y}): {g}");
            var h = FiniteDifferences.CheckHessian(s, [x, y]);
            Assert.True(h.Passes(1e-6), $"{name} at ({x}, {y}): {h}");
            alsoAt?.Invoke(x, y);
        }
    }

    /// <summary>
    /// The general quadratic is a factory (<see cref="Surfaces.Quadratic"/>), not one fixed surface, so it is not in
    /// <see cref="Surfaces.All"/>: these cover a coupled bowl, a diagonal valley, a saddle and an upside-down bowl.
    /// </summary>
    private static readonly Dictionary<string, Quadratic> Quadratics = new()
    {
        ["coupled bowl"] = Surfaces.Quadratic(new double[,] { { 3, 1 }, { 1, 2 } }, [1, 1]),
        ["diagonal valley"] = Surfaces.Quadratic(new double[,] { { 2.1, 1.9 }, { 1.9, 2.1 } }, [0.5, -1.5]),
        ["saddle"] = Surfaces.Quadratic(new double[,] { { 1, 2 }, { 2, -3 } }, [0.5, -2]),
        ["upside-down bowl"] = Surfaces.Quadratic(new double[,] { { -1, 0.5 }, { 0.5, -3 } }, [-1, 4]),
    };

    public static TheoryData<string> QuadraticNames => new(Quadratics.Keys);

    [Theory]
    [MemberData(nameof(QuadraticNames))]
    public void QuadraticGradientAndHessianMatchFiniteDifferencesAndAxMinusBAtRandomPoints(string name)
    {
        var q = Quadratics[name];
        AssertDerivativesMatchFiniteDifferencesAtRandomPoints(q, name, (x, y) =>
        {
            // ∇f = A x − b and H = A, with the A and b the quadratic reports.
            var expected = q.A * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([x, y]) - q.B;
            var (dx, dy) = q.Gradient(x, y);
            Assert.Equal(expected[0], dx, 12);
            Assert.Equal(expected[1], dy, 12);
            Assert.Equal(q.A, q.Hessian([x, y]));
        });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void KnownMinimaHaveZeroGradient(string name)
    {
        var s = Named(name);
        foreach (var m in s.Minima)
        {
            var (dx, dy) = s.Gradient(m[0], m[1]);
            Assert.Equal(0, dx, 10);
            Assert.Equal(0, dy, 10);
        }
    }

    [Fact]
    public void TheDataHundredExampleHasTheSlideGradient()
    {
        var f = Surfaces.GradientExample;
        Assert.Equal(8 * 1 + 3 * 1 * 2, f.Value([1.0, 2.0]));
        Assert.Equal((16 * 1 + 3 * 2, 3 * 1), f.Gradient(1, 2));
        Assert.Equal([22.0, 3.0], f.Gradient([1.0, 2.0]));
    }

    [Fact]
    public void BowlValuesGradientHessianAndViewAgree()
    {
        var b = Surfaces.Bowl;
        Assert.Equal(9, b.Value([1.0, 2.0]));
        Assert.Equal(9, b.F(1, 2));
        Assert.Equal((2.0, 8.0), b.Gradient(1, 2));
        var h = b.Hessian([1.0, 2.0]);
        Assert.Equal(2, h[0, 0]);
        Assert.Equal(0, h[0, 1]);
        Assert.Equal(4, h[1, 1]);
        Assert.Equal(2, b.ConditionNumber);
        Assert.Equal(20, Surfaces.IllConditioned.ConditionNumber, 12);
        Assert.Equal(0.1 * 4 + 2 * 9, Surfaces.IllConditioned.Value([2.0, 3.0]), 12);
    }

    [Fact]
    public void SaddleAndRosenbrockAndBealeHaveTheirTextbookValues()
    {
        Assert.Equal(1 - 4, Surfaces.Saddle.Value([1.0, 2.0]));
        Assert.Equal(0, Surfaces.Rosenbrock.Value([1.0, 1.0]));
        Assert.Equal(1 + 100 * 1, Surfaces.Rosenbrock.Value([0.0, 1.0]));
        Assert.Equal(0, Surfaces.Beale.Value([3.0, 0.5]), 14);
        Assert.Equal(1.5 * 1.5 + 2.25 * 2.25 + 2.625 * 2.625, Surfaces.Beale.Value([0.0, 0.0]), 12);
    }

    [Fact]
    public void PlateauIsFlatWhereTheSigmoidSaturatesAndZeroAtItsMinimum()
    {
        var p = Surfaces.Plateau;
        var m = p.Minima[0];
        Assert.Equal(0, p.Value(m), 14);
        var (dw, db) = p.Gradient(-4, -4);
        Assert.True(Math.Sqrt(dw * dw + db * db) < 1e-3);
        Assert.Equal(0.5 * (0.04 + 0.81), p.Value([-6.0, -6.0]), 3);
    }

    [Fact]
    public void QuadraticMinimizerSolvesAxEqualsB()
    {
        var q = Surfaces.Quadratic(new double[,] { { 3, 1 }, { 1, 2 } }, [1, 1]);
        var x = q.Minimizer;
        Assert.Equal(0.2, x[0], 14);
        Assert.Equal(0.4, x[1], 14);
        var (dx, dy) = q.Gradient(x[0], x[1]);
        Assert.Equal(0, dx, 14);
        Assert.Equal(0, dy, 14);
        Assert.Equal(0.5 * (3 + 2 * 2 + 2 * 4) - (1 + 2), q.Value([1.0, 2.0]), 14);
        double[] eig = q.Eigenvalues;
        Assert.Equal((5 - Math.Sqrt(5)) / 2, eig[0], 14);
        Assert.Equal((5 + Math.Sqrt(5)) / 2, eig[1], 14);
    }

    [Fact]
    public void QuadraticRejectsANonSymmetricOrWrongSizedOrNonFiniteMatrix()
    {
        Assert.Contains("symmetric", Assert.Throws<ArgumentException>(
            () => Surfaces.Quadratic(new double[,] { { 1, 2 }, { 0, 1 } }, [0, 0])).Message);
        Assert.Contains("2 × 2", Assert.Throws<ArgumentException>(
            () => Surfaces.Quadratic(new double[3, 3], [0, 0])).Message);
        Assert.Throws<ArgumentException>(() => Surfaces.Quadratic(new double[,] { { double.NaN, 0 }, { 0, 1 } }, [0, 0]));
        Assert.Throws<ArgumentException>(() => Surfaces.Quadratic(new double[,] { { 1, 0 }, { 0, 1 } }, [0, double.PositiveInfinity]));
        Assert.Throws<InvalidOperationException>(() => Surfaces.Quadratic(new double[,] { { 1, 0 }, { 0, -1 } }, [0, 0]).Minimizer);
    }

    [Fact]
    public void GridIsLaidOutRowsByYForPlotly()
    {
        double[] xs = [0, 1, 2], ys = [10, 20];
        var z = Surfaces.Saddle.Grid(xs, ys);
        Assert.Equal(2, z.Length);
        Assert.Equal(3, z[0].Length);
        Assert.Equal(Surfaces.Saddle.Value(2, 10), z[0][2]);
        Assert.Equal(Surfaces.Saddle.Value(1, 20), z[1][1]);
        var (gx, gy, gz) = Surfaces.Bowl.Grid(50);
        Assert.Equal(-3, gx[0]);
        Assert.Equal(3, gy[^1]);
        Assert.Equal(Surfaces.Bowl.Value(gx[4], gy[9]), gz[9][4]);
    }

    [Fact]
    public void AThreeEntryThetaIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Surfaces.Rosenbrock.Value([1.0, 2.0, 3.0]));
        Assert.Contains("needs 2", ex.Message);
    }

    [Fact]
    public void NonFiniteThetaGivesNonFiniteValueSoDivergenceCanBeReported()
    {
        Assert.True(double.IsNaN(Surfaces.Bowl.Value([double.NaN, 0.0])));
    }

    [Fact]
    public void BadBowlCoefficientsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bowl(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bowl(1, double.NaN));
    }

    [Fact]
    public void ToStringShowsNameAndFormula()
    {
        Assert.Equal("bowl: f(x₁, x₂) = x₁² + 2 x₂²", Surfaces.Bowl.ToString());
        Assert.Equal("ill-conditioned bowl: f(x₁, x₂) = 0.1 x₁² + 2 x₂²", Surfaces.IllConditioned.ToString());
        Assert.Equal("Rosenbrock: f(x, y) = (1 − x)² + 100(y − x²)²", Surfaces.Rosenbrock.ToString());
    }
}
