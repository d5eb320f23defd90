using BenchmarkDotNet.Attributes;
using Descent.Functions;
using Descent.Losses;

namespace Descent.Bench;

/// <summary>
/// The 200 × 200 grid of MSE(θ₀, θ₁) for ŷ = θ₀ + θ₁x, computed from the sufficient statistics (the grid costs the same
/// whatever n is; the statistics are collected once, in the constructor).
/// </summary>
public class MseGridBenchmarks
{
    private MseSurface surface = null!;
    private double[] xs = null!, ys = null!;

    [Params(244, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var x = Workloads.X.Column(1).AsSpan(0, N).ToArray();
        var y = Workloads.Y.AsSpan(0, N).ToArray();
        surface = new MseSurface(x, y);
        xs = Curve.Linspace(surface.XRange.Min, surface.XRange.Max, 200);
        ys = Curve.Linspace(surface.YRange.Min, surface.YRange.Max, 200);
    }

    /// <summary>40,000 MSE values.</summary>
    [Benchmark]
    public double[][] MseGrid200() => surface.Grid(xs, ys);
}
