namespace Descent.Training;

/// <summary>
/// Deals the rows 0..n−1 out in batches of m: each epoch is one pass over all rows, reshuffled (with a seeded
/// <see cref="SplitMix64"/>) at the start of every epoch. m = n is batch GD, m = 1 is SGD.
/// </summary>
/// <remarks>
/// When m does not divide n, the last batch of an epoch is smaller (n mod m rows), so every row is used exactly
/// once per epoch and an epoch takes ⌈n / m⌉ steps. Drawing batches does not allocate.
/// </remarks>
public sealed class MiniBatches
{
    private readonly int[] order;
    private SplitMix64 random;
    private int position;
    private int currentStart;
    private int currentLength;
    private IBatchObjective? oracleObjective;
    private GradientOracle? oracle;

    /// <summary>Batches of <paramref name="batchSize"/> rows out of <paramref name="count"/>.</summary>
    /// <param name="count">n, the number of rows.</param>
    /// <param name="batchSize">m, in [1, n].</param>
    /// <param name="seed">The shuffling seed.</param>
    /// <param name="shuffle">Reshuffle at the start of every epoch (true), or deal the rows in order.</param>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, or m is not in [1, n].</exception>
    public MiniBatches(int count, int batchSize, int seed = 0, bool shuffle = true)
    {
        Guard.Positive(count, nameof(count), "number of rows");
        if (batchSize <= 0 || batchSize > count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"The batch size m must be between 1 (SGD) and the number of rows n = {count} (batch GD), but it was {batchSize}. " +
                "A typical mini-batch size is 32.");
        Count = count;
        BatchSize = batchSize;
        Seed = seed;
        Shuffle = shuffle;
        order = new int[count];
        random = new SplitMix64((ulong)seed);
        Reset();
    }

    /// <summary>n, the number of rows.</summary>
    public int Count { get; }

    /// <summary>m, the rows per batch (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; }

    /// <summary>The shuffling seed.</summary>
    public int Seed { get; }

    /// <summary>Whether the rows are reshuffled every epoch.</summary>
    public bool Shuffle { get; }

    /// <summary>⌈n / m⌉: the steps one epoch takes.</summary>
    public int BatchesPerEpoch => (Count + BatchSize - 1) / BatchSize;

    /// <summary>The epoch the last batch came from: 1 during the first pass, 0 before any batch was drawn.</summary>
    public int Epoch { get; private set; }

    /// <summary>Whether the last batch drawn was the last of its epoch.</summary>
    public bool EpochEnded => Epoch > 0 && position == Count;

    /// <summary>Rows dealt out so far, over all epochs.</summary>
    public long RowsDrawn { get; private set; }

    /// <summary>The row indices of the last batch drawn (empty before the first).</summary>
    public ReadOnlySpan<int> Current => order.AsSpan(currentStart, currentLength);

    /// <summary>The rows of the batch <see cref="Next"/> will deal, when it is in this epoch (empty at an epoch's end).</summary>
    internal ReadOnlySpan<int> Upcoming => Epoch == 0 ? default : order.AsSpan(position, Math.Min(BatchSize, Count - position));

    /// <summary>This epoch's order of the rows (a copy).</summary>
    public int[] EpochOrder() => (int[])order.Clone();

    /// <summary>Draws the next batch, starting (and reshuffling for) a new epoch when the last one is used up.</summary>
    public ReadOnlySpan<int> Next()
    {
        if (Epoch == 0 || position == Count)
        {
            Epoch++;
            position = 0;
            if (Shuffle) random.Shuffle(order.AsSpan());
        }
        currentStart = position;
        currentLength = Math.Min(BatchSize, Count - position);
        position += currentLength;
        RowsDrawn += currentLength;
        return Current;
    }

    /// <summary>Goes back to before the first epoch, with the generator re-seeded: the same batches come again.</summary>
    public void Reset()
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        random = new SplitMix64((ulong)Seed);
        position = currentStart = currentLength = 0;
        Epoch = 0;
        RowsDrawn = 0;
        RowsEvaluated = 0;
    }

    /// <summary>Rows whose gradient the oracle from <see cref="GradientOn"/> has evaluated.</summary>
    internal long RowsEvaluated { get; private set; }

    /// <summary>
    /// A gradient oracle for <paramref name="objective"/> restricted to the current batch; created once per objective,
    /// so drawing a batch and stepping allocates nothing.
    /// </summary>
    internal GradientOracle GradientOn(IBatchObjective objective)
    {
        if (!ReferenceEquals(objective, oracleObjective))
        {
            oracleObjective = objective;
            oracle = BatchGradient;
        }
        return oracle!;
    }

    private void BatchGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var rows = Current;
        oracleObjective!.BatchGradient(theta, rows, gradient);
        RowsEvaluated += rows.Length;
    }
}
