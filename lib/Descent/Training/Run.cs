namespace Descent.Training;

/// <summary>
/// A recorded optimization run: every step's θ, loss, gradient, learning rate and optimizer state,
/// and how the run ended. Charts draw runs; lessons print them; <see cref="SaveCsv"/> exports them.
/// </summary>
public sealed class Run
{
    /// <summary>Creates a run from its records (record 0 is the start).</summary>
    /// <exception cref="ArgumentException">There are no records, or their θ lengths differ.</exception>
    public Run(string name, IReadOnlyList<StepRecord> steps, RunStatus status, string message)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(message);
        if (steps.Count == 0)
            throw new ArgumentException("A run needs at least its starting record (t = 0).", nameof(steps));
        int p = steps[0].Theta.Length;
        for (int i = 1; i < steps.Count; i++)
            if (steps[i].Theta.Length != p)
                throw new ArgumentException(
                    $"Record {i} (t = {steps[i].T}) has a θ of {steps[i].Theta.Length} values but record 0 has {p}; " +
                    "every record of a run must have the same number of parameters.", nameof(steps));
        Name = name;
        Steps = steps;
        Status = status;
        Message = message;
    }

    /// <summary>The run's name for legends, e.g. "GD (α = 0.3)".</summary>
    public string Name { get; }

    /// <summary>Every record, from t = 0 (the start) to the last step.</summary>
    public IReadOnlyList<StepRecord> Steps { get; }

    /// <summary>How the run ended.</summary>
    public RunStatus Status { get; }

    /// <summary>A sentence saying how the run ended: "converged after 42 steps: ‖g‖ = 8.1e-07 ≤ 1e-06".</summary>
    public string Message { get; }

    /// <summary>The number of rows per epoch for runs over data (n), or null for a run on a plain function.</summary>
    public int? RowsPerEpoch { get; init; }

    /// <summary>
    /// The step at which the run began to diverge, or null if it did not: the first step of the climb that never came
    /// back down (see <see cref="Divergence"/>), which is usually before the last record, where the loop noticed.
    /// </summary>
    public int? DivergedAt => Status == RunStatus.Diverged ? Divergence.Onset(Steps) : null;

    /// <summary>The last record.</summary>
    public StepRecord Last => Steps[^1];

    /// <summary>The final θ.</summary>
    public double[] Theta => Last.Theta;

    /// <summary>The final loss.</summary>
    public double Loss => Last.Loss;

    /// <summary>The number of parameters θ has.</summary>
    public int Dimension => Steps[0].Theta.Length;

    /// <summary>L(θ_t) for every record.</summary>
    public double[] Losses => Steps.Select(s => s.Loss).ToArray();

    /// <summary>θ_t for every record.</summary>
    public double[][] Path => Steps.Select(s => s.Theta).ToArray();

    /// <summary>The step number t of every record (0, 1, 2, ... or, when only every k-th step was recorded, 0, k, 2k, ...).</summary>
    public int[] StepNumbers => Steps.Select(s => s.T).ToArray();

    /// <summary>The learning rate each recorded step used (NaN for the start).</summary>
    public double[] LearningRates => Steps.Select(s => s.LearningRate).ToArray();

    /// <summary>‖g‖ of the gradient each recorded step used (NaN for the start).</summary>
    public double[] GradientNorms => Steps.Select(s =>
        s.Gradient.Length == 0 ? double.NaN : Math.Sqrt(s.Gradient.Sum(g => g * g))).ToArray();

    /// <summary>The epoch of every record (0 for the start).</summary>
    public int[] Epochs => Steps.Select(s => s.Epoch).ToArray();

    /// <summary>Gradient evaluations so far at every record (rows processed, for runs over data).</summary>
    public long[] GradientEvaluations => Steps.Select(s => s.GradientEvaluations).ToArray();

    /// <summary>
    /// Passes over the data so far at every record, as a fraction (rows processed / n): the x axis of "loss against
    /// epochs". For a run on a plain function, the step numbers.
    /// </summary>
    public double[] EpochProgress => RowsPerEpoch is int n
        ? Steps.Select(s => (double)s.GradientEvaluations / n).ToArray()
        : Steps.Select(s => (double)s.T).ToArray();

    /// <summary>The i-th coordinate of θ over the run: θ_i at every record.</summary>
    public double[] Coordinate(int i)
    {
        if (i < 0 || i >= Dimension)
            throw new ArgumentOutOfRangeException(nameof(i), i,
                $"θ has {Dimension} coordinates, numbered 0 to {Dimension - 1}.");
        return Steps.Select(s => s.Theta[i]).ToArray();
    }

    /// <summary>Reads the trace of losses the way the CS109B deck reads trace plots: converging, too slow, oscillating, or diverging.</summary>
    public TraceDiagnosis Diagnose() => TraceDiagnosis.Of(this);

    /// <summary>
    /// The records as CSV: header <c>t, theta_0.., loss, grad_0.., learning_rate, v_0.. (state), epoch, gradient_evaluations</c>;
    /// invariant culture, round-trip precision; a missing value (the start's gradient and learning rate) is an empty cell.
    /// </summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        RunCsv.Write(this, writer);
        return writer.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically (a temporary file, then a rename), creating its folder.</summary>
    public void SaveCsv(string path) => RunCsv.Save(this, path);

    /// <summary>
    /// Reads a run written by <see cref="SaveCsv"/>. The CSV holds the records only: the name defaults to the file
    /// name, the status to <paramref name="status"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist (the message names the path).</exception>
    /// <exception cref="FormatException">The header or a row is malformed (the message names the line).</exception>
    public static Run LoadCsv(string path, string? name = null, RunStatus status = RunStatus.StepLimit) =>
        RunCsv.Load(path, name, status);

    /// <summary>A one-line summary.</summary>
    public override string ToString() => $"{Name}: {Message}";
}
