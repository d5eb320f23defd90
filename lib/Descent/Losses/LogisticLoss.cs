using System.Globalization;
using Descent.Data;
using Descent.Functions;

namespace Descent.Losses;

/// <summary>
/// The negative log-likelihood of logistic regression, p = σ(xᵀθ) = 1/(1 + e^(−xᵀθ)) for y ∈ {0, 1}:
/// ℓᵢ = −[yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)], L = Σ ℓᵢ (<see cref="Reduction.Sum"/>, the CS109B form) or (1/n) Σ ℓᵢ
/// (<see cref="Reduction.Mean"/>). Gradient ∇L = Σ (pᵢ − yᵢ) xᵢ (divided by n for the mean);
/// Hessian Σ pᵢ(1 − pᵢ) xᵢxᵢᵀ, positive semi-definite, so the loss is convex.
/// </summary>
/// <remarks>
/// Computed stably as ℓ = log(1 + eᶻ) − y z with z = xᵀθ, which never overflows even for |z| in the hundreds.
/// <see cref="LogisticChainRule"/> derives the same gradient for one observation step by step.
/// </remarks>
public sealed class LogisticLoss : IBatchObjective, ITwiceDifferentiable, IRowPrefetch
{
    private readonly double[] x, y;
    private readonly int p;

    /// <summary>The logistic loss of θ on features 𝕏 and labels y (each 0 or 1).</summary>
    /// <exception cref="ArgumentException">y is empty, not 0/1, or has a different number of rows than 𝕏.</exception>
    public LogisticLoss(DesignMatrix x, double[] y, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.NotEmpty(y.Length, nameof(y), "the logistic loss");
        Guard.SameRows(x.Rows, y.Length, "X", "y");
        for (int i = 0; i < y.Length; i++)
            if (y[i] != 0 && y[i] != 1)
                throw new ArgumentException(
                    $"y[{i}] is {y[i].ToString(CultureInfo.InvariantCulture)}; logistic regression needs labels 0 or 1. " +
                    "Encode the classes as 0 and 1 first.", nameof(y));
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Use Reduction.Mean or Reduction.Sum.");
        X = x;
        this.x = x.Data;
        this.y = y;
        p = x.Columns;
        Reduction = reduction;
    }

    /// <summary>The logistic loss on a dataset's (X, y).</summary>
    public LogisticLoss(Dataset data, Reduction reduction = Reduction.Mean)
        : this(data?.X ?? throw new ArgumentNullException(nameof(data)), data.Y, reduction) { }

    /// <summary>The features 𝕏.</summary>
    public DesignMatrix X { get; }

    /// <summary>The labels y (0 or 1).</summary>
    public ReadOnlySpan<double> Y => y;

    /// <summary>Whether L is the mean or the sum of the per-observation losses.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc />
    public int Dimension => p;

    /// <inheritdoc />
    public int Count => y.Length;

    private double Scale => Reduction == Reduction.Mean ? 1.0 / y.Length : 1.0;

    /// <summary>L(θ) = Σ −[yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] (over n for the mean).</summary>
    public double Value(ReadOnlySpan<double> theta)
    {
        CheckTheta(theta);
        return RowPass.Full<LogisticLink>(x, p, y, theta, Span<double>.Empty) * Scale;
    }

    /// <summary>∇L(θ) = Σ (pᵢ − yᵢ) xᵢ (over n for the mean).</summary>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => ValueAndGradient(theta, gradient);

    /// <summary>∇L(θ) as a new array.</summary>
    public double[] Gradient(ReadOnlySpan<double> theta)
    {
        var g = new double[p];
        ValueAndGradient(theta, g);
        return g;
    }

    /// <summary>L(θ) and ∇L(θ) in one pass; returns L.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CheckTheta(theta);
        Guard.Length(gradient.Length, p, nameof(gradient), "the gradient");
        double sum = RowPass.Full<LogisticLink>(x, p, y, theta, gradient);
        Kernels.Scale(gradient, Scale);
        return sum * Scale;
    }

    /// <summary>
    /// The gradient on a mini-batch B (m rows), on the scale of the full loss: (1/m) Σ_(i∈B) (pᵢ − yᵢ) xᵢ for the mean,
    /// (n/m) Σ_(i∈B) (pᵢ − yᵢ) xᵢ for the sum (an unbiased estimate of the full gradient either way). Never allocates.
    /// </summary>
    public void BatchGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> rows, Span<double> gradient)
    {
        CheckTheta(theta);
        Guard.Length(gradient.Length, p, nameof(gradient), "the gradient");
        if (rows.IsEmpty) throw new ArgumentException("The mini-batch is empty; pass at least one row index.", nameof(rows));
        gradient.Clear();
        RowPass.Indexed<LogisticLink>(x, p, y, theta, rows, gradient);
        Kernels.Scale(gradient, BatchScale(rows.Length));
    }

    void IRowPrefetch.PrefetchRows(ReadOnlySpan<int> rows) => Prefetch.Rows(x, p, y, rows);

    /// <summary>The loss on a mini-batch, on the scale of the full loss (see <see cref="BatchGradient"/>). Never allocates.</summary>
    public double BatchValue(ReadOnlySpan<double> theta, ReadOnlySpan<int> rows)
    {
        CheckTheta(theta);
        if (rows.IsEmpty) throw new ArgumentException("The mini-batch is empty; pass at least one row index.", nameof(rows));
        return RowPass.Indexed<LogisticLink>(x, p, y, theta, rows, Span<double>.Empty) * BatchScale(rows.Length);
    }

    /// <summary>H = Σ pᵢ(1 − pᵢ) xᵢxᵢᵀ (over n for the mean), row-major p × p.</summary>
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        CheckTheta(theta);
        Guard.Length(hessian.Length, p * p, nameof(hessian), "the Hessian (p × p entries)");
        hessian.Clear();
        for (int i = 0; i < y.Length; i++)
        {
            var row = X.Row(i);
            double pi = Sigmoid(Kernels.Dot(row, theta)), w = pi * (1 - pi);
            for (int a = 0; a < p; a++)
                Kernels.AddScaled(hessian.Slice(a * p, p), w * row[a], row);
        }
        Kernels.Scale(hessian, Scale);
    }

    /// <summary>The predicted probabilities pᵢ = σ(xᵢᵀθ).</summary>
    public double[] Probabilities(ReadOnlySpan<double> theta)
    {
        CheckTheta(theta);
        var probabilities = new double[y.Length];
        for (int i = 0; i < probabilities.Length; i++) probabilities[i] = Sigmoid(Kernels.Dot(X.Row(i), theta));
        return probabilities;
    }

    /// <summary>σ(z) = 1/(1 + e^(−z)), computed without overflow.</summary>
    public static double Sigmoid(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /// <summary>"logistic NLL (mean) over 303 rows, θ = [intercept, Age, MaxHR]".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"logistic NLL ({Reduction.ToString().ToLowerInvariant()}) over {Count} rows, θ = [{string.Join(", ", X.ColumnNames)}]");

    private double BatchScale(int m) => Reduction == Reduction.Mean ? 1.0 / m : (double)y.Length / m;

    private void CheckTheta(ReadOnlySpan<double> theta)
    {
        if (theta.Length != p) ThrowTheta(theta.Length);
    }

    private void ThrowTheta(int length) =>
        Guard.Length(length, p, "theta", $"a model with {p} features ({string.Join(", ", X.ColumnNames)})");
}
