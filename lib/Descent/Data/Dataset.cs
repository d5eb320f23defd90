using System.Globalization;

namespace Descent.Data;

/// <summary>
/// Features and targets that belong together: the design matrix 𝕏 (n × p) and the observed y (n values).
/// Deconstructs as <c>var (X, y) = tips.Design();</c>.
/// </summary>
public sealed class Dataset
{
    /// <summary>Pairs <paramref name="x"/> with <paramref name="y"/>, checking they have the same number of rows and finite targets.</summary>
    public Dataset(DesignMatrix x, double[] y, string name = "data", string target = "y", int droppedRows = 0, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.NotEmpty(y.Length, nameof(y), "a dataset");
        Guard.SameRows(x.Rows, y.Length, "X", "y");
        Guard.Finite(y, nameof(y));
        X = x;
        Y = y;
        Name = name;
        Target = target;
        DroppedRows = droppedRows;
        Note = note ?? (droppedRows == 0 ? "no rows dropped" : $"{droppedRows} rows dropped");
    }

    /// <summary>The design matrix 𝕏.</summary>
    public DesignMatrix X { get; }

    /// <summary>The targets y.</summary>
    public double[] Y { get; }

    /// <summary>The dataset's name, e.g. "tips".</summary>
    public string Name { get; }

    /// <summary>The target's column name, e.g. "tip".</summary>
    public string Target { get; }

    /// <summary>n, the number of observations.</summary>
    public int Count => Y.Length;

    /// <summary>How many rows of the source were left out because a requested column was missing (NA) in them.</summary>
    public int DroppedRows { get; }

    /// <summary>A sentence about how the rows were chosen, e.g. "4 rows dropped: Ca is NA on lines 168, 194, 289, 304".</summary>
    public string Note { get; }

    /// <summary>Splits into (X, y).</summary>
    public void Deconstruct(out DesignMatrix x, out double[] y)
    {
        x = X;
        y = Y;
    }

    /// <summary>"tips: 244 rows, X = [intercept, total_bill], y = tip (no rows dropped)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Count} rows, X = [{string.Join(", ", X.ColumnNames)}], y = {Target} ({Note})");
}
