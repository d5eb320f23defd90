using System.Globalization;
using Descent.Data;
using Descent.Functions;

namespace Descent.Losses;

/// <summary>
/// The mean squared error of a linear model ŷ = 𝕏θ:
/// L(θ) = (1/n) Σᵢ (yᵢ − xᵢᵀθ)², with gradient ∇L(θ) = −(2/n) Σᵢ (yᵢ − xᵢᵀθ) xᵢ = (2/n) 𝕏ᵀ(𝕏θ − y)
/// and constant Hessian (2/n) 𝕏ᵀ𝕏.
/// </summary>
/// <remarks>
/// With an intercept, 𝕏's first column is all ones (see <see cref="DesignMatrix.WithIntercept"/>) and θ₀ is the intercept;
/// without one, the model is ŷ = θ · x. One pass over the rows computes each residual and the gradient together;
/// large data use every core, adding the partial sums in a fixed order so results do not depend on the core count.
/// <see cref="BatchGradient"/> takes a mini-batch of row indices and never allocates.
/// </remarks>
public sealed class MseLoss : IBatchObjective, ITwiceDifferentiable, IRowPrefetch
{
    private readonly double[] x, y;
    private readonly int p;
    private double[]? hessian;

    /// <summary>The MSE of the model ŷ = 𝕏θ on the data (𝕏, y).</summary>
    /// <exception cref="ArgumentException">y is empty, has NaN or ∞, or has a different number of rows than 𝕏.</exception>
    public MseLoss(DesignMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.NotEmpty(y.Length, nameof(y), "the MSE");
        Guard.SameRows(x.Rows, y.Length, "X", "y");
        Guard.Finite(y, nameof(y));
        X = x;
        this.x = x.Data;
        this.y = y;
        p = x.Columns;
    }

    /// <summary>The MSE on a dataset's (X, y).</summary>
    public MseLoss(Dataset data) : this(data?.X ?? throw new ArgumentNullException(nameof(data)), data.Y) { }

    /// <summary>The design matrix 𝕏.</summary>
    public DesignMatrix X { get; }

    /// <summary>The observed y.</summary>
    public ReadOnlySpan<double> Y => y;

    /// <summary>p, the number of parameters θ has (one per column of 𝕏).</summary>
    public int Dimension => p;

    /// <summary>n, the number of observations.</summary>
    public int Count => y.Length;

    /// <summary>L(θ) = (1/n) Σ (yᵢ − xᵢᵀθ)²</summary>
    public double Value(ReadOnlySpan<double> theta)
    {
        CheckTheta(theta);
        return RowPass.Full<SquaredLink>(x, p, y, theta, Span<double>.Empty) / y.Length;
    }

    /// <summary>∇L(θ) = (2/n) 𝕏ᵀ(𝕏θ − y), written into <paramref name="gradient"/>.</summary>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => ValueAndGradient(theta, gradient);

    /// <summary>∇L(θ) as a new array.</summary>
    public double[] Gradient(ReadOnlySpan<double> theta)
    {
        var g = new double[p];
        ValueAndGradient(theta, g);
        return g;
    }

    /// <summary>L(θ) and ∇L(θ) from one pass over the data; returns L and writes ∇L into <paramref name="gradient"/>.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CheckTheta(theta);
        Guard.Length(gradient.Length, p, nameof(gradient), "the gradient");
        double n = y.Length;
        double sum = RowPass.Full<SquaredLink>(x, p, y, theta, gradient);
        Kernels.Scale(gradient, 2 / n);
        return sum / n;
    }

    /// <summary>
    /// The gradient on a mini-batch B of rows: (2/m) Σ_(i∈B) (xᵢᵀθ − yᵢ) xᵢ, m = |B|. Rows may repeat. Never allocates.
    /// </summary>
    public void BatchGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> rows, Span<double> gradient)
    {
        CheckTheta(theta);
        Guard.Length(gradient.Length, p, nameof(gradient), "the gradient");
        if (rows.IsEmpty) throw new ArgumentException("The mini-batch is empty; pass at least one row index.", nameof(rows));
        gradient.Clear();
        RowPass.Indexed<SquaredLink>(x, p, y, theta, rows, gradient);
        Kernels.Scale(gradient, 2.0 / rows.Length);
    }

    void IRowPrefetch.PrefetchRows(ReadOnlySpan<int> rows) => Prefetch.Rows(x, p, y, rows);

    /// <summary>The MSE on a mini-batch: (1/m) Σ_(i∈B) (yᵢ − xᵢᵀθ)². Never allocates.</summary>
    public double BatchValue(ReadOnlySpan<double> theta, ReadOnlySpan<int> rows)
    {
        CheckTheta(theta);
        if (rows.IsEmpty) throw new ArgumentException("The mini-batch is empty; pass at least one row index.", nameof(rows));
        return RowPass.Indexed<SquaredLink>(x, p, y, theta, rows, Span<double>.Empty) / rows.Length;
    }

    /// <summary>H = (2/n) 𝕏ᵀ𝕏, the same at every θ (the MSE is a quadratic, hence convex).</summary>
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        CheckTheta(theta);
        Guard.Length(hessian.Length, p * p, nameof(hessian), $"the {p} × {p} Hessian");
        (this.hessian ??= ComputeHessian()).CopyTo(hessian);
    }

    /// <summary>The residuals yᵢ − xᵢᵀθ.</summary>
    public double[] Residuals(ReadOnlySpan<double> theta)
    {
        CheckTheta(theta);
        var r = new double[y.Length];
        for (int i = 0; i < r.Length; i++) r[i] = y[i] - Kernels.Dot(X.Row(i), theta);
        return r;
    }

    /// <summary>For a one-parameter model: L as a function of θ, to plot the loss curve.</summary>
    /// <exception cref="InvalidOperationException">The model has more than one parameter.</exception>
    public Func<double, double> AsFunction()
    {
        if (p != 1)
            throw new InvalidOperationException(
                $"AsFunction needs a one-parameter model but this one has {p} ({string.Join(", ", X.ColumnNames)}); " +
                "for two parameters use MseSurface.");
        return θ => Value([θ]);
    }

    /// <summary>"MSE over 244 rows, θ = [intercept, total_bill]".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"MSE over {Count} rows, θ = [{string.Join(", ", X.ColumnNames)}]");

    private double[] ComputeHessian()
    {
        var h = new double[p * p];
        for (int i = 0; i < y.Length; i++)
        {
            var row = X.Row(i);
            for (int a = 0; a < p; a++)
                Kernels.AddScaled(h.AsSpan(a * p, p), row[a], row);
        }
        Kernels.Scale(h, 2.0 / y.Length);
        return h;
    }

    private void CheckTheta(ReadOnlySpan<double> theta)
    {
        if (theta.Length != p) ThrowTheta(theta.Length);   // the message is built only on failure: no allocation per call
    }

    private void ThrowTheta(int length) =>
        Guard.Length(length, p, "theta", $"a model with {p} features ({string.Join(", ", X.ColumnNames)})");
}
