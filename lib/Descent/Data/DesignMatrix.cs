using System.Globalization;
using System.Text;
using Descent.Losses;
using MathNet.Numerics.LinearAlgebra;

namespace Descent.Data;

/// <summary>
/// The design matrix 𝕏: n rows (observations) × p columns (features), stored row-major in one contiguous
/// <c>double[]</c> so a single pass over the rows can compute each prediction xᵢᵀθ and accumulate the gradient.
/// </summary>
/// <remarks>Entry (i, j) is <c>Values[i * Columns + j]</c>. Every entry is checked to be finite when the matrix is made.</remarks>
public sealed class DesignMatrix
{
    private readonly double[] values;

    /// <summary>
    /// Wraps <paramref name="values"/> (row-major, length rows × columns) without copying it.
    /// </summary>
    /// <param name="values">The entries, row after row. The matrix keeps this array: do not change it afterwards.</param>
    /// <param name="rows">n, the number of observations.</param>
    /// <param name="columns">p, the number of features.</param>
    /// <param name="columnNames">A name per column; by default x0, x1, ...</param>
    public DesignMatrix(double[] values, int rows, int columns, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException(
                $"A design matrix needs at least one row and one column; got {rows} × {columns}. Check that the data is not empty.",
                rows <= 0 ? nameof(rows) : nameof(columns));
        if ((long)rows * columns != values.Length)
            throw new ArgumentException(
                $"{rows} rows × {columns} columns need {(long)rows * columns} values, but {values.Length} were given.", nameof(values));
        for (int k = 0; k < values.Length; k++)
            if (!double.IsFinite(values[k]))
                throw new ArgumentException(
                    $"The design matrix has {values[k].ToString(CultureInfo.InvariantCulture)} at row {k / columns}, column {k % columns}; " +
                    "every value must be a finite number. Drop or fill missing values first.", nameof(values));
        if (columnNames is not null && columnNames.Count != columns)
            throw new ArgumentException($"{columns} columns need {columns} names, but {columnNames.Count} were given.", nameof(columnNames));
        this.values = values;
        Rows = rows;
        Columns = columns;
        ColumnNames = columnNames?.ToArray() ?? Enumerable.Range(0, columns).Select(j => $"x{j}").ToArray();
    }

    /// <summary>Builds a matrix from its columns (each of length n): <c>DesignMatrix.FromColumns(("total_bill", bills))</c>.</summary>
    public static DesignMatrix FromColumns(params (string Name, double[] Values)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
            throw new ArgumentException("Pass at least one column.", nameof(columns));
        int n = columns[0].Values?.Length ?? 0;
        foreach (var (name, col) in columns)
        {
            ArgumentNullException.ThrowIfNull(col, name);
            if (col.Length != n)
                throw new ArgumentException(
                    $"Column '{name}' has {col.Length} values but column '{columns[0].Name}' has {n}; every column needs one value per row.",
                    nameof(columns));
        }
        if (n == 0) throw new ArgumentException("The columns are empty; a design matrix needs at least one row.", nameof(columns));
        int p = columns.Length;
        var v = new double[n * p];
        for (int j = 0; j < p; j++)
            for (int i = 0; i < n; i++) v[i * p + j] = columns[j].Values[i];
        return new DesignMatrix(v, n, p, columns.Select(c => c.Name).ToArray());
    }

    /// <summary>Builds a matrix from a single feature column x (n × 1).</summary>
    public static DesignMatrix FromColumn(double[] x, string name = "x") => FromColumns((name, x));

