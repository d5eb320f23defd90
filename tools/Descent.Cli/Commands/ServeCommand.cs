using System.CommandLine;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Descent.Cli.Serving;
using Microsoft.AspNetCore.Connections;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent serve [DIR] [--port N] [--host ADDR]</c>: serves the exported site over HTTP, for a laptop or a
/// classroom network (browsers refuse to load the WebAssembly runtime from <c>file://</c>). Runs until Ctrl+C, then
/// exits 0; exit code 2 when the folder is not an exported site or the address cannot be listened on.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The <c>serve</c> subcommand.</summary>
    public static Command Create()
    {
        var directory = new Argument<string>("dir")
        {
            Description = "The exported site (written by `descent export`).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "site",
        };
        var port = new Option<int>("--port", "-p")
        {
            Description = "The port to listen on (0: any free port).",
            DefaultValueFactory = _ => 8000,
        };
        var host = new Option<string>("--host")
        {
            Description = "The address to listen on: 127.0.0.1 for this computer only, 0.0.0.0 for every network (a classroom).",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = new Command("serve",
            "Serve the exported site over HTTP, so that browsers can load its WebAssembly runtime (they refuse to from file://). " +
            "Runs until Ctrl+C. Exit code: 0 stopped, 2 no exported site in the folder, or the address cannot be listened on.")
        {
            directory, port, host,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // System.CommandLine 2.0.0 leaves Ctrl+C to the runtime unless asked (ProcessTerminationTimeout is null by
            // default), which would kill the server with exit code 130: it stops cleanly on SIGINT and SIGTERM instead.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            return await RunAsync(parse.GetValue(directory)!, parse.GetValue(host)!, parse.GetValue(port), Console.Out, Console.Error, stop.Token);

            void Stop(PosixSignalContext signal)
            {
                signal.Cancel = true;
                stop.Cancel();
            }
        });
        return command;
    }

    /// <summary>
    /// Serves <paramref name="directory"/> until <paramref name="cancellationToken"/> is cancelled; returns the exit code.
    /// <paramref name="started"/> is told once the server listens (tests use it).
    /// </summary>
    internal static async Task<int> RunAsync(string directory, string host, int port, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken, Action<SiteServer>? started = null)
    {
        var shown = Path.TrimEndingDirectorySeparator(directory) + "/";
        if (!Directory.Exists(directory))
            return Fail(stderr, $"there is no folder {shown}; run `descent export` first to write the site, or give the site's folder: descent serve DIR.");
        if (!File.Exists(Path.Combine(directory, "index.html")))
            return Fail(stderr, $"{shown} has no index.html, so it is not an exported site; run `descent export` first to write the site, or give the site's folder: descent serve DIR.");
        if (!TryParseHost(host, out var address))
            return Fail(stderr, $"--host takes an IP address (127.0.0.1: this computer only; 0.0.0.0: every network), not '{host}'.");
        if (port is < 0 or > IPEndPoint.MaxPort)
            return Fail(stderr, $"--port takes a number from 1 to {IPEndPoint.MaxPort} (or 0 for any free port), not {port}.");

        SiteServer server;
        try
        {
            server = await SiteServer.StartAsync(directory, address, port, TextWriter.Synchronized(stderr), cancellationToken);
        }
        catch (Exception e) when (IsAddressInUse(e))
        {
            return Fail(stderr, $"port {port} is already in use on {address}; pick another with --port (e.g. --port {(port == IPEndPoint.MaxPort ? 8000 : port + 1)}), or --port 0 for any free port.");
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            var reason = e.InnerException as SocketException ?? e as SocketException;
            var hint = reason?.SocketErrorCode == SocketError.AddressNotAvailable ? $" ({address} is not an address of this computer; 0.0.0.0 listens on all of them)" : "";
            return Fail(stderr, $"cannot listen on {address} port {port}: {(e.InnerException ?? e).Message}{hint}.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        await using (server)
        {
            if (server.ListensEverywhere)
            {
                stdout.WriteLine($"descent serve: serving {shown} on every network, port {server.Port} (Ctrl+C stops)");
                stdout.WriteLine($"  on this computer:  {server.Url}");
                var network = NetworkUrls(server.Port);
                if (network.Count == 0) stdout.WriteLine("  no network address found: is this computer connected to the classroom network?");
                foreach (var (url, index) in network.Select((u, i) => (u, i)))
                    stdout.WriteLine($"  {(index == 0 ? "for students:" : "             ")}      {url}");
            }
            else
            {
                stdout.WriteLine($"descent serve: serving {shown} at {server.Url} (Ctrl+C stops)");
            }
            started?.Invoke(server);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
        stdout.WriteLine();
        stdout.WriteLine("descent serve: stopped.");
        return 0;
    }

    /// <summary>An IP address, or <c>localhost</c> for 127.0.0.1.</summary>
    internal static bool TryParseHost(string host, out IPAddress address)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }
        return IPAddress.TryParse(host.Trim('[', ']'), out address!);
    }

    /// <summary>The URLs students on the same network can open: one per IPv4 address of this computer that is not loopback.</summary>
    internal static IReadOnlyList<Uri> NetworkUrls(int port)
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus != OperationalStatus.Down)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
                .Distinct()
                .OrderBy(a => a.ToString(), StringComparer.Ordinal)
                .Select(a => SiteServer.UrlFor(a, port))
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static bool IsAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is AddressInUseException || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }) return true;
        return false;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"descent serve: {message}");
        return 2;
    }
}
