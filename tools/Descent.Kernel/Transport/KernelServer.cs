using Descent.Kernel.Protocol;
using Descent.Kernel.Wire;
using NetMQ;
using NetMQ.Sockets;

namespace Descent.Kernel.Transport;

/// <summary>
/// The ZeroMQ side of the kernel (xeus's "server"): the five sockets of the connection file, bound only to its
/// transport, IP and ports — shell ROUTER, IOPub PUB, stdin ROUTER, control ROUTER, heartbeat REP — each served
/// on its own thread, so that a running cell never blocks the control channel or the heartbeat. Frames are
/// decoded and verified by <see cref="WireFormat"/>; a frame list that is malformed or wrongly signed is logged
/// and dropped, never handed to <see cref="KernelCore"/>.
/// </summary>
public sealed class KernelServer : IKernelChannels, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConnectionInfo _connection;
    private readonly WireFormat _wire;
    private readonly KernelLog _log;
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly object _iopubGate = new(), _shellGate = new(), _controlGate = new(), _stdinGate = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _disposed;

    /// <summary>
    /// Binds the five sockets where the connection file says. <paramref name="history"/> remembers the accepted
    /// signatures (replays are refused); without it, a history in memory is used.
    /// </summary>
    /// <exception cref="KernelStartupException">A port cannot be bound (in use, or the IP is not local).</exception>
    public KernelServer(ConnectionInfo connection, KernelLog log, SignatureHistory? history = null)
    {
        _connection = connection;
        _wire = new WireFormat(MessageSigner.Create(connection.SignatureScheme, connection.Key), history);
        _log = log;
        Bind(_shell, connection.ShellPort, "shell");
        Bind(_iopub, connection.IOPubPort, "iopub");
        Bind(_stdin, connection.StdinPort, "stdin");
        Bind(_control, connection.ControlPort, "control");
        Bind(_heartbeat, connection.HeartbeatPort, "heartbeat");
        if (!_wire.Signer.Enabled)
            log.Warn("the connection file has an empty key: messages are not signed or verified");
    }

    /// <summary>The wire format (signer) in use.</summary>
    public WireFormat Wire => _wire;

    /// <summary>
    /// Serves until <see cref="KernelCore.Stopping"/> fires: the shell, control and heartbeat loops each on a
    /// background thread. Returns when the kernel is asked to shut down; a cell still running after
    /// <paramref name="drainTimeout"/> is abandoned with its background thread.
    /// </summary>
    public void Run(KernelCore core, TimeSpan drainTimeout)
    {
        using var link = CancellationTokenSource.CreateLinkedTokenSource(core.Stopping, _stop.Token);
        var token = link.Token;
        var heartbeat = Start("heartbeat", () => HeartbeatLoop(token));
        var control = Start("control", () => RequestLoop(_control, _controlGate, "control", core.HandleControl, null, token));
        var shell = Start("shell", () => RequestLoop(_shell, _shellGate, "shell", core.HandleShell, core.OnShellQueueEmpty, token));
        core.PublishStarting();
        token.WaitHandle.WaitOne();
        // Let the control reply leave, and a cell that heeded the interrupt finish, before the sockets close.
        control.Join(drainTimeout);
        shell.Join(drainTimeout);
        heartbeat.Join(drainTimeout);
    }

    /// <summary>Stops the loops without a shutdown request (tests, SIGTERM).</summary>
    public void Stop() => _stop.Cancel();

    /// <inheritdoc />
    public void Send(KernelChannel channel, JupyterMessage message)
    {
        var frames = _wire.Encode(message);
        var (socket, gate) = channel switch
        {
            KernelChannel.Shell => ((NetMQSocket)_shell, _shellGate),
            KernelChannel.Control => (_control, _controlGate),
            KernelChannel.Stdin => (_stdin, _stdinGate),
            _ => (_iopub, _iopubGate),
        };
        lock (gate)
        {
            if (_disposed) return;
            socket.SendMultipartBytes(frames);
        }
    }

    /// <inheritdoc />
    public JupyterMessage? ReceiveStdin(CancellationToken cancel)
    {
        var frames = new List<byte[]>();
        while (!cancel.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            bool got;
            lock (_stdinGate)
            {
                if (_disposed) return null;
                got = _stdin.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(50), ref frames);
            }
            if (got && Decode(frames, "stdin") is { } message) return message;
        }
        return null;
    }

    private void RequestLoop(NetMQSocket socket, object gate, string channel, Action<JupyterMessage> handle,
                             Action? onQueueEmpty, CancellationToken token)
    {
        var frames = new List<byte[]>();
        while (!token.IsCancellationRequested)
        {
            try
            {
                bool got;
                lock (gate) got = socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames);
                if (!got)
                {
                    onQueueEmpty?.Invoke();
                    // Waiting outside the lock would be nicer, but receive and send on one socket must not overlap;
                    // replies on this socket are only ever sent from this thread, so the lock is never contended.
                    lock (gate) got = socket.TryReceiveMultipartBytes(PollInterval, ref frames);
                    if (!got) continue;
                }
                if (Decode(frames, channel) is { } message) handle(message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (token.IsCancellationRequested || _disposed) return;
                _log.Warn($"the {channel} loop survived an unexpected error: {e}");
            }
        }
    }

    private void HeartbeatLoop(CancellationToken token)
    {
        var frames = new List<byte[]>();
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (_heartbeat.TryReceiveMultipartBytes(PollInterval, ref frames))
                    _heartbeat.SendMultipartBytes(frames);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (token.IsCancellationRequested || _disposed) return;
                _log.Warn($"the heartbeat loop survived an unexpected error: {e.Message}");
            }
        }
    }

    private JupyterMessage? Decode(List<byte[]> frames, string channel)
    {
        var problem = _wire.TryDecode(frames, out var message, out string detail);
        switch (problem)
        {
            case WireProblem.None:
                return message;
            case WireProblem.BadSignature:
            case WireProblem.Replayed:
                _log.Warn($"dropped a message on {channel}: {detail}; it was not executed");
                return null;
            default:
                _log.Warn($"ignored a malformed message on {channel}: {detail}");
                return null;
        }
    }

    private void Bind(NetMQSocket socket, int port, string name)
    {
        socket.Options.Linger = TimeSpan.FromMilliseconds(500);
        string endpoint = _connection.Endpoint(port);
        try
        {
            socket.Bind(endpoint);
        }
        catch (Exception e) when (e is NetMQException or System.Net.Sockets.SocketException or ArgumentException)
        {
            throw new KernelStartupException($"cannot bind the {name} socket to {endpoint}: {e.Message}", e);
        }
    }

    private static Thread Start(string name, Action loop)
    {
        var thread = new Thread(() => loop()) { IsBackground = true, Name = $"kernel-{name}" };
        thread.Start();
        return thread;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        lock (_iopubGate) lock (_shellGate) lock (_controlGate) lock (_stdinGate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
                socket.Dispose();
        }
    }
}
