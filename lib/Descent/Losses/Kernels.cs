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

    /// <summary>
    /// Σⱼ aⱼ bⱼ over n entries, in a fixed order: chunks of 4 go alternately into two 4-lane accumulators (fused
    /// multiply-adds), s = acc₀ + acc₁, then (s₀ + s₂) + (s₁ + s₃), then the tail entries one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ref double a, ref double b, int n)
    {
        int j = 0;
        double s = 0;
        if (n >= 4)
        {
            if (Vector256.IsHardwareAccelerated)
            {
                var acc0 = Vector256<double>.Zero;
                var acc1 = Vector256<double>.Zero;
                for (; j <= n - 8; j += 8)
                {
                    acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)j), Vector256.LoadUnsafe(ref b, (nuint)j), acc0);
                    acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)(j + 4)), Vector256.LoadUnsafe(ref b, (nuint)(j + 4)), acc1);
                }
                if (j <= n - 4)
                {
                    acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)j), Vector256.LoadUnsafe(ref b, (nuint)j), acc0);
                    j += 4;
                }
                s = HorizontalSum(acc0 + acc1);
            }
            else
            {
                return DotWithoutVectors(ref a, ref b, n);
            }
        }
        for (; j < n; j++) s = Math.FusedMultiplyAdd(Unsafe.Add(ref a, j), Unsafe.Add(ref b, j), s);
        return s;
    }

    /// <summary><see cref="Dot(ref double, ref double, int)"/> in the same order without vector instructions (same bits).</summary>
    internal static double DotWithoutVectors(ref double a, ref double b, int n)
    {
        int j = 0;
        double s = 0;
        if (n >= 4)
        {
            // a0..a3 are acc₀'s lanes, b0..b3 acc₁'s.
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            for (; j <= n - 4; j += 4)
            {
                double p0 = Unsafe.Add(ref a, j), p1 = Unsafe.Add(ref a, j + 1), p2 = Unsafe.Add(ref a, j + 2), p3 = Unsafe.Add(ref a, j + 3);
                double q0 = Unsafe.Add(ref b, j), q1 = Unsafe.Add(ref b, j + 1), q2 = Unsafe.Add(ref b, j + 2), q3 = Unsafe.Add(ref b, j + 3);
                if ((j & 4) == 0)   // chunk k = j/4 goes to acc_(k mod 2)
                {
                    a0 = Math.FusedMultiplyAdd(p0, q0, a0); a1 = Math.FusedMultiplyAdd(p1, q1, a1);
                    a2 = Math.FusedMultiplyAdd(p2, q2, a2); a3 = Math.FusedMultiplyAdd(p3, q3, a3);
                }
                else
                {
                    b0 = Math.FusedMultiplyAdd(p0, q0, b0); b1 = Math.FusedMultiplyAdd(p1, q1, b1);
                    b2 = Math.FusedMultiplyAdd(p2, q2, b2); b3 = Math.FusedMultiplyAdd(p3, q3, b3);
                }
            }
            s = ((a0 + b0) + (a2 + b2)) + ((a1 + b1) + (a3 + b3));
        }
        for (; j < n; j++) s = Math.FusedMultiplyAdd(Unsafe.Add(ref a, j), Unsafe.Add(ref b, j), s);
        return s;
    }

    /// <summary>(s₀ + s₂) + (s₁ + s₃): add the upper half onto the lower, then the two lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double HorizontalSum(Vector256<double> s)
    {
        var h = s.GetLower() + s.GetUpper();
        return h.ToScalar() + h.GetElement(1);
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