    /// <summary>Builds a matrix from its rows (each of length p).</summary>
    public static DesignMatrix FromRows(double[][] rows, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) throw new ArgumentException("rows is empty; a design matrix needs at least one row.", nameof(rows));
        int p = rows[0]?.Length ?? 0;
        var v = new double[rows.Length * p];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null || rows[i].Length != p)
                throw new ArgumentException(
                    $"Row {i} has {rows[i]?.Length ?? 0} values but row 0 has {p}; every row needs the same number of features.", nameof(rows));
            rows[i].CopyTo(v, i * p);
        }
        return new DesignMatrix(v, rows.Length, p, columnNames);
    }

    /// <summary>Builds a matrix from a 2D array.</summary>
    public static DesignMatrix From(double[,] x, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), p = x.GetLength(1);
        var v = new double[n * p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) v[i * p + j] = x[i, j];
        return new DesignMatrix(v, n, p, columnNames);
    }

    /// <summary>n, the number of rows (observations).</summary>
    public int Rows { get; }

    /// <summary>p, the number of columns (features, including an intercept column if there is one).</summary>
    public int Columns { get; }

    /// <summary>The column names, e.g. ["intercept", "total_bill"].</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>All entries, row-major.</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>The backing array (row-major), for the library's own loops.</summary>
    internal double[] Data => values;

    /// <summary>Entry xᵢⱼ.</summary>
    public double this[int i, int j]
    {
        get
        {
            CheckRow(i);
            if ((uint)j >= (uint)Columns)
                throw new ArgumentOutOfRangeException(nameof(j), j, $"Columns are numbered 0 to {Columns - 1}.");
            return values[i * Columns + j];
        }
    }

    /// <summary>Row i, the features xᵢ of one observation.</summary>
    public ReadOnlySpan<double> Row(int i)
    {
        CheckRow(i);
        return new ReadOnlySpan<double>(values, i * Columns, Columns);
    }

    /// <summary>Column j as a new array.</summary>
    public double[] Column(int j)
    {
        if ((uint)j >= (uint)Columns)
            throw new ArgumentOutOfRangeException(nameof(j), j, $"Columns are numbered 0 to {Columns - 1}.");
        var c = new double[Rows];
        for (int i = 0; i < Rows; i++) c[i] = values[i * Columns + j];
        return c;
    }

    /// <summary>The column with this name, as a new array.</summary>
    public double[] Column(string name)
    {
        int j = ColumnNames.ToList().IndexOf(name);
        if (j < 0)
            throw new ArgumentException($"There is no column '{name}'. The columns are: {string.Join(", ", ColumnNames)}.", nameof(name));
        return Column(j);
    }

    /// <summary>Whether the first column is all ones (an intercept θ₀).</summary>
    public bool HasIntercept
    {
        get
        {
            for (int i = 0; i < Rows; i++) if (values[i * Columns] != 1) return false;
            return true;
        }
    }

    /// <summary>A new matrix with a column of ones in front, named "intercept": ŷ = θ₀ + θ₁x₁ + ...</summary>
    public DesignMatrix WithIntercept()
    {
        int p = Columns + 1;
        var v = new double[Rows * p];
        for (int i = 0; i < Rows; i++)
        {
            v[i * p] = 1;
            Array.Copy(values, i * Columns, v, i * p + 1, Columns);
        }
        return new DesignMatrix(v, Rows, p, ["intercept", .. ColumnNames]);
    }

    /// <summary>The rows listed in <paramref name="rows"/>, as a new matrix (for train/test splits and batches).</summary>
    public DesignMatrix SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("Select at least one row.", nameof(rows));
        var v = new double[rows.Count * Columns];
        for (int k = 0; k < rows.Count; k++)
        {
            CheckRow(rows[k]);
            Array.Copy(values, rows[k] * Columns, v, k * Columns, Columns);
        }
        return new DesignMatrix(v, rows.Count, Columns, ColumnNames);
    }

    /// <summary>The predictions ŷ = 𝕏θ.</summary>
    public double[] Multiply(ReadOnlySpan<double> theta)
    {
        Guard.Length(theta.Length, Columns, nameof(theta), $"a model with {Columns} features ({string.Join(", ", ColumnNames)})");
        var yhat = new double[Rows];
        for (int i = 0; i < Rows; i++) yhat[i] = Kernels.Dot(new ReadOnlySpan<double>(values, i * Columns, Columns), theta);
        return yhat;
    }

    /// <summary>A copy as a MathNet matrix (for QR, SVD and the normal equations).</summary>
    public Matrix<double> ToMatrix() => Matrix<double>.Build.Dense(Rows, Columns, (i, j) => values[i * Columns + j]);

    /// <summary>A copy as a 2D array.</summary>
    public double[,] ToArray()
    {
        var a = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++) a[i, j] = values[i * Columns + j];
        return a;
    }

    /// <summary>"244 × 2 design matrix [intercept, total_bill]" and the first rows.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Rows} × {Columns} design matrix [{string.Join(", ", ColumnNames)}]");
        int shown = Math.Min(Rows, 5);
        for (int i = 0; i < shown; i++)
        {
            sb.Append("\n  ");
            for (int j = 0; j < Columns; j++)
                sb.Append(values[i * Columns + j].ToString("G6", CultureInfo.InvariantCulture).PadLeft(10));
        }
        if (Rows > shown) sb.Append(CultureInfo.InvariantCulture, $"\n  ... ({Rows - shown} more rows)");
        return sb.ToString();
    }

    private void CheckRow(int i)
    {
        if ((uint)i >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(i), i, $"Rows are numbered 0 to {Rows - 1}.");
    }
}
