using Descent.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Descent.Models;

/// <summary>
/// Linear regression in closed form: the θ that minimizes the MSE exactly, to compare with what gradient descent finds
/// (the role sklearn's LinearRegression plays in the Data 100 deck).
/// </summary>
public static class LeastSquares
{
    /// <summary>
    /// θ̂ = argmin ‖y − 𝕏θ‖² by a QR decomposition of 𝕏 (MathNet): numerically the safest way, no 𝕏ᵀ𝕏 formed.
    /// </summary>
    /// <exception cref="ArgumentException">Empty data, rows ≠ targets, non-finite values, or columns that are not independent.</exception>
    public static LinearModel Fit(DesignMatrix x, double[] y)
    {
        Check(x, y);
        var a = x.ToMatrix();
        var qr = a.QR();
        // Dependent columns leave a (numerically) zero on R's diagonal; rounding keeps it near 1e-16 rather than 0.
        var r = qr.R.Diagonal().PointwiseAbs();
        if (!qr.IsFullRank || r.Minimum() <= 1e-10 * r.Maximum())
            throw new ArgumentException(
                $"The columns of 𝕏 ({string.Join(", ", x.ColumnNames)}) are not linearly independent, so the least-squares θ is " +
                "not unique. Remove a duplicated or constant column.", nameof(x));
        var theta = qr.Solve(Vector<double>.Build.Dense(y)).ToArray();
        return new LinearModel(theta, x.ColumnNames, "QR least squares");
    }

    /// <summary>The least-squares fit of a dataset's (X, y).</summary>
    public static LinearModel Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.X, data.Y);
    }

    /// <summary>θ̂ from the normal equations 𝕏ᵀ𝕏 θ = 𝕏ᵀy, solved by Cholesky (what the derivation on the slides gives).</summary>
    public static LinearModel NormalEquations(DesignMatrix x, double[] y)
    {
        Check(x, y);
        var a = x.ToMatrix();
        var gram = a.TransposeThisAndMultiply(a);
        var rhs = a.TransposeThisAndMultiply(Vector<double>.Build.Dense(y));
        // Cholesky fails, or produces a near-zero pivot, when 𝕏ᵀ𝕏 is (numerically) singular: κ(𝕏ᵀ𝕏) = (max Lᵢᵢ / min Lᵢᵢ)².
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double>? cholesky = null;
        try { cholesky = gram.Cholesky(); }
        catch (ArgumentException) { }
        var pivots = cholesky?.Factor.Diagonal();
        if (pivots is null || pivots.Minimum() <= 1e-7 * pivots.Maximum())
            throw new ArgumentException(
                $"𝕏ᵀ𝕏 is singular: the columns of 𝕏 ({string.Join(", ", x.ColumnNames)}) are not linearly independent. " +
                "Remove a duplicated or constant column.", nameof(x));
        return new LinearModel(cholesky!.Solve(rhs).ToArray(), x.ColumnNames, "normal equations");
    }

    /// <summary>
    /// The no-intercept model y = θx in closed form: θ̂ = Σ xᵢyᵢ / Σ xᵢ² (set dMSE/dθ = −(2/n) Σ (yᵢ − θxᵢ)xᵢ to zero).
    /// </summary>
    public static double ThroughOrigin(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.NotEmpty(x.Length, nameof(x), "the closed form");
        Guard.SameRows(x.Length, y.Length, nameof(x), nameof(y));
        Guard.Finite(x, nameof(x));
        Guard.Finite(y, nameof(y));
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += x[i] * y[i];
            sxx += x[i] * x[i];
        }
        if (sxx == 0) throw new ArgumentException("Every x is 0, so θ is not determined (Σx² = 0).", nameof(x));
        return sxy / sxx;
    }

    private static void Check(DesignMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.NotEmpty(y.Length, nameof(y), "a least-squares fit");
        Guard.SameRows(x.Rows, y.Length, "X", "y");
        Guard.Finite(y, nameof(y));
        if (x.Rows < x.Columns)
            throw new ArgumentException(
                $"𝕏 has {x.Rows} rows but {x.Columns} columns; least squares needs at least as many observations as parameters.", nameof(x));
    }
}
