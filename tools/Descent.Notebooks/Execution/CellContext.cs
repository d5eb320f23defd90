using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Descent.Notebooks.Model;
using Descent.Notebooks.Scripting;

namespace Descent.Notebooks.Execution;

/// <summary>
/// The cell running on the current logical flow: collects its outputs in order, merges console text into stream
/// outputs, and forwards every output to the observer as it happens. One per cell execution.
/// </summary>
internal sealed class CellContext : IDisposable
{
    private static readonly AsyncLocal<CellContext?> s_current = new();

    private readonly object _lock = new();
    private readonly List<CellOutput> _outputs = [];
    private readonly IExecutionObserver? _observer;
    private readonly StringBuilder _pending = new();
    private string? _pendingName;
    private long _lastFlush = Stopwatch.GetTimestamp();
    private readonly Timer _flushTimer;
    private bool _completed;

    public CellContext(EngineSession session, int executionCount, IExecutionObserver? observer)
    {
        Session = session;
        ExecutionCount = executionCount;
        _observer = observer;
        _flushTimer = new Timer(_ => FlushIfPending(), null, 200, 200);
    }

    public EngineSession Session { get; }

    public int ExecutionCount { get; }

    /// <summary>The cell running on this logical flow, or null.</summary>
    public static CellContext? Current
    {
        get
        {
            var ctx = s_current.Value;
            if (ctx is null) return null;
            // A thread or timer a finished cell left behind writes into the session's running cell, if any;
            // otherwise its output still reaches the finished cell's observer (it is no longer saved).
            return ctx._completed ? ctx.Session.ActiveContext ?? ctx : ctx;
        }
    }

    public static CellContext RequireCurrent() => Current
        ?? throw new InvalidOperationException("display() and .Display() work only while a notebook cell is running.");

    /// <summary>Makes this the current cell for the calling logical flow (and everything it starts).</summary>
    public void Enter() => s_current.Value = this;

    public bool IsCompleted => _completed;

    public void WriteStream(string name, string text)
    {
        lock (_lock)
        {
            if (_completed)
            {
                Notify(o => o.OnStream(name, text));
                return;
            }
            if (_pendingName is not null && _pendingName != name) FlushLocked();
            _pendingName = name;
            _pending.Append(text);
            if (text.Contains('\n') && Stopwatch.GetElapsedTime(_lastFlush).TotalMilliseconds >= 50) FlushLocked();
        }
    }

    /// <summary>Sends buffered console text now (<c>Console.Out.Flush()</c> in a cell).</summary>
    public void FlushIfPending()
    {
        lock (_lock)
        {
            if (_pending.Length > 0) FlushLocked();
        }
    }

    private void FlushLocked()
    {
        _lastFlush = Stopwatch.GetTimestamp();
        if (_pending.Length == 0 || _pendingName is null) return;
        var text = _pending.ToString();
        var name = _pendingName;
        _pending.Clear();
        if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == name) last.Text += text;
        else _outputs.Add(new StreamOutput(name, text));
        Notify(o => o.OnStream(name, text));
    }

    public DisplayHandle Display(object? value, string[] mimeTypes)
    {
        var bundle = Session.Formatter.Format(value, mimeTypes);
        var displayId = Guid.NewGuid().ToString("N");
        var output = new DisplayDataOutput(bundle, displayId: displayId);
        lock (_lock)
        {
            FlushLocked();
            if (!_completed) _outputs.Add(output);
            Session.RegisterDisplay(output);
            Notify(o => o.OnDisplay(displayId, bundle.Clone(), new JsonObject()));
        }
        return new DisplayHandle(Session, displayId, mimeTypes);
    }

    /// <summary>Tells the observer that a display output (of this cell or an earlier one) was replaced.</summary>
    public void NotifyDisplayUpdate(string displayId, MimeBundle bundle)
    {
        lock (_lock)
        {
            FlushLocked();
            Notify(o => o.OnDisplayUpdate(displayId, bundle.Clone(), new JsonObject()));
        }
    }

    public void Result(MimeBundle bundle)
    {
        lock (_lock)
        {
            FlushLocked();
            _outputs.Add(new ExecuteResultOutput(ExecutionCount, bundle));
            Notify(o => o.OnResult(ExecutionCount, bundle.Clone(), new JsonObject()));
        }
    }

    public void Error(CellError error)
    {
        lock (_lock)
        {
            FlushLocked();
            _outputs.Add(error.ToOutput());
            Notify(o => o.OnError(error));
        }
    }

    public void Started() => Notify(o => o.OnStarted(ExecutionCount));

    /// <summary>Flushes console text and stops accepting output. Returns the outputs.</summary>
    public IReadOnlyList<CellOutput> Complete()
    {
        lock (_lock)
        {
            FlushLocked();
            _completed = true;
            return _outputs.ToArray();
        }
    }

    private void Notify(Action<IExecutionObserver> call)
    {
        if (_observer is null) return;
        using var _ = ConsoleRouter.Bypass();
        try
        {
            call(_observer);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"descent: an execution observer failed: {e}");
        }
    }

    public void Dispose() => _flushTimer.Dispose();
}
