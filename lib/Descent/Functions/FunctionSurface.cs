using Descent.Analysis;

namespace Descent.Functions;

/// <summary>
/// A <see cref="Surface"/> built from two lambdas, its value f(x, y) and its gradient (∂f/∂x, ∂f/∂y), for a lesson that
/// defines a surface of its own (e.g. the loss of a tiny network) without writing a class. The Hessian is not asked for:
/// it is computed by central differences of the gradient (<see cref="FiniteDifferences.Hessian"/>).
/// </summary>
/// <example>
/// <code>
/// var bowl = new FunctionSurface("bowl", "f(x, y) = x² + 2y²",
///     (x, y) => x * x + 2 * y * y, (x, y) => (2 * x, 4 * y), xRange: (-2, 2), yRange: (-2, 2));
/// FiniteDifferences.CheckGradient(bowl, [1.0, 2.0]);   // does the gradient lambda match the value lambda?
/// </code>
/// </example>
public sealed class FunctionSurface : Surface
{
    private readonly Func<double, double, double> value;
    private readonly Func<double, double, (double, double)> gradient;

    /// <summary>A surface from its value and its gradient.</summary>
    /// <param name="name">A short name for legends and titles.</param>
    /// <param name="formula">The formula as text.</param>
    /// <param name="value">f(x, y).</param>
    /// <param name="gradient">(∂f/∂x, ∂f/∂y) at (x, y).</param>
    /// <param name="xRange">The x window charts draw.</param>
    /// <param name="yRange">The y window charts draw.</param>
    public FunctionSurface(string name, string formula, Func<double, double, double> value,
        Func<double, double, (double, double)> gradient, (double Min, double Max) xRange, (double Min, double Max) yRange)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(gradient);
        Guard.Interval(xRange.Min, xRange.Max, nameof(xRange));
        Guard.Interval(yRange.Min, yRange.Max, nameof(yRange));
        Name = name;
        Formula = formula;
        this.value = value;
        this.gradient = gradient;
        XRange = xRange;
        YRange = yRange;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Formula { get; }

    /// <inheritdoc />
    public override (double Min, double Max) XRange { get; }

    /// <inheritdoc />
    public override (double Min, double Max) YRange { get; }

    /// <inheritdoc />
    public override double Value(double x, double y) => value(x, y);

    /// <inheritdoc />
    public override (double Dx, double Dy) Gradient(double x, double y) => gradient(x, y);

    /// <summary>The Hessian by central differences of the gradient (its error is about 1e-10 of its size).</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double x, double y)
    {
        var h = FiniteDifferences.Hessian(this, [x, y]);
        return (h[0, 0], h[0, 1], h[1, 1]);
    }
}
