using Descent.Functions;
using Descent.Optimizers;

namespace Descent.Analysis;

/// <summary>
/// Basins of attraction: run an optimizer from many start points and record which minimum each one reaches.
/// The steps are taken without recording a run, so a few hundred starts take milliseconds.
/// </summary>
public static class Basins
{
    /// <summary>
    /// Runs a fresh optimizer from every start and matches each end point to the nearest of <paramref name="minima"/>
    /// (within <paramref name="radius"/>).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="starts">The start points θ₀.</param>
    /// <param name="stepper">Makes the optimizer, e.g. <c>() =&gt; new GradientDescent(0.1)</c>.</param>
    /// <param name="minima">The known minima to match end points against.</param>
    /// <param name="maxSteps">The most steps per start.</param>
    /// <param name="gradientTolerance">Stop a start early when ‖∇f‖ ≤ this.</param>
    /// <param name="radius">An end point within this distance of a minimum counts as reaching it.</param>
    public static BasinMap Of(IObjective f, IEnumerable<double[]> starts, Func<Stepper> stepper, IReadOnlyList<double[]> minima,
        int maxSteps = 5000, double gradientTolerance = 1e-8, double radius = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentNullException.ThrowIfNull(minima);
        Guard.Positive(maxSteps, nameof(maxSteps), "step limit");
        foreach (var m in minima) Guard.Length(m.Length, f.Dimension, nameof(minima), "the objective");
        var points = new List<BasinPoint>();
        string name = "";
        foreach (var start in starts)
        {
            Guard.Length(start.Length, f.Dimension, nameof(starts), "the objective");
            Guard.Finite(start, nameof(starts));
            var s = stepper();
            name = s.Name;
            var (end, steps, diverged) = Descend(f, start, s, maxSteps, gradientTolerance);
            int? match = null;
            if (!diverged)
            {
                double best = radius;
                for (int i = 0; i < minima.Count; i++)
                {
                    double d = Distance(end, minima[i]);
                    if (d <= best) { best = d; match = i; }
                }
            }
            points.Add(new BasinPoint(start, end, match, steps, diverged));
        }
        if (points.Count == 0) throw new ArgumentException("Pass at least one start point.", nameof(starts));
        return new BasinMap(minima, points, name);
    }

    /// <summary>
    /// The basins of a curve's local minima under gradient descent with step α, from <paramref name="points"/> starts
    /// evenly spread over its range (for the quartic: which of 2.39 and 5.33 each start reaches).
    /// </summary>
    public static BasinMap Of(Curve f, int points = 200, double alpha = 0.1, int maxSteps = 5000)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.LearningRate(alpha, nameof(alpha));
        Guard.Positive(points, nameof(points), "number of start points");
        var minima = f.LocalMinima().Select(m => new[] { m }).ToArray();
        var starts = Curve.Linspace(f.Range.Min, f.Range.Max, points).Select(x => new[] { x });
        return Of(f, starts, () => new GradientDescent(alpha), minima, maxSteps);
    }

    /// <summary>The basins of a surface's known minima under <paramref name="stepper"/>, from an n × n grid of starts over its window.</summary>
    public static BasinMap Of(Surface f, Func<Stepper> stepper, int n = 30, int maxSteps = 5000)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Positive(n, nameof(n), "grid size");
        var xs = Curve.Linspace(f.XRange.Min, f.XRange.Max, n);
        var ys = Curve.Linspace(f.YRange.Min, f.YRange.Max, n);
        var starts = ys.SelectMany(y => xs.Select(x => new[] { x, y }));
        return Of(f, starts, stepper, f.Minima, maxSteps);
    }

    /// <summary>Steps until ‖g‖ ≤ tolerance, the step limit, or a non-finite θ. No run is recorded.</summary>
    internal static (double[] End, int Steps, bool Diverged) Descend(IObjective f, double[] start, Stepper stepper, int maxSteps,
        double gradientTolerance)
    {
        var theta = (double[])start.Clone();
        GradientOracle gradientAt = f.Gradient;
        for (int t = 1; t <= maxSteps; t++)
        {
            stepper.Step(theta, gradientAt);
            bool finite = true;
            foreach (var v in theta) finite &= double.IsFinite(v);
            if (!finite || !double.IsFinite(f.Value(theta))) return (theta, t, true);
            double norm = 0;
            foreach (var g in stepper.LastGradient) norm += g * g;
            if (Math.Sqrt(norm) <= gradientTolerance) return (theta, t, false);
        }
        return (theta, maxSteps, false);
    }

    private static double Distance(double[] a, double[] b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return Math.Sqrt(s);
    }
}
