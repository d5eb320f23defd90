using Descent.Kernel.Protocol;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Tests.Support;

/// <summary>A transport that records what the core sends and serves queued stdin replies.</summary>
internal sealed class RecordingChannels : IKernelChannels
{
    public List<(KernelChannel Channel, JupyterMessage Message)> Sent { get; } = [];
    public Queue<JupyterMessage> StdinReplies { get; } = new();

    public void Send(KernelChannel channel, JupyterMessage message)
    {
        lock (Sent) Sent.Add((channel, message));
    }

    public JupyterMessage? ReceiveStdin(CancellationToken cancel) =>
        StdinReplies.TryDequeue(out var m) ? m : null;

    public IEnumerable<JupyterMessage> On(KernelChannel channel) => Sent.Where(s => s.Channel == channel).Select(s => s.Message);

    /// <summary>The IOPub messages as "type" or "status:state" strings, in order.</summary>
    public List<string> IOPubTrace() => On(KernelChannel.IOPub)
        .Select(m => m.MsgType == "status" ? $"status:{m.Content["execution_state"]}" : m.MsgType).ToList();

    public void Clear() => Sent.Clear();
}

/// <summary>A log that keeps its lines for assertions.</summary>
internal sealed class RecordingLog() : KernelLog(TextWriter.Null)
{
    public List<string> Warnings { get; } = [];
    public override void Warn(string message) { lock (Warnings) Warnings.Add(message); }
    public override void Info(string message) { }
}
