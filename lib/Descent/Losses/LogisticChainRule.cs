using System.Globalization;
using System.Text;

namespace Descent.Losses;

/// <summary>
/// The gradient of one observation's logistic loss by the chain rule, exactly as the CS109B deck decomposes it,
/// with every intermediate value computed so a lesson can print the tables live.
/// ℒ = ℒᴬ + ℒᴮ with ℒᴬ = −y log p and ℒᴮ = −(1 − y) log(1 − p), p = 1/(1 + e^(−WᵀX)).
/// </summary>
/// <remarks>
/// <para>Shared chain: ξ1 = −WᵀX (∂ξ1/∂W = −X), ξ2 = e^ξ1 (∂ξ2/∂ξ1 = e^ξ1), ξ3 = 1 + ξ2 (∂ξ3/∂ξ2 = 1),
/// ξ4 = 1/ξ3 = p (∂ξ4/∂ξ3 = −1/ξ3²).</para>
/// <para>Part A: ξ5 = log ξ4 (∂ξ5/∂ξ4 = 1/ξ4), ℒᴬ = −y ξ5 (∂ℒᴬ/∂ξ5 = −y); the product is ∂ℒᴬ/∂W = −y(1 − p)X.</para>
/// <para>Part B: ξ5 = 1 − ξ4 (∂ξ5/∂ξ4 = −1), ξ6 = log ξ5 = log(1 − p) (∂ξ6/∂ξ5 = 1/ξ5), ℒᴮ = −(1 − y) ξ6
/// (∂ℒᴮ/∂ξ6 = −(1 − y)); the product is ∂ℒᴮ/∂W = (1 − y) p X.</para>
/// <para>Together ∂ℒ/∂W = −y(1 − p)X + (1 − y)pX = (p − y)X.</para>
/// <para>Errors in the deck's ℒᴮ table (CS109B "Logistic Regression derivatives"), each corrected here:
/// (1) the ξ6 row writes ξ6 = log(1 − p) = log 1/(1 + e^(−WᵀX)); the last expression is log p. The correct form is
/// log(1 − 1/(1 + e^(−WᵀX))) = log(e^(−WᵀX)/(1 + e^(−WᵀX))).
/// (2) the last row writes ℒᴮ = (1 − y)ξ6 and ∂ℒ/∂ξ6 = 1 − y; the minus sign of ℒᴮ = −(1 − y) log(1 − p), which the
/// deck itself writes just above the table, is dropped. Correct: ℒᴮ = −(1 − y)ξ6, ∂ℒᴮ/∂ξ6 = −(1 − y).
/// (3) with the deck's signs the chain product is −(1 − y)pX, yet its final line says +(1 − y)X/(1 + e^(−WᵀX)) = +(1 − y)pX:
/// the final line is right and the table is not. (4) a typo: "∂ξ3/∂2" for ∂ξ3/∂ξ2.
/// <see cref="DeckGradientB"/> computes the product with the deck's signs to show the discrepancy.</para>
/// </remarks>
public sealed class LogisticChainRule
{
    /// <summary>The deck's errors in the ℒᴮ table, one sentence each, for a lesson to print.</summary>
    public static IReadOnlyList<string> DeckErrors { get; } =
    [
        "ξ6 row: the deck writes ξ6 = log(1 − p) = log 1/(1 + e^(−WᵀX)); the last expression is log p. " +
        "Correct: ξ6 = log(1 − p) = log(1 − 1/(1 + e^(−WᵀX))) = log(e^(−WᵀX)/(1 + e^(−WᵀX))).",
        "ℒᴮ row: the deck writes ℒᴮ = (1 − y)ξ6 and ∂ℒ/∂ξ6 = 1 − y, dropping the minus sign of ℒᴮ = −(1 − y) log(1 − p). " +
        "Correct: ℒᴮ = −(1 − y)ξ6 and ∂ℒᴮ/∂ξ6 = −(1 − y).",
        "With the deck's signs the chain product is −(1 − y)pX, but the deck's final line says +(1 − y)pX; " +
        "the final line is right, the table's signs are not.",
        "Typo: ∂ξ3/∂2 should read ∂ξ3/∂ξ2.",
    ];

