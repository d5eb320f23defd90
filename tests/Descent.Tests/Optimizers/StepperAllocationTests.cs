using Descent.Optimizers;
using Descent.Schedules;

namespace Descent.Tests.Optimizers;

public class StepperAllocationTests
{
    public static TheoryData<string> Steppers => ["GD", "Momentum", "Momentum average", "Nesterov", "Adagrad", "RMSProp", "Adam",
        "Adam no correction", "GD clipped", "GD exponential schedule", "Momentum step decay"];

    private static Stepper Create(string name) => name switch
    {
        "GD" => new GradientDescent(0.01),
        "Momentum" => new Momentum(0.01),
        "Momentum average" => new Momentum(0.01, 0.9, MomentumConvention.AverageOfGradients),
        "Nesterov" => new Nesterov(0.01),
        "Adagrad" => new Adagrad(0.01),
        "RMSProp" => new RMSProp(0.01),
        "Adam" => new Adam(0.01),
        "Adam no correction" => new Adam(0.01, biasCorrection: false),
        "GD clipped" => new GradientDescent(0.01) { ClipNorm = 0.5 },
        "GD exponential schedule" => new GradientDescent(Schedule.Exponential(0.01, 1e-6)),
        "Momentum step decay" => new Momentum(Schedule.StepDecay(0.01, 0.5, 1000)),
        _ => throw new ArgumentException(name),
    };

    private static void Quadratic(ReadOnlySpan<double> theta, Span<double> g)
    {
        for (int i = 0; i < theta.Length; i++) g[i] = (i + 1) * theta[i];
    }

    [Theory]
    [MemberData(nameof(Steppers))]
    public void StepsAllocateNothingOnceTheStateExists(string name)
    {
        var stepper = Create(name);
        var theta = Enumerable.Range(0, 16).Select(i => 1.0 + i).ToArray();
        GradientOracle oracle = Quadratic;
        for (int i = 0; i < 100; i++) stepper.Step(theta, oracle);   // creates the state, warms up the JIT

        // Three rounds, the least counted: the runtime's tiered JIT can allocate on this thread while it recompiles a hot
        // method (seen under load), once; a step that allocates would allocate in every round.
        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++) stepper.Step(theta, oracle);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
        Assert.Equal(30_100, stepper.T);
        Assert.All(theta, x => Assert.True(double.IsFinite(x)));
    }
}
