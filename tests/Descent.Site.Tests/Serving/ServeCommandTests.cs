using System.Net;
using System.Net.Sockets;
using Descent.Cli.Commands;

namespace Descent.Site.Tests.Serving;

/// <summary><c>descent serve</c> as a teacher runs it: what it prints, its errors and their exit codes.</summary>
public class ServeCommandTests
{
    private sealed record Run(int ExitCode, string Out, string Err);

    /// <summary>Runs the command where it must fail before serving (so it returns at once).</summary>
    private static async Task<Run> FailAsync(string directory, string host = "127.0.0.1", int port = 0)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await ServeCommand.RunAsync(directory, host, port, stdout, stderr, CancellationToken.None,
            started: _ => throw new InvalidOperationException("the server started"));
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    private static string SiteWithIndex()
    {
        var site = Path.Combine(TestPaths.NewTempFolder(), "site");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "index.html"), "<!DOCTYPE html><title>Descent</title>");
        return site;
    }

    [Fact]
    public async Task ItServesUntilStoppedThenExitsZero()
    {
        var site = SiteWithIndex();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = ServeCommand.RunAsync(site, "127.0.0.1", 0, stdout, stderr, stop.Token, server => started.SetResult(server.Url));

        Assert.Same(started.Task, await Task.WhenAny(started.Task, run));
        var url = await started.Task;
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(0, url.Port);
        using (var client = new HttpClient())
        {
            Assert.Contains("<title>Descent</title>", await client.GetStringAsync(url));
            using var missing = await client.GetAsync(new Uri(url, "/favicon.ico"));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        stop.Cancel();
        Assert.Equal(0, await run);
        Assert.StartsWith($"descent serve: serving {site}/ at {url} (Ctrl+C stops)" + Environment.NewLine, stdout.ToString());
        Assert.EndsWith("descent serve: stopped." + Environment.NewLine, stdout.ToString());
        // Nothing per request, but one line per 404.
        Assert.Equal("descent serve: 404 /favicon.ico" + Environment.NewLine, stderr.ToString());

        // Stopped means the port is closed.
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, url.Port));
    }

    [Fact]
    public async Task OnEveryNetworkItPrintsTheUrlsForStudents()
    {
        // Listens on every interface for a moment; the test itself only connects through the loopback address.
        var site = SiteWithIndex();
        var stdout = new StringWriter();
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = ServeCommand.RunAsync(site, "0.0.0.0", 0, stdout, new StringWriter(), stop.Token, server => started.SetResult(server.Url));
        Assert.Same(started.Task, await Task.WhenAny(started.Task, run));
        var url = await started.Task;
        Assert.Equal("127.0.0.1", url.Host);
        using (var client = new HttpClient())
            Assert.Contains("<title>Descent</title>", await client.GetStringAsync(url));
        stop.Cancel();
        Assert.Equal(0, await run);

        var lines = stdout.ToString().Split(Environment.NewLine);
        Assert.Equal($"descent serve: serving {site}/ on every network, port {url.Port} (Ctrl+C stops)", lines[0]);
        Assert.Equal($"  on this computer:  {url}", lines[1]);
        var students = ServeCommand.NetworkUrls(url.Port);
        if (students.Count == 0)
        {
            Assert.Equal("  no network address found: is this computer connected to the classroom network?", lines[2]);
            return;
        }
        Assert.Equal($"  for students:      {students[0]}", lines[2]);
        for (var i = 1; i < students.Count; i++)
            Assert.Equal(new string(' ', 21) + students[i], lines[2 + i]);
    }

    [Fact]
    public async Task AMissingFolderSaysToExportFirst()
    {
        var missing = Path.Combine(TestPaths.NewTempFolder(), "site");
        var run = await FailAsync(missing);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"descent serve: there is no folder {missing}/; run `descent export` first to write the site, or give the site's folder: descent serve DIR."
                     + Environment.NewLine, run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task AFolderWithoutIndexHtmlSaysToExportFirst()
    {
        var folder = TestPaths.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a site");
        var run = await FailAsync(folder);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"descent serve: {folder}/ has no index.html, so it is not an exported site; run `descent export` first", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task APortInUseSaysToPickAnotherWithPort()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var run = await FailAsync(SiteWithIndex(), port: port);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"descent serve: port {port} is already in use on 127.0.0.1; pick another with --port (e.g. --port {port + 1}), or --port 0 for any free port."
                     + Environment.NewLine, run.Err);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("classroom", 0, "--host takes an IP address (127.0.0.1: this computer only; 0.0.0.0: every network), not 'classroom'.")]
    [InlineData("127.0.0.1", 70000, "--port takes a number from 1 to 65535 (or 0 for any free port), not 70000.")]
    [InlineData("127.0.0.1", -1, "--port takes a number from 1 to 65535 (or 0 for any free port), not -1.")]
    public async Task ABadHostOrPortIsRefused(string host, int port, string message)
    {
        var run = await FailAsync(SiteWithIndex(), host, port);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("descent serve: " + message + Environment.NewLine, run.Err);
    }

    [Fact]
    public void TheCommandLineParsesDirPortAndHost()
    {
        var command = ServeCommand.Create();
        var parse = command.Parse(["public", "--port", "9000", "--host", "0.0.0.0"]);
        Assert.Empty(parse.Errors);
        Assert.Equal("public", parse.GetValue<string>("dir"));
        Assert.Equal(9000, parse.GetValue<int>("--port"));
        Assert.Equal("0.0.0.0", parse.GetValue<string>("--host"));

        var defaults = command.Parse([]);
        Assert.Equal("site", defaults.GetValue<string>("dir"));
        Assert.Equal(8000, defaults.GetValue<int>("--port"));
        Assert.Equal("127.0.0.1", defaults.GetValue<string>("--host"));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("::", "::")]
    [InlineData("[::1]", "::1")]
    [InlineData("192.168.1.20", "192.168.1.20")]
    public void HostIsAnIpAddressOrLocalhost(string host, string address)
    {
        Assert.True(ServeCommand.TryParseHost(host, out var parsed));
        Assert.Equal(IPAddress.Parse(address), parsed);
    }

    [Fact]
    public void TheClassroomUrlsAreThisComputersIpv4AddressesButLoopback()
    {
        foreach (var url in ServeCommand.NetworkUrls(8000))
        {
            Assert.Equal(8000, url.Port);
            Assert.Equal("/", url.AbsolutePath);
            var address = IPAddress.Parse(url.Host);
            Assert.Equal(AddressFamily.InterNetwork, address.AddressFamily);
            Assert.False(IPAddress.IsLoopback(address));
        }
    }
}
