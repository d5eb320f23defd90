using System.Globalization;
using System.Text;

namespace Descent.Minimization;

/// <summary>
/// What <see cref="Optimize.Minimize(Func{double, double}, double, Func{double, double}?)"/> found, with the fields
/// scipy.optimize.minimize prints: fun, jac, message, nfev, nit, njev, status, success, x.
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
        void Line(string key, string value) => sb.Append(key.PadLeft(7)).Append(": ").Append(value).Append('\n');
        Line("fun", Fun.ToString("R", CultureInfo.InvariantCulture));
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

    private static string Array(double[] v) => "array([" + string.Join(", ", v.Select(Number)) + "])";

    /// <summary>numpy's style: 8 significant digits, scientific notation (lower-case e) for tiny or huge values.</summary>
    private static string Number(double x) =>
        x != 0 && double.IsFinite(x) && (Math.Abs(x) < 1e-4 || Math.Abs(x) >= 1e16)
            ? x.ToString("0.########e+00", CultureInfo.InvariantCulture)
            : (x + 0.0).ToString("G8", CultureInfo.InvariantCulture);
}
