using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Descent.Losses;

/// <summary>
/// A loss over rows that can ask the processor to start loading rows it will need soon. Mini-batch loops call it with
/// the next batch while the current one is being computed. A performance hint only: it changes no number.
/// </summary>
internal interface IRowPrefetch
{
    void PrefetchRows(ReadOnlySpan<int> rows);
}

/// <summary>
/// Software prefetch of scattered rows. (Not part of the lessons: this is the one corner of the library written for
/// speed alone.)
/// </summary>
/// <remarks>
/// A mini-batch's rows are scattered through memory, so each is a cache miss of ~100 ns that the processor can overlap
/// only a few at a time. A prefetch instruction starts the load and retires at once, so the next batch's rows travel
/// from memory while the current batch is being computed. On processors without SSE, or for indices out of range, it
/// does nothing (the gradient itself checks the indices).
/// </remarks>
internal static class Prefetch
{
    private const int CacheLine = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Rows(double[] x, int p, double[] y, ReadOnlySpan<int> rows)
    {
        if (!Sse.IsSupported) return;
        int n = y.Length;
        int rowBytes = p * sizeof(double);
        fixed (double* x0 = x)
        fixed (double* y0 = y)
        {
            foreach (int i in rows)
            {
                if ((uint)i >= (uint)n) continue;
                byte* row = (byte*)(x0 + (nint)i * p);
                for (int offset = 0; offset < rowBytes; offset += CacheLine) Sse.Prefetch0(row + offset);
                Sse.Prefetch0(row + rowBytes - 1);   // the row's last line, when the row straddles one more
                Sse.Prefetch0(y0 + i);
            }
        }
    }
}
