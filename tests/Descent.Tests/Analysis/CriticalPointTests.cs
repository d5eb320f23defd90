using Descent.Analysis;
using Descent.Functions;

namespace Descent.Tests.Analysis;

public class CriticalPointTests
{
    [Fact]
    public void TheQuarticHasMinimumMaximumMinimum()
    {
        var points = CriticalPoints.Of(Curves.Quartic);
        Assert.Equal([CriticalPointKind.Minimum, CriticalPointKind.Maximum, CriticalPointKind.Minimum], points.Select(p => p.Kind));
        Assert.Equal(2.3927480, points[0].Point[0], 7);
        Assert.Equal(Curves.Quartic.SecondDerivative(points[1].Point[0]), points[1].Eigenvalues[0], 12);
    }

    [Fact]
    public void EigenvaluesClassifyTheSurfacesCriticalPoints()
    {
        var saddle = CriticalPoints.Classify(Surfaces.Saddle, [0.0, 0.0]);
        Assert.Equal(CriticalPointKind.Saddle, saddle.Kind);
        Assert.Equal([-2.0, 2.0], saddle.Eigenvalues);
        Assert.Equal(CriticalPointKind.Minimum, CriticalPoints.Classify(Surfaces.Bowl, [0.0, 0.0]).Kind);
        Assert.Equal(CriticalPointKind.Minimum, CriticalPoints.Classify(Surfaces.Rosenbrock, [1.0, 1.0]).Kind);
        Assert.Equal(CriticalPointKind.Minimum, CriticalPoints.Classify(Surfaces.Beale, [3.0, 0.5]).Kind);

        var example = CriticalPoints.Classify(Surfaces.GradientExample, [0.0, 0.0]);
        Assert.Equal(CriticalPointKind.Saddle, example.Kind);          // 8θ₀² + 3θ₀θ₁: eigenvalues 8 ± √73
        Assert.Equal(8 - Math.Sqrt(73), example.Eigenvalues[0], 12);
        Assert.Equal(8 + Math.Sqrt(73), example.Eigenvalues[1], 12);

        var max = Surfaces.Quadratic(new double[,] { { -1, 0 }, { 0, -3 } }, [0, 0]);
        Assert.Equal(CriticalPointKind.Maximum, CriticalPoints.Classify(max, [0.0, 0.0]).Kind);
    }

    [Fact]
    public void AZeroEigenvalueIsDegenerateAndANonZeroGradientIsNotCritical()
    {
        var flat = Surfaces.Quadratic(new double[,] { { 1, 0 }, { 0, 0 } }, [0, 0]);
        Assert.Equal(CriticalPointKind.Degenerate, CriticalPoints.Classify(flat, [0.0, 5.0]).Kind);
        var notCritical = CriticalPoints.Classify(Surfaces.Bowl, [1.0, 0.0]);
        Assert.Equal(CriticalPointKind.NotCritical, notCritical.Kind);
        Assert.Equal(2, notCritical.GradientNorm);
        Assert.Equal("[0, 0]: saddle (eigenvalues -2, 2; ‖∇f‖ = 0)", CriticalPoints.Classify(Surfaces.Saddle, [0.0, 0.0]).ToString());
    }

    [Fact]
    public void HessianMatrixMatchesTheSurface()
    {
        var h = CriticalPoints.Hessian(Surfaces.Rosenbrock, [0.5, 0.5]);
        var (xx, xy, yy) = Surfaces.Rosenbrock.Hessian(0.5, 0.5);
        Assert.Equal(xx, h[0, 0]);
        Assert.Equal(xy, h[1, 0]);
        Assert.Equal(yy, h[1, 1]);
        Assert.Throws<ArgumentException>(() => CriticalPoints.Classify(Surfaces.Bowl, [double.NaN, 0.0]));
        Assert.Throws<ArgumentException>(() => CriticalPoints.Classify(Surfaces.Bowl, [0.0]));
    }
}
