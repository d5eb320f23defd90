using Descent.Data;
using Descent.Losses;

namespace Descent.Tests.Losses;

public class LogisticChainRuleTests
{
    public static TheoryData<double[], double[], double> Cases => new()
    {
        { [0.3, -0.7], [1.0, 2.0], 1 },
        { [0.3, -0.7], [1.0, 2.0], 0 },
        { [-1.2, 0.4, 2.0], [1.0, -0.5, 0.8], 1 },
        { [2.5, 1.0], [1.0, 3.0], 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChainProductEqualsTheClosedFormAndFiniteDifferences(double[] w, double[] x, double y)
    {
        var c = LogisticChainRule.For(w, x, y);
        double p = 1 / (1 + Math.Exp(-(w.Zip(x, (a, b) => a * b).Sum())));
        Assert.Equal(p, c.P, 14);
        LossTestData.Close(x.Select(v => (p - y) * v).ToArray(), c.Gradient, 1e-13);
        LossTestData.Close(c.ClosedForm, c.Gradient, 1e-13);
        LossTestData.Close(c.FiniteDifference, c.Gradient, 1e-8);
        LossTestData.Close(x.Select(v => -y * (1 - p) * v).ToArray(), c.GradientA, 1e-13);
        LossTestData.Close(x.Select(v => (1 - y) * p * v).ToArray(), c.GradientB, 1e-13);
        Assert.True(c.MaxDifferenceFromClosedForm < 1e-13);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachVariableHasItsDefinedValueAndTheLossMatchesLogisticLoss(double[] w, double[] x, double y)
    {
        var c = LogisticChainRule.For(w, x, y);
        double z = w.Zip(x, (a, b) => a * b).Sum();
        Assert.Equal(-z, c.PartA[0].Value, 14);
        Assert.Equal(Math.Exp(-z), c.PartA[1].Value, 14);
        Assert.Equal(1 + Math.Exp(-z), c.PartA[2].Value, 14);
        Assert.Equal(c.P, c.PartA[3].Value, 14);
        Assert.Equal(Math.Log(c.P), c.PartA[4].Value, 14);
        Assert.Equal(1 - c.P, c.PartB[4].Value, 14);
        Assert.Equal(Math.Log(1 - c.P), c.PartB[5].Value, 14);      // ξ6 = log(1 − p), not the deck's log p
        Assert.Equal(-(1 - y) * Math.Log(1 - c.P), c.PartB[6].Value, 14);
        Assert.Equal(-(1 - y), c.PartB[6].DerivativeValue[0]);       // ∂ℒᴮ/∂ξ6 = −(1 − y), not the deck's 1 − y
        Assert.Equal(x.Select(v => -v).ToArray(), c.PartA[0].DerivativeValue);
        var single = new LogisticLoss(DesignMatrix.FromRows([x]), [y], Reduction.Sum);
        Assert.Equal(single.Value(w), c.Loss, 13);
        Assert.Equal(single.Gradient(w), c.Gradient, (a, b) => Math.Abs(a - b) < 1e-13);
    }

    [Fact]
    public void UpstreamDerivativesAreTheRunningProducts()
    {
        var c = LogisticChainRule.For([0.3, -0.7], [1.0, 2.0], 0);
        var b = c.PartB;
        Assert.Equal(1, b[6].Upstream);
        for (int k = 5; k >= 0; k--)
            Assert.Equal(b[k + 1].Upstream * b[k + 1].DerivativeValue[0], b[k].Upstream, 14);
    }

    [Fact]
    public void TheDecksSignsGiveTheWrongSignForPartB()
    {
        var c = LogisticChainRule.For([0.3, -0.7], [1.0, 2.0], 0);
        LossTestData.Close(c.GradientB.Select(v => -v).ToArray(), c.DeckGradientB, 1e-14);
        Assert.Equal(4, LogisticChainRule.DeckErrors.Count);
        Assert.Contains("−(1 − y)", LogisticChainRule.DeckErrors[1]);
    }

    [Fact]
    public void ToStringPrintsBothTablesAndTheComparison()
    {
        string text = LogisticChainRule.For([0.3, -0.7], [1.0, 2.0], 1).ToString();
        Assert.Contains("ξ6", text);
        Assert.Contains("log ξ5 = log(1 − p)", text);
        Assert.Contains("closed form (p − y)X", text);
        Assert.Contains("finite differences", text);
    }

    [Fact]
    public void BadObservationsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => LogisticChainRule.For([1.0], [1.0, 2.0], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticChainRule.For([1.0], [1.0], 0.5));
        Assert.Throws<ArgumentException>(() => LogisticChainRule.For([double.NaN], [1.0], 1));
        Assert.Throws<ArgumentException>(() => LogisticChainRule.For([1000.0], [1.0], 1));
        Assert.Throws<ArgumentException>(() => LogisticChainRule.For([], [], 1));
    }
}
