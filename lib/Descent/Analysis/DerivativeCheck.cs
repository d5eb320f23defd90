using System.Globalization;

namespace Descent.Analysis;

/// <summary>
/// An analytic derivative next to its finite-difference estimate. <see cref="RelativeError"/> is
/// ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖, 1e-12): around 1e-8 or smaller means the formula is right.
/// </summary>
/// <param name="What">"gradient" or "Hessian".</param>
/// <param name="Analytic">The formula's values.</param>
/// <param name="Numeric">The finite-difference values.</param>
public sealed record DerivativeCheck(string What, double[] Analytic, double[] Numeric)
{
    /// <summary>maxᵢ |analyticᵢ − numericᵢ|.</summary>
    public double MaxAbsoluteError => Analytic.Zip(Numeric, (a, n) => Math.Abs(a - n)).Max();

    /// <summary>‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖, 1e-12).</summary>
    public double RelativeError
    {
        get
        {
            double diff = Math.Sqrt(Analytic.Zip(Numeric, (a, n) => (a - n) * (a - n)).Sum());
            double scale = Math.Max(Math.Max(Norm(Analytic), Norm(Numeric)), 1e-12);
            return diff / scale;
        }
    }

    /// <summary>Whether <see cref="RelativeError"/> ≤ <paramref name="tolerance"/>.</summary>
    public bool Passes(double tolerance = 1e-6) => RelativeError <= tolerance;

    /// <summary>"gradient: analytic [..], numeric [..], relative error 3.2e-10".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{What}: analytic [{Join(Analytic)}], numeric [{Join(Numeric)}], relative error {RelativeError:G3}");

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    private static string Join(double[] v) => string.Join(", ", v.Select(x => x.ToString("G8", CultureInfo.InvariantCulture)));
}
