using Descent.Schedules;
using Descent.Training;

namespace Descent.Optimizers;

/// <summary>
/// One optimizer: a rule that moves θ a little downhill each time <see cref="Step"/> is called.
/// Subclasses hold only their hyperparameters and their state (velocity, moments), and write their
/// update in <see cref="Update"/> so it reads line by line like the slide's equation.
/// </summary>
/// <remarks>
/// A stepper keeps state between steps, so use a fresh one (or call <see cref="Reset"/>) for each run.
/// Steps do not allocate once the state vectors exist.
/// </remarks>
public abstract class Stepper
{
    private double[] gradient = [];

    /// <summary>Creates a stepper with learning rate α (a number or a <see cref="Schedule"/>).</summary>
    protected Stepper(Schedule alpha)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        LearningRate = alpha;
    }

    /// <summary>The learning rate α_t: a constant or a schedule of the step t.</summary>
    public Schedule LearningRate { get; }

    /// <summary>How many steps have been taken since construction or the last <see cref="Reset"/>.</summary>
    public int T { get; private set; }

    /// <summary>The learning rate the last step used.</summary>
    public double LastLearningRate { get; private set; } = double.NaN;

    /// <summary>A short name with the hyperparameters, for legends: "Momentum (α = 0.1, γ = 0.9)".</summary>
    public abstract string Name { get; }

    /// <summary>The gradient the last step used (at the look-ahead point for Nesterov).</summary>
    public ReadOnlySpan<double> LastGradient => gradient;

    /// <summary>
    /// The stepper's state by the names the slides use: "v" (velocity), "r" (accumulated squared
    /// gradients), "s" (first moment). Empty for plain gradient descent. The arrays are live: copy them to keep them.
    /// </summary>
    public virtual IReadOnlyDictionary<string, double[]> State { get; } = new Dictionary<string, double[]>();

    /// <summary>
    /// Takes one step in place: θ ← θ − (this rule's update), asking <paramref name="gradientAt"/> for gradients.
    /// </summary>
    /// <param name="theta">The parameters θ_t; overwritten with θ_(t+1).</param>
    /// <param name="gradientAt">Computes ∇L at any point.</param>
    public void Step(Span<double> theta, GradientOracle gradientAt)
    {
        ArgumentNullException.ThrowIfNull(gradientAt);
        if (theta.Length == 0)
            throw new ArgumentException("θ is empty; pass at least one parameter.", nameof(theta));
        if (gradient.Length != theta.Length)
        {
            if (T > 0)
                throw new ArgumentException(
                    $"This {GetType().Name} has stepped a {gradient.Length}-parameter θ; now θ has {theta.Length}. " +
                    "Call Reset() or use a new stepper for a different problem.", nameof(theta));
            gradient = new double[theta.Length];
            Allocate(theta.Length);
        }
        double alpha = LearningRate.At(T);
        if (!double.IsFinite(alpha) || alpha <= 0)
            throw new InvalidOperationException(
                $"The learning-rate schedule gave α = {alpha} at step {T}; a learning rate must be finite and > 0.");
        LastLearningRate = alpha;
        T++;
        Update(theta, gradientAt, gradient, alpha);
    }

    /// <summary>
    /// The rule itself: fills <paramref name="g"/> from <paramref name="gradientAt"/>, then moves θ.
    /// <see cref="T"/> already counts this step (so Adam's bias correction uses ρ^T).
    /// </summary>
    protected abstract void Update(Span<double> theta, GradientOracle gradientAt, Span<double> g, double alpha);

    /// <summary>Creates the state vectors for a θ of <paramref name="dimension"/> parameters.</summary>
    protected virtual void Allocate(int dimension) { }

    /// <summary>Forgets all state (velocity, moments, the step count) so the stepper can start a new run.</summary>
    public virtual void Reset()
    {
        T = 0;
        LastLearningRate = double.NaN;
        gradient = [];
    }

    /// <summary>
    /// Runs this stepper on <paramref name="objective"/> from <paramref name="start"/> and records every step.
    /// </summary>
    /// <param name="objective">The function to minimize.</param>
    /// <param name="start">θ_0; not modified.</param>
    /// <param name="stop">When to stop; by default after 100 steps, or when the loss diverges.</param>
    /// <param name="name">The run's name for legends; by default <see cref="Name"/>.</param>
    public Run Run(IObjective objective, ReadOnlySpan<double> start, StopRule? stop = null, string? name = null) =>
        DescentLoop.Run(this, objective, start, stop ?? StopRule.Default, name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
