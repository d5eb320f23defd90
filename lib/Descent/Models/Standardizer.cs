using System.Globalization;
using Descent.Data;

namespace Descent.Models;

/// <summary>
/// Standardization of features: zⱼ = (xⱼ − μⱼ)/σⱼ with the mean μⱼ and the standard deviation σⱼ (population, divided by n,
/// like sklearn's StandardScaler) learned from the data by <see cref="Fit"/>. Standardized features make the loss surface
/// rounder, so gradient descent can use one learning rate for every parameter.
/// </summary>
/// <remarks>A constant column (such as the intercept column of ones) is left as it is: μ = 0, σ = 1 for it.</remarks>
public sealed class Standardizer
{
    private readonly double[] constantValue;   // the value of each constant column; NaN for the others

    private Standardizer(double[] means, double[] scales, double[] constantValue, IReadOnlyList<string> columns)
    {
        this.constantValue = constantValue;
        Means = means;
        Scales = scales;
        Columns = columns;
    }

    /// <summary>μⱼ for each column (0 for constant columns).</summary>
    public double[] Means { get; }

    /// <summary>σⱼ for each column (1 for constant columns).</summary>
    public double[] Scales { get; }

    /// <summary>The column names it was fitted on.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Learns μ and σ of every column of <paramref name="x"/>.</summary>
    public static Standardizer Fit(DesignMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows, p = x.Columns;
        var means = new double[p];
        var scales = new double[p];
        var constantValue = new double[p];
        for (int j = 0; j < p; j++)
        {
            double m = 0;
            for (int i = 0; i < n; i++) m += x[i, j];
            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++) v += (x[i, j] - m) * (x[i, j] - m);
            double s = Math.Sqrt(v / n);
            bool constant = s <= 1e-12 * Math.Max(1, Math.Abs(m));
            constantValue[j] = constant ? m : double.NaN;
            means[j] = constant ? 0 : m;
            scales[j] = constant ? 1 : s;
        }
        return new Standardizer(means, scales, constantValue, x.ColumnNames);
    }

    /// <summary>zᵢⱼ = (xᵢⱼ − μⱼ)/σⱼ, as a new matrix.</summary>
    public DesignMatrix Transform(DesignMatrix x)
    {
        Check(x);
        var v = new double[x.Rows * x.Columns];
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < x.Columns; j++) v[i * x.Columns + j] = (x[i, j] - Means[j]) / Scales[j];
        return new DesignMatrix(v, x.Rows, x.Columns, x.ColumnNames);
    }

    /// <summary>xᵢⱼ = zᵢⱼσⱼ + μⱼ: undoes <see cref="Transform(DesignMatrix)"/>.</summary>
    public DesignMatrix Inverse(DesignMatrix z)
    {
        Check(z);
        var v = new double[z.Rows * z.Columns];
        for (int i = 0; i < z.Rows; i++)
            for (int j = 0; j < z.Columns; j++) v[i * z.Columns + j] = z[i, j] * Scales[j] + Means[j];
        return new DesignMatrix(v, z.Rows, z.Columns, z.ColumnNames);
    }

    /// <summary>Standardizes one observation.</summary>
    public double[] Transform(ReadOnlySpan<double> row)
    {
        Guard.Length(row.Length, Means.Length, nameof(row), "this standardizer");
        Guard.Finite(row, nameof(row));
        var z = new double[row.Length];
        for (int j = 0; j < z.Length; j++) z[j] = (row[j] - Means[j]) / Scales[j];
        return z;
    }

    /// <summary>
    /// Converts θ fitted on standardized features back to the original units, for a linear score θᵀz with an intercept
    /// column: θⱼ(orig) = θⱼ/σⱼ, intercept(orig) = θ₀ − Σⱼ θⱼμⱼ/σⱼ
    /// (divided by the intercept column's value if it is not 1). The score is unchanged: θ(orig)ᵀx = θᵀz.
    /// </summary>
    /// <exception cref="InvalidOperationException">No column is constant, so there is no intercept to absorb the shift.</exception>
    public double[] OriginalCoefficients(ReadOnlySpan<double> theta)
    {
        Guard.Length(theta.Length, Means.Length, nameof(theta), "this standardizer");
        int intercept = Array.FindIndex(constantValue, c => c != 0 && !double.IsNaN(c));
        if (intercept < 0)
            throw new InvalidOperationException(
                "Converting θ back to original units needs an intercept column (a column of ones) to absorb the shift −Σθⱼμⱼ/σⱼ.");
        var orig = new double[theta.Length];
        double shift = 0;
        for (int j = 0; j < theta.Length; j++)
        {
            if (j == intercept) continue;
            orig[j] = theta[j] / Scales[j];
            shift += theta[j] * Means[j] / Scales[j];
        }
        orig[intercept] = theta[intercept] - shift / constantValue[intercept];
        return orig;
    }

    /// <summary>"standardize: total_bill (μ = 19.79, σ = 8.88)".</summary>
    public override string ToString() => "standardize: " + string.Join(", ",
        Columns.Select((c, j) => string.Create(CultureInfo.InvariantCulture, $"{c} (μ = {Means[j]:G4}, σ = {Scales[j]:G4})")));

    private void Check(DesignMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != Means.Length)
            throw new ArgumentException(
                $"This standardizer was fitted on {Means.Length} columns ({string.Join(", ", Columns)}) but 𝕏 has {x.Columns}.", nameof(x));
    }
}
