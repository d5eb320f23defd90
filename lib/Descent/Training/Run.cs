namespace Descent.Training;

/// <summary>
/// A recorded optimization run: every step's θ, loss, gradient, learning rate and optimizer state,
/// and how the run ended. Charts draw runs; lessons print them.
/// </summary>
public sealed class Run
{
    /// <summary>Creates a run from its records (record 0 is the start).</summary>
    public Run(string name, IReadOnlyList<StepRecord> steps, RunStatus status, string message)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
            throw new ArgumentException("A run needs at least its starting record (t = 0).", nameof(steps));
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

    /// <summary>The step at which the run diverged, or null if it did not.</summary>
    public int? DivergedAt => Status == RunStatus.Diverged ? Steps[^1].T : null;

    /// <summary>The last record.</summary>
    public StepRecord Last => Steps[^1];

    /// <summary>The final θ.</summary>
    public double[] Theta => Last.Theta;

    /// <summary>The final loss.</summary>
    public double Loss => Last.Loss;

    /// <summary>L(θ_t) for every t.</summary>
    public double[] Losses => Steps.Select(s => s.Loss).ToArray();

    /// <summary>θ_t for every t.</summary>
    public double[][] Path => Steps.Select(s => s.Theta).ToArray();

    /// <summary>The i-th coordinate of θ over the run: θ_i at t = 0, 1, 2, ...</summary>
    public double[] Coordinate(int i)
    {
        if (i < 0 || i >= Last.Theta.Length)
            throw new ArgumentOutOfRangeException(nameof(i), i,
                $"θ has {Last.Theta.Length} coordinates, numbered 0 to {Last.Theta.Length - 1}.");
        return Steps.Select(s => s.Theta[i]).ToArray();
    }

    /// <summary>A one-line summary.</summary>
    public override string ToString() => $"{Name}: {Message}";
}
