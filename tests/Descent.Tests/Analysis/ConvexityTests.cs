using Descent.Analysis;
using Descent.Data;
using Descent.Functions;
using Descent.Losses;

namespace Descent.Tests.Analysis;

public class ConvexityTests
{
    [Fact]
    public void TheQuarticsChordDipsBelowTheCurveBetweenItsMinima()
    {
        var test = Convexity.Chord(Curves.Quartic.F, 2, 5.5);
        Assert.False(test.Holds);
        var mid = test.Points.Single(p => p.T == 0.5);
        Assert.Equal(0.5 * Curves.Quartic.Value(2) + 0.5 * Curves.Quartic.Value(5.5), mid.Chord, 14);
        Assert.Equal(Curves.Quartic.Value(3.75), mid.Value, 14);
        Assert.Contains(mid, test.Failures);
        Assert.All(test.Failures, p => Assert.True(p.Chord < p.Value));
        Assert.Equal(101, test.Points.Count);
    }

    [Fact]
    public void ChordsOfConvexFunctionsNeverDip()
    {
        Assert.True(Convexity.Check(x => x * x, -3, 3).Holds);
        Assert.True(Convexity.Check(Math.Exp, -2, 2).Holds);
        Assert.False(Convexity.Check(Curves.Quartic.F, 1, 6.75).Holds);
        var mse = MseSurface.From(Datasets.Tips().Design(intercept: true));
        var rng = new Random(51);
        for (int k = 0; k < 20; k++)
        {
            double[] a = [rng.NextDouble() * 4 - 2, rng.NextDouble()], b = [rng.NextDouble() * 4 - 2, rng.NextDouble()];
            Assert.True(Convexity.Chord(mse, a, b).Holds);
        }
        Assert.False(Convexity.Chord(Surfaces.Saddle, [0.0, -1.0], [0.0, 1.0]).Holds);
    }

    [Fact]
    public void SecondDerivativeTestAgreesWithTheChords()
    {
        Assert.False(Convexity.SecondDerivativeNonNegative(Curves.Quartic));
        var parabola = new Curve("parabola", "f(x) = x²", x => x * x, x => 2 * x, _ => 2, (-3, 3));
        Assert.True(Convexity.SecondDerivativeNonNegative(parabola));
    }

    [Fact]
    public void ToStringSaysWhereItFails()
    {
        string text = Convexity.Chord(Curves.Quartic.F, 2, 5.5).ToString();
        Assert.StartsWith("chord from a = 2 to b = 5.5: fails at", text);
        Assert.Contains("holds at all 101 points", Convexity.Chord(x => x * x, -1, 2).ToString());
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Convexity.Chord(Math.Exp, double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Convexity.Chord(Math.Exp, 0, 1, points: 1));
        Assert.Throws<ArgumentException>(() => Convexity.Chord(Surfaces.Bowl, [0.0], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => Convexity.Check(Math.Exp, 2, 1));
    }
}
