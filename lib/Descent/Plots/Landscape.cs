namespace Descent.Plots;

/// <summary>
/// A function of two variables sampled on a regular grid, for contour and surface charts: z[row][column] =
/// f(x[column], y[row]). Also adapts an <see cref="IObjective"/> of dimension 2 and its gradient.
/// </summary>
internal sealed class Landscape
{
    private Landscape(double[] x, double[] y, double[][] z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public double[] X { get; }
    public double[] Y { get; }
    public double[][] Z { get; }

    /// <summary>The smallest and largest finite z.</summary>
    public (double Min, double Max) ZRange
    {
        get
        {
            var finite = Z.SelectMany(r => r).Where(double.IsFinite).ToArray();
            return finite.Length == 0 ? (0, 1) : (finite.Min(), finite.Max());
        }
    }

    /// <summary>
    /// True when linear contour levels would lump the interesting part together: the lowest of
    /// <paramref name="levels"/> equal bands covers more than a quarter of the grid (a long flat valley, like the tips
    /// MSE or Rosenbrock's). A bowl's lowest band covers under a tenth.
    /// </summary>
    public bool PrefersLogColor(int levels)
    {
        var (min, max) = ZRange;
        if (!(max > min)) return false;
        double band = (max - min) / levels;
        int total = 0, low = 0;
        foreach (var row in Z)
            foreach (var z in row)
                if (double.IsFinite(z)) { total++; if (z - min < band) low++; }
        return low > 0.25 * total;
    }

    /// <summary>Samples f on a resolution × resolution grid over the ranges.</summary>
    public static Landscape Sample(Func<double, double, double> f, (double Min, double Max) xRange, (double Min, double Max) yRange,
        int resolution)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (resolution < 3 || resolution > 400)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution,
                "The grid resolution must be between 3 and 400 points per axis; 60 draws smooth contours.");
        var x = Plot.Linspace(xRange.Min, xRange.Max, resolution);
        var y = Plot.Linspace(yRange.Min, yRange.Max, resolution);
        var z = y.Select(yv => x.Select(xv => f(xv, yv)).ToArray()).ToArray();
        return new Landscape(x, y, z);
    }

    /// <summary>f(θ₀, θ₁) from a two-parameter objective.</summary>
    public static Func<double, double, double> Function(IObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (objective.Dimension != 2)
            throw new ArgumentException(
                $"This chart draws a function of two parameters, but the objective has {objective.Dimension}. " +
                "Pass a 2-parameter objective, or a lambda (a, b) => ... that fixes the other parameters.", nameof(objective));
        return (a, b) => objective.Value([a, b]);
    }

    /// <summary>∇f(θ₀, θ₁) from a two-parameter objective.</summary>
    public static Func<double, double, (double, double)> Gradient(IObjective objective)
    {
        Function(objective);
        return (a, b) =>
        {
            Span<double> g = stackalloc double[2];
            objective.Gradient([a, b], g);
            return (g[0], g[1]);
        };
    }

    /// <summary>∇f by central differences, for lambdas that come without a gradient.</summary>
    public static Func<double, double, (double, double)> NumericGradient(Func<double, double, double> f) => (a, b) =>
    {
        double ha = 1e-6 * Math.Max(1, Math.Abs(a)), hb = 1e-6 * Math.Max(1, Math.Abs(b));
        return ((f(a + ha, b) - f(a - ha, b)) / (2 * ha), (f(a, b + hb) - f(a, b - hb)) / (2 * hb));
    };
}
