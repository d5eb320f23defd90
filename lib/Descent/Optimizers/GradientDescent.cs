using Descent.Schedules;

namespace Descent.Optimizers;

/// <summary>
/// Plain gradient descent: θ_(t+1) = θ_t − α ∇L(θ_t).
/// </summary>
public sealed class GradientDescent : Stepper
{
    /// <summary>Gradient descent with learning rate α (a number or a schedule).</summary>
    public GradientDescent(Schedule alpha) : base(alpha) { }

    /// <inheritdoc />
    public override string Name => $"GD ({LearningRate})";

    /// <summary>θ_(t+1) = θ_t − α ∇L(θ_t)</summary>
    protected override void Update(Span<double> θ, GradientOracle gradientAt, Span<double> g, double α)
    {
        gradientAt(θ, g);                // g = ∇L(θ_t)
        for (int i = 0; i < θ.Length; i++)
            θ[i] -= α * g[i];            // θ_(t+1) = θ_t − α g
    }

    /// <summary>
    /// The Data 100 recurrence x^(t+1) = x^(t) − α f′(x^(t)), exactly as the deck's <c>gradient_descent(df, initial_guess, alpha, n)</c>
    /// writes it: returns all n guesses, the initial guess included (so n − 1 steps).
    /// </summary>
    /// <param name="df">The derivative f′.</param>
    /// <param name="initialGuess">x^(0).</param>
    /// <param name="alpha">The learning rate α (finite, &gt; 0).</param>
    /// <param name="n">How many guesses to return (at least 1).</param>
    /// <example><c>GradientDescent.Trajectory(df, 4, 0.3, 20)</c> gives [4, 4.12, 4.26729664, ..., 5.32634408].</example>
    public static double[] Trajectory(Func<double, double> df, double initialGuess, double alpha, int n)
    {
        ArgumentNullException.ThrowIfNull(df);
        if (!double.IsFinite(initialGuess))
            throw new ArgumentOutOfRangeException(nameof(initialGuess), initialGuess,
                $"The initial guess must be a finite number, but it was {initialGuess}.");
        Guard.LearningRate(alpha, nameof(alpha));
        Guard.Positive(n, nameof(n), "number of guesses");

        var guesses = new double[n];
        double current = initialGuess;
        guesses[0] = current;
        for (int t = 1; t < n; t++)
        {
            current = current - alpha * df(current);   // x^(t+1) = x^(t) − α f′(x^(t))
            guesses[t] = current;
        }
        return guesses;
    }
}
