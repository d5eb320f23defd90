// The kernel's protocol overhead, without the engine: KernelServer + KernelCore over real ZeroMQ sockets with an
// interpreter that answers every cell at once, driven by an in-process NetMQ client that sends an execute_request
// and waits for its status: idle (as jupyter_client does). Prints the median round trip and the CPU time per request.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Descent.Kernel.Protocol;
using Descent.Kernel.Transport;
using Descent.Kernel.Wire;
using NetMQ;
using NetMQ.Sockets;

int requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var connection = new ConnectionInfo("tcp", "127.0.0.1", FreePort(), FreePort(), FreePort(), FreePort(), FreePort(),
                                    Guid.NewGuid().ToString(), "hmac-sha256", null);
var log = new KernelLog(TextWriter.Null);
using var server = new KernelServer(connection, log);
var core = new KernelCore(new InstantInterpreter(), server, new MessageFactory(Guid.NewGuid().ToString()), log);
var serving = Task.Factory.StartNew(() => server.Run(core, TimeSpan.FromSeconds(1)), TaskCreationOptions.LongRunning);

var wire = new WireFormat(MessageSigner.Create(connection.SignatureScheme, connection.Key));
using var shell = new DealerSocket();
using var iopub = new SubscriberSocket();
shell.Connect(connection.Endpoint(connection.ShellPort));
iopub.Connect(connection.Endpoint(connection.IOPubPort));
iopub.SubscribeToAnyTopic();
Thread.Sleep(500); // let the subscription reach the publisher

var frames = new List<byte[]>();
double RoundTrip(int i)
{
    var header = new JsonObject
    {
        ["msg_id"] = $"bench-{i}", ["msg_type"] = "execute_request", ["session"] = "bench", ["username"] = "bench",
        ["date"] = MessageFactory.Now(), ["version"] = MessageFactory.ProtocolVersion,
    };
    var request = new JupyterMessage([], header, new JsonObject(), new JsonObject(),
                                     new JsonObject { ["code"] = "1 + 1", ["silent"] = false, ["store_history"] = true });
    var clock = Stopwatch.StartNew();
    shell.SendMultipartBytes(wire.Encode(request));
    while (true)
    {
        if (!iopub.TryReceiveMultipartBytes(TimeSpan.FromSeconds(10), ref frames)) throw new TimeoutException("no idle status");
        if (wire.TryDecode(frames, out var m, out _) == WireProblem.None && m!.MsgType == "status"
            && m.Content["execution_state"]!.GetValue<string>() == "idle" && m.ParentHeader["msg_id"]!.GetValue<string>() == $"bench-{i}")
            break;
    }
    double ms = clock.Elapsed.TotalMilliseconds;
    if (!shell.TryReceiveMultipartBytes(TimeSpan.FromSeconds(10), ref frames)) throw new TimeoutException("no execute_reply");
    return ms;
}

for (int i = 0; i < 200; i++) RoundTrip(-1 - i); // JIT warm-up
var process = Process.GetCurrentProcess();
process.Refresh();
var cpu = process.TotalProcessorTime;
var times = Enumerable.Range(0, requests).Select(RoundTrip).Order().ToList();
process.Refresh();
double cpuPerRequest = (process.TotalProcessorTime - cpu).TotalMilliseconds / requests;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"execute_request -> status: idle, no-op interpreter, {requests} requests: median {times[requests / 2]:F3} ms, " +
    $"p90 {times[requests * 9 / 10]:F3} ms, CPU {cpuPerRequest:F3} ms per request (client and kernel together); " +
    $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
server.Stop();
serving.Wait();

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    int port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

/// <summary>Answers every cell with the result 2, at once.</summary>
sealed class InstantInterpreter : IKernelInterpreter
{
    public KernelInfo Info { get; } = new("bench", "0", new LanguageInfo("C#", "0", "text/x-csharp", ".cs", "csharp", "text/x-csharp"), "", []);
    public ExecutionOutcome Execute(ExecutionRequest request, IExecutionOutput output)
    {
        output.Result(MimeBundle.PlainText("2"));
        return ExecutionOutcome.Ok;
    }
    public CompletionResult Complete(string code, int cursor) => new([], cursor, cursor);
    public InspectionResult Inspect(string code, int cursor, int detailLevel) => InspectionResult.NotFound;
    public Completeness IsComplete(string code) => new(CompletenessStatus.Complete);
    public void Interrupt() { }
    public void Dispose() { }
}
