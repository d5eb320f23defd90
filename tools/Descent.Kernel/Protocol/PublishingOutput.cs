using System.Text;
using System.Text.Json.Nodes;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Protocol;

/// <summary>
/// A cell's outputs published on IOPub with the execute_request as parent. Stream text is coalesced (written at
/// most every <see cref="StreamFlushInterval"/>, and always before any other output, so order is kept), as
/// ipykernel does, so that a loop printing thousands of lines does not send thousands of messages.
/// </summary>
internal sealed class PublishingOutput : IExecutionOutput, IDisposable
{
    /// <summary>How long stream text may wait before it is published.</summary>
    public static readonly TimeSpan StreamFlushInterval = TimeSpan.FromMilliseconds(50);

    private readonly IKernelChannels _channels;
    private readonly MessageFactory _factory;
    private readonly JupyterMessage _request;
    private readonly int _executionCount;
    private readonly bool _allowStdin;
    private readonly CancellationToken _inputCancel;
    private readonly object _gate = new();
    private readonly StringBuilder _pending = new();
    private readonly Timer _timer;
    private string _pendingName = "stdout";
    private bool _timerArmed;
    private bool _disposed;

    public PublishingOutput(IKernelChannels channels, MessageFactory factory, JupyterMessage request,
                            int executionCount, bool allowStdin, CancellationToken inputCancel)
    {
        _channels = channels;
        _factory = factory;
        _request = request;
        _executionCount = executionCount;
        _allowStdin = allowStdin;
        _inputCancel = inputCancel;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_pending.Length > 0 && name != _pendingName) FlushLocked();
            _pendingName = name;
            _pending.Append(text);
            if (_disposed)
            {
                // Output after the cell ended (a thread it started): published at once, like ipykernel does.
                FlushLocked();
                return;
            }
            if (!_timerArmed)
            {
                _timerArmed = true;
                _timer.Change(StreamFlushInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Display(MimeBundle bundle, string? displayId) =>
        Publish("display_data", BundleContent(bundle, displayId));

    public void UpdateDisplay(MimeBundle bundle, string displayId) =>
        Publish("update_display_data", BundleContent(bundle, displayId));

    public void Result(MimeBundle bundle)
    {
        var content = BundleContent(bundle, null);
        content["execution_count"] = _executionCount;
        Publish("execute_result", content);
    }

    public void ClearOutput(bool wait) => Publish("clear_output", new JsonObject { ["wait"] = wait });

    public string RequestInput(string prompt, bool password)
    {
        if (!_allowStdin)
            throw new InvalidOperationException(
                "this front end does not accept input requests (allow_stdin is false); give the value in the code instead");
        Flush();
        _channels.Send(KernelChannel.Stdin, _factory.StdinRequest(_request, "input_request",
            new JsonObject { ["prompt"] = prompt, ["password"] = password }));
        while (true)
        {
            var reply = _channels.ReceiveStdin(_inputCancel)
                ?? throw new OperationCanceledException("input was interrupted");
            if (reply.MsgType == "input_reply")
                return reply.Content["value"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
        }
    }

    /// <summary>Publishes the error output of a failed cell (after any pending stream text).</summary>
    public void Error(ExecutionOutcome outcome) => Publish("error", KernelCore.ErrorContent(outcome));

    /// <summary>Publishes any pending stream text now.</summary>
    public void Flush()
    {
        lock (_gate) FlushLocked();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            FlushLocked();
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Publish(string msgType, JsonObject content)
    {
        lock (_gate)
        {
            FlushLocked();
            _channels.Send(KernelChannel.IOPub, _factory.Publication(_request, msgType, content));
        }
    }

    private void FlushLocked()
    {
        _timerArmed = false;
        if (_pending.Length == 0) return;
        string text = _pending.ToString();
        _pending.Clear();
        _channels.Send(KernelChannel.IOPub, _factory.Publication(_request, "stream",
            new JsonObject { ["name"] = _pendingName, ["text"] = text }));
    }

    private static JsonObject BundleContent(MimeBundle bundle, string? displayId)
    {
        var content = new JsonObject
        {
            ["data"] = bundle.Data.DeepClone(),
            ["metadata"] = bundle.Metadata.DeepClone(),
        };
        content["transient"] = displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId };
        return content;
    }
}

/// <summary>The output of a silent request: nothing is broadcast.</summary>
internal sealed class SilentOutput : IExecutionOutput
{
    public static SilentOutput Instance { get; } = new();
    public void Stream(string name, string text) { }
    public void Display(MimeBundle bundle, string? displayId) { }
    public void UpdateDisplay(MimeBundle bundle, string displayId) { }
    public void Result(MimeBundle bundle) { }
    public void ClearOutput(bool wait) { }
    public string RequestInput(string prompt, bool password) =>
        throw new InvalidOperationException("a silent execution cannot ask for input");
}
