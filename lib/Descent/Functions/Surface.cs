using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Descent.Functions;

/// <summary>
/// A function of two variables f(x, y) with its gradient and Hessian: the teaching surfaces
/// (bowls, Rosenbrock, the saddle, ...). Subclasses write the three formulas on plain numbers;
/// this base turns them into an <see cref="IObjective"/> over θ = [x, y] and into the views charts need.
/// </summary>
/// <remarks>
/// A surface does not reject a non-finite θ: it returns NaN or ∞ so a descent loop can report where a run diverged.
/// </remarks>
/// <example>
/// <code>
/// Surfaces.Bowl.Value([1.0, 2.0]);      // 9
/// Surfaces.Bowl.Gradient(1, 2);         // (2, 8)
/// Surfaces.Bowl.Hessian([1.0, 2.0]);    // [[2, 0], [0, 4]]
/// Func&lt;double, double, double&gt; z = Surfaces.Bowl.F;   // for contour charts
/// </code>
/// </example>
public abstract class Surface : ITwiceDifferentiable
{
    private Func<double, double, double>? view;

    /// <summary>A short name for legends and titles, e.g. "Rosenbrock".</summary>
    public abstract string Name { get; }

    /// <summary>The formula as text, e.g. "f(x, y) = (1 − x)² + 100(y − x²)²".</summary>
    public abstract string Formula { get; }

    /// <summary>The x window the lessons plot this surface on.</summary>
    public abstract (double Min, double Max) XRange { get; }

    /// <summary>The y window the lessons plot this surface on.</summary>
    public abstract (double Min, double Max) YRange { get; }

    /// <summary>The known minimizers (empty if the surface has none, like the saddle).</summary>
    public virtual IReadOnlyList<double[]> Minima => [];

    /// <summary>f(x, y).</summary>
    public abstract double Value(double x, double y);

    /// <summary>∇f(x, y) = (∂f/∂x, ∂f/∂y).</summary>
    public abstract (double Dx, double Dy) Gradient(double x, double y);

    /// <summary>The Hessian's three distinct entries (∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²).</summary>
    public abstract (double Dxx, double Dxy, double Dyy) Hessian(double x, double y);

    /// <summary>f as a delegate of two numbers, the shape contour and surface charts take.</summary>
    public Func<double, double, double> F => view ??= Value;

    /// <inheritdoc />
    public int Dimension => 2;

    /// <summary>f(θ) for θ = [x, y].</summary>
    public double Value(ReadOnlySpan<double> theta)
    {
        Guard.Length(theta.Length, 2, nameof(theta), Name);
        return Value(theta[0], theta[1]);
    }

    /// <summary>Writes ∇f(θ) into <paramref name="gradient"/>.</summary>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Guard.Length(theta.Length, 2, nameof(theta), Name);
        Guard.Length(gradient.Length, 2, nameof(gradient), Name);
        (gradient[0], gradient[1]) = Gradient(theta[0], theta[1]);
    }

    /// <summary>∇f(θ) as a new array [∂f/∂x, ∂f/∂y].</summary>
    public double[] Gradient(ReadOnlySpan<double> theta)
    {
        var g = new double[2];
        Gradient(theta, g);
        return g;
    }

    /// <summary>Writes the Hessian [fxx, fxy, fxy, fyy] (row-major 2 × 2) into <paramref name="hessian"/>.</summary>
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        Guard.Length(theta.Length, 2, nameof(theta), Name);
        Guard.Length(hessian.Length, 4, nameof(hessian), $"the 2 × 2 Hessian of {Name}");
        var (xx, xy, yy) = Hessian(theta[0], theta[1]);
        hessian[0] = xx; hessian[1] = xy; hessian[2] = xy; hessian[3] = yy;
    }

    /// <summary>The Hessian at θ as a 2 × 2 matrix.</summary>
    public Matrix<double> Hessian(ReadOnlySpan<double> theta)
    {
        Guard.Length(theta.Length, 2, nameof(theta), Name);
        var (xx, xy, yy) = Hessian(theta[0], theta[1]);
        return Matrix<double>.Build.DenseOfArray(new[,] { { xx, xy }, { xy, yy } });
    }

    /// <summary>
    /// f on a grid, laid out the way Plotly's contour and surface traces want it: z[j][i] = f(xs[i], ys[j]).
    /// </summary>
    public double[][] Grid(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        var z = new double[ys.Count][];
        for (int j = 0; j < z.Length; j++)
        {
            var row = z[j] = new double[xs.Count];
            double y = ys[j];
            for (int i = 0; i < row.Length; i++) row[i] = Value(xs[i], y);
        }
        return z;
    }

    /// <summary>f on an n × n grid over the plotting window (<see cref="XRange"/> × <see cref="YRange"/>).</summary>
    public (double[] Xs, double[] Ys, double[][] Z) Grid(int n = 100)
    {
        var xs = Curve.Linspace(XRange.Min, XRange.Max, n);
        var ys = Curve.Linspace(YRange.Min, YRange.Max, n);
        return (xs, ys, Grid(xs, ys));
    }

    /// <summary>"Rosenbrock: f(x, y) = (1 − x)² + 100(y − x²)²".</summary>
    public override string ToString() => $"{Name}: {Formula}";

    /// <summary>Formats a number for formulas: invariant culture, shortest round-trip form.</summary>
    protected static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
