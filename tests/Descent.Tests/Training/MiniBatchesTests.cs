using Descent.Training;

namespace Descent.Tests.Training;

public class MiniBatchesTests
{
    [Fact]
    public void AnEpochDealsEveryRowExactlyOnceWithASmallerLastBatch()
    {
        var batches = new MiniBatches(10, 4, seed: 1);
        Assert.Equal(3, batches.BatchesPerEpoch);
        var sizes = new List<int>();
        var rows = new List<int>();
        for (int b = 0; b < 3; b++)
        {
            var batch = batches.Next();
            sizes.Add(batch.Length);
            rows.AddRange(batch.ToArray());
            Assert.Equal(1, batches.Epoch);
            Assert.Equal(b == 2, batches.EpochEnded);
        }
        Assert.Equal([4, 4, 2], sizes);
        Assert.Equal(Enumerable.Range(0, 10), rows.Order());
        Assert.Equal(10, batches.RowsDrawn);
        batches.Next();
        Assert.Equal(2, batches.Epoch);
    }

    [Fact]
    public void TheRowsAreReshuffledEveryEpochFromTheSeed()
    {
        var batches = new MiniBatches(10, 10, seed: 42);
        Assert.Equal([8, 3, 6, 5, 4, 0, 9, 2, 1, 7], batches.Next().ToArray());   // the SplitMix64 pin
        Assert.Equal([1, 6, 4, 8, 0, 7, 2, 5, 3, 9], batches.Next().ToArray());
        batches.Reset();
        Assert.Equal([8, 3, 6, 5, 4, 0, 9, 2, 1, 7], batches.Next().ToArray());
        Assert.NotEqual(new MiniBatches(10, 10, seed: 43).Next().ToArray(), new MiniBatches(10, 10, seed: 42).Next().ToArray());
    }

    [Fact]
    public void WithoutShufflingTheBatchesGoInOrderLikeTheDecksTenPercentSlices()
    {
        var batches = new MiniBatches(20, 2, shuffle: false);
        Assert.Equal([0, 1], batches.Next().ToArray());
        Assert.Equal([2, 3], batches.Next().ToArray());
        for (int i = 0; i < 8; i++) batches.Next();
        Assert.Equal([0, 1], batches.Next().ToArray());
        Assert.Equal(2, batches.Epoch);
    }

    [Fact]
    public void DrawingBatchesAllocatesNothing()
    {
        var batches = new MiniBatches(1000, 32, seed: 5);
        for (int i = 0; i < 100; i++) batches.Next();
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;
        for (int i = 0; i < 10_000; i++) sum += batches.Next()[0];
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10, -1)]
    [InlineData(10, 11)]
    public void ABatchSizeOutsideOneToNIsRejected(int n, int m)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatches(n, m));
        Assert.Contains($"between 1 (SGD) and the number of rows n = {n} (batch GD)", ex.Message);
    }

    [Fact]
    public void NoRowsIsRejected() =>
        Assert.Contains("number of rows", Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatches(0, 1)).Message);
}
