using BenchmarkDotNet.Attributes;
using Descent.Optimizers;

namespace Descent.Bench;

/// <summary>One Step of each optimizer on p = 16 with a cheap gradient (∇f = θ): the step's own cost, allocations included.</summary>
public class StepperBenchmarks
{
    private Stepper stepper = null!;
    private double[] theta = null!;
    private GradientOracle gradientAt = null!;

    [Params("GD", "Momentum", "Nesterov", "Adagrad", "RMSProp", "Adam")]
    public string Optimizer { get; set; } = "GD";

    [GlobalSetup]
    public void Setup()
    {
        stepper = Optimizer switch
        {
            "GD" => new GradientDescent(0.01),
            "Momentum" => new Momentum(0.01, 0.9),
            "Nesterov" => new Nesterov(0.01, 0.9),
            "Adagrad" => new Adagrad(0.01),
            "RMSProp" => new RMSProp(0.001),
            "Adam" => new Adam(0.001),
            _ => throw new ArgumentException(Optimizer),
        };
        theta = Workloads.Theta(16);
        gradientAt = static (t, g) => t.CopyTo(g);
        stepper.Step(theta, gradientAt);   // creates the state vectors
    }

    /// <summary>θ ← step(θ).</summary>
    [Benchmark]
    public void Step() => stepper.Step(theta, gradientAt);
}
