namespace Descent.Optimizers;

/// <summary>
/// Gradient clipping by norm, for cliffs and exploding gradients: when ‖g‖ &gt; c, use c g / ‖g‖ instead.
/// The direction is kept; only the length is capped. Every stepper has it built in as <see cref="Stepper.ClipNorm"/>.
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// Rescales <paramref name="g"/> in place so that ‖g‖ ≤ <paramref name="maxNorm"/>; returns ‖g‖ before clipping.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not a finite number &gt; 0.</exception>
    public static double ClipByNorm(Span<double> g, double maxNorm)
    {
        if (!(maxNorm > 0) || !double.IsFinite(maxNorm))
            Guard.PositiveFinite(maxNorm, nameof(maxNorm), "clipping threshold", "1.0");
        double sum = 0;
        foreach (var x in g) sum += x * x;
        double norm = Math.Sqrt(sum);
        if (norm > maxNorm)
        {
            double scale = maxNorm / norm;      // g ← c g / ‖g‖
            for (int i = 0; i < g.Length; i++) g[i] *= scale;
        }
        return norm;
    }

    /// <summary>A gradient oracle that clips every gradient <paramref name="gradientAt"/> returns to norm ≤ <paramref name="maxNorm"/>.</summary>
    public static GradientOracle ByNorm(GradientOracle gradientAt, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(gradientAt);
        Guard.PositiveFinite(maxNorm, nameof(maxNorm), "clipping threshold", "1.0");
        return (theta, g) =>
        {
            gradientAt(theta, g);
            ClipByNorm(g, maxNorm);
        };
    }
}
