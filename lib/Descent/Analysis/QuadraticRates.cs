using System.Numerics;

namespace Descent.Analysis;

/// <summary>
/// How fast gradient descent and momentum converge on a quadratic f(θ) = ½ θᵀAθ, direction by direction
/// (after Goh, "Why Momentum Really Works", Distill 2017). In the eigenbasis of A, with curvatures λᵢ, every
/// coordinate of the error θ − θ* evolves on its own:
/// <list type="bullet">
/// <item>gradient descent: errorᵢ(k+1) = (1 − αλᵢ) errorᵢ(k);</item>
/// <item>momentum in the library's form v ← γv + α∇f, θ ← θ − v: (vᵢ, xᵢ) ← Mᵢ (vᵢ, xᵢ) with
/// Mᵢ = [[γ, αλᵢ], [−γ, 1 − αλᵢ]] (see <see cref="MomentumMatrix"/>).</item>
/// </list>
/// The rate of a method is the factor by which the slowest direction's error shrinks per step, in the long run.
/// </summary>
public static class QuadraticRates
{
    /// <summary>Gradient descent's factor 1 − αλ along a direction of curvature λ: errorᵢ(k) = (1 − αλᵢ)ᵏ errorᵢ(0).</summary>
    public static double GradientDescentFactor(double alpha, double lambda)
    {
        Check(alpha, lambda);
        return 1 - alpha * lambda;
    }

    /// <summary>Gradient descent's rate: max over the curvatures of |1 − αλᵢ| (the slowest direction).</summary>
    public static double GradientDescentRate(double alpha, IEnumerable<double> lambdas) =>
        Curvatures(lambdas).Max(λ => Math.Abs(GradientDescentFactor(alpha, λ)));

    /// <summary>
    /// The best constant step for gradient descent, α = 2/(λmin + λmax), where the flattest and the steepest
    /// direction shrink equally fast (1 − αλmin = −(1 − αλmax)), and its rate (κ − 1)/(κ + 1), κ = λmax/λmin.
    /// </summary>
    public static (double Alpha, double Rate) OptimalGradientDescent(double lambdaMin, double lambdaMax)
    {
        double κ = Condition(lambdaMin, lambdaMax);
        return (2 / (lambdaMin + lambdaMax), (κ - 1) / (κ + 1));
    }

    /// <summary>
    /// Momentum's step along one direction of curvature λ, in the library's form (<see cref="Optimizers.Momentum"/>'s
    /// default): v ← γv + αλx, x ← x − v, so (v, x) ← M (v, x) with M = [[γ, αλ], [−γ, 1 − αλ]].
    /// (Goh writes z = v/α; his R = [[γ, λ], [−αγ, 1 − αλ]] is the same map in other units, with the same eigenvalues.)
    /// </summary>
    public static double[,] MomentumMatrix(double alpha, double gamma, double lambda)
    {
        Check(alpha, lambda);
        Guard.UnitInterval(gamma, nameof(gamma), "momentum coefficient");
        return new[,] { { gamma, alpha * lambda }, { -gamma, 1 - alpha * lambda } };
    }

    /// <summary>
    /// The two eigenvalues of <see cref="MomentumMatrix"/>: μ = (t ± √(t² − 4γ))/2 with trace t = 1 + γ − αλ and
    /// determinant γ. Complex (a conjugate pair of modulus √γ) when t² &lt; 4γ.
    /// </summary>
    public static (Complex First, Complex Second) MomentumEigenvalues(double alpha, double gamma, double lambda)
    {
        var m = MomentumMatrix(alpha, gamma, lambda);
        double t = m[0, 0] + m[1, 1], det = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
        var root = Complex.Sqrt(t * t - 4 * det);
        return ((t + root) / 2, (t - root) / 2);
    }

    /// <summary>Momentum's rate along one direction: the spectral radius max |μ| of <see cref="MomentumMatrix"/>.</summary>
    public static double MomentumRate(double alpha, double gamma, double lambda)
    {
        var (a, b) = MomentumEigenvalues(alpha, gamma, lambda);
        return Math.Max(a.Magnitude, b.Magnitude);
    }

    /// <summary>Momentum's rate on the whole quadratic: the largest spectral radius over the curvatures.</summary>
    public static double MomentumRate(double alpha, double gamma, IEnumerable<double> lambdas) =>
        Curvatures(lambdas).Max(λ => MomentumRate(alpha, gamma, λ));

