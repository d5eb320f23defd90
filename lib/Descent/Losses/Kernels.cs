using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Losses;

/// <summary>
/// The inner loops every loss shares: dot products and scaled additions on spans. They use 256-bit vectors
/// (4 doubles) where the machine has them and an identical 4-lane scalar order where it does not, so results are
/// the same bit for bit on any machine. Nothing here allocates.
/// </summary>
internal static class Kernels
{
    /// <summary>Σⱼ aⱼ bⱼ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        Dot(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);

    /// <summary>Σⱼ aⱼ bⱼ over n entries: four lanes of fused multiply-adds, then (l0 + l1) + (l2 + l3), then the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ref double a, ref double b, int n)
    {
        int j = 0;
        double s = 0;
        if (n >= 4)
        {
            if (Vector256.IsHardwareAccelerated)
            {
                var acc = Vector256<double>.Zero;
                for (; j <= n - 4; j += 4)
                    acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)j), Vector256.LoadUnsafe(ref b, (nuint)j), acc);
                s = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
            }
            else
            {
                double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
                for (; j <= n - 4; j += 4)
                {
                    l0 = Math.FusedMultiplyAdd(Unsafe.Add(ref a, j), Unsafe.Add(ref b, j), l0);
                    l1 = Math.FusedMultiplyAdd(Unsafe.Add(ref a, j + 1), Unsafe.Add(ref b, j + 1), l1);
                    l2 = Math.FusedMultiplyAdd(Unsafe.Add(ref a, j + 2), Unsafe.Add(ref b, j + 2), l2);
                    l3 = Math.FusedMultiplyAdd(Unsafe.Add(ref a, j + 3), Unsafe.Add(ref b, j + 3), l3);
                }
                s = (l0 + l1) + (l2 + l3);
            }
        }
        for (; j < n; j++) s = Math.FusedMultiplyAdd(Unsafe.Add(ref a, j), Unsafe.Add(ref b, j), s);
        return s;
    }

    /// <summary>y += a x over n entries (each entry one fused multiply-add, so vector and scalar agree).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ref double y, double a, ref double x, int n)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var va = Vector256.Create(a);
            for (; j <= n - 4; j += 4)
                Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref x, (nuint)j), Vector256.LoadUnsafe(ref y, (nuint)j))
                    .StoreUnsafe(ref y, (nuint)j);
        }
        for (; j < n; j++) Unsafe.Add(ref y, j) = Math.FusedMultiplyAdd(a, Unsafe.Add(ref x, j), Unsafe.Add(ref y, j));
    }

    /// <summary>y += a x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> x) =>
        AddScaled(ref MemoryMarshal.GetReference(y), a, ref MemoryMarshal.GetReference(x), y.Length);

    /// <summary>y *= a.</summary>
    public static void Scale(Span<double> y, double a)
    {
        for (int j = 0; j < y.Length; j++) y[j] *= a;
    }
}
