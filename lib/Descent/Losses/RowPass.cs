using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Losses;

/// <summary>How one row's prediction zᵢ = xᵢᵀθ and target yᵢ turn into a loss ℓ and its slope dℓ/dz.</summary>
internal interface ILink
{
    static abstract double Loss(double z, double y, out double slope);
}

/// <summary>ℓ = (z − y)², reported as r² with slope r = z − y (the caller applies the factor 2).</summary>
internal readonly struct SquaredLink : ILink
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Loss(double z, double y, out double slope)
    {
        double r = z - y;
        slope = r;
        return r * r;
    }
}

/// <summary>ℓ = −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + eᶻ) − y z, slope σ(z) − y; computed without overflow.</summary>
internal readonly struct LogisticLink : ILink
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Loss(double z, double y, out double slope)
    {
        double e = Math.Exp(-Math.Abs(z));                  // in (0, 1]: never overflows
        double p = z >= 0 ? 1 / (1 + e) : e / (1 + e);      // σ(z)
        slope = p - y;
        return Math.Max(z, 0) + Math.Log(1 + e) - y * z;    // softplus(z) − y z
    }
}

/// <summary>
/// One pass over rows of a row-major design matrix that computes every prediction and accumulates the loss and,
/// in the same pass, the gradient Σ slopeᵢ xᵢ. Full passes run in fixed blocks of rows whose partial sums are added
/// in block order, so the result does not depend on how many threads ran the blocks.
/// </summary>
internal static class RowPass
{
    /// <summary>Rows per block. A block of 16 features is 512 KB: it stays in cache while it is summed.</summary>
    public const int BlockRows = 4096;

    /// <summary>Below this many matrix entries a pass stays on one thread.</summary>
    public const long ParallelThreshold = 1 << 18;

    /// <summary>Rows [start, end): returns Σ ℓᵢ and, when <paramref name="gradient"/> is not empty, adds Σ slopeᵢ xᵢ to it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Range<TLink>(double[] x, int p, double[] y, ReadOnlySpan<double> theta, int start, int end, Span<double> gradient)
        where TLink : ILink
    {
        ref double th = ref MemoryMarshal.GetReference(theta);
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        double loss = 0;
        if (gradient.IsEmpty)
        {
            for (int i = start; i < end; i++)
                loss += TLink.Loss(Kernels.Dot(ref Unsafe.Add(ref x0, (nint)i * p), ref th, p), y[i], out _);
            return loss;
        }
        if (Vector256.IsHardwareAccelerated && p % 4 == 0 && p <= 16)
            return RangeInRegisters<TLink>(x, p, y, theta, start, end, gradient);
        ref double g = ref MemoryMarshal.GetReference(gradient);
        for (int i = start; i < end; i++)
        {
            ref double xi = ref Unsafe.Add(ref x0, (nint)i * p);
            loss += TLink.Loss(Kernels.Dot(ref xi, ref th, p), y[i], out double slope);
            Kernels.AddScaled(ref g, slope, ref xi, p);
        }
        return loss;
    }

