using System.Globalization;
using System.Text;

namespace Descent.Minimization;

/// <summary>
/// What <see cref="Optimize.Minimize(Func{double, double}, double, Func{double, double}?)"/> found, with the fields
/// scipy.optimize.minimize prints with BFGS: fun, hess_inv, jac, message, nfev, nit, njev, status, success, x.
/// </summary>
public sealed class OptimizeResult
{
    internal OptimizeResult(double[] x, double fun, double[] jac, int nit, int nfev, int njev, bool success, string message, string method)
    {
        X = x;
        Fun = fun;
        Jac = jac;
        Nit = nit;
        Nfev = nfev;
        Njev = njev;
        Success = success;
        Message = message;
        Method = method;
    }

    /// <summary>x: the minimizer found.</summary>
    public double[] X { get; }

    /// <summary>fun: f at <see cref="X"/>.</summary>
    public double Fun { get; }

    /// <summary>
    /// hess_inv: BFGS's running estimate of the inverse Hessian H⁻¹ (in one dimension, of 1/f″), built from the steps it
    /// took and how the gradient changed along them, never from second derivatives. It is the estimate from the last
    /// update, so it is the inverse curvature along the last steps, close to (not equal to) H⁻¹ at <see cref="X"/>;
    /// the identity if the minimizer stopped before its first update.
    /// </summary>
    public double[,] HessInv { get; init; } = new double[0, 0];

    /// <summary>jac: the gradient at <see cref="X"/> (close to 0 at a minimum).</summary>
    public double[] Jac { get; }

    /// <summary>nit: the number of BFGS iterations.</summary>
    public int Nit { get; }

    /// <summary>nfev: the number of times f was evaluated (including the finite differences when no derivative was given).</summary>
    public int Nfev { get; }

    /// <summary>njev: the number of gradient evaluations.</summary>
    public int Njev { get; }

    /// <summary>success: whether the gradient tolerance was met.</summary>
    public bool Success { get; }

    /// <summary>status: 0 on success, 1 otherwise.</summary>
    public int Status => Success ? 0 : 1;

    /// <summary>message: why the optimizer stopped.</summary>
    public string Message { get; }

    /// <summary>The method and how the gradient was obtained, e.g. "BFGS (MathNet), analytic gradient".</summary>
    public string Method { get; }

    /// <summary>The summary the way scipy prints it (keys sorted, right-aligned).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        int width = HessInv.Length > 0 ? 8 : 7;   // scipy right-aligns the keys to the longest one
        void Line(string key, string value) => sb.Append(key.PadLeft(width)).Append(": ").Append(value).Append('\n');
        Line("fun", Fun.ToString("R", CultureInfo.InvariantCulture));
        if (HessInv.Length > 0) Line("hess_inv", Matrix(HessInv));
        Line("jac", Array(Jac));
        Line("message", $"'{Message}'");
        Line("nfev", Nfev.ToString(CultureInfo.InvariantCulture));
        Line("nit", Nit.ToString(CultureInfo.InvariantCulture));
        Line("njev", Njev.ToString(CultureInfo.InvariantCulture));
        Line("status", Status.ToString(CultureInfo.InvariantCulture));
        Line("success", Success ? "True" : "False");
        Line("x", Array(X));
        return sb.ToString().TrimEnd('\n');
    }

    private static string Matrix(double[,] m) =>
        "array([" + string.Join(",\n       ", Enumerable.Range(0, m.GetLength(0)).Select(i =>
            "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(j => Number(m[i, j]))) + "]")) + "])";

    private static string Array(double[] v) => "array([" + string.Join(", ", v.Select(Number)) + "])";

    /// <summary>numpy's style: 8 significant digits, scientific notation (lower-case e) for tiny or huge values.</summary>
    private static string Number(double x) =>
        x != 0 && double.IsFinite(x) && (Math.Abs(x) < 1e-4 || Math.Abs(x) >= 1e16)
            ? x.ToString("0.########e+00", CultureInfo.InvariantCulture)
            : (x + 0.0).ToString("G8", CultureInfo.InvariantCulture);
}
