using Descent.Training;

namespace Descent.Plots;

/// <summary>
/// The points of a run that a chart draws: two coordinates per point (θ_i, θ_j) or (θ, loss), with each point's
/// step t and loss for the hover text. Points after a divergence that are no longer finite are left out, and a
/// long run is thinned (see <see cref="Thinning"/>).
/// </summary>
internal sealed record DrawnPath(double[] X, double[] Y, double[] Loss, int[] T, int RecordCount)
{
    /// <summary>True when fewer points are drawn than the run recorded.</summary>
    public bool Thinned => X.Length < RecordCount;

    /// <summary>The number of points drawn.</summary>
    public int Count => X.Length;

    /// <summary>(θ_i, θ_j) for the finite records of a run worth drawing (all of them when <paramref name="everyStep"/>).</summary>
    public static DrawnPath Plane(Run run, int i, int j, int maxPoints, bool everyStep = false)
    {
        int dimension = run.Steps[0].Theta.Length;
        if (dimension < 2)
            throw new ArgumentException(
                $"The run \"{run.Name}\" has {dimension} parameter; a contour or surface needs θ with at least 2 coordinates. " +
                "Draw a one-parameter run with Plot.PathOnCurve.", nameof(run));
        if (i < 0 || j < 0 || i >= dimension || j >= dimension)
            throw new ArgumentOutOfRangeException(nameof(i),
                $"The run \"{run.Name}\" has θ coordinates 0 to {dimension - 1}; ({i}, {j}) is not a pair of them.");
        return Build(run, s => s.Theta[i], s => s.Theta[j], maxPoints, everyStep);
    }

    /// <summary>(θ, L(θ)) for the finite records of a one-parameter run worth drawing (all of them when <paramref name="everyStep"/>).</summary>
    public static DrawnPath Curve(Run run, int maxPoints, bool everyStep = false)
    {
        int dimension = run.Steps[0].Theta.Length;
        if (dimension != 1)
            throw new ArgumentException(
                $"The run \"{run.Name}\" has {dimension} parameters; a path on a curve needs a one-parameter run. " +
                "Draw it on a contour with Plot.ContourPaths instead.", nameof(run));
        return Build(run, s => s.Theta[0], s => s.Loss, maxPoints, everyStep);
    }

    /// <summary>(x, f(x)) for a list of guesses (the lesson's own loop), t = 0, 1, 2, ...</summary>
    public static DrawnPath Guesses(IReadOnlyList<double> guesses, Func<double, double> f, int maxPoints)
    {
        var x = new List<double>();
        var y = new List<double>();
        foreach (var g in guesses)
        {
            double v = f(g);
            if (!double.IsFinite(g) || !double.IsFinite(v)) break;
            x.Add(g);
            y.Add(v);
        }
        var keep = Thinning.ForDrawing(x, y, maxPoints);
        return new DrawnPath(keep.Select(k => x[k]).ToArray(), keep.Select(k => y[k]).ToArray(),
            keep.Select(k => y[k]).ToArray(), keep, guesses.Count);
    }

    private static DrawnPath Build(Run run, Func<StepRecord, double> fx, Func<StepRecord, double> fy, int maxPoints, bool everyStep)
    {
        var steps = run.Steps;
        int finite = 0;
        while (finite < steps.Count && double.IsFinite(fx(steps[finite])) && double.IsFinite(fy(steps[finite]))) finite++;
        var x = new double[finite];
        var y = new double[finite];
        for (int k = 0; k < finite; k++) { x[k] = fx(steps[k]); y[k] = fy(steps[k]); }
        var keep = everyStep ? Enumerable.Range(0, finite).ToArray() : Thinning.ForDrawing(x, y, maxPoints);
        return new DrawnPath(
            keep.Select(k => x[k]).ToArray(), keep.Select(k => y[k]).ToArray(),
            keep.Select(k => steps[k].Loss).ToArray(), keep.Select(k => steps[k].T).ToArray(), steps.Count);
    }
}
