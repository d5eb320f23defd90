using Curves = Descent.Functions.Curves;
using Descent.Optimizers;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Optimizers;

public class GradientDescentTests
{
    // The Data 100 deck's two printed arrays: gradient_descent(derivative_arbitrary, 4, alpha, 20).
    private static readonly double[] DeckAlpha03 =
    [
        4.0, 4.12, 4.26729664, 4.44272584, 4.64092624, 4.8461837, 5.03211854, 5.17201478, 5.25648449, 5.29791149,
        5.31542718, 5.3222606, 5.32483298, 5.32578765, 5.32614004, 5.32626985, 5.32631764, 5.32633523, 5.3263417, 5.32634408,
    ];

    private static readonly double[] DeckAlpha1 =
    [
        4.0, 4.4, 5.0464, 5.4967306, 5.08086249, 5.48998039, 5.09282487, 5.48675539, 5.09847285, 5.48507269,
        5.10140255, 5.48415922, 5.10298805, 5.48365325, 5.10386474, 5.48336998, 5.1043551, 5.48321045, 5.10463112, 5.48312031,
    ];

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public void TrajectoryReproducesTheDeckArraysToThePrintedEightDecimals(double alpha)
    {
        var deck = alpha == 0.3 ? DeckAlpha03 : DeckAlpha1;
        var guesses = GradientDescent.Trajectory(QuarticDerivative, 4, alpha, 20);
        Assert.Equal(20, guesses.Length);
        for (int t = 0; t < 20; t++)
            Assert.True(Math.Abs(guesses[t] - deck[t]) <= 0.5e-8 + 1e-15,
                $"guess {t}: {guesses[t]:R} differs from the deck's {deck[t]} by more than half the last printed digit");
    }

    [Fact]
    public void TrajectoryReproducesTheDeckManualStepsToTheLastBit()
    {
        Assert.Equal(4.4, GradientDescent.Trajectory(QuarticDerivative, 4, 1, 2)[1]);
        Assert.Equal(5.0464000000000055, GradientDescent.Trajectory(QuarticDerivative, 4, 1, 3)[2]);
        Assert.Equal(5.49673060106241, GradientDescent.Trajectory(QuarticDerivative, 5.0464, 1, 2)[1]);
        Assert.Equal(4.12, GradientDescent.Trajectory(QuarticDerivative, 4, 0.3, 2)[1]);
        Assert.Equal(5.325108157959999, GradientDescent.Trajectory(QuarticDerivative, 5.323, 0.3, 2)[1]);
        Assert.Equal(-0.6464000000000055, QuarticDerivative(4.4));
    }

    [Fact]
    public void TheLibrarysQuarticReproducesTheDeckArraysAndManualSteps()
    {
        var df = Curves.Quartic.DF;
        for (int t = 0; t < 20; t++)
        {
            Assert.True(Math.Abs(GradientDescent.Trajectory(df, 4, 0.3, 20)[t] - DeckAlpha03[t]) <= 0.5e-8 + 1e-15);
            Assert.True(Math.Abs(GradientDescent.Trajectory(df, 4, 1, 20)[t] - DeckAlpha1[t]) <= 0.5e-8 + 1e-15);
        }
        Assert.Equal(4.4, GradientDescent.Trajectory(df, 4, 1, 2)[1]);
        Assert.Equal(5.0464000000000055, GradientDescent.Trajectory(df, 4, 1, 3)[2]);
        Assert.Equal(5.49673060106241, GradientDescent.Trajectory(df, 5.0464, 1, 2)[1]);
        Assert.Equal(4.12, GradientDescent.Trajectory(df, 4, 0.3, 2)[1]);
        // The library evaluates powers with Math.Pow, as the deck's Python x**3 does, so even this last bit matches.
        Assert.Equal(5.325108157959999, GradientDescent.Trajectory(df, 5.323, 0.3, 2)[1]);
        Assert.Equal(-0.21504000000003315, Curves.Quartic.F(4.4));
        Assert.Equal(0.0, Curves.Quartic.F(4));
        Assert.Equal(-0.4, Curves.Quartic.DF(4));
    }

    [Fact]
    public void TrajectoryCountsTheInitialGuessAmongTheNGuesses()
    {
        Assert.Equal([4.0], GradientDescent.Trajectory(QuarticDerivative, 4, 0.3, 1));
        Assert.Equal(4.12, GradientDescent.Trajectory(QuarticDerivative, 4, 0.3, 2)[^1]);
    }

    [Fact]
    public void TheStepperRunMatchesTheRecurrence()
    {
        var run = new GradientDescent(0.3).Run(new Quartic(), [4.0], StopRule.After(19));
        Assert.Equal(GradientDescent.Trajectory(QuarticDerivative, 4, 0.3, 20), run.Coordinate(0));
    }

    [Fact]
    public void TrajectoryRejectsBadInputWithMessagesThatSayWhatToDo()
    {
        Assert.Throws<ArgumentNullException>(() => GradientDescent.Trajectory(null!, 4, 0.3, 20));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Trajectory(QuarticDerivative, 4, 0, 20));
        Assert.Contains("greater than 0", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Trajectory(QuarticDerivative, 4, double.NaN, 20));
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(
            () => GradientDescent.Trajectory(QuarticDerivative, 4, 0.3, 0)).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentOutOfRangeException>(
            () => GradientDescent.Trajectory(QuarticDerivative, double.PositiveInfinity, 0.3, 5)).Message);
    }

    [Fact]
    public void FirstStepMovesAgainstTheGradientByAlphaTimesIt()
    {
        var run = new GradientDescent(0.1).Run(new Bowl(), [1.0, 1.0], StopRule.After(1));
        Assert.Equal(0.8, run.Theta[0], 1e-15);
        Assert.Equal(0.6, run.Theta[1], 1e-15);
        Assert.Equal(RunStatus.StepLimit, run.Status);
    }

    [Fact]
    public void TooLargeAStepIsReportedAsDivergedWithTheStep()
    {
        var run = new GradientDescent(1.5).Run(new Bowl(), [1.0, 1.0], StopRule.After(1000));
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.NotNull(run.DivergedAt);
        Assert.Contains($"diverged at step {run.DivergedAt}", run.Message);
    }
}
