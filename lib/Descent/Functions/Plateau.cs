namespace Descent.Functions;

/// <summary>
/// A plateau: the error surface of one sigmoid neuron ŷ = σ(w x + b) fitted to two points,
/// L(w, b) = ½ Σᵢ (σ(w xᵢ + b) − yᵢ)², with (x, y) = (0.5, 0.2) and (2.5, 0.9) (the toy problem behind the
/// NPTEL deck's "GD traversal" and "plateaus and flat regions" figures, credited to Mitesh Khapra).
/// Where σ saturates (large negative w and b) the surface is almost flat and GD crawls.
/// </summary>
/// <remarks>
/// With zᵢ = w xᵢ + b, σᵢ = σ(zᵢ), σ′ = σ(1 − σ), σ″ = σ′(1 − 2σ) and eᵢ = σᵢ − yᵢ:
/// ∂L/∂w = Σ eᵢ σ′ᵢ xᵢ, ∂L/∂b = Σ eᵢ σ′ᵢ; ∂²L/∂w² = Σ (σ′ᵢ² + eᵢ σ″ᵢ) xᵢ², ∂²L/∂w∂b = Σ (σ′ᵢ² + eᵢ σ″ᵢ) xᵢ,
/// ∂²L/∂b² = Σ (σ′ᵢ² + eᵢ σ″ᵢ). The minimum is L = 0 at w = (logit 0.9 − logit 0.2)/2, b = logit 0.2 − w/2.
/// </remarks>
public sealed class Plateau : Surface
{
    private static readonly double[] X = [0.5, 2.5];
    private static readonly double[] Y = [0.2, 0.9];

    /// <inheritdoc />
    public override string Name => "plateau (sigmoid neuron)";

    /// <inheritdoc />
    public override string Formula => "L(w, b) = ½ Σᵢ (σ(w xᵢ + b) − yᵢ)², (x, y) = (0.5, 0.2), (2.5, 0.9)";

    /// <inheritdoc />
    public override (double Min, double Max) XRange => (-6, 6);

    /// <inheritdoc />
    public override (double Min, double Max) YRange => (-6, 6);

    /// <inheritdoc />
    public override IReadOnlyList<double[]> Minima
    {
        get
        {
            double w = (Logit(0.9) - Logit(0.2)) / 2;
            return [[w, Logit(0.2) - w * 0.5]];
        }
    }

    /// <summary>L = ½ Σ (σ(w xᵢ + b) − yᵢ)²</summary>
    public override double Value(double w, double b)
    {
        double l = 0;
        for (int i = 0; i < X.Length; i++)
        {
            double e = Sigmoid(w * X[i] + b) - Y[i];
            l += 0.5 * e * e;
        }
        return l;
    }

    /// <summary>∂L/∂w = Σ eᵢ σ′ᵢ xᵢ, ∂L/∂b = Σ eᵢ σ′ᵢ</summary>
    public override (double Dx, double Dy) Gradient(double w, double b)
    {
        double dw = 0, db = 0;
        for (int i = 0; i < X.Length; i++)
        {
            double s = Sigmoid(w * X[i] + b), e = s - Y[i], ds = s * (1 - s);
            dw += e * ds * X[i];
            db += e * ds;
        }
        return (dw, db);
    }

    /// <summary>Each entry is Σ (σ′ᵢ² + eᵢ σ″ᵢ) times xᵢ², xᵢ or 1.</summary>
    public override (double Dxx, double Dxy, double Dyy) Hessian(double w, double b)
    {
        double ww = 0, wb = 0, bb = 0;
        for (int i = 0; i < X.Length; i++)
        {
            double s = Sigmoid(w * X[i] + b), e = s - Y[i], ds = s * (1 - s), d2s = ds * (1 - 2 * s);
            double c = ds * ds + e * d2s;
            ww += c * X[i] * X[i];
            wb += c * X[i];
            bb += c;
        }
        return (ww, wb, bb);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
