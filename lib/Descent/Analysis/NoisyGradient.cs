using Descent.Training;

namespace Descent.Analysis;

/// <summary>
/// Wraps an objective so that its gradient carries Gaussian noise: g̃ = ∇f(θ) + ε, ε ~ N(0, σₜ² I), with the variance
/// annealed as σₜ² = σ² / (1 + t)^γ, t counting gradient evaluations (γ = 0 keeps the noise constant; Neelakantan et al.,
/// "Adding Gradient Noise Improves Learning for Very Deep Networks", 2015, use γ = 0.55). The value f(θ) is unchanged. Noise lets gradient descent hop out of a shallow local minimum
/// or off a saddle; annealing it lets the run settle at the end. Seeded: the same seed gives the same noise.
/// </summary>
public sealed class NoisyGradient : IObjective
{
    private readonly IObjective inner;
    private readonly Func<int, double> sigmaAt;
    private SplitMix64 random;
    private double spare = double.NaN;   // Box–Muller makes normals in pairs

    /// <summary>Adds N(0, σₜ²) noise to every gradient component of <paramref name="inner"/>.</summary>
    /// <param name="inner">The objective whose gradient is made noisy.</param>
    /// <param name="sigma">σ, the noise's standard deviation at t = 0 (≥ 0).</param>
    /// <param name="seed">The seed of the noise.</param>
    /// <param name="decay">γ ≥ 0 in σₜ² = σ²/(1 + t)^γ.</param>
    public NoisyGradient(IObjective inner, double sigma, int seed = 0, double decay = 0)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Guard.NonNegativeFinite(sigma, nameof(sigma), "noise level σ", "0.5");
        Guard.NonNegativeFinite(decay, nameof(decay), "decay exponent γ", "0.55");
        this.inner = inner;
        Sigma = sigma;
        Seed = seed;
        Decay = decay;
        sigmaAt = t => sigma / Math.Pow(1 + t, decay / 2);
        random = new SplitMix64((ulong)seed);
    }

    /// <summary>
    /// Adds N(0, σₜ²) noise with any schedule σₜ, e.g. <c>t =&gt; t &lt; 2000 ? 2.0 : 0.0</c>: noisy for 2000 steps, then plain
    /// gradient descent so the run settles in whichever basin the noise carried it to.
    /// </summary>
    public NoisyGradient(IObjective inner, Func<int, double> sigma, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(sigma);
        this.inner = inner;
        sigmaAt = sigma;
        Sigma = sigma(0);
        Decay = double.NaN;
        Seed = seed;
        random = new SplitMix64((ulong)seed);
    }

    /// <summary>σ₀, the noise level at t = 0.</summary>
    public double Sigma { get; }

    /// <summary>γ, how fast the noise variance decays (NaN for a custom schedule).</summary>
    public double Decay { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>How many gradients have been evaluated (t).</summary>
    public int Evaluations { get; private set; }

    /// <summary>σₜ for the next gradient: σ / (1 + t)^(γ/2), or the custom schedule's value.</summary>
    public double CurrentSigma => sigmaAt(Evaluations);

    /// <inheritdoc />
    public int Dimension => inner.Dimension;

    /// <summary>f(θ), without noise.</summary>
    public double Value(ReadOnlySpan<double> theta) => inner.Value(theta);

    /// <summary>∇f(θ) + ε, ε ~ N(0, σₜ² I).</summary>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        inner.Gradient(theta, gradient);
        double s = CurrentSigma;
        if (!double.IsFinite(s) || s < 0)
            throw new InvalidOperationException($"The noise schedule gave σ = {s} at t = {Evaluations}; σ must be finite and ≥ 0.");
        for (int j = 0; j < gradient.Length; j++) gradient[j] += s * NextNormal();
        Evaluations++;
    }

    /// <summary>Starts the noise sequence again from the seed.</summary>
    public void Reset()
    {
        random = new SplitMix64((ulong)Seed);
        spare = double.NaN;
        Evaluations = 0;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private double NextNormal()
    {
        if (!double.IsNaN(spare))
        {
            double z = spare;
            spare = double.NaN;
            return z;
        }
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();   // u1 in (0, 1]: log is finite
        double r = Math.Sqrt(-2 * Math.Log(u1));
        spare = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>"arbitrary quartic: ... with gradient noise σ₀ = 2 (γ = 0.55, seed 3)".</summary>
    public override string ToString() =>
        $"{inner} with gradient noise σ₀ = {Sigma.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
        (double.IsNaN(Decay) ? $" (custom schedule, seed {Seed})"
                             : $" (γ = {Decay.ToString(System.Globalization.CultureInfo.InvariantCulture)}, seed {Seed})");
}
