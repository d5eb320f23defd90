using Descent.Kernel.Wire;

namespace Descent.Kernel.Protocol;

/// <summary>The four message channels of a kernel (heartbeat carries no messages).</summary>
public enum KernelChannel
{
    /// <summary>Requests and replies from every front end.</summary>
    Shell,
    /// <summary>Like shell, but never queued behind execution: interrupt, shutdown.</summary>
    Control,
    /// <summary>Broadcast: status, execute_input, outputs.</summary>
    IOPub,
    /// <summary>The kernel's input requests to the front end that executes.</summary>
    Stdin,
}

/// <summary>The transport as <see cref="KernelCore"/> sees it: send a message, wait for an input reply.</summary>
public interface IKernelChannels
{
    /// <summary>Signs and sends a message; safe to call from any thread.</summary>
    void Send(KernelChannel channel, JupyterMessage message);

    /// <summary>
    /// Waits for the next verified message on the stdin channel (an input_reply), or null when the kernel is
    /// stopping or <paramref name="cancel"/> fires.
    /// </summary>
    JupyterMessage? ReceiveStdin(CancellationToken cancel);
}
