using System.Runtime.InteropServices;
using Descent.Kernel.Protocol;
using Descent.Kernel.Transport;
using Descent.Kernel.Wire;

namespace Descent.Kernel;

/// <summary>Runs a kernel process: reads the connection file, binds, serves until shutdown.</summary>
public static class KernelHost
{
    /// <summary>How long a running cell gets to notice the interrupt that precedes a shutdown.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Serves the kernel described by <paramref name="connectionFile"/> until a shutdown_request (or SIGTERM).
    /// Returns the process exit code: 0 after a requested shutdown, 1 when the kernel cannot start.
    /// </summary>
    public static int Run(string connectionFile, Func<KernelLog, IKernelInterpreter> createInterpreter, KernelLog? log = null)
    {
        log ??= new KernelLog();
        KernelServer server;
        try
        {
            var connection = ConnectionInfo.Load(connectionFile);
            server = new KernelServer(connection, log);
        }
        catch (KernelStartupException e)
        {
            log.Warn($"cannot start: {e.Message}");
            return 1;
        }
        var interpreter = createInterpreter(log);
        using (server)
        {
            var core = new KernelCore(interpreter, server, new MessageFactory(Guid.NewGuid().ToString()), log);
            // A client that ignores interrupt_mode "message" sends SIGINT: interrupt the cell, keep the process.
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
            {
                ctx.Cancel = true;
                log.Info("SIGINT: interrupting the running cell");
                interpreter.Interrupt();
            });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                log.Info("SIGTERM: stopping");
                interpreter.Interrupt();
                server.Stop();
            });
            log.Info($"serving {connectionFile} (pid {Environment.ProcessId})");
            server.Run(core, ShutdownGrace);
        }
        // Releasing the session must not keep a shut-down kernel alive (a cell may still be unwinding).
        if (!Task.Run(interpreter.Dispose).Wait(TimeSpan.FromSeconds(1)))
            log.Warn("the interpreter did not release its resources within 1 s; exiting anyway");
        log.Info("stopped");
        NetMQ.NetMQConfig.Cleanup(block: false);
        return 0;
    }
}
