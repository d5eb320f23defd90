using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Losses;

/// <summary>
/// The inner loops every loss shares: dot products and scaled additions on spans, vectorized with
/// 512/256-bit registers where the machine has them. Nothing here allocates.
/// </summary>
internal static class Kernels
{
    /// <summary>Σⱼ aⱼ bⱼ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, j = 0;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        double s = 0;
        if (Vector512.IsHardwareAccelerated && n >= 8)
        {
            var acc = Vector512<double>.Zero;
            for (; j <= n - 8; j += 8)
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)j), Vector512.LoadUnsafe(ref rb, (nuint)j), acc);
            s = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var acc = Vector256<double>.Zero;
            for (; j <= n - 4; j += 4)
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)j), Vector256.LoadUnsafe(ref rb, (nuint)j), acc);
            s = Vector256.Sum(acc);
        }
        for (; j < n; j++) s += Unsafe.Add(ref ra, j) * Unsafe.Add(ref rb, j);
        return s;
    }

    /// <summary>y += a x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        int n = y.Length, j = 0;
        ref double ry = ref MemoryMarshal.GetReference(y);
        ref double rx = ref MemoryMarshal.GetReference(x);
        if (Vector512.IsHardwareAccelerated && n >= 8)
        {
            var va = Vector512.Create(a);
            for (; j <= n - 8; j += 8)
                Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref rx, (nuint)j), Vector512.LoadUnsafe(ref ry, (nuint)j))
                    .StoreUnsafe(ref ry, (nuint)j);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var va = Vector256.Create(a);
            for (; j <= n - 4; j += 4)
                Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref rx, (nuint)j), Vector256.LoadUnsafe(ref ry, (nuint)j))
                    .StoreUnsafe(ref ry, (nuint)j);
        }
        for (; j < n; j++) Unsafe.Add(ref ry, j) += a * Unsafe.Add(ref rx, j);
    }

    /// <summary>y *= a.</summary>
    public static void Scale(Span<double> y, double a)
    {
        for (int j = 0; j < y.Length; j++) y[j] *= a;
    }
}
