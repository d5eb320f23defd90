using System.Collections;

namespace Descent.Data;

/// <summary>
/// The tips data: 244 bills and tips, as typed rows and as columns. <see cref="Design"/> gives the (X, y) of the
/// Data 100 models tip = θ · total_bill (no intercept) and tip = θ₀ + θ₁ · total_bill.
/// </summary>
public sealed class TipsTable : IReadOnlyList<TipsRow>
{
    private readonly TipsRow[] rows;

    internal TipsTable(TipsRow[] rows, string source)
    {
        this.rows = rows;
        Source = source;
        TotalBill = rows.Select(r => r.TotalBill).ToArray();
        Tip = rows.Select(r => r.Tip).ToArray();
    }

    /// <summary>Where the rows came from: the embedded copy or a file path.</summary>
    public string Source { get; }

    /// <summary>The total_bill column (x), in dollars.</summary>
    public double[] TotalBill { get; }

    /// <summary>The tip column (y), in dollars.</summary>
    public double[] Tip { get; }

    /// <summary>
    /// The regression data tip ≈ 𝕏θ with x = total_bill: one column [total_bill] when <paramref name="intercept"/>
    /// is false (tip = θ · total_bill), or [intercept, total_bill] when true (tip = θ₀ + θ₁ · total_bill).
    /// </summary>
    public Dataset Design(bool intercept = false)
    {
        var x = DesignMatrix.FromColumn(TotalBill, "total_bill");
        return new Dataset(intercept ? x.WithIntercept() : x, (double[])Tip.Clone(), "tips", "tip");
    }

    /// <inheritdoc />
    public int Count => rows.Length;

    /// <inheritdoc />
    public TipsRow this[int index] => rows[index];

    /// <inheritdoc />
    public IEnumerator<TipsRow> GetEnumerator() => ((IEnumerable<TipsRow>)rows).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"tips: 244 rows (total_bill, tip, sex, smoker, day, time, size)".</summary>
    public override string ToString() => $"tips: {Count} rows (total_bill, tip, sex, smoker, day, time, size) from {Source}";
}
