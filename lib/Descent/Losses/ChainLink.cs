namespace Descent.Losses;

/// <summary>
/// One row of a chain-rule table: an intermediate variable, its value, its local derivative with respect to the
/// variable before it, and the derivative of the loss with respect to it (the running product from the top).
/// </summary>
/// <param name="Name">"ξ3", or "Lᴬ" for the loss itself.</param>
/// <param name="Definition">How it is computed from the previous variable, e.g. "1 + ξ2".</param>
/// <param name="Value">Its value for this observation.</param>
/// <param name="Derivative">The local derivative as the deck writes it, e.g. "∂ξ3/∂ξ2 = 1".</param>
/// <param name="DerivativeValue">The local derivative's value: one number, or for ξ1 the vector ∂ξ1/∂W = −X.</param>
/// <param name="Upstream">∂L/∂(this variable): the product of the local derivatives above it (1 for L itself).</param>
public sealed record ChainLink(string Name, string Definition, double Value, string Derivative, double[] DerivativeValue, double Upstream);
