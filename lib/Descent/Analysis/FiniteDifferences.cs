using Descent.Functions;

namespace Descent.Analysis;

/// <summary>
/// Numerical derivatives by central differences, to check analytic gradients and Hessians:
/// ∂f/∂θᵢ ≈ (f(θ + hᵢeᵢ) − f(θ − hᵢeᵢ)) / 2hᵢ with hᵢ = h · max(1, |θᵢ|). The error is O(h²).
/// </summary>
public static class FiniteDifferences
{
    /// <summary>The central-difference gradient of f at θ.</summary>
    /// <param name="f">The objective (only its <see cref="IObjective.Value"/> is used).</param>
    /// <param name="theta">The point θ.</param>
    /// <param name="h">The relative step; about ∛ε ≈ 6e-6 balances truncation and rounding error.</param>
    public static double[] Gradient(IObjective f, ReadOnlySpan<double> theta, double h = 6e-6)
    {
        Check(f, theta, h);
        var t = theta.ToArray();
        var g = new double[t.Length];
        for (int i = 0; i < t.Length; i++)
        {
            double ti = t[i], hi = h * Math.Max(1, Math.Abs(ti));
            t[i] = ti + hi; double fp = f.Value(t);
            t[i] = ti - hi; double fm = f.Value(t);
            t[i] = ti;
            g[i] = (fp - fm) / (2 * hi);
        }
        return g;
    }

    /// <summary>
    /// The Hessian by central differences of the analytic gradient, symmetrized:
    /// Hᵢⱼ ≈ (∂ⱼf(θ + hᵢeᵢ) − ∂ⱼf(θ − hᵢeᵢ)) / 2hᵢ, then (H + Hᵀ)/2. Row-major d × d.
    /// </summary>
    public static double[,] Hessian(IObjective f, ReadOnlySpan<double> theta, double h = 1e-5)
    {
        Check(f, theta, h);
        int d = theta.Length;
        var t = theta.ToArray();
        var gp = new double[d];
        var gm = new double[d];
        var hess = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            double ti = t[i], hi = h * Math.Max(1, Math.Abs(ti));
            t[i] = ti + hi; f.Gradient(t, gp);
            t[i] = ti - hi; f.Gradient(t, gm);
            t[i] = ti;
            for (int j = 0; j < d; j++) hess[i, j] = (gp[j] - gm[j]) / (2 * hi);
        }
        for (int i = 0; i < d; i++)
            for (int j = i + 1; j < d; j++)
                hess[i, j] = hess[j, i] = (hess[i, j] + hess[j, i]) / 2;
        return hess;
    }

    /// <summary>Compares f's analytic gradient at θ with central differences.</summary>
    public static DerivativeCheck CheckGradient(IObjective f, ReadOnlySpan<double> theta, double h = 6e-6)
    {
        Check(f, theta, h);
        var analytic = new double[theta.Length];
        f.Gradient(theta, analytic);
        return new DerivativeCheck("gradient", analytic, Gradient(f, theta, h));
    }

    /// <summary>Compares f's analytic Hessian at θ with central differences of its gradient (entries row-major).</summary>
    public static DerivativeCheck CheckHessian(ITwiceDifferentiable f, ReadOnlySpan<double> theta, double h = 1e-5)
    {
        Check(f, theta, h);
        int d = theta.Length;
        var analytic = new double[d * d];
        f.Hessian(theta, analytic);
        var numeric = Hessian(f, theta, h);
        var flat = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) flat[i * d + j] = numeric[i, j];
        return new DerivativeCheck("Hessian", analytic, flat);
    }

    private static void Check(IObjective f, ReadOnlySpan<double> theta, double h)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(theta.Length, f.Dimension, nameof(theta), "the objective");
        Guard.Finite(theta, nameof(theta));
        if (!double.IsFinite(h) || h <= 0)
            throw new ArgumentOutOfRangeException(nameof(h), h, "The step h must be a small positive number such as 1e-6.");
    }
}