    /// <summary>
    /// The best constant momentum parameters: α* = (2/(√λmax + √λmin))², γ* = ((√κ − 1)/(√κ + 1))², with rate
    /// √γ* = (√κ − 1)/(√κ + 1). At these both the flattest and the steepest direction are critically damped.
    /// </summary>
    public static (double Alpha, double Gamma, double Rate) OptimalMomentum(double lambdaMin, double lambdaMax)
    {
        double rootκ = Math.Sqrt(Condition(lambdaMin, lambdaMax));
        double rate = (rootκ - 1) / (rootκ + 1);
        double alpha = Math.Pow(2 / (Math.Sqrt(lambdaMax) + Math.Sqrt(lambdaMin)), 2);
        return (alpha, rate * rate, rate);
    }

    /// <summary>
    /// The γ at which the two eigenvalues of <see cref="MomentumMatrix"/> coincide, γ = (1 − √(αλ))²: critical
    /// damping when αλ ≤ 1 (smaller γ: overdamped; larger: oscillating). When 1 &lt; αλ &lt; 4 it is the border
    /// between flipping (smaller γ) and oscillating.
    /// </summary>
    public static double CriticalGamma(double alpha, double lambda)
    {
        Check(alpha, lambda);
        return Math.Pow(1 - Math.Sqrt(alpha * lambda), 2);
    }

    /// <summary>Which of the four behaviours momentum has along a direction of curvature λ (see <see cref="Damping"/>).</summary>
    public static Damping DampingOf(double alpha, double gamma, double lambda)
    {
        var m = MomentumMatrix(alpha, gamma, lambda);
        double t = m[0, 0] + m[1, 1], discriminant = t * t - 4 * gamma;
        if (Math.Abs(discriminant) <= 1e-12 * Math.Max(1, t * t)) return Damping.CriticallyDamped;
        if (discriminant < 0) return Damping.Oscillating;
        return t > 0 ? Damping.Overdamped : Damping.Flipping;
    }

    /// <summary>
    /// Steps k for rateᵏ ≤ <paramref name="factor"/>: ⌈ln(factor)/ln(rate)⌉, the prediction for reducing the
    /// error by that factor from the rate alone.
    /// </summary>
    /// <param name="rate">The rate, in (0, 1).</param>
    /// <param name="factor">The reduction, in (0, 1), e.g. 1e-6.</param>
    public static int StepsToReduce(double rate, double factor)
    {
        CheckFraction(rate, nameof(rate));
        CheckFraction(factor, nameof(factor));
        return (int)Math.Ceiling(Math.Log(factor) / Math.Log(rate) - 1e-9);
    }

    /// <summary>
    /// Steps k for (1 + (1 + ρ)k) ρᵏ ≤ <paramref name="factor"/>: the prediction at a repeated eigenvalue ρ, as at the
    /// optimal momentum. There the error of the steepest direction, started at rest, is exactly (1 + (1 + ρ)k)(−ρ)ᵏ
    /// times its start (the flattest: (1 + (1 − ρ)k) ρᵏ): the factor k costs extra steps.
    /// </summary>
    public static int StepsToReduceRepeated(double rate, double factor)
    {
        int k = StepsToReduce(rate, factor);
        while ((1 + (1 + rate) * k) * Math.Pow(rate, k) > factor) k++;
        return k;
    }

    private static void Check(double alpha, double lambda)
    {
        Guard.LearningRate(alpha, nameof(alpha));
        Guard.PositiveFinite(lambda, nameof(lambda), "curvature (an eigenvalue of A)", "1.0");
    }

    private static double Condition(double lambdaMin, double lambdaMax)
    {
        Guard.PositiveFinite(lambdaMin, nameof(lambdaMin), "smallest curvature", "1.0");
        Guard.PositiveFinite(lambdaMax, nameof(lambdaMax), "largest curvature", "100.0");
        if (lambdaMax < lambdaMin)
            throw new ArgumentException($"λmax = {lambdaMax} is smaller than λmin = {lambdaMin}; pass the smallest curvature first.", nameof(lambdaMax));
        return lambdaMax / lambdaMin;
    }

    private static List<double> Curvatures(IEnumerable<double> lambdas)
    {
        ArgumentNullException.ThrowIfNull(lambdas);
        var list = lambdas.ToList();
        Guard.NotEmpty(list.Count, nameof(lambdas), "curvatures");
        return list;
    }

    private static void CheckFraction(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0 || value >= 1)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in (0, 1), but it was {value}.");
    }
}
