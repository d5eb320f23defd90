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
    /// How long a kernel whose front end is gone (see <see cref="ParentWatcher"/>) may take to shut down before the
    /// process exits regardless: a cell spinning in <c>while (true) {}</c> cannot be aborted.
    /// </summary>
    public static readonly TimeSpan OrphanExitDeadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Serves the kernel described by <paramref name="connectionFile"/> until a shutdown_request (or SIGTERM), or
    /// until the front end named by <c>JPY_PARENT_PID</c> exits. Returns the process exit code: 0 after a requested
    /// shutdown, 1 when the kernel cannot start or its front end is gone.
    /// </summary>
    public static int Run(string connectionFile, Func<KernelLog, IKernelInterpreter> createInterpreter, KernelLog? log = null)
    {
        log ??= new KernelLog();
        KernelServer server;
        SignatureHistory? history = null;
        try
        {
            var connection = ConnectionInfo.Load(connectionFile);
            // Remembered across restarts (a restart keeps the connection file and its key): see SignatureHistory.
            if (connection.Key.Length > 0) history = SignatureHistory.Open(connectionFile, connection.Key, log.Warn);
            server = new KernelServer(connection, log, history);
        }
        catch (KernelStartupException e)
        {
            history?.Dispose();
            log.Warn($"cannot start: {e.Message}");
            return 1;
        }
        var interpreter = createInterpreter(log);
        int exitCode = 0;
        using (history)
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
            using var watcher = ParentWatcher.Start(log, reason =>
            {
                log.Warn($"{reason}; shutting down");
                Volatile.Write(ref exitCode, 1);
                interpreter.Interrupt();
                server.Stop();
                // Nobody is left to interrupt a cell that ignores it: exit even while it spins.
                new Thread(() =>
                {
                    Thread.Sleep(OrphanExitDeadline);
                    log.Warn($"still running {OrphanExitDeadline.TotalSeconds:0} s after the front end exited; exiting now");
                    Environment.Exit(1);
                }) { IsBackground = true, Name = "kernel-orphan-exit" }.Start();
            });
            // What a cell can do to end the process (an exception on a thread it started; Environment.Exit) is told
            // to the front end before the process ends; the process then exits with a failure, which jupyter_client
            // sees as the kernel dying and offers a restart for. (A stack overflow cannot be reported: the runtime ends
            // the process at once; runaway recursion in the cell's own methods is stopped before it, by the engine.)
            bool stopping = false;
            UnhandledExceptionEventHandler unhandled = (_, e) =>
            {
                var x = e.ExceptionObject as Exception;
                core.ReportFatal("KernelDied", $"a thread a cell started threw {(x is null ? e.ExceptionObject : $"{x.GetType().FullName}: {x.Message}")}, " +
                    "and an exception no code catches ends a .NET process", onlyWhileExecuting: false);
                Thread.Sleep(500); // let ZeroMQ's I/O thread send it
            };
            EventHandler exiting = (_, _) =>
            {
                if (Volatile.Read(ref stopping)) return;
                if (core.ReportFatal("KernelDied", $"the cell called Environment.Exit({Environment.ExitCode}), which ends the kernel's process", onlyWhileExecuting: true))
                    Thread.Sleep(500);
            };
            AppDomain.CurrentDomain.UnhandledException += unhandled;
            AppDomain.CurrentDomain.ProcessExit += exiting;
            try
            {
                log.Info($"serving {connectionFile} (pid {Environment.ProcessId})");
                server.Run(core, ShutdownGrace);
            }
            finally
            {
                Volatile.Write(ref stopping, true);
                AppDomain.CurrentDomain.UnhandledException -= unhandled;
                AppDomain.CurrentDomain.ProcessExit -= exiting;
            }
        }
        // Releasing the session must not keep a shut-down kernel alive (a cell may still be unwinding).
        if (!Task.Run(interpreter.Dispose).Wait(TimeSpan.FromSeconds(1)))
            log.Warn("the interpreter did not release its resources within 1 s; exiting anyway");
        log.Info("stopped");
        NetMQ.NetMQConfig.Cleanup(block: false);
        return Volatile.Read(ref exitCode);
    }
}
