using Descent.Data;
using Descent.Losses;
using Descent.Models;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Models;

public class LinearRegressionTests
{
    [Fact]
    public void NoInterceptClosedFormIsSumXYOverSumXSquaredAndGDReachesIt()
    {
        var tips = Datasets.Tips();
        double theta = LeastSquares.ThroughOrigin(tips.TotalBill, tips.Tip);
        double sxy = tips.TotalBill.Zip(tips.Tip, (x, y) => x * y).Sum(), sxx = tips.TotalBill.Sum(x => x * x);
        Assert.Equal(sxy / sxx, theta, 14);
        Assert.Equal(0.14373189527721666, theta, 12);     // the Data 100 value

        var loss = new MseLoss(tips.Design());
        var run = new GradientDescent(0.001).Run(loss, [0.0], new StopRule(MaxSteps: 1000, GradientTolerance: 1e-12));
        Assert.Equal(theta, run.Theta[0], 10);
        Assert.Equal(theta, LeastSquares.Fit(tips.Design()).Theta[0], 12);
    }

    [Fact]
    public void QRNormalEquationsAndTheMseSurfaceAgreeOnTheTipsLine()
    {
        var data = Datasets.Tips().Design(intercept: true);
        var qr = LeastSquares.Fit(data);
        var normal = LeastSquares.NormalEquations(data.X, data.Y);
        var surface = MseSurface.From(data).Minimizer;
        Assert.Equal(0.920269613554674, qr.Theta[0], 10);
        Assert.Equal(0.10502451738435341, qr.Theta[1], 12);
        Assert.Equal(qr.Theta[0], normal.Theta[0], 9);
        Assert.Equal(qr.Theta[1], normal.Theta[1], 10);
        Assert.Equal(qr.Theta[0], surface[0], 10);
        Assert.Equal(qr.Theta[1], surface[1], 12);
        Assert.Equal("ŷ = 0.92027 + 0.105025·total_bill (QR least squares)", qr.ToString());
        Assert.Equal(new MseLoss(data).Value(qr.Theta), qr.Mse(data.X, data.Y), 14);
        Assert.Equal(data.X.Multiply(qr.Theta), qr.Predict(data.X));
    }

    [Fact]
    public void GDOnStandardizedFeaturesConvertsBackToTheLeastSquaresLine()
    {
        var data = Datasets.Tips().Design(intercept: true);
        var scaler = Standardizer.Fit(data.X);
        var z = scaler.Transform(data.X);
        var run = new GradientDescent(0.1).Run(new MseLoss(z, data.Y), [0.0, 0.0], new StopRule(MaxSteps: 2000, GradientTolerance: 1e-12));
        var theta = scaler.OriginalCoefficients(run.Theta);
        var qr = LeastSquares.Fit(data).Theta;
        Assert.Equal(qr[0], theta[0], 9);
        Assert.Equal(qr[1], theta[1], 9);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var x = DesignMatrix.FromColumns(("a", [1.0, 2, 3]), ("b", [2.0, 4, 6]));
        Assert.Contains("not linearly independent", Assert.Throws<ArgumentException>(() => LeastSquares.Fit(x, [1.0, 2, 3])).Message);
        Assert.Throws<ArgumentException>(() => LeastSquares.NormalEquations(x, [1.0, 2, 3]));
        Assert.Contains("X has 3 rows but y has 2", Assert.Throws<ArgumentException>(() => LeastSquares.Fit(x, [1.0, 2])).Message);
        Assert.Throws<ArgumentException>(() => LeastSquares.Fit(x, [1.0, double.NaN, 3]));
        Assert.Throws<ArgumentException>(() => LeastSquares.Fit(DesignMatrix.FromRows([[1.0, 2, 3]]), [1.0]));
        Assert.Throws<ArgumentException>(() => LeastSquares.ThroughOrigin([0.0, 0.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => LeastSquares.ThroughOrigin([], []));
        Assert.Throws<ArgumentException>(() => LeastSquares.ThroughOrigin([1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => LeastSquares.ThroughOrigin([1.0, double.PositiveInfinity], [1.0, 2.0]));
    }
}

public class StandardizerTests
{
    [Fact]
    public void TransformGivesMeanZeroAndUnitVarianceAndInverseUndoesIt()
    {
        var x = Datasets.Heart().Design(["Age", "MaxHR", "Chol"], intercept: true).X;
        var s = Standardizer.Fit(x);
        var z = s.Transform(x);
        for (int j = 1; j < 4; j++)
        {
            var c = z.Column(j);
            Assert.Equal(0, c.Average(), 12);
            Assert.Equal(1, Math.Sqrt(c.Select(v => v * v).Average()), 12);
        }
        Assert.Equal(x.Column(0), z.Column(0));                    // the intercept column is left alone
        var back = s.Inverse(z);
        for (int k = 0; k < x.Values.Length; k++) Assert.Equal(x.Values[k], back.Values[k], 10);
        Assert.Equal(s.Transform(x.Row(5)), z.Row(5).ToArray());
        Assert.Equal(54.4389438943894, s.Means[1], 10);            // mean age of the 303 patients
    }

    [Fact]
    public void OriginalCoefficientsKeepEveryScore()
    {
        var x = Datasets.Heart().Design(["Age", "MaxHR"], intercept: true).X;
        var s = Standardizer.Fit(x);
        double[] theta = [0.3, 1.2, -0.7];
        var orig = s.OriginalCoefficients(theta);
        var scoresZ = s.Transform(x).Multiply(theta);
        var scoresX = x.Multiply(orig);
        for (int i = 0; i < x.Rows; i++) Assert.Equal(scoresZ[i], scoresX[i], 10);
    }

    [Fact]
    public void MisuseIsRejected()
    {
        var x = DesignMatrix.FromColumn([1.0, 2.0, 4.0]);
        var s = Standardizer.Fit(x);
        Assert.Throws<InvalidOperationException>(() => s.OriginalCoefficients([1.0]));
        Assert.Throws<ArgumentException>(() => s.Transform(DesignMatrix.FromColumns(("a", [1.0]), ("b", [2.0]))));
        Assert.Throws<ArgumentException>(() => s.Transform([1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => s.Transform([double.NaN]));
    }
}
