using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Descent.Kernel.Wire;
using NetMQ;
using NetMQ.Sockets;

namespace Descent.Kernel.Tests.Support;

/// <summary>A minimal Jupyter client over NetMQ, for testing the kernel's sockets in-process.</summary>
internal sealed class TestClient : IDisposable
{
    public const string Key = "test-key-5b2f";
    public readonly WireFormat Wire = new(MessageSigner.Create("hmac-sha256", Key));
    public readonly DealerSocket Shell = new(), Control = new(), Stdin = new();
    public readonly SubscriberSocket IOPub = new();
    public readonly RequestSocket Heartbeat = new();

    public TestClient(ConnectionInfo c)
    {
        var identity = Encoding.ASCII.GetBytes("client-" + Guid.NewGuid().ToString("N")[..8]);
        Shell.Options.Identity = identity;
        Stdin.Options.Identity = identity;
        Shell.Connect(c.Endpoint(c.ShellPort));
        Control.Connect(c.Endpoint(c.ControlPort));
        Stdin.Connect(c.Endpoint(c.StdinPort));
        IOPub.Connect(c.Endpoint(c.IOPubPort));
        IOPub.SubscribeToAnyTopic();
        Heartbeat.Connect(c.Endpoint(c.HeartbeatPort));
    }

    public static ConnectionInfo FreeConnection()
    {
        // Five distinct ports: all five listeners are open at once, so the system cannot hand out one port twice.
        var listeners = Enumerable.Range(0, 5).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return new("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], Key, "hmac-sha256", null);
    }

    public JupyterMessage Send(NetMQSocket socket, string msgType, JsonObject? content = null)
    {
        var message = new JupyterMessage([], Requests.Header(msgType), new JsonObject(), new JsonObject(), content ?? new JsonObject());
        socket.SendMultipartBytes(Wire.Encode(message));
        return message;
    }

    public JupyterMessage? Receive(NetMQSocket socket, TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!socket.TryReceiveMultipartBytes(deadline - DateTime.UtcNow, ref frames)) return null;
            if (Wire.TryDecode(frames, out var message, out string detail) == WireProblem.None) return message;
            throw new InvalidOperationException("the kernel sent an undecodable message: " + detail);
        }
        return null;
    }

    /// <summary>IOPub messages whose parent is <paramref name="request"/>, up to and including its idle status.</summary>
    public List<JupyterMessage> IOPubUntilIdle(JupyterMessage request, TimeSpan timeout)
    {
        var seen = new List<JupyterMessage>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var m = Receive(IOPub, deadline - DateTime.UtcNow);
            if (m is null) break;
            if (m.ParentHeader["msg_id"]?.GetValue<string>() != request.MsgId) continue;
            seen.Add(m);
            if (m.MsgType == "status" && m.Content["execution_state"]!.GetValue<string>() == "idle") break;
        }
        return seen;
    }

    /// <summary>Sends kernel_info requests until IOPub delivers, so the subscription is live (slow joiner).</summary>
    public void WaitReady(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var request = Send(Shell, "kernel_info_request");
            if (Receive(Shell, TimeSpan.FromSeconds(5)) is null) throw new TimeoutException("no kernel_info_reply");
            if (IOPubUntilIdle(request, TimeSpan.FromMilliseconds(300)).Count > 0) return;
        }
        throw new TimeoutException("IOPub never delivered");
    }

    public void Dispose()
    {
        foreach (var s in new NetMQSocket[] { Shell, Control, Stdin, IOPub, Heartbeat })
        {
            s.Options.Linger = TimeSpan.Zero;
            s.Dispose();
        }
    }
}
