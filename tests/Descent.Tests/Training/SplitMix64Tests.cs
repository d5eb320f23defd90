using Descent.Training;

namespace Descent.Tests.Training;

public class SplitMix64Tests
{
    [Fact]
    public void ItReproducesTheReferenceImplementationsOutputs()
    {
        // Vigna's splitmix64.c seeded with 1234567 (the values every port is checked against).
        var random = new SplitMix64(1234567);
        Assert.Equal(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => random.NextULong()));
    }

    [Fact]
    public void ShufflingWithASeedGivesTheSameOrderOnEveryMachine()
    {
        // Pinned against an independent Python implementation (Fisher–Yates with Lemire's bounded integers).
        var random = new SplitMix64(42);
        int[] order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        random.Shuffle<int>(order);
        Assert.Equal([8, 3, 6, 5, 4, 0, 9, 2, 1, 7], order);
        random.Shuffle<int>(order);
        Assert.Equal([1, 6, 4, 8, 0, 7, 2, 5, 3, 9], order);
    }

    [Fact]
    public void BoundedIntegersAreUniformAndInRange()
    {
        var random = new SplitMix64(7);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++) counts[random.NextInt(6)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_600, 10_400));   // ±4 standard deviations
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
        double u = new SplitMix64(0).NextDouble();
        Assert.Equal((16294208416658607535UL >> 11) / 9007199254740992.0, u);
    }
}
