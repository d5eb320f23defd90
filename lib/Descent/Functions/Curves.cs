namespace Descent.Functions;

/// <summary>The one-variable functions the lessons use.</summary>
public static class Curves
{
    /// <summary>
    /// The Data 100 deck's "arbitrary" function: f(x) = (x⁴ − 15x³ + 80x² − 180x + 144)/10 on [1, 6.75],
    /// with f′(x) = (4x³ − 45x² + 160x − 180)/10 and f″(x) = (12x² − 90x + 160)/10.
    /// </summary>
    /// <remarks>
    /// Its stationary points are the roots of 4x³ − 45x² + 160x − 180: a local minimum at 2.3927480 (f = −0.1382749),
    /// a local maximum at 3.5309066 and the global minimum at 5.3263455 (f = −0.6914097).
    /// Slide values: f(4) = 0, f′(4) = −0.4, f(4.4) = −0.21504, f′(4.4) = −0.6464.
    /// </remarks>
    public static Curve Quartic { get; } = new(
        "arbitrary quartic",
        "f(x) = (x⁴ − 15x³ + 80x² − 180x + 144)/10",
        // Powers through Math.Pow, as the deck's Python x**3 does (C pow), so the slides' exact doubles print:
        // f(4.4) = -0.21504000000003315 and one α = 0.3 step from 5.323 lands on 5.325108157959999.
        x => (Math.Pow(x, 4) - 15 * Math.Pow(x, 3) + 80 * Math.Pow(x, 2) - 180 * x + 144) / 10,
        x => (4 * Math.Pow(x, 3) - 45 * Math.Pow(x, 2) + 160 * x - 180) / 10,
        x => (12 * Math.Pow(x, 2) - 90 * x + 160) / 10,
        (1, 6.75));

    /// <summary>
    /// f(x) = cos(3πx)/x on [0.25, 2.5]: a wavy curve with many local minima whose depth shrinks like 1/x,
    /// so only the leftmost is global. f′(x) = −3π sin(3πx)/x − cos(3πx)/x²,
    /// f″(x) = −9π² cos(3πx)/x + 6π sin(3πx)/x² + 2 cos(3πx)/x³. Undefined at x = 0.
    /// </summary>
    public static Curve CosineOverX { get; } = new(
        "cos(3πx)/x",
        "f(x) = cos(3πx)/x",
        x => Math.Cos(3 * Math.PI * x) / x,
        x => -3 * Math.PI * Math.Sin(3 * Math.PI * x) / x - Math.Cos(3 * Math.PI * x) / (x * x),
        x => -9 * Math.PI * Math.PI * Math.Cos(3 * Math.PI * x) / x
             + 6 * Math.PI * Math.Sin(3 * Math.PI * x) / (x * x)
             + 2 * Math.Cos(3 * Math.PI * x) / (x * x * x),
        (0.25, 2.5));
}
