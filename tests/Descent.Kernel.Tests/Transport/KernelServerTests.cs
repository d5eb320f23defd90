using System.Text;
using System.Text.Json.Nodes;
using Descent.Kernel.Protocol;
using Descent.Kernel.Tests.Support;
using Descent.Kernel.Transport;
using Descent.Kernel.Wire;
using NetMQ;

namespace Descent.Kernel.Tests.Transport;

/// <summary>The kernel's five real sockets, driven by an in-process NetMQ client.</summary>
public sealed class KernelServerTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeInterpreter _interpreter = new();
    private readonly RecordingLog _log = new();
    private readonly KernelServer _server;
    private readonly KernelCore _core;
    private readonly Task _running;
    private readonly TestClient _client;

    public KernelServerTests()
    {
        // A port found free can be taken by another process (parallel test runs) before the kernel binds it: try again
        // with new ports, as a front end would start the kernel again.
        ConnectionInfo connection;
        for (int attempt = 1; ; attempt++)
        {
            connection = TestClient.FreeConnection();
            try
            {
                _server = new KernelServer(connection, _log);
                break;
            }
            catch (KernelStartupException) when (attempt < 5)
            {
            }
        }
        _core = new KernelCore(_interpreter, _server, new MessageFactory("kernel-session"), _log);
        _running = Task.Factory.StartNew(() => _server.Run(_core, TimeSpan.FromSeconds(2)), TaskCreationOptions.LongRunning);
        _client = new TestClient(connection);
        _client.WaitReady(Wait);
    }

    public void Dispose()
    {
        _server.Stop();
        _running.Wait(Wait);
        _server.Dispose();
        _client.Dispose();
    }

    [Fact]
    public void Execute_over_sockets_replies_on_shell_and_publishes_outputs_between_busy_and_idle()
    {
        var request = _client.Send(_client.Shell, "execute_request", new JsonObject { ["code"] = "print hi\nresult 7", ["silent"] = false });
        var reply = _client.Receive(_client.Shell, Wait)!;
        Assert.Equal("execute_reply", reply.MsgType);
        Assert.Equal(request.MsgId, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());

        var iopub = _client.IOPubUntilIdle(request, Wait);
        Assert.Equal(["status", "execute_input", "stream", "execute_result", "status"], iopub.Select(m => m.MsgType));
        Assert.Equal("busy", iopub[0].Content["execution_state"]!.GetValue<string>());
        Assert.Equal("7", iopub[3].Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Wrongly_signed_execute_is_dropped_logged_and_never_executed()
    {
        var message = new JupyterMessage([], Requests.Header("execute_request"), new JsonObject(), new JsonObject(),
                                         new JsonObject { ["code"] = "print pwned" });
        var forger = new WireFormat(MessageSigner.Create("hmac-sha256", "not-the-key"));
        _client.Shell.SendMultipartBytes(forger.Encode(message));

        Assert.Null(_client.Receive(_client.Shell, TimeSpan.FromMilliseconds(500)));
        Assert.Empty(_interpreter.Executed);
        Assert.Contains(_log.Warnings, w => w.Contains("signature does not match") && w.Contains("not executed"));

        _client.Send(_client.Shell, "kernel_info_request");
        Assert.Equal("kernel_info_reply", _client.Receive(_client.Shell, Wait)!.MsgType);
    }

    [Fact]
    public void Malformed_frames_are_ignored_and_the_kernel_keeps_serving()
    {
        _client.Shell.SendMultipartBytes(Encoding.ASCII.GetBytes("garbage"), [0xff, 0x00]);
        _client.Shell.SendMultipartBytes("<IDS|MSG>"u8.ToArray(), "sig"u8.ToArray());
        _client.Control.SendFrame("not even multipart");

        _client.Send(_client.Shell, "kernel_info_request");
        Assert.Equal("kernel_info_reply", _client.Receive(_client.Shell, Wait)!.MsgType);
        _client.Send(_client.Control, "kernel_info_request");
        Assert.Equal("kernel_info_reply", _client.Receive(_client.Control, Wait)!.MsgType);
        Assert.Equal(3, _log.Warnings.Count(w => w.Contains("malformed")));
    }

    [Fact]
    public void Heartbeat_echoes_the_ping()
    {
        _client.Heartbeat.SendFrame("ping");
        Assert.True(_client.Heartbeat.TryReceiveFrameString(Wait, out string? echo));
        Assert.Equal("ping", echo);
    }

    [Fact]
    public void Control_and_heartbeat_answer_while_a_cell_runs_and_interrupt_stops_it()
    {
        var running = _client.Send(_client.Shell, "execute_request", new JsonObject { ["code"] = "block" });
        Assert.True(_interpreter.Blocking.Wait(Wait));

        _client.Heartbeat.SendFrame("ping");
        Assert.True(_client.Heartbeat.TryReceiveFrameString(Wait, out _));
        _client.Send(_client.Control, "kernel_info_request");
        Assert.Equal("kernel_info_reply", _client.Receive(_client.Control, Wait)!.MsgType);
        Assert.Null(_client.Receive(_client.Shell, TimeSpan.FromMilliseconds(200))); // the cell still runs

        _client.Send(_client.Control, "interrupt_request");
        Assert.Equal("interrupt_reply", _client.Receive(_client.Control, Wait)!.MsgType);
        var reply = _client.Receive(_client.Shell, Wait)!;
        Assert.Equal(running.MsgId, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("OperationCanceledException", reply.Content["ename"]!.GetValue<string>());

        _client.Send(_client.Shell, "execute_request", new JsonObject { ["code"] = "result after" });
        Assert.Equal("ok", _client.Receive(_client.Shell, Wait)!.Content["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Shutdown_request_on_control_is_answered_and_ends_the_server()
    {
        _client.Send(_client.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        var reply = _client.Receive(_client.Control, Wait)!;
        Assert.Equal("shutdown_reply", reply.MsgType);
        Assert.False(reply.Content["restart"]!.GetValue<bool>());
        await _running.WaitAsync(Wait);
        Assert.True(_running.IsCompletedSuccessfully);
    }
}
