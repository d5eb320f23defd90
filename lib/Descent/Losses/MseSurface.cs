using Descent.Data;
using Descent.Functions;

namespace Descent.Losses;

/// <summary>
/// The MSE of the simple linear model ŷ = θ₀ + θ₁x as a surface over (θ₀, θ₁), computed from sufficient statistics,
/// so evaluating it (or a 200 × 200 grid of it) costs the same whatever the number of observations n.
/// </summary>
/// <remarks>
/// MSE is quadratic in θ: (1/n) Σ (yᵢ − θ₀ − θ₁xᵢ)² = mean(y²) − 2θ₀ȳ − 2θ₁ mean(xy) + θ₀² + 2θ₀θ₁x̄ + θ₁² mean(x²).
/// It is evaluated in the equivalent centred form (ȳ − θ₀ − θ₁x̄)² + var(y) − 2θ₁ cov(x, y) + θ₁² var(x)
/// (population moments, divided by n), which avoids cancellation. ∇ = (−2c, −2c x̄ − 2cov + 2θ₁var(x)) with
/// c = ȳ − θ₀ − θ₁x̄; the Hessian is [[2, 2x̄], [2x̄, 2 mean(x²)]]. The minimum is the least-squares line
/// θ₁ = cov/var(x), θ₀ = ȳ − θ₁x̄.
/// </remarks>
public sealed class MseSurface : Surface
{
    /// <summary>Collects the statistics of (x, y) in two passes.</summary>
    /// <exception cref="ArgumentException">The data are empty, of different lengths, non-finite, or x is constant.</exception>
    public MseSurface(double[] x, double[] y, string xName = "x", string yName = "y")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.NotEmpty(x.Length, nameof(x), "the MSE surface");
        Guard.SameRows(x.Length, y.Length, nameof(x), nameof(y));
        Guard.Finite(x, nameof(x));
        Guard.Finite(y, nameof(y));
        int n = x.Length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double vx = 0, vy = 0, cxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            vx += dx * dx;
            vy += dy * dy;
            cxy += dx * dy;
        }
        Count = n;
        MeanX = mx;
        MeanY = my;
        VarX = vx / n;
        VarY = vy / n;
        CovXY = cxy / n;
        XName = xName;
        YName = yName;
    }

    /// <summary>The surface for a dataset whose 𝕏 is [intercept, x] (or just [x], the intercept being implied).</summary>
    public static MseSurface From(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = data.X;
        int column = x.Columns == 2 && x.HasIntercept ? 1 : x.Columns == 1 ? 0 : -1;
        if (column < 0)
            throw new ArgumentException(
                $"The MSE surface is for ŷ = θ₀ + θ₁x: 𝕏 must be [intercept, x] or [x], but it has columns {string.Join(", ", x.ColumnNames)}.",
                nameof(data));
        return new MseSurface(x.Column(column), data.Y, x.ColumnNames[column], data.Target);
    }

    /// <summary>n.</summary>
    public int Count { get; }

    /// <summary>x̄ = mean(x).</summary>
    public double MeanX { get; }

    /// <summary>ȳ = mean(y).</summary>
    public double MeanY { get; }

    /// <summary>var(x) = mean((x − x̄)²).</summary>
    public double VarX { get; }

    /// <summary>var(y) = mean((y − ȳ)²).</summary>
    public double VarY { get; }

    /// <summary>cov(x, y) = mean((x − x̄)(y − ȳ)).</summary>
    public double CovXY { get; }

    /// <summary>mean(x²) = var(x) + x̄².</summary>
    public double MeanXX => VarX + MeanX * MeanX;

    /// <summary>mean(xy) = cov(x, y) + x̄ȳ.</summary>
    public double MeanXY => CovXY + MeanX * MeanY;

    /// <summary>mean(y²) = var(y) + ȳ².</summary>
    public double MeanYY => VarY + MeanY * MeanY;

    /// <summary>The name of x, e.g. "total_bill".</summary>
    public string XName { get; }

    /// <summary>The name of y, e.g. "tip".</summary>
    public string YName { get; }

    /// <summary>The least-squares line (θ₀, θ₁): the surface's minimum.</summary>
    public double[] Minimizer
    {
        get
        {
            if (VarX == 0)
                throw new InvalidOperationException("x is constant, so the slope θ₁ is not determined: every line through (x̄, ȳ) fits equally well.");
            double t1 = CovXY / VarX;
            return [MeanY - t1 * MeanX, t1];
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> Minima => VarX > 0 ? [Minimizer] : [];

    /// <inheritdoc />
    public override string Name => $"MSE of {YName} = θ₀ + θ₁·{XName}";

    /// <inheritdoc />
    public override string Formula => $"MSE(θ₀, θ₁) = (1/n) Σ ({YName} − θ₀ − θ₁·{XName})², n = {Count}";

    /// <summary>θ₀ window: the fitted intercept ± 3 standard deviations of y (at least ± 1).</summary>
    public override (double Min, double Max) XRange
    {
        get
        {
            double c = VarX > 0 ? Minimizer[0] : MeanY, half = Math.Max(1, 3 * Math.Sqrt(VarY));
            return (c - half, c + half);
        }
    }

    /// <summary>θ₁ window: the fitted slope ± 3 sd(y)/sd(x).</summary>
    public override (double Min, double Max) YRange
    {
        get
        {
            double c = VarX > 0 ? Minimizer[1] : 0;
            double half = VarX > 0 ? Math.Max(1e-3, 3 * Math.Sqrt(VarY / VarX)) : 1;
            return (c - half, c + half);
        }
    }

    /// <summary>(ȳ − θ₀ − θ₁x̄)² + var(y) − 2θ₁ cov(x, y) + θ₁² var(x)</summary>
    public override double Value(double θ0, double θ1)
    {
        double c = MeanY - θ0 - θ1 * MeanX;
        return c * c + VarY - 2 * θ1 * CovXY + θ1 * θ1 * VarX;
    }

    /// <summary>∂/∂θ₀ = −2c, ∂/∂θ₁ = −2c x̄ − 2cov(x, y) + 2θ₁ var(x), c = ȳ − θ₀ − θ₁x̄</summary>
    public override (double Dx, double Dy) Gradient(double θ0, double θ1)
    {
        double c = MeanY - θ0 - θ1 * MeanX;
        return (-2 * c, -2 * c * MeanX - 2 * CovXY + 2 * θ1 * VarX);
    }

    /// <summary>H = [[2, 2x̄], [2x̄, 2 mean(x²)]]</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double θ0, double θ1) => (2, 2 * MeanX, 2 * MeanXX);
}