    /// <summary>
    /// <see cref="Range{TLink}"/> for p = 4, 8, 12 or 16 with θ and the gradient held in registers: each row is loaded once
    /// and used for both its prediction and its gradient term. Same operations in the same order as the general loop
    /// (<see cref="Kernels.Dot(ref double, ref double, int)"/>, then one fused multiply-add per gradient entry), so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double RangeInRegisters<TLink>(double[] x, int p, double[] y, ReadOnlySpan<double> theta, int start, int end,
        Span<double> gradient) where TLink : ILink
    {
        int v = p / 4;                                             // 1 to 4 vectors per row
        ref double th = ref MemoryMarshal.GetReference(theta);
        var t0 = Vector256.LoadUnsafe(ref th);
        var t1 = v > 1 ? Vector256.LoadUnsafe(ref th, 4) : default;
        var t2 = v > 2 ? Vector256.LoadUnsafe(ref th, 8) : default;
        var t3 = v > 3 ? Vector256.LoadUnsafe(ref th, 12) : default;
        Vector256<double> g0 = default, g1 = default, g2 = default, g3 = default;
        Vector256<double> x1 = default, x2 = default, x3 = default;
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        double loss = 0;
        for (int i = start; i < end; i++)
        {
            ref double xi = ref Unsafe.Add(ref x0, (nint)i * p);
            var xa = Vector256.LoadUnsafe(ref xi);
            var acc0 = Vector256.FusedMultiplyAdd(xa, t0, Vector256<double>.Zero);
            var acc1 = Vector256<double>.Zero;
            if (v > 1) { x1 = Vector256.LoadUnsafe(ref xi, 4); acc1 = Vector256.FusedMultiplyAdd(x1, t1, acc1); }
            if (v > 2) { x2 = Vector256.LoadUnsafe(ref xi, 8); acc0 = Vector256.FusedMultiplyAdd(x2, t2, acc0); }
            if (v > 3) { x3 = Vector256.LoadUnsafe(ref xi, 12); acc1 = Vector256.FusedMultiplyAdd(x3, t3, acc1); }
            loss += TLink.Loss(Kernels.HorizontalSum(acc0 + acc1), y[i], out double slope);
            var r = Vector256.Create(slope);
            g0 = Vector256.FusedMultiplyAdd(r, xa, g0);
            if (v > 1) g1 = Vector256.FusedMultiplyAdd(r, x1, g1);
            if (v > 2) g2 = Vector256.FusedMultiplyAdd(r, x2, g2);
            if (v > 3) g3 = Vector256.FusedMultiplyAdd(r, x3, g3);
        }
        // The caller's gradient holds the running sum from earlier rows (zero for a fresh block): add ours onto it.
        ref double g = ref MemoryMarshal.GetReference(gradient);
        (Vector256.LoadUnsafe(ref g) + g0).StoreUnsafe(ref g);
        if (v > 1) (Vector256.LoadUnsafe(ref g, 4) + g1).StoreUnsafe(ref g, 4);
        if (v > 2) (Vector256.LoadUnsafe(ref g, 8) + g2).StoreUnsafe(ref g, 8);
        if (v > 3) (Vector256.LoadUnsafe(ref g, 12) + g3).StoreUnsafe(ref g, 12);
        return loss;
    }

    /// <summary>Rows handled per chunk by <see cref="Indexed{TLink}"/>.</summary>
    private const int Chunk = 64;

    /// <summary>
    /// The rows listed in <paramref name="rows"/> (a mini-batch), same sums as <see cref="Range{TLink}"/>. Never allocates.
    /// </summary>
    /// <remarks>
    /// A mini-batch's rows are scattered through memory, so each one is a cache (and TLB) miss. The rows are handled in
    /// two phases per chunk: first every prediction (independent loads, which the processor overlaps), then the gradient
    /// sum over rows that are now in cache. Done row by row, each miss would wait for the one before.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Indexed<TLink>(double[] x, int p, double[] y, ReadOnlySpan<double> theta, ReadOnlySpan<int> rows, Span<double> gradient)
        where TLink : ILink
    {
        ref double th = ref MemoryMarshal.GetReference(theta);
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        int n = y.Length;
        double loss = 0;
        bool wantGradient = !gradient.IsEmpty;
        ref double g = ref MemoryMarshal.GetReference(gradient);
        Span<double> slopes = stackalloc double[Chunk];
        for (int c = 0; c < rows.Length; c += Chunk)
        {
            var chunk = rows.Slice(c, Math.Min(Chunk, rows.Length - c));
            for (int k = 0; k < chunk.Length; k++)
            {
                int i = chunk[k];
                if ((uint)i >= (uint)n)
                    throw new ArgumentOutOfRangeException(nameof(rows), i, $"Row indices must be in 0..{n - 1}; the data has {n} rows.");
                loss += TLink.Loss(Kernels.Dot(ref Unsafe.Add(ref x0, (nint)i * p), ref th, p), y[i], out slopes[k]);
            }
            if (wantGradient)
                for (int k = 0; k < chunk.Length; k++)
                    Kernels.AddScaled(ref g, slopes[k], ref Unsafe.Add(ref x0, (nint)chunk[k] * p), p);
        }
        return loss;
    }

    /// <summary>
    /// Every row: returns Σ ℓᵢ and, when <paramref name="gradient"/> is not empty, overwrites it with Σ slopeᵢ xᵢ.
    /// Large data are split into blocks run on all cores; partial sums are combined in block order.
    /// </summary>
    public static double Full<TLink>(double[] x, int p, double[] y, ReadOnlySpan<double> theta, Span<double> gradient)
        where TLink : ILink
    {
        int n = y.Length;
        gradient.Clear();
        int blocks = (n + BlockRows - 1) / BlockRows;
        if (blocks == 1) return Range<TLink>(x, p, y, theta, 0, n, gradient);

        int width = gradient.IsEmpty ? 1 : p + 1;         // per block: [loss, g₀ … g_{p−1}]
        var partial = ArrayPool<double>.Shared.Rent(blocks * width);
        var th = ArrayPool<double>.Shared.Rent(p);
        try
        {
            theta.CopyTo(th);
            bool wantGradient = !gradient.IsEmpty;
            if ((long)n * p >= ParallelThreshold && Environment.ProcessorCount > 1)
            {
                Parallel.For(0, blocks, b => Block<TLink>(x, p, y, th, b, partial, width, wantGradient));
            }
            else
            {
                for (int b = 0; b < blocks; b++) Block<TLink>(x, p, y, th, b, partial, width, wantGradient);
            }
            double loss = 0;
            for (int b = 0; b < blocks; b++)
            {
                loss += partial[b * width];
                if (wantGradient)
                    for (int j = 0; j < p; j++) gradient[j] += partial[b * width + 1 + j];
            }
            return loss;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partial);
            ArrayPool<double>.Shared.Return(th);
        }
    }

    private static void Block<TLink>(double[] x, int p, double[] y, double[] theta, int b, double[] partial, int width, bool wantGradient)
        where TLink : ILink
    {
        int start = b * BlockRows, end = Math.Min(y.Length, start + BlockRows);
        var g = wantGradient ? partial.AsSpan(b * width + 1, p) : Span<double>.Empty;
        g.Clear();
        partial[b * width] = Range<TLink>(x, p, y, theta.AsSpan(0, p), start, end, g);
    }
}
