using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        ref double g = ref MemoryMarshal.GetReference(gradient);
        for (int i = start; i < end; i++)
        {
            ref double xi = ref Unsafe.Add(ref x0, (nint)i * p);
            loss += TLink.Loss(Kernels.Dot(ref xi, ref th, p), y[i], out double slope);
            Kernels.AddScaled(ref g, slope, ref xi, p);
        }
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
