using Descent.Functions;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Descent.Minimization;

/// <summary>
/// A black-box minimizer, the role <c>scipy.optimize.minimize</c> plays in the Data 100 deck: hand it a function
/// and a start point, get back the minimizer it finds. It runs MathNet.Numerics' BFGS (a quasi-Newton method
/// that builds up curvature information from gradients) with a Wolfe line search.
/// </summary>
/// <remarks>
/// Without a derivative the gradient comes from central differences (f(x + h) − f(x − h))/2h, h = ∛ε · max(1, |x|),
/// and those evaluations count in nfev. It stops when ‖∇f‖ ≤ <c>gtol</c> (1e-8 by default, tighter than scipy's 1e-5,
/// which is why scipy prints 5.3263436 where this prints 5.3263455: the exact root is 5.32634547).
/// Which minimum it finds depends on the start: from x0 = 6 the quartic's global minimum, from x0 = 1 the local one.
/// </remarks>
/// <example><code>Optimize.Minimize(Curves.Quartic.F, x0: 6)   // x = 5.32634547, fun = -0.69140968</code></example>
public static class Optimize
{
    private const double DefaultGtol = 1e-8;

    /// <summary>Minimizes f(x) of one variable from x0; f′ by finite differences unless <paramref name="jac"/> is given.</summary>
    public static OptimizeResult Minimize(Func<double, double> f, double x0, Func<double, double>? jac = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Run(v => f(v[0]), jac is null ? null : v => [jac(v[0])], [x0], DefaultGtol, 1000);
    }

    /// <summary>Minimizes a curve from x0 using its analytic derivative.</summary>
    public static OptimizeResult Minimize(Curve f, double x0)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Minimize(f.F, x0, f.DF);
    }

    /// <summary>Minimizes f(x) of several variables from x0 by finite-difference gradients.</summary>
    public static OptimizeResult Minimize(Func<double[], double> f, double[] x0, double gtol = DefaultGtol, int maxIterations = 1000)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x0);
        return Run(f, null, x0, gtol, maxIterations);
    }

    /// <summary>Minimizes an objective (a surface, a loss) from x0 using its analytic gradient.</summary>
    public static OptimizeResult Minimize(IObjective f, ReadOnlySpan<double> x0, double gtol = DefaultGtol, int maxIterations = 1000)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x0.Length, f.Dimension, nameof(x0), "the objective");
        return Run(v => f.Value(v), v => { var g = new double[v.Length]; f.Gradient(v, g); return g; }, x0.ToArray(), gtol, maxIterations);
    }

    private static OptimizeResult Run(Func<double[], double> f, Func<double[], double[]>? grad, double[] x0, double gtol, int maxIterations)
    {
        if (x0.Length == 0) throw new ArgumentException("x0 is empty; pass a starting point.", nameof(x0));
        Guard.Finite(x0, nameof(x0));
        if (!double.IsFinite(gtol) || gtol <= 0)
            throw new ArgumentOutOfRangeException(nameof(gtol), gtol, "gtol must be a small positive number such as 1e-8.");
        Guard.Positive(maxIterations, nameof(maxIterations), "iteration limit");

        int nfev = 0, njev = 0;
        double[] best = (double[])x0.Clone();
        double bestValue = double.PositiveInfinity;
        double Value(double[] x)
        {
            nfev++;
            double v = f(x);
            if (v < bestValue) { bestValue = v; best = (double[])x.Clone(); }
            return v;
        }
        double[] Gradient(double[] x)
        {
            njev++;
            if (grad is not null) return grad(x);
            var g = new double[x.Length];
            var t = (double[])x.Clone();
            for (int i = 0; i < x.Length; i++)
            {
                double h = Math.Cbrt(Precision.DoublePrecision) * Math.Max(1, Math.Abs(x[i]));
                t[i] = x[i] + h; double fp = f(t);
                t[i] = x[i] - h; double fm = f(t);
                t[i] = x[i];
                nfev += 2;
                g[i] = (fp - fm) / (2 * h);
            }
            return g;
        }

        double f0 = f(x0);
        if (!double.IsFinite(f0))
            throw new ArgumentException($"f(x0) = {f0}; start where the function has a finite value.", nameof(x0));

        var objective = ObjectiveFunction.Gradient(v =>
        {
            var x = v.ToArray();
            return (Value(x), Vector<double>.Build.Dense(Gradient(x)));
        });
        string method = "BFGS (MathNet.Numerics), " + (grad is null ? "finite-difference gradient" : "analytic gradient");
        var bfgs = new RecordingBfgs(gtol, 1e-12, 1e-14, maxIterations);
        try
        {
            var r = bfgs.FindMinimum(objective, Vector<double>.Build.Dense(x0));
            var x = r.MinimizingPoint.ToArray();
            var jac = r.FunctionInfoAtMinimum.Gradient.ToArray();
            bool ok = r.ReasonForExit is ExitCondition.AbsoluteGradient or ExitCondition.RelativeGradient
                      || (jac.All(double.IsFinite) && Math.Sqrt(jac.Sum(g => g * g)) <= gtol);
            string message = ok
                ? "Optimization terminated successfully."
                : $"Stopped ({r.ReasonForExit}) before the gradient tolerance was met.";
            return new OptimizeResult(x, r.FunctionInfoAtMinimum.Value, jac, r.Iterations, nfev, njev, ok, message, method)
            {
                HessInv = bfgs.InverseHessian(x0.Length),
            };
        }
        catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException or EvaluationException)
        {
            var jac = Gradient(best);
            string message = e is MaximumIterationsException
                ? $"Maximum number of iterations ({maxIterations}) has been exceeded."
                : "Desired error not necessarily achieved due to precision loss.";
            // MathNet does not report the iteration count when it throws; every iteration evaluates the gradient at least once.
            int nit = e is MaximumIterationsException ? maxIterations : njev;
            return new OptimizeResult(best, bestValue, jac, nit, nfev, njev, false, message, method)
            {
                HessInv = bfgs.InverseHessian(x0.Length),
            };
        }
    }

    /// <summary>
    /// MathNet's BFGS, keeping a copy of its running estimate of the inverse Hessian H⁻¹ each time it updates it
    /// (once per iteration after the first, from the step s it just took and the change y in the gradient:
    /// in one dimension the update gives exactly s / y, the inverse of the slope of f′ between the last two points).
    /// </summary>
    private sealed class RecordingBfgs(double gtol, double xtol, double ftol, int maxIterations)
        : BfgsMinimizer(gtol, xtol, ftol, maxIterations)
    {
        private Matrix<double>? inverseHessian;

        /// <summary>The last estimate, or the identity (BFGS's first guess) if it never updated it.</summary>
        public double[,] InverseHessian(int dimension) =>
            (inverseHessian ?? Matrix<double>.Build.DenseIdentity(dimension)).ToArray();

        protected override Vector<double> CalculateSearchDirection(ref Matrix<double> inversePseudoHessian,
            out double maxLineSearchStep, out double startingStepSize,
            IObjectiveFunction previousPoint, IObjectiveFunction candidate, Vector<double> step)
        {
            var direction = base.CalculateSearchDirection(ref inversePseudoHessian, out maxLineSearchStep,
                out startingStepSize, previousPoint, candidate, step);
            inverseHessian = inversePseudoHessian.Clone();
            return direction;
        }
    }
}