    private LogisticChainRule(double[] w, double[] x, double y)
    {
        W = w;
        X = x;
        Y = y;
        int d = w.Length;

        // The shared chain ξ1 → ξ4.
        double xi1 = -Kernels.Dot(w, x);
        double xi2 = Math.Exp(xi1);
        double xi3 = 1 + xi2;
        double xi4 = 1 / xi3;
        var dXi1dW = x.Select(v => -v).ToArray();
        double dXi2dXi1 = Math.Exp(xi1), dXi3dXi2 = 1, dXi4dXi3 = -1 / (xi3 * xi3);

        // Part A: ξ5 = log ξ4, ℒᴬ = −y ξ5.
        double a5 = Math.Log(xi4), dA5dXi4 = 1 / xi4;
        double lossA = -y * a5, dLAdA5 = -y;
        double upA5 = dLAdA5, upA4 = upA5 * dA5dXi4, upA3 = upA4 * dXi4dXi3, upA2 = upA3 * dXi3dXi2, upA1 = upA2 * dXi2dXi1;
        PartA =
        [
            new("ξ1", "−WᵀX", xi1, "∂ξ1/∂W = −X", dXi1dW, upA1),
            new("ξ2", "e^ξ1 = e^(−WᵀX)", xi2, "∂ξ2/∂ξ1 = e^ξ1", [dXi2dXi1], upA2),
            new("ξ3", "1 + ξ2", xi3, "∂ξ3/∂ξ2 = 1", [dXi3dXi2], upA3),
            new("ξ4", "1/ξ3 = p", xi4, "∂ξ4/∂ξ3 = −1/ξ3²", [dXi4dXi3], upA4),
            new("ξ5", "log ξ4 = log p", a5, "∂ξ5/∂ξ4 = 1/ξ4", [dA5dXi4], upA5),
            new("Lᴬ", "−y ξ5", lossA, "∂Lᴬ/∂ξ5 = −y", [dLAdA5], 1),
        ];
        GradientA = dXi1dW.Select(v => upA1 * v).ToArray();

        // Part B: ξ5 = 1 − ξ4, ξ6 = log ξ5, ℒᴮ = −(1 − y) ξ6.
        double b5 = 1 - xi4, dB5dXi4 = -1;
        double b6 = Math.Log(b5), dB6dB5 = 1 / b5;
        double lossB = -(1 - y) * b6, dLBdB6 = -(1 - y);
        double upB6 = dLBdB6, upB5 = upB6 * dB6dB5, upB4 = upB5 * dB5dXi4, upB3 = upB4 * dXi4dXi3, upB2 = upB3 * dXi3dXi2,
            upB1 = upB2 * dXi2dXi1;
        PartB =
        [
            new("ξ1", "−WᵀX", xi1, "∂ξ1/∂W = −X", dXi1dW, upB1),
            new("ξ2", "e^ξ1 = e^(−WᵀX)", xi2, "∂ξ2/∂ξ1 = e^ξ1", [dXi2dXi1], upB2),
            new("ξ3", "1 + ξ2", xi3, "∂ξ3/∂ξ2 = 1", [dXi3dXi2], upB3),
            new("ξ4", "1/ξ3 = p", xi4, "∂ξ4/∂ξ3 = −1/ξ3²", [dXi4dXi3], upB4),
            new("ξ5", "1 − ξ4 = 1 − p", b5, "∂ξ5/∂ξ4 = −1", [dB5dXi4], upB5),
            new("ξ6", "log ξ5 = log(1 − p)", b6, "∂ξ6/∂ξ5 = 1/ξ5", [dB6dB5], upB6),
            new("Lᴮ", "−(1 − y) ξ6", lossB, "∂Lᴮ/∂ξ6 = −(1 − y)", [dLBdB6], 1),
        ];
        GradientB = dXi1dW.Select(v => upB1 * v).ToArray();

        // The deck's signs: ∂ℒ/∂ξ6 = +(1 − y).
        double deckUp1 = (1 - y) * dB6dB5 * dB5dXi4 * dXi4dXi3 * dXi3dXi2 * dXi2dXi1;
        DeckGradientB = dXi1dW.Select(v => deckUp1 * v).ToArray();

        P = xi4;
        LossA = lossA;
        LossB = lossB;
        Gradient = GradientA.Zip(GradientB, (a, b) => a + b).ToArray();
        ClosedForm = x.Select(v => (P - y) * v).ToArray();
        FiniteDifference = new double[d];
        var wt = (double[])w.Clone();
        for (int j = 0; j < d; j++)
        {
            double h = 6e-6 * Math.Max(1, Math.Abs(w[j]));
            wt[j] = w[j] + h; double lp = LossAt(wt, x, y);
            wt[j] = w[j] - h; double lm = LossAt(wt, x, y);
            wt[j] = w[j];
            FiniteDifference[j] = (lp - lm) / (2 * h);
        }
    }

