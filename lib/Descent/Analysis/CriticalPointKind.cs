namespace Descent.Analysis;

/// <summary>What kind of point the gradient and the Hessian's eigenvalues say θ is.</summary>
public enum CriticalPointKind
{
    /// <summary>∇f = 0 and every eigenvalue &gt; 0 (positive definite Hessian): a local minimum.</summary>
    Minimum,

    /// <summary>∇f = 0 and every eigenvalue &lt; 0: a local maximum.</summary>
    Maximum,

    /// <summary>∇f = 0 with eigenvalues of both signs: up along some directions, down along others.</summary>
    Saddle,

    /// <summary>∇f = 0 but some eigenvalue is 0 (and none of the opposite sign): the second-order test cannot decide.</summary>
    Degenerate,

    /// <summary>∇f ≠ 0: not a critical point at all.</summary>
    NotCritical,
}
