using Descent.Optimizers;
using Descent.Schedules;
using Descent.Training;

namespace Descent.Tests.Optimizers;

public class HyperparameterValidationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ALearningRateThatIsNotFiniteAndPositiveIsRejected(double alpha)
    {
        foreach (Func<object> create in new Func<object>[]
                 {
                     () => new GradientDescent(alpha), () => new Momentum(alpha), () => new Nesterov(alpha),
                     () => new Adagrad(alpha), () => new RMSProp(alpha), () => new Adam(alpha),
                 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Contains("learning rate", ex.Message);
            Assert.Contains("such as 0.1", ex.Message);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void AMomentumOrDecayOutsideTheUnitIntervalIsRejected(double value)
    {
        Assert.Contains("momentum coefficient gamma must be in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(0.1, value)).Message);
        Assert.Contains("momentum coefficient gamma must be in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Nesterov(0.1, value)).Message);
        Assert.Contains("decay rate rho must be in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new RMSProp(0.1, value)).Message);
        Assert.Contains("rho1 must be in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(0.1, rho1: value)).Message);
        Assert.Contains("rho2 must be in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(0.1, rho2: value)).Message);
    }

    [Fact]
    public void ZeroMomentumIsAllowedAndIsPlainGradientDescent()
    {
        var momentum = new Momentum(0.1, 0).Run(new TestProblems.Bowl(), [1.0, 1.0], StopRule.After(10));
        var gd = new GradientDescent(0.1).Run(new TestProblems.Bowl(), [1.0, 1.0], StopRule.After(10));
        Assert.Equal(gd.Losses, momentum.Losses);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-8)]
    [InlineData(double.NaN)]
    public void ADeltaThatIsNotPositiveIsRejected(double delta)
    {
        Assert.Contains("stabilizing constant delta", Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(0.1, delta)).Message);
        Assert.Contains("such as 1e-6", Assert.Throws<ArgumentOutOfRangeException>(() => new RMSProp(0.1, delta: delta)).Message);
        Assert.Contains("such as 1e-8", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(0.1, delta: delta)).Message);
    }

    [Fact]
    public void ANullScheduleIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new GradientDescent(null!));
        Assert.Throws<ArgumentNullException>(() => new Momentum((Schedule)null!));
    }
}
