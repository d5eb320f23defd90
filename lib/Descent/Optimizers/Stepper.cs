using Descent.Schedules;
using Descent.Training;

namespace Descent.Optimizers;

/// <summary>
/// One optimizer: a rule that moves θ a little downhill each time <see cref="Step"/> is called.
/// Subclasses hold only their hyperparameters and their state (velocity, moments), and write their
/// update in <see cref="Update"/> so it reads line by line like the slide's equation.
/// </summary>
/// <remarks>
/// A stepper keeps state between steps. <see cref="Run"/> and <see cref="RunMiniBatches"/> start from a clean
/// state (they call <see cref="Reset"/>); when you call <see cref="Step"/> yourself, call <see cref="Reset"/>
/// before a new problem. Steps do not allocate once the state vectors exist.
/// </remarks>
public abstract class Stepper
{
    private readonly Dictionary<string, double[]> state = [];
    private double[] gradient = [];
    private double clipNorm;
    private GradientOracle? unclipped;
    private GradientOracle? clipped;

    /// <summary>Creates a stepper with learning rate α (a number or a <see cref="Schedule"/>).</summary>
    protected Stepper(Schedule alpha)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        LearningRate = alpha;
    }

    /// <summary>The learning rate α_t: a constant or a schedule of the step t.</summary>
    public Schedule LearningRate { get; }

    /// <summary>
    /// Gradient clipping by norm: when set (&gt; 0), every gradient g with ‖g‖ &gt; c is rescaled to c g / ‖g‖
    /// before the update uses it, so a cliff in the loss surface cannot throw θ far away. Null (the default) disables it.
    /// </summary>
    /// <example><c>new GradientDescent(0.1) { ClipNorm = 1.0 }</c></example>
    public double? ClipNorm
    {
        get => clipNorm > 0 ? clipNorm : null;
        init
        {
            if (value is double c) Guard.PositiveFinite(c, nameof(ClipNorm), "clipping threshold", "1.0");
            clipNorm = value ?? 0;
        }
    }

    /// <summary>How many steps have been taken since construction or the last <see cref="Reset"/>.</summary>
    public int T { get; private set; }

    /// <summary>The learning rate the last step used (NaN before the first step).</summary>
    public double LastLearningRate { get; private set; } = double.NaN;

    /// <summary>Whether the last step's gradient was rescaled by <see cref="ClipNorm"/>.</summary>
    public bool LastStepClipped { get; private set; }

    /// <summary>A short name with the hyperparameters, for legends: "Momentum (α = 0.1, γ = 0.9)".</summary>
    public abstract string Name { get; }

    /// <summary>The gradient the last step used (at the look-ahead point for Nesterov; after clipping). Live: copy it to keep it.</summary>
    public IReadOnlyList<double> LastGradient => gradient;

    /// <summary>The gradient buffer itself, for the loops that copy it into records.</summary>
    internal double[] GradientBuffer => gradient;

    /// <summary>
    /// The stepper's state by the names the slides use: "v" (velocity), "r" (accumulated squared
    /// gradients), "s" (first moment). Empty for plain gradient descent and before the first step.
    /// The arrays are live: copy them to keep them.
    /// </summary>
    public IReadOnlyDictionary<string, double[]> State => state;

    /// <summary>
    /// Takes one step in place: θ ← θ − (this rule's update), asking <paramref name="gradientAt"/> for gradients.
    /// </summary>
    /// <param name="theta">The parameters θ_t; overwritten with θ_(t+1).</param>
    /// <param name="gradientAt">Computes ∇L at any point.</param>
    /// <exception cref="ArgumentException">θ is empty, or its length changed since the last step.</exception>
    /// <exception cref="InvalidOperationException">The schedule gave a learning rate that is not finite and &gt; 0.</exception>
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
            state.Clear();
            Allocate(theta.Length);
        }
        double alpha = LearningRate.At(T);
        if (!double.IsFinite(alpha) || alpha <= 0)
            throw new InvalidOperationException(
                $"The learning-rate schedule {LearningRate} gave α = {alpha} at step {T}; a learning rate must be finite and > 0. " +
                "Fix the schedule so every step gets a positive rate.");
        LastLearningRate = alpha;
        LastStepClipped = false;
        T++;
        if (clipNorm > 0)
        {
            unclipped = gradientAt;
            gradientAt = clipped ??= ClippedGradient;
        }
        Update(theta, gradientAt, gradient, alpha);
        unclipped = null;
    }

    private void ClippedGradient(ReadOnlySpan<double> theta, Span<double> g)
    {
        unclipped!(theta, g);
        if (GradientClipping.ClipByNorm(g, clipNorm) > clipNorm) LastStepClipped = true;
    }

    /// <summary>
    /// The rule itself: fills <paramref name="g"/> from <paramref name="gradientAt"/>, then moves θ.
    /// <see cref="T"/> already counts this step (so Adam's bias correction uses ρ^t with t = 1 on the first step).
    /// </summary>
    /// <param name="theta">θ_t, to overwrite with θ_(t+1).</param>
    /// <param name="gradientAt">The gradient oracle (already clipping, if <see cref="ClipNorm"/> is set).</param>
    /// <param name="g">A buffer for the gradient; whatever it holds at the end is reported as <see cref="LastGradient"/>.</param>
    /// <param name="alpha">α_t from the schedule.</param>
    protected abstract void Update(Span<double> theta, GradientOracle gradientAt, Span<double> g, double alpha);

    /// <summary>Creates the state vectors for a θ of <paramref name="dimension"/> parameters (see <see cref="NewState"/>).</summary>
    protected virtual void Allocate(int dimension) { }

    /// <summary>Creates a state vector of zeros and shows it in <see cref="State"/> under <paramref name="name"/>.</summary>
    protected double[] NewState(string name, int dimension)
    {
        var values = new double[dimension];
        state[name] = values;
        return values;
    }

    /// <summary>Forgets all state (velocity, moments, the step count) so the stepper can start a new run.</summary>
    public virtual void Reset()
    {
        T = 0;
        LastLearningRate = double.NaN;
        LastStepClipped = false;
        gradient = [];
        state.Clear();
    }

    /// <summary>
    /// Runs this stepper on <paramref name="objective"/> from <paramref name="start"/> and records every step.
    /// Resets the stepper first.
    /// </summary>
    /// <param name="objective">The function to minimize.</param>
    /// <param name="start">θ_0; not modified.</param>
    /// <param name="stop">When to stop; by default after 100 steps, or when the loss diverges.</param>
    /// <param name="name">The run's name for legends; by default <see cref="Name"/>.</param>
    public Run Run(IObjective objective, ReadOnlySpan<double> start, StopRule? stop = null, string? name = null) =>
        DescentLoop.Run(this, objective, start, stop ?? StopRule.Default, name);

    /// <summary>
    /// Runs this stepper by mini-batches over <paramref name="objective"/>'s rows for <paramref name="epochs"/> epochs,
    /// reshuffling each epoch with a seeded generator, and records the full loss as it goes. Resets the stepper first.
    /// </summary>
    /// <param name="objective">A loss over rows of data.</param>
    /// <param name="start">θ_0; not modified.</param>
    /// <param name="batchSize">m: <c>objective.Count</c> for batch GD, 1 for SGD, e.g. 32 for mini-batch GD.</param>
    /// <param name="epochs">How many passes over the data.</param>
    /// <param name="seed">The shuffling seed: the same seed gives the same run on any machine.</param>
    /// <param name="recordEvery">Record every k-th step (and the last step of every epoch); 1 records every step.
    /// Each record costs one full-loss evaluation, so use a larger k for long SGD runs.</param>
    /// <param name="shuffle">Reshuffle the rows at the start of each epoch (true), or keep their order.</param>
    /// <param name="name">The run's name for legends; by default "<see cref="Name"/>, m = …".</param>
    public Run RunMiniBatches(IBatchObjective objective, ReadOnlySpan<double> start, int batchSize, int epochs,
        int seed = 0, int recordEvery = 1, bool shuffle = true, string? name = null) =>
        MiniBatchLoop.Run(this, objective, start, batchSize, epochs, seed, recordEvery, shuffle, name);

    /// <summary>
    /// Takes the steps of one epoch in place, without recording: the inner loop of <see cref="RunMiniBatches"/>, for
    /// benchmarks and long runs. Does not reset the stepper, and allocates nothing once the stepper's state exists.
    /// </summary>
    /// <param name="theta">θ, updated in place.</param>
    /// <param name="objective">A loss over rows of data; its <c>Count</c> must match <paramref name="batches"/>.</param>
    /// <param name="batches">The batch sampler, which carries the shuffling state from epoch to epoch.</param>
    /// <returns>The number of steps taken (<see cref="MiniBatches.BatchesPerEpoch"/>).</returns>
    public int StepEpoch(Span<double> theta, IBatchObjective objective, MiniBatches batches) =>
        MiniBatchLoop.Epoch(this, theta, objective, batches);

    /// <inheritdoc />
    public override string ToString() => Name;
}
