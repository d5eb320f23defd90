namespace Descent.Training;

/// <summary>
/// A small, fully specified random number generator (Steele, Lea and Flood's SplitMix64, as in Vigna's reference
/// code). Descent shuffles mini-batches with it rather than <see cref="System.Random"/> so that a seed gives
/// the same numbers on every machine and every .NET version: the algorithm is a few lines of integer arithmetic,
/// pinned by tests against the reference outputs.
/// </summary>
public sealed class SplitMix64
{
    private ulong state;

    /// <summary>A generator started from <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextULong()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's method).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is less than 1.</exception>
    public int NextInt(int bound)
    {
        Guard.Positive(bound, nameof(bound), "upper bound");
        ulong n = (ulong)bound;
        ulong high = Math.BigMul(NextULong(), n, out ulong low);
        if (low < n)
        {
            ulong threshold = (0UL - n) % n;
            while (low < threshold) high = Math.BigMul(NextULong(), n, out low);
        }
        return (int)high;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates): every order is equally likely.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
