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
    // The console text of the stream output being written (the last output, while console text keeps coming): kept
    // here and turned into its StreamOutput once, so printing many lines costs time in proportion to the text.
    private readonly StringBuilder _openStream = new();
    private string? _openStreamName;
    // How much console text this cell has kept, and what was left out past the cap.
    private long _keptChars;
    private long _droppedChars;
    private long _droppedLines;
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

    /// <summary>
    /// The most console text (stdout and stderr together) a cell keeps and sends on: 1,000,000 characters, about 12,000
    /// lines of 80 characters. Past it, text is counted, not kept, and one note at the end says how much was left out,
    /// as Jupyter front ends cap what a cell may print.
    /// </summary>
    public const int MaxStreamChars = 1_000_000;

    private void FlushLocked()
    {
        _lastFlush = Stopwatch.GetTimestamp();
        if (_pending.Length == 0 || _pendingName is null) return;
        var text = _pending.ToString();
        var name = _pendingName;
        _pending.Clear();
        var room = MaxStreamChars - _keptChars;
        if (text.Length > room)
        {
            var dropped = text.AsSpan((int)Math.Max(room, 0));
            _droppedChars += dropped.Length;
            _droppedLines += dropped.Count('\n');
            if (room <= 0) return;
            text = text[..(int)room];
        }
        _keptChars += text.Length;
        AppendStreamLocked(name, text);
        Notify(o => o.OnStream(name, text));
    }

    private void AppendStreamLocked(string name, string text)
    {
        if (_openStreamName != name) CloseStreamLocked();
        _openStreamName = name;
        _openStream.Append(text);
    }

    /// <summary>Turns the console text written since the last other output into its stream output.</summary>
    private void CloseStreamLocked()
    {
        if (_openStreamName is null) return;
        _outputs.Add(new StreamOutput(_openStreamName, _openStream.ToString()));
        _openStream.Clear();
        _openStreamName = null;
    }

    /// <summary>Adds a rich output (display, result, error) after the console text so far.</summary>
    private void AddLocked(CellOutput output)
    {
        CloseStreamLocked();
        _outputs.Add(output);
    }

    /// <summary>The note that ends a cell's output when it printed more than the cap.</summary>
    private void NoteTruncationLocked()
    {
        if (_droppedChars == 0) return;
        var note = $"\n[output truncated: the cell printed {_droppedChars:N0} more characters ({_droppedLines:N0} more lines) " +
                   $"after the first {MaxStreamChars:N0}; a cell keeps at most {MaxStreamChars:N0} characters of console output. " +
                   "Print less, e.g. every 100th step, or write the rest to a file.]\n";
        AppendStreamLocked("stderr", note);
        Notify(o => o.OnStream("stderr", note));
        _droppedChars = 0;
        _droppedLines = 0;
    }

    public DisplayHandle Display(object? value, string[] mimeTypes)
    {
        var bundle = Session.Formatter.Format(value, mimeTypes);
        var displayId = Guid.NewGuid().ToString("N");
        var output = new DisplayDataOutput(bundle, displayId: displayId);
        lock (_lock)
        {
            FlushLocked();
            if (!_completed) AddLocked(output);
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
            AddLocked(new ExecuteResultOutput(ExecutionCount, bundle));
            Notify(o => o.OnResult(ExecutionCount, bundle.Clone(), new JsonObject()));
        }
    }

    public void Error(CellError error)
    {
        lock (_lock)
        {
            FlushLocked();
            NoteTruncationLocked();
            AddLocked(error.ToOutput());
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
            NoteTruncationLocked();
            CloseStreamLocked();
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
