using System.Collections;

namespace Descent.Data;

/// <summary>
/// The heart data: 303 patients, 13 features and the diagnosis AHD (Yes/No). Six cells are NA:
/// Ca in 4 rows and Thal in 2, so 297 rows are complete. Nothing is dropped when the data are loaded;
/// <see cref="Design(IReadOnlyList{string}, bool)"/> drops a row only when a column it was asked for is NA there,
/// and says how many it dropped.
/// </summary>
public sealed class HeartTable : IReadOnlyList<HeartRow>
{
    /// <summary>The numeric columns <see cref="Design(IReadOnlyList{string}, bool)"/> accepts.</summary>
    public static IReadOnlyList<string> NumericColumns { get; } =
        ["Age", "Sex", "RestBP", "Chol", "Fbs", "RestECG", "MaxHR", "ExAng", "Oldpeak", "Slope", "Ca"];

    private readonly HeartRow[] rows;

    internal HeartTable(HeartRow[] rows, string source)
    {
        this.rows = rows;
        Source = source;
    }

    /// <summary>Where the rows came from: the embedded copy or a file path.</summary>
    public string Source { get; }

    /// <summary>The rows with no NA (297 in the shipped file).</summary>
    public IReadOnlyList<HeartRow> CompleteRows => rows.Where(r => r.IsComplete).ToArray();

    /// <summary>The rows with an NA in Ca or Thal (6 in the shipped file).</summary>
    public IReadOnlyList<HeartRow> IncompleteRows => rows.Where(r => !r.IsComplete).ToArray();

    /// <summary>AHD as 0/1 for every row (1 = heart disease).</summary>
    public double[] Ahd => rows.Select(r => r.Ahd ? 1.0 : 0.0).ToArray();

    /// <summary>
    /// The classification data AHD ≈ σ(𝕏θ) from the numeric <paramref name="features"/> (see <see cref="NumericColumns"/>),
    /// y = 1 for AHD = Yes. A row is dropped only if a requested feature is NA in it (only Ca can be):
    /// the result's <see cref="Dataset.DroppedRows"/> and <see cref="Dataset.Note"/> say how many and which lines.
    /// </summary>
    /// <param name="features">Column names, e.g. ["Age", "MaxHR"]. Case-insensitive.</param>
    /// <param name="intercept">Whether to put a column of ones in front.</param>
    public Dataset Design(IReadOnlyList<string> features, bool intercept = false)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0)
            throw new ArgumentException(
                $"Ask for at least one feature; the numeric columns are: {string.Join(", ", NumericColumns)}.", nameof(features));
        var names = features.Select(Canonical).ToArray();
        var getters = names.Select(Getter).ToArray();
        var kept = new List<HeartRow>(rows.Length);
        var droppedLines = new List<int>();
        foreach (var r in rows)
        {
            if (getters.All(g => g(r) is not null)) kept.Add(r);
            else droppedLines.Add(r.Line);
        }
        if (kept.Count == 0)
            throw new InvalidOperationException("Every row has an NA in the requested features; nothing is left to fit.");
        int p = names.Length;
        var v = new double[kept.Count * p];
        for (int i = 0; i < kept.Count; i++)
            for (int j = 0; j < p; j++) v[i * p + j] = getters[j](kept[i])!.Value;
        var x = new DesignMatrix(v, kept.Count, p, names);
        var y = kept.Select(r => r.Ahd ? 1.0 : 0.0).ToArray();
        string note = droppedLines.Count == 0
            ? "no rows dropped"
            : $"{droppedLines.Count} rows dropped: {string.Join(" or ", names.Where(n => n == "Ca"))} is NA on lines {string.Join(", ", droppedLines)}";
        return new Dataset(intercept ? x.WithIntercept() : x, y, "heart", "AHD", droppedLines.Count, note);
    }

    /// <summary>The classification data from the named numeric features, no intercept column.</summary>
    public Dataset Design(params string[] features) => Design((IReadOnlyList<string>)features);

    /// <inheritdoc />
    public int Count => rows.Length;

    /// <inheritdoc />
    public HeartRow this[int index] => rows[index];

    /// <inheritdoc />
    public IEnumerator<HeartRow> GetEnumerator() => ((IEnumerable<HeartRow>)rows).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"heart: 303 rows, 297 complete (NA: Ca in 4 rows, Thal in 2)".</summary>
    public override string ToString() =>
        $"heart: {Count} rows, {rows.Count(r => r.IsComplete)} complete " +
        $"(NA: Ca in {rows.Count(r => r.Ca is null)} rows, Thal in {rows.Count(r => r.Thal is null)}) from {Source}";

    private static string Canonical(string name)
    {
        var match = NumericColumns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        string hint = name is "ChestPain" or "Thal" or "AHD" or "Ahd"
            ? $" '{name}' is not numeric (it is text or the target)."
            : "";
        throw new ArgumentException(
            $"'{name}' is not a numeric column of the heart data.{hint} Choose from: {string.Join(", ", NumericColumns)}.",
            nameof(name));
    }

    private static Func<HeartRow, double?> Getter(string name) => name switch
    {
        "Age" => r => r.Age,
        "Sex" => r => r.Sex,
        "RestBP" => r => r.RestBP,
        "Chol" => r => r.Chol,
        "Fbs" => r => r.Fbs,
        "RestECG" => r => r.RestECG,
        "MaxHR" => r => r.MaxHR,
        "ExAng" => r => r.ExAng,
        "Oldpeak" => r => r.Oldpeak,
        "Slope" => r => r.Slope,
        "Ca" => r => r.Ca,
        _ => throw new ArgumentException($"Unknown column {name}.", nameof(name)),
    };
}