    /// <summary>Decomposes the loss of observation (<paramref name="x"/>, <paramref name="y"/>) at weights <paramref name="w"/>.</summary>
    /// <param name="w">The weights W (same length as x; include an intercept in both if wanted).</param>
    /// <param name="x">The features X of one observation.</param>
    /// <param name="y">The label, 0 or 1.</param>
    public static LogisticChainRule For(double[] w, double[] x, double y)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(x);
        if (w.Length == 0) throw new ArgumentException("W is empty; pass one weight per feature.", nameof(w));
        Guard.Length(w.Length, x.Length, nameof(w), "an observation X with that many features");
        Guard.Finite(w, nameof(w));
        Guard.Finite(x, nameof(x));
        if (y != 0 && y != 1)
            throw new ArgumentOutOfRangeException(nameof(y), y, "The label y must be 0 or 1.");
        double z = Kernels.Dot(w, x);
        if (Math.Abs(z) > 700)
            throw new ArgumentException(
                $"WᵀX = {z.ToString("G6", CultureInfo.InvariantCulture)}: e^(−WᵀX) overflows the literal chain ξ1..ξ6. " +
                "Use smaller weights or standardized features for the table.", nameof(w));
        return new LogisticChainRule((double[])w.Clone(), (double[])x.Clone(), y);
    }

    /// <summary>The weights W.</summary>
    public double[] W { get; }

    /// <summary>The observation's features X.</summary>
    public double[] X { get; }

    /// <summary>The label y.</summary>
    public double Y { get; }

    /// <summary>p = σ(WᵀX) = ξ4.</summary>
    public double P { get; }

    /// <summary>The ℒᴬ table: ξ1 … ξ5, then ℒᴬ.</summary>
    public IReadOnlyList<ChainLink> PartA { get; }

    /// <summary>The ℒᴮ table (corrected): ξ1 … ξ6, then ℒᴮ.</summary>
    public IReadOnlyList<ChainLink> PartB { get; }

    /// <summary>ℒᴬ = −y log p.</summary>
    public double LossA { get; }

    /// <summary>ℒᴮ = −(1 − y) log(1 − p).</summary>
    public double LossB { get; }

    /// <summary>ℒ = ℒᴬ + ℒᴮ.</summary>
    public double Loss => LossA + LossB;

    /// <summary>∂ℒᴬ/∂W as the product of the local derivatives (= −y(1 − p)X).</summary>
    public double[] GradientA { get; }

    /// <summary>∂ℒᴮ/∂W as the product of the local derivatives (= (1 − y)pX).</summary>
    public double[] GradientB { get; }

    /// <summary>∂ℒ/∂W = ∂ℒᴬ/∂W + ∂ℒᴮ/∂W from the chain rule.</summary>
    public double[] Gradient { get; }

    /// <summary>The closed form (p − y)X.</summary>
    public double[] ClosedForm { get; }

    /// <summary>∂ℒ/∂W by central differences of ℒ(W).</summary>
    public double[] FiniteDifference { get; }

    /// <summary>The ℒᴮ product with the deck's sign ∂ℒ/∂ξ6 = +(1 − y): it comes out as −(1 − y)pX, the wrong sign.</summary>
    public double[] DeckGradientB { get; }

    /// <summary>maxⱼ |chain-rule gradient − closed form|.</summary>
    public double MaxDifferenceFromClosedForm => Gradient.Zip(ClosedForm, (a, b) => Math.Abs(a - b)).Max();

    /// <summary>ℒ(W) = −y log σ(WᵀX) − (1 − y) log(1 − σ(WᵀX)), computed stably.</summary>
    public static double LossAt(double[] w, double[] x, double y) => LogisticLink.Loss(Kernels.Dot(w, x), y, out _);

    /// <summary>Both tables and the comparison with the closed form and finite differences, as text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"one observation: W = {V(W)}, X = {V(X)}, y = {S(Y)}, p = σ(WᵀX) = {S(P)}\n");
        Table(sb, "Lᴬ = −y log p", PartA);
        sb.Append(CultureInfo.InvariantCulture, $"  ∂Lᴬ/∂W = (∂Lᴬ/∂ξ1)(−X) = {V(GradientA)}   closed form −y(1 − p)X = {V(X.Select(v => -Y * (1 - P) * v))}\n");
        Table(sb, "Lᴮ = −(1 − y) log(1 − p)", PartB);
        sb.Append(CultureInfo.InvariantCulture, $"  ∂Lᴮ/∂W = (∂Lᴮ/∂ξ1)(−X) = {V(GradientB)}   closed form (1 − y)pX = {V(X.Select(v => (1 - Y) * P * v))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"\n∂L/∂W = ∂Lᴬ/∂W + ∂Lᴮ/∂W = {V(Gradient)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"closed form (p − y)X     = {V(ClosedForm)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"finite differences       = {V(FiniteDifference)}");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string title, IReadOnlyList<ChainLink> links)
    {
        sb.Append('\n').Append(title).Append('\n');
        sb.Append($"  {"variable",-8} {"definition",-22} {"value",12}   {"local derivative",-22} {"its value",18}   {"∂L/∂variable",12}\n");
        foreach (var l in links)
            sb.Append(CultureInfo.InvariantCulture,
                $"  {l.Name,-8} {l.Definition,-22} {S(l.Value),12}   {l.Derivative,-22} {(l.DerivativeValue.Length == 1 ? S(l.DerivativeValue[0]) : V(l.DerivativeValue)),18}   {S(l.Upstream),12}\n");
    }

    private static string S(double v) => (v + 0.0).ToString("G6", CultureInfo.InvariantCulture);   // + 0.0 turns −0 into 0

    private static string V(IEnumerable<double> v) => "[" + string.Join(", ", v.Select(S)) + "]";
}
