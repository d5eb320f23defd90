using Descent.Functions;
using Descent.Schedules;

namespace Descent.Optimizers;

/// <summary>
/// Newton's method, a second-order step: θ_(t+1) = θ_t − α H(θ_t)⁻¹ ∇L(θ_t), where H is the Hessian (the matrix of
/// second derivatives). With α = 1 (the default) it is the pure Newton step; in one dimension, x ← x − f′(x)/f″(x).
/// </summary>
/// <remarks>
/// <para>
/// The step jumps to the stationary point of the quadratic that matches L's value, gradient and curvature at θ_t. On a
/// quadratic bowl that quadratic is the bowl itself, so one step lands on the minimum whatever the condition number κ;
/// near a minimum of any smooth loss it converges in a handful of steps (the error roughly squares each step).
/// </para>
/// <para>
/// It looks for a point where the gradient is zero, not for a minimum: where the curvature is negative (f″ &lt; 0, or
/// H not positive definite) the step goes <i>uphill</i>, toward a maximum or a saddle; where H is singular (f″ = 0)
/// the step is undefined and <see cref="Stepper.Step"/> throws. It also needs the Hessian, d² numbers per step, which
/// is why deep learning uses first-order methods.
/// </para>
/// </remarks>
/// <example><code>
/// var newton = new Newton(Curves.Quartic);
/// Run run = newton.Run(Curves.Quartic, [6.0], StopRule.After(5));   // 6 → 5.538 → 5.356 → 5.32672 → …
/// </code></example>
public sealed class Newton : Stepper
{
    private readonly ITwiceDifferentiable loss;
    private double[] h = [];   // the Hessian, row-major
    private double[] d = [];   // the Newton direction H⁻¹ g

    /// <summary>Newton's method on <paramref name="loss"/> (pass the same objective to <see cref="Stepper.Run"/>), with step size α (1 = the pure Newton step).</summary>
    public Newton(ITwiceDifferentiable loss, Schedule? alpha = null) : base(alpha ?? 1.0)
    {
        ArgumentNullException.ThrowIfNull(loss);
        this.loss = loss;
    }

    /// <inheritdoc />
    public override string Name => $"Newton ({LearningRate})";

    /// <inheritdoc />
    protected override void Allocate(int dimension)
    {
        h = new double[dimension * dimension];
        d = new double[dimension];
    }

    /// <summary>θ_(t+1) = θ_t − α H(θ_t)⁻¹ ∇L(θ_t)</summary>
    protected override void Update(Span<double> θ, GradientOracle gradientAt, Span<double> g, double α)
    {
        gradientAt(θ, g);                // g = ∇L(θ_t)
        loss.Hessian(θ, h);              // H = ∇²L(θ_t)
        Solve(h, g, d, θ);               // d = H⁻¹ g (solves H d = g)
        for (int i = 0; i < θ.Length; i++)
            θ[i] -= α * d[i];            // θ_(t+1) = θ_t − α d
    }

    /// <summary>
    /// The one-dimensional Newton iteration x^(t+1) = x^(t) − f′(x^(t)) / f″(x^(t)), like
    /// <see cref="GradientDescent.Trajectory"/>: returns all n guesses, the initial guess included.
    /// </summary>
    /// <exception cref="InvalidOperationException">f″ = 0 at a guess: the step is undefined there.</exception>
    public static double[] Trajectory(Func<double, double> df, Func<double, double> d2f, double initialGuess, int n)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(d2f);
        if (!double.IsFinite(initialGuess))
            throw new ArgumentOutOfRangeException(nameof(initialGuess), initialGuess,
                $"The initial guess must be a finite number, but it was {initialGuess}.");
        Guard.Positive(n, nameof(n), "number of guesses");

        var guesses = new double[n];
        double current = initialGuess;
        guesses[0] = current;
        for (int t = 1; t < n; t++)
        {
            double curvature = d2f(current);
            if (curvature == 0)
                throw new InvalidOperationException(
                    $"f″(x) = 0 at x = {current:R} (guess {t - 1}): the Newton step f′(x)/f″(x) is undefined there.");
            current = current - df(current) / curvature;   // x^(t+1) = x^(t) − f′(x^(t)) / f″(x^(t))
            guesses[t] = current;
        }
        return guesses;
    }

    /// <summary>Solves H d = g by Gaussian elimination with partial pivoting (H is d × d, row-major; it is overwritten).</summary>
    private static void Solve(double[] a, ReadOnlySpan<double> g, double[] x, ReadOnlySpan<double> θ)
    {
        int n = x.Length;
        g.CopyTo(x);
        double scale = 0;
        foreach (double v in a) scale = Math.Max(scale, Math.Abs(v));
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r * n + col]) > Math.Abs(a[pivot * n + col])) pivot = r;
            if (!(Math.Abs(a[pivot * n + col]) > 1e-14 * scale))
                throw new InvalidOperationException(
                    $"The Hessian is singular at θ = ({string.Join(", ", θ.ToArray().Select(v => v.ToString("G6")))})" +
                    (n == 1 ? " (f″ = 0)" : "") + ": the Newton step H⁻¹∇L is undefined there.");
            if (pivot != col)
            {
                for (int c = 0; c < n; c++) (a[col * n + c], a[pivot * n + c]) = (a[pivot * n + c], a[col * n + c]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (int r = col + 1; r < n; r++)
            {
                double m = a[r * n + col] / a[col * n + col];
                for (int c = col; c < n; c++) a[r * n + c] -= m * a[col * n + c];
                x[r] -= m * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double s = x[r];
            for (int c = r + 1; c < n; c++) s -= a[r * n + c] * x[c];
            x[r] = s / a[r * n + r];
        }
    }
}
