namespace Descent.Kernel.Wire;

/// <summary>
/// The signatures of recent messages, so that a captured message replayed to the kernel is refused (as
/// jupyter_client's Session does with its digest history). Bounded: when full, the older half is forgotten.
/// </summary>
internal sealed class SignatureHistory(int capacity = 1 << 16)
{
    private readonly object _gate = new();
    private HashSet<string> _current = new(StringComparer.Ordinal);
    private HashSet<string> _previous = new(StringComparer.Ordinal);

    /// <summary>Records a signature; false when it was seen before.</summary>
    public bool Add(string signature)
    {
        lock (_gate)
        {
            if (_previous.Contains(signature) || !_current.Add(signature)) return false;
            if (_current.Count >= capacity / 2)
            {
                _previous = _current;
                _current = new HashSet<string>(StringComparer.Ordinal);
            }
            return true;
        }
    }
}
