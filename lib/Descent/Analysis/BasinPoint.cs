namespace Descent.Analysis;

/// <summary>Where one start point's descent ended, and which known minimum that is.</summary>
/// <param name="Start">θ₀.</param>
/// <param name="End">θ after the descent.</param>
/// <param name="Minimum">The index of the known minimum within reach of <paramref name="End"/>, or null (none: still moving, a saddle, diverged).</param>
/// <param name="Steps">How many steps it took.</param>
/// <param name="Diverged">Whether θ or the loss became non-finite.</param>
public sealed record BasinPoint(double[] Start, double[] End, int? Minimum, int Steps, bool Diverged);
