using Descent.Notebooks.Execution;

namespace Descent.Notebooks.Scripting;

/// <summary>
/// What <c>display(value)</c> and <c>value.Display()</c> return: a handle on the output they created.
/// <see cref="Update"/> replaces that output with a new value, in place (Jupyter's <c>update_display_data</c>);
/// a saved notebook keeps the final state.
/// </summary>
public sealed class DisplayHandle
{
    private readonly EngineSession _session;
    private readonly string[] _mimeTypes;

    internal DisplayHandle(EngineSession session, string displayId, string[] mimeTypes)
    {
        _session = session;
        DisplayId = displayId;
        _mimeTypes = mimeTypes;
    }

    /// <summary>The display id (Jupyter's <c>transient.display_id</c>).</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed output with <paramref name="newValue"/>, formatted the same way.</summary>
    public void Update(object? newValue) => _session.UpdateDisplay(DisplayId, newValue, _mimeTypes);

    /// <summary>The display id.</summary>
    public override string ToString() => $"display {DisplayId}";
}
