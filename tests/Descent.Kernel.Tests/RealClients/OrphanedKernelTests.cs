using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Descent.Kernel.Tests.Support;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Tests.RealClients;

/// <summary>
/// A kernel whose front end dies without shutting it down (jupyter-console's terminal closed, a killed JupyterLab)
/// exits by itself, even while a cell spins in <c>while (true) { }</c>: jupyter_client passes the front end's pid in
/// <c>JPY_PARENT_PID</c> and the kernel watches it (<see cref="ParentWatcher"/>).
/// </summary>
[Collection(RealClientsCollection.Name)]
public sealed class OrphanedKernelTests(JupyterEnvironment jupyter)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [JupyterFact]
    public void Killing_the_jupyter_client_front_end_ends_its_kernel_while_a_cell_spins()
    {
        string folder = jupyter.NewFolder("orphan");
        string pidFile = Path.Combine(folder, "kernel.pid");
        string script = Path.Combine(AppContext.BaseDirectory, "Clients", "orphaning_front_end.py");
        using var frontEnd = Start(JupyterEnvironment.Python, [script, JupyterEnvironment.KernelName, pidFile], null, out var output);
        int kernelPid = 0;
        string? connectionFile = null;
        try
        {
            var ready = Stopwatch.StartNew();
            while (!File.Exists(pidFile) && !frontEnd.HasExited && ready.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(200);
            Assert.True(File.Exists(pidFile), $"the front end never had a running cell:\n{Text(output)}");
            var lines = File.ReadAllLines(pidFile);
            kernelPid = int.Parse(lines[0]);
            connectionFile = lines[1];
            Thread.Sleep(1500);
            Assert.True(Alive(kernelPid), $"the kernel died before its front end:\n{Text(output)}");

            int frontEndPid = frontEnd.Id;
            frontEnd.Kill(); // SIGKILL: no shutdown_request, nothing cleaned up, as when a terminal is closed
            frontEnd.WaitForExit();
            var gone = Stopwatch.StartNew();
            while (Alive(kernelPid) && gone.Elapsed < Deadline) Thread.Sleep(100);
            Assert.False(Alive(kernelPid), $"the kernel still runs {Deadline.TotalSeconds:0} s after its front end was killed:\n{Text(output)}");
            Assert.True(gone.Elapsed < TimeSpan.FromSeconds(1) + ParentWatcher.PollInterval + KernelHost.OrphanExitDeadline + TimeSpan.FromSeconds(2),
                        $"took {gone.Elapsed.TotalSeconds:0.0} s");
            // Re-parented (its parent id changed) or seen dead first: either way the log names the front end.
            WaitFor(() => Text(output).Contains($"the front end (pid {frontEndPid}) exited"), output);
        }
        finally
        {
            if (!frontEnd.HasExited) frontEnd.Kill(entireProcessTree: true);
            if (kernelPid > 0 && Alive(kernelPid)) Kill(kernelPid);
            // The killed front end never deleted its connection file; the kernel's signature journal sits beside it.
            if (connectionFile is not null)
                foreach (string file in new[] { connectionFile, SignatureHistory.JournalPathFor(connectionFile) })
                    File.Delete(file);
        }
    }

    [Fact]
    public void A_kernel_started_through_a_launcher_exits_when_the_process_named_by_JPY_PARENT_PID_does()
    {
        // The kernel's own parent (this test) stays; the front end it was told about is a separate process.
        using var frontEnd = Process.Start(new ProcessStartInfo("sleep", ["600"]))!;
        var connection = TestClient.FreeConnection();
        string folder = jupyter.NewFolder("launcher");
        string connectionFile = Path.Combine(folder, "kernel-launcher.json");
        File.WriteAllText(connectionFile, ConnectionJson(connection));
        using var kernel = Start("dotnet", [JupyterEnvironment.DescentDll, "kernel", "-f", connectionFile],
                                 new() { ["JPY_PARENT_PID"] = frontEnd.Id.ToString() }, out var output);
        try
        {
            using (var client = new TestClient(connection))
            {
                client.WaitReady(TimeSpan.FromMinutes(1));
                var spin = client.Send(client.Shell, "execute_request", new JsonObject { ["code"] = "while (true) { }", ["silent"] = false });
                var started = Stopwatch.StartNew();
                bool running = false;
                while (!running && started.Elapsed < TimeSpan.FromMinutes(2))
                    running = client.Receive(client.IOPub, TimeSpan.FromSeconds(5)) is { } m
                              && m.MsgType == "execute_input" && m.ParentHeader["msg_id"]?.GetValue<string>() == spin.MsgId;
                Assert.True(running, $"the cell never started:\n{Text(output)}");
            }
            Thread.Sleep(1500);
            Assert.False(kernel.HasExited, Text(output));
            Assert.Contains($"watching the front end (pid {frontEnd.Id}, not the kernel's parent", Text(output));

            frontEnd.Kill();
            frontEnd.WaitForExit();
            Assert.True(kernel.WaitForExit(Deadline), $"the kernel still runs {Deadline.TotalSeconds:0} s after its front end exited:\n{Text(output)}");
            Assert.Equal(1, kernel.ExitCode);
            WaitFor(() => Text(output).Contains($"the front end (pid {frontEnd.Id}) exited; shutting down"), output);
        }
        finally
        {
            if (!frontEnd.HasExited) frontEnd.Kill();
            if (!kernel.HasExited) kernel.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void Without_a_usable_JPY_PARENT_PID_nothing_is_watched()
    {
        var log = new RecordingLog();
        foreach (string? value in new[] { "", "0", "1", "not-a-pid" })
        {
            using var watcher = ParentWatcher.Start(log, _ => Assert.Fail("no parent to watch"), value);
            Assert.Null(watcher);
        }
        Assert.Contains(log.Warnings, w => w.Contains("'not-a-pid' is not a process id"));
    }

    [Fact]
    public void The_watcher_sees_its_own_parent_alive_and_a_killed_process_gone()
    {
        var log = new RecordingLog();
        using (var parent = ParentWatcher.Start(log, _ => { }, ParentWatcher.ParentProcessId().ToString())!)
        {
            Assert.True(parent.DirectChild);
            Assert.Null(parent.Check());
        }
        using var other = Process.Start(new ProcessStartInfo("sleep", ["600"]))!;
        string? reason = null;
        using var watcher = ParentWatcher.Start(log, r => reason = r, other.Id.ToString())!;
        Assert.False(watcher.DirectChild);
        Assert.Null(watcher.Check());
        other.Kill();
        other.WaitForExit();
        Assert.Equal($"the front end (pid {other.Id}) exited", watcher.Check());
        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref reason) is null && waited.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(50);
        Assert.Equal($"the front end (pid {other.Id}) exited", reason);
    }

    private static bool Alive(int pid) => ParentWatcher.Identity(pid) is not null;

    private static void Kill(int pid)
    {
        try { using var p = Process.GetProcessById(pid); p.Kill(entireProcessTree: true); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
    }

    private static void WaitFor(Func<bool> condition, StringBuilder output)
    {
        var waited = Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(50);
        Assert.True(condition(), $"the kernel's log does not say why it stopped:\n{Text(output)}");
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private Process Start(string program, IEnumerable<string> arguments, Dictionary<string, string>? environment, out StringBuilder output)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in jupyter.Environment) psi.Environment[k] = v;
        foreach (var (k, v) in environment ?? []) psi.Environment[k] = v;
        var text = new StringBuilder();
        var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        output = text;
        return p;
    }

    private static string ConnectionJson(ConnectionInfo c) => new JsonObject
    {
        ["transport"] = c.Transport, ["ip"] = c.IP, ["shell_port"] = c.ShellPort, ["iopub_port"] = c.IOPubPort,
        ["stdin_port"] = c.StdinPort, ["control_port"] = c.ControlPort, ["hb_port"] = c.HeartbeatPort,
        ["key"] = c.Key, ["signature_scheme"] = c.SignatureScheme,
    }.ToJsonString();
}
