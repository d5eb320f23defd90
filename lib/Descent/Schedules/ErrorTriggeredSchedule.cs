namespace Descent.Schedules;

/// <summary>
/// Step decay triggered by the error (NPTEL: "reduce the learning rate ... if certain degenerative conditions are met,
/// e.g. if current error more than previous error"): after every step, if the loss rose, multiply α by
/// <see cref="Factor"/>; otherwise keep it.
/// <code>
/// α_0 = alpha0
/// α_(t+1) = factor · α_t   if L(θ_(t+1)) &gt; L(θ_t)
/// α_(t+1) = α_t            otherwise
/// </code>
/// </summary>
/// <remarks>
/// Unlike the other schedules, α_t depends on the run: the schedule must see the loss after each step.
/// <see cref="Optimizers.Stepper.Run"/> (full-batch runs) shows it every loss, starting with L(θ_0), which also
/// forgets the previous run; <c>RunMiniBatches</c> does not (a mini-batch loss rises and falls by chance), and
/// there the schedule stays at α_0. When you call <see cref="Optimizers.Stepper.Step"/> yourself, call
/// <see cref="Start"/> with L(θ_0) and <see cref="Observe"/> with the loss after every step.
/// </remarks>
public sealed class ErrorTriggeredSchedule : Schedule, ILossFeedback
{
    private readonly List<double> rates = [];
    private double previousLoss = double.NaN;

    /// <summary>Creates an error-triggered step decay.</summary>
    /// <param name="alpha0">α_0, the starting learning rate (finite, &gt; 0).</param>
    /// <param name="factor">What α is multiplied by each time the loss rises, in (0, 1); 0.5 halves it.</param>
    public ErrorTriggeredSchedule(double alpha0, double factor = 0.5)
    {
        Guard.LearningRate(alpha0, nameof(alpha0));
        if (!double.IsFinite(factor) || factor <= 0 || factor >= 1)
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                $"The decay factor must be in (0, 1) (α is multiplied by it each time the loss rises), but it was {Show(factor)}. " +
                "Pass a value such as 0.5 to halve the learning rate.");
        Alpha0 = alpha0;
        Factor = factor;
        rates.Add(alpha0);
    }

    /// <summary>α_0, the starting learning rate.</summary>
    public double Alpha0 { get; }

    /// <summary>The factor α is multiplied by each time the loss rises.</summary>
    public double Factor { get; }

    /// <summary>How many times the loss has risen (and α been cut) since <see cref="Start"/>.</summary>
    public int Cuts { get; private set; }

    /// <summary>Starts a new run: α goes back to α_0, and <paramref name="loss0"/> = L(θ_0) is the loss to beat.</summary>
    public void Start(double loss0)
    {
        rates.Clear();
        rates.Add(Alpha0);
        Cuts = 0;
        previousLoss = loss0;
    }

    /// <summary>The loss after a step: if it rose, the next step uses factor · α; otherwise the same α.</summary>
    public void Observe(double loss)
    {
        double alpha = rates[^1];
        if (loss > previousLoss)      // the error grew:
        {
            alpha *= Factor;          //   α ← factor · α
            Cuts++;
        }
        rates.Add(alpha);             // otherwise α stays
        previousLoss = loss;
    }

    /// <summary>α_t as decided so far; for a step not yet reached, the current α.</summary>
    protected override double Rate(int t) => t < rates.Count ? rates[t] : rates[^1];

    /// <summary>For legends: "α = 1.2, × 0.5 when the loss rises".</summary>
    public override string ToString() => $"α = {Show(Alpha0)}, × {Show(Factor)} when the loss rises";
}

/// <summary>
/// A schedule that needs to see the loss: <see cref="Optimizers.Stepper.Run"/> calls <see cref="Start"/> with
/// L(θ_0) and <see cref="Observe"/> with the loss after every step.
/// </summary>
public interface ILossFeedback
{
    /// <summary>A new run starts at loss L(θ_0).</summary>
    void Start(double loss0);

    /// <summary>A step has been taken; <paramref name="loss"/> is the loss at the new θ.</summary>
    void Observe(double loss);
}
