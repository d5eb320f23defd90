using Descent.Analysis;
using Descent.Data;
using Descent.Functions;
using Descent.Models;

namespace Descent.Tests.Functions;

/// <summary>
/// The surfaces of lesson 10 (challenges in training): the bowl with a cliff, one tanh unit, and the linear two-layer
/// network. Their gradients and Hessians are checked against finite differences, and their formulas against the
/// lesson's statements.
/// </summary>
public class TrainingChallengeSurfaceTests
{
    private static readonly double[] SmallX = [0.5, 1.0, 2.0, 3.5];
    private static readonly double[] SmallY = [0.3, 0.4, 1.1, 1.6];

    private static readonly Dictionary<string, Surface> All = new()
    {
        ["cliff"] = new Cliff(),
        ["tanh unit"] = new TanhUnit(),
        ["linear two-layer, small data"] = new LinearTwoLayer(SmallX, SmallY),
        ["linear two-layer, tips"] = new LinearTwoLayer(Datasets.Tips().TotalBill, Datasets.Tips().Tip),
    };

    public static TheoryData<string> Names => new(All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientAndHessianMatchFiniteDifferencesAtRandomPoints(string name) =>
        SurfaceTests.AssertDerivativesMatchFiniteDifferencesAtRandomPoints(All[name], name);

    [Theory]
    [MemberData(nameof(Names))]
    public void KnownMinimaHaveZeroGradient(string name)
    {
        var s = All[name];
        double tolerance = s is Cliff ? 3e-7 : 1e-10;                        // the cliff's tail tilts the origin by 2·10⁻⁷
        foreach (var m in s.Minima)
        {
            var (dx, dy) = s.Gradient(m[0], m[1]);
            Assert.InRange(Math.Abs(dx), 0, tolerance);
            Assert.InRange(Math.Abs(dy), 0, tolerance);
        }
    }

    [Fact]
    public void TheCliffIsAStepOfHeightTenWhoseFaceHasSlope25()
    {
        var cliff = new Cliff();
        Assert.Equal(0, cliff.Value([0.0, 0.0]), 3);                           // 5(1 + tanh(−10)) ≈ 2e-8
        Assert.Equal(10, cliff.Value([10.0, 0.0]) - 0.05 * 100, 10);          // the step's top, above the bowl
        Assert.Equal(0.1 * 2 + 25, cliff.Gradient(2, 0).Dx, 12);              // on the face, tanh = 0
        Assert.Equal(0.35, cliff.Gradient(3.5, 1.5).Dx, 4);                   // on the terrace: 0.1x and almost no cliff
        Assert.Equal(25 * (1 - Math.Pow(Math.Tanh(-10), 2)), cliff.Gradient(0, 0).Dx, 15);
        double x = 0;                                                         // Newton on ∂L/∂x: the exact minimizer
        for (int k = 0; k < 5; k++) x -= cliff.Gradient(x, 0).Dx / cliff.Hessian(x, 0).Dxx;
        Assert.InRange(x, -3e-6, -1e-6);
    }

    [Fact]
    public void TheTanhUnitsDataAreMadeByItsFirstMinimumAndItsSignFlipFitsToo()
    {
        var unit = new TanhUnit();
        Assert.Equal(21, unit.Inputs.Count);
        Assert.Equal(-2, unit.Inputs[0]);
        Assert.Equal(2, unit.Inputs[^1], 14);
        Assert.Equal(0, unit.Value([1.5, 2.0]), 15);
        Assert.Equal(0, unit.Value([-1.5, -2.0]), 15);
        Assert.Equal(unit.Targets.Average(y => y * y), unit.Value([0.0, 0.0]), 14);   // the network outputs 0

        double meanXY = unit.Inputs.Zip(unit.Targets, (x, y) => x * y).Average();
        var origin = CriticalPoints.Classify(unit, [0.0, 0.0]);
        Assert.Equal(CriticalPointKind.Saddle, origin.Kind);
        Assert.Equal(-2 * meanXY, origin.Eigenvalues[0], 12);                  // ±2 mean(xy)
        Assert.Equal(2 * meanXY, origin.Eigenvalues[1], 12);
    }

    [Fact]
    public void TheLinearTwoLayerLossIsTheMseOfTheProductOfTheWeights()
    {
        var net = new LinearTwoLayer(SmallX, SmallY);
        foreach (var (w1, w2) in new[] { (0.3, -0.2), (0.5, 0.5), (-1.2, 0.7) })
        {
            double mse = SmallX.Zip(SmallY, (x, y) => Math.Pow(y - w2 * w1 * x, 2)).Average();
            Assert.Equal(mse, net.Value([w1, w2]), 12);
        }
        Assert.Equal(LeastSquares.ThroughOrigin(SmallX, SmallY), net.ThetaStar, 12);
        foreach (double w1 in new[] { 0.2, 1.0, -3.0 })                         // every point of w₁w₂ = θ* is a minimum
        {
            var (dx, dy) = net.Gradient(w1, net.ThetaStar / w1);
            Assert.Equal(0, dx, 12);
            Assert.Equal(0, dy, 12);
        }
        var origin = CriticalPoints.Classify(net, [0.0, 0.0]);
        Assert.Equal(CriticalPointKind.Saddle, origin.Kind);
        Assert.Equal(2 * net.MeanXY, origin.Eigenvalues[1], 12);
    }

    [Fact]
    public void TheLinearTwoLayerNetworkRejectsMismatchedEmptyOrNonFiniteData()
    {
        Assert.Throws<ArgumentException>(() => new LinearTwoLayer([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => new LinearTwoLayer([], []));
        Assert.Throws<ArgumentException>(() => new LinearTwoLayer([1.0, double.NaN], [1.0, 2.0]));
        Assert.Throws<ArgumentNullException>(() => new LinearTwoLayer(null!, [1.0]));
    }
}
