using System.Globalization;
using MathNet.Numerics.RootFinding;

namespace Descent.Functions;

/// <summary>
/// A function of one variable with its first two derivatives: f(x), f′(x), f″(x).
/// It is also a one-parameter <see cref="IObjective"/> (θ = [x]), so any optimizer can run on it.
/// </summary>
/// <example>
/// <code>
/// var f = Curves.Quartic;
/// f.Value(4);        // 0.0
/// f.Derivative(4);   // -0.4
/// Func&lt;double, double&gt; df = f.DF;   // for charts
/// </code>
/// </example>
public sealed class Curve : ITwiceDifferentiable
{
    private readonly Func<double, double> f, df, d2f;

    /// <summary>Creates a curve from f and its derivatives.</summary>
    /// <param name="name">A short name for legends, e.g. "arbitrary quartic".</param>
    /// <param name="formula">The formula as text, e.g. "f(x) = x² − 3x".</param>
    /// <param name="f">f(x).</param>
    /// <param name="derivative">f′(x).</param>
    /// <param name="secondDerivative">f″(x).</param>
    /// <param name="range">The interval the lessons plot it on.</param>
    public Curve(string name, string formula, Func<double, double> f, Func<double, double> derivative,
        Func<double, double> secondDerivative, (double Min, double Max) range)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(derivative);
        ArgumentNullException.ThrowIfNull(secondDerivative);
        Guard.Interval(range.Min, range.Max, nameof(range));
        Name = name;
        Formula = formula;
        this.f = f;
        df = derivative;
        d2f = secondDerivative;
        Range = range;
    }

    /// <summary>A short name for legends.</summary>
    public string Name { get; }

    /// <summary>The formula, e.g. "f(x) = (x⁴ − 15x³ + 80x² − 180x + 144)/10".</summary>
    public string Formula { get; }

    /// <summary>The interval the lessons plot this curve on.</summary>
    public (double Min, double Max) Range { get; }

    /// <summary>f(x).</summary>
    public double Value(double x) => f(x);

    /// <summary>f′(x), the slope at x: negative means "go right", positive "go left".</summary>
    public double Derivative(double x) => df(x);

    /// <summary>f″(x), the curvature at x: positive at a minimum, negative at a maximum.</summary>
    public double SecondDerivative(double x) => d2f(x);

    /// <summary>f as a delegate, for charts and for code written like the deck's <c>arbitrary(x)</c>.</summary>
    public Func<double, double> F => f;

    /// <summary>f′ as a delegate, like the deck's <c>derivative_arbitrary(x)</c>.</summary>
    public Func<double, double> DF => df;

    /// <summary>f″ as a delegate.</summary>
    public Func<double, double> D2F => d2f;

    /// <summary>f at each x: handy for plotting over <c>Curve.Linspace</c>.</summary>
    public double[] Values(IReadOnlyList<double> xs)
    {
        ArgumentNullException.ThrowIfNull(xs);
        var ys = new double[xs.Count];
        for (int i = 0; i < ys.Length; i++) ys[i] = f(xs[i]);
        return ys;
    }

    /// <summary>
    /// The stationary points (f′(x) = 0) inside [<paramref name="min"/>, <paramref name="max"/>], in increasing order:
    /// sign changes of f′ on a fine grid, each refined by Brent's method to about 1e-12.
    /// </summary>
    /// <param name="min">Left end; by default <see cref="Range"/>.Min.</param>
    /// <param name="max">Right end; by default <see cref="Range"/>.Max.</param>
    /// <param name="gridPoints">How many grid points to scan for sign changes.</param>
    public double[] StationaryPoints(double? min = null, double? max = null, int gridPoints = 10_000)
    {
        double lo = min ?? Range.Min, hi = max ?? Range.Max;
        Guard.Interval(lo, hi, "interval");
        Guard.Positive(gridPoints, nameof(gridPoints), "number of grid points");
        var roots = new List<double>();
        double xPrev = lo, gPrev = df(lo);
        if (gPrev == 0) roots.Add(lo);
        for (int k = 1; k <= gridPoints; k++)
        {
            double x = lo + (hi - lo) * k / gridPoints, g = df(x);
            if (g == 0) roots.Add(x);
            else if (gPrev != 0 && Math.Sign(g) != Math.Sign(gPrev))
                roots.Add(Brent.FindRoot(df, xPrev, x, 1e-13, 200));
            xPrev = x;
            gPrev = g;
        }
        return roots.ToArray();
    }

    /// <summary>The stationary points with f″ &gt; 0 (local minima) inside the interval, in increasing order.</summary>
    public double[] LocalMinima(double? min = null, double? max = null) =>
        StationaryPoints(min, max).Where(x => d2f(x) > 0).ToArray();

    /// <summary>
    /// n evenly spaced points from <paramref name="start"/> to <paramref name="stop"/> inclusive, like numpy's <c>linspace</c>.
    /// </summary>
    public static double[] Linspace(double start, double stop, int n)
    {
        Guard.Finite([start, stop], "start/stop");
        Guard.Positive(n, nameof(n), "number of points");
        var xs = new double[n];
        if (n == 1) { xs[0] = start; return xs; }
        for (int i = 0; i < n; i++) xs[i] = start + (stop - start) * i / (n - 1);
        xs[n - 1] = stop;
        return xs;
    }

    /// <inheritdoc />
    public int Dimension => 1;

    /// <summary>f(θ₀): the curve as a one-parameter objective.</summary>
    public double Value(ReadOnlySpan<double> theta)
    {
        Guard.Length(theta.Length, 1, nameof(theta), Name);
        return f(theta[0]);
    }

    /// <summary>∇f(θ) = [f′(θ₀)].</summary>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Guard.Length(theta.Length, 1, nameof(theta), Name);
        Guard.Length(gradient.Length, 1, nameof(gradient), Name);
        gradient[0] = df(theta[0]);
    }

    /// <summary>H(θ) = [f″(θ₀)].</summary>
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        Guard.Length(theta.Length, 1, nameof(theta), Name);
        Guard.Length(hessian.Length, 1, nameof(hessian), Name);
        hessian[0] = d2f(theta[0]);
    }

    /// <summary>"arbitrary quartic: f(x) = ... on [1, 6.75]".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {Formula} on [{Range.Min}, {Range.Max}]");
}
