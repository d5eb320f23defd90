namespace Descent.Plots;

/// <summary>
/// A labelled vector drawn as an arrow from one point of the (θ₀, θ₁) plane to another, for <see cref="Plot.Arrows"/>.
/// </summary>
/// <param name="Label">The legend text, e.g. "−α∇L (gradient step)".</param>
/// <param name="From">The tail (θ₀, θ₁).</param>
/// <param name="To">The head (θ₀, θ₁).</param>
public sealed record Arrow(string Label, double[] From, double[] To)
{
    /// <summary>The arrow's colour (a CSS colour such as <see cref="HouseStyle.Black"/>); by default the next series colour.</summary>
    public string? Color { get; init; }

    /// <summary>A dash style for the shaft ("dash", "dot"); solid by default.</summary>
    public string? Dash { get; init; }

    /// <summary>An arrow for <paramref name="vector"/> with its tail at <paramref name="origin"/>.</summary>
    /// <param name="label">The legend text.</param>
    /// <param name="origin">The tail (θ₀, θ₁).</param>
    /// <param name="vector">The displacement (Δθ₀, Δθ₁).</param>
    public static Arrow Vector(string label, double[] origin, double[] vector)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(vector);
        if (origin.Length < 2 || vector.Length < 2)
            throw new ArgumentException($"An arrow lives in the (θ₀, θ₁) plane: origin and vector need 2 coordinates, not {origin.Length} and {vector.Length}.");
        return new Arrow(label, origin, [origin[0] + vector[0], origin[1] + vector[1]]);
    }
}
