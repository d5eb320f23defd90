using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Descent.Data;
using Descent.Losses;

namespace Descent.Bench;

/// <summary>
/// Full-batch MSE value and gradient, n = 1,000,000 × p = 16, against the time to read the matrix once (the same
/// 128 MB summed with vector loads on the same cores): a one-pass gradient cannot beat that floor.
/// </summary>
public class FullBatchBenchmarks
{
    private MseLoss loss = null!;
    private double[] theta = null!, gradient = null!, values = null!;

    [GlobalSetup]
    public void Setup()
    {
        loss = new MseLoss(Workloads.X, Workloads.Y);
        theta = Workloads.Theta(Workloads.P);
        gradient = new double[Workloads.P];
        values = Workloads.X.Values.ToArray();   // a copy the baseline can read: the same 128 MB, the same layout
    }

    /// <summary>L(θ) and ∇L(θ) = (2/n) 𝕏ᵀ(𝕏θ − y) in one pass over the rows.</summary>
    [Benchmark]
    public double MseValueAndGradient() => loss.ValueAndGradient(theta, gradient);

    /// <summary>Reads every entry of the matrix once (a vector sum), in blocks on every core, as the MSE pass does.</summary>
    [Benchmark(Baseline = true)]
    public double ReadMatrixOnce()
    {
        int blocks = (values.Length + BlockSize - 1) / BlockSize;
        var partial = new double[blocks];
        Parallel.For(0, blocks, b =>
        {
            int start = b * BlockSize, end = Math.Min(values.Length, start + BlockSize);
            partial[b] = Sum(values.AsSpan(start, end - start));
        });
        return partial.Sum();
    }

    private const int BlockSize = 4096 * 16;   // the MSE pass's block: 4096 rows of 16

    private static double Sum(ReadOnlySpan<double> xs)
    {
        ref double r = ref MemoryMarshal.GetReference(xs);
        var a0 = Vector256<double>.Zero; var a1 = a0; var a2 = a0; var a3 = a0;
        int i = 0;
        for (; i <= xs.Length - 16; i += 16)
        {
            a0 += Vector256.LoadUnsafe(ref r, (nuint)i);
            a1 += Vector256.LoadUnsafe(ref r, (nuint)(i + 4));
            a2 += Vector256.LoadUnsafe(ref r, (nuint)(i + 8));
            a3 += Vector256.LoadUnsafe(ref r, (nuint)(i + 12));
        }
        double s = Vector256.Sum(a0 + a1 + a2 + a3);
        for (; i < xs.Length; i++) s += xs[i];
        return s;
    }
}
