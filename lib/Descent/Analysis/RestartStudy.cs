using System.Globalization;
using System.Text;

namespace Descent.Analysis;

/// <summary>One row of a restart study: with k restarts, how often the best run reached the global minimum.</summary>
/// <param name="Restarts">k, the number of independent random starts.</param>
/// <param name="Empirical">The fraction of trials in which at least one of the k runs reached the global minimum.</param>
/// <param name="Theory">1 − (1 − p)ᵏ, with p the single-start probability.</param>
public sealed record RestartRow(int Restarts, double Empirical, double Theory);

/// <summary>
/// The probability of reaching the global minimum against the number of random restarts. One start reaches it with
/// probability p (the global minimum's share of the start region); k independent starts miss it only if all miss,
/// so P(k) = 1 − (1 − p)ᵏ.
/// </summary>
public sealed class RestartStudy
{
    internal RestartStudy(double[] globalMinimum, double singleStart, IReadOnlyList<RestartRow> rows, int trials, int seed)
    {
        GlobalMinimum = globalMinimum;
        SingleStartProbability = singleStart;
        Rows = rows;
        Trials = trials;
        Seed = seed;
    }

    /// <summary>The global minimum the runs try to reach.</summary>
    public double[] GlobalMinimum { get; }

    /// <summary>p: the fraction of single random starts that reached the global minimum.</summary>
    public double SingleStartProbability { get; }

    /// <summary>k = 1, 2, …: empirical and theoretical probability.</summary>
    public IReadOnlyList<RestartRow> Rows { get; }

    /// <summary>How many independent trials each k was estimated from.</summary>
    public int Trials { get; }

    /// <summary>The seed of the random start points.</summary>
    public int Seed { get; }

    /// <summary>The table: restarts, empirical, 1 − (1 − p)ᵏ.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"p(one start reaches the global minimum) = {SingleStartProbability:F3} ({Trials} trials, seed {Seed})\n");
        sb.Append("restarts  empirical  1 − (1 − p)^k\n");
        foreach (var r in Rows)
            sb.Append(CultureInfo.InvariantCulture, $"{r.Restarts,8}  {r.Empirical,9:F3}  {r.Theory,13:F3}\n");
        return sb.ToString().TrimEnd('\n');
    }
}
