using Descent.Notebooks.Desktop;

namespace Descent.Notebooks.Execution;

/// <summary>
/// A session of the engine on the desktop (<see cref="DesktopHost"/>): what <c>descent run</c>, <c>descent export</c>
/// and the Jupyter kernel execute cells with. Everything a cell means is in <see cref="EngineSession"/>.
/// </summary>
public sealed class NotebookSession : EngineSession
{
    /// <summary>Starts a session (cheap: Roslyn loads on the first cell, or in <see cref="EngineSession.WarmUpAsync"/>).</summary>
    public NotebookSession(SessionOptions? options = null) : this(new DesktopHost(options ?? new SessionOptions()))
    {
    }

    private NotebookSession(DesktopHost host) : base(host, host.Options) => Desktop = host;

    /// <summary>The desktop host this session runs on.</summary>
    public DesktopHost Desktop { get; }

    /// <summary>The folder cells run in and relative paths start from; null when the session leaves the current directory alone.</summary>
    public string? WorkingDirectory => Desktop.WorkingDirectory;

    /// <summary>Restores <c>#r "nuget: ..."</c> packages the engine does not carry (replaceable by tests).</summary>
    internal NuGetRestorer Restorer
    {
        get => Desktop.Restorer;
        set => Desktop.Restorer = value;
    }
}
