using Descent.Data;
using Descent.Losses;
using Descent.Minimization;
using Descent.Models;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Models;

public class LogisticRegressionTests
{
    private static (DesignMatrix X, double[] Y) Heart()
    {
        var d = Datasets.Heart().Design("Age", "MaxHR");
        var z = Standardizer.Fit(d.X).Transform(d.X).WithIntercept();
        return (z, d.Y);
    }

    [Fact]
    public void GradientDescentReachesTheSameOptimumAsBfgs()
    {
        var (x, y) = Heart();
        var model = LogisticRegression.Fit(x, y);
        Assert.Equal(RunStatus.Converged, model.Run.Status);
        var bfgs = Optimize.Minimize(new LogisticLoss(x, y), new double[3]);
        for (int j = 0; j < 3; j++) Assert.Equal(bfgs.X[j], model.Theta[j], 1e-5);
        Assert.True(model.Theta[2] < 0);     // a higher maximum heart rate lowers the odds of heart disease
        Assert.True(model.Theta[1] > 0);     // age raises them
    }

    [Fact]
    public void TrainedWeightsBeatRandomWeights()
    {
        var (x, y) = Heart();
        var model = LogisticRegression.Fit(x, y);
        var loss = new LogisticLoss(x, y);
        var rng = new Random(5);
        double[] random = [rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2];
        Assert.True(loss.Value(model.Theta) < loss.Value(random));
        double accuracy = model.Accuracy(x, y);
        Assert.InRange(accuracy, 0.68, 0.76);
        var p = model.Probabilities(x);
        Assert.All(p, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Equal(p.Select(v => v >= 0.5 ? 1.0 : 0.0), model.Predict(x));
        Assert.Equal(accuracy, p.Zip(y, (pi, yi) => (pi >= 0.5 ? 1.0 : 0.0) == yi ? 1.0 : 0.0).Average(), 14);
        Assert.StartsWith("p = σ(", model.ToString());
    }

    [Fact]
    public void AnyStepperCanFitIt()
    {
        var (x, y) = Heart();
        var gd = LogisticRegression.Fit(x, y);
        var adam = LogisticRegression.Fit(x, y, new Adam(0.05), new StopRule(MaxSteps: 4000, GradientTolerance: 1e-7));
        for (int j = 0; j < 3; j++) Assert.Equal(gd.Theta[j], adam.Theta[j], 1e-4);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var (x, y) = Heart();
        var model = LogisticRegression.Fit(x, y, stop: StopRule.After(5));
        Assert.Throws<ArgumentException>(() => model.Accuracy(x, y[..10]));
        Assert.Throws<ArgumentException>(() => model.Probabilities(DesignMatrix.FromColumn([1.0])));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(x, 1.0));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(x, y.Select(v => v * 2).ToArray()));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(x, y, start: [0.0]));
    }
}
