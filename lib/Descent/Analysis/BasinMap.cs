using System.Globalization;
using System.Text;

namespace Descent.Analysis;

/// <summary>
/// The basins of attraction of a function under one optimizer: for each start point, where the descent ended and which
/// known minimum that is. Draw it as a coloured strip (1D) or image (2D) under the function.
/// </summary>
public sealed class BasinMap
{
    internal BasinMap(IReadOnlyList<double[]> minima, IReadOnlyList<BasinPoint> points, string optimizer)
    {
        Minima = minima;
        Points = points;
        Optimizer = optimizer;
    }

    /// <summary>The known minima, in the order <see cref="BasinPoint.Minimum"/> indexes them.</summary>
    public IReadOnlyList<double[]> Minima { get; }

    /// <summary>One entry per start point, in the order the starts were given.</summary>
    public IReadOnlyList<BasinPoint> Points { get; }

    /// <summary>The optimizer's name, e.g. "GD (α = 0.1)".</summary>
    public string Optimizer { get; }

    /// <summary>The fraction of start points that ended at minimum <paramref name="index"/>.</summary>
    public double Fraction(int index) => Points.Count(p => p.Minimum == index) / (double)Points.Count;

    /// <summary>The fraction that ended at no known minimum.</summary>
    public double Unresolved => Points.Count(p => p.Minimum is null) / (double)Points.Count;

    /// <summary>For 1D starts: the start values where the basin changes (between neighbouring starts).</summary>
    public double[] Boundaries()
    {
        var b = new List<double>();
        for (int k = 1; k < Points.Count; k++)
            if (Points[k].Minimum != Points[k - 1].Minimum)
                b.Add((Points[k].Start[0] + Points[k - 1].Start[0]) / 2);
        return b.ToArray();
    }

    /// <summary>"GD (α = 0.1): 200 starts; 44.0% → minimum 0 at 2.39275; 56.0% → minimum 1 at 5.32635".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Optimizer}: {Points.Count} starts");
        for (int i = 0; i < Minima.Count; i++)
            sb.Append(CultureInfo.InvariantCulture,
                $"; {100 * Fraction(i):F1}% → minimum {i} at {(Minima[i].Length == 1 ? Minima[i][0].ToString("G6", CultureInfo.InvariantCulture) : "[" + string.Join(", ", Minima[i].Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + "]")}");
        if (Unresolved > 0) sb.Append(CultureInfo.InvariantCulture, $"; {100 * Unresolved:F1}% elsewhere");
        return sb.ToString();
    }
}
