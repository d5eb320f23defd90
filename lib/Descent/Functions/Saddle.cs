namespace Descent.Functions;

/// <summary>
/// The saddle f(x, y) = x² − y²: a minimum along x, a maximum along y, and a zero gradient at the origin
/// that is not a minimum. ∇f = (2x, −2y); H = [[2, 0], [0, −2]] (one positive, one negative eigenvalue).
/// GD started on the x axis (y = 0 exactly) walks into the saddle and stalls there; any noise in y escapes.
/// </summary>
public sealed class Saddle : Surface
{
    /// <inheritdoc />
    public override string Name => "saddle";

    /// <inheritdoc />
    public override string Formula => "f(x, y) = x² − y²";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (-2, 2);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (-2, 2);

    /// <summary>f = x² − y²</summary>
    public override double Value(double x, double y) => x * x - y * y;

    /// <summary>∇f = (2x, −2y)</summary>
    public override (double Dx, double Dy) Gradient(double x, double y) => (2 * x, -2 * y);

    /// <summary>H = [[2, 0], [0, −2]]</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double x, double y) => (2, 0, -2);
}
