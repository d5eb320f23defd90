using System.Globalization;
using System.Runtime.InteropServices;
using Descent.Kernel.Protocol;

namespace Descent.Kernel;

/// <summary>
/// Ends the kernel when the front end that started it is gone, as ipykernel's parent poller does: jupyter_client
/// puts the front end's process id in <c>JPY_PARENT_PID</c> when it launches a kernel (on Unix; on Windows the
/// variable holds a handle, and this watcher stays off). Once a second it checks:
/// <list type="bullet">
/// <item>when the kernel is the front end's own child (jupyter_client, jupyter-console, nbclient, JupyterLab's
/// server), whether the kernel's parent process is still that process — a kernel whose parent died is re-parented
/// to init or to a subreaper, so its parent id changes (ipykernel checks only for init, pid 1);</item>
/// <item>otherwise (a launcher in between), whether the process with that id still runs, is not a zombie and is
/// still the same process (same start time, so a recycled id is not mistaken for the front end).</item>
/// </list>
/// <c>JPY_PARENT_PID</c> unset, 0 or 1 turns the watcher off (init never goes away), as in ipykernel.
/// </summary>
public sealed class ParentWatcher : IDisposable
{
    /// <summary>How often the parent is checked (ipykernel: 1 s).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private static readonly bool s_procfs = OperatingSystem.IsLinux() && File.Exists("/proc/self/stat");

    private readonly int _parentPid;
    private readonly bool _directChild;
    private readonly string? _parentIdentity;
    private readonly Action<string> _onGone;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    private ParentWatcher(int parentPid, Action<string> onGone)
    {
        _parentPid = parentPid;
        _onGone = onGone;
        _directChild = ParentProcessId() == parentPid;
        _parentIdentity = Identity(parentPid);
        _thread = new Thread(Poll) { IsBackground = true, Name = "kernel-parent-watcher" };
    }

    /// <summary>The process id being watched.</summary>
    public int ParentPid => _parentPid;

    /// <summary>True when the kernel is that process's child (its parent id is checked), false when its liveness is.</summary>
    public bool DirectChild => _directChild;

    /// <summary>
    /// Starts watching the process named by <c>JPY_PARENT_PID</c>, or returns null when there is nothing to watch.
    /// <paramref name="onGone"/> runs once, on the watcher's thread, with a sentence saying what happened.
    /// </summary>
    public static ParentWatcher? Start(KernelLog log, Action<string> onGone, string? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable("JPY_PARENT_PID");
        if (string.IsNullOrWhiteSpace(variable)) return null;
        if (OperatingSystem.IsWindows())
        {
            log.Info("JPY_PARENT_PID holds a process handle on Windows; the kernel does not watch it");
            return null;
        }
        if (!int.TryParse(variable.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid))
        {
            log.Warn($"JPY_PARENT_PID '{variable}' is not a process id; the kernel will not notice its front end exiting");
            return null;
        }
        if (pid <= 1) return null;
        var watcher = new ParentWatcher(pid, onGone);
        log.Info(watcher._directChild
            ? $"watching the front end (pid {pid}, the kernel's parent): the kernel exits when it does"
            : $"watching the front end (pid {pid}, not the kernel's parent {ParentProcessId()}): the kernel exits when it does");
        watcher._thread.Start();
        return watcher;
    }

    /// <summary>Why the front end counts as gone, or null while it runs.</summary>
    public string? Check()
    {
        int parent = ParentProcessId();
        if (_directChild && parent != _parentPid)
            return $"the front end (pid {_parentPid}) exited: the kernel's parent is now pid {parent}";
        string? identity = Identity(_parentPid);
        if (identity is null)
            return $"the front end (pid {_parentPid}) exited";
        if (_parentIdentity is not null && identity != _parentIdentity)
            return $"the front end (pid {_parentPid}) exited and its process id now belongs to another process";
        return null;
    }

    private void Poll()
    {
        while (!_stop.Token.WaitHandle.WaitOne(PollInterval))
        {
            string? gone;
            try { gone = Check(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { continue; }
            if (gone is null) continue;
            _onGone(gone);
            return;
        }
    }

    /// <summary>The kernel's parent process id (getppid).</summary>
    public static int ParentProcessId()
    {
        if (s_procfs && ReadStat("self") is { } stat) return stat.ParentPid;
        return getppid();
    }

    /// <summary>
    /// Something that changes when the process with id <paramref name="pid"/> is replaced by another one (its
    /// start time), or null when no live process has that id (none, or a zombie waiting to be reaped).
    /// </summary>
    public static string? Identity(int pid)
    {
        if (s_procfs)
        {
            var stat = ReadStat(pid.ToString(CultureInfo.InvariantCulture));
            return stat is null || stat.State is 'Z' or 'X' ? null : stat.StartTime;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime.Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private sealed record Stat(char State, int ParentPid, string StartTime);

    // /proc/<pid>/stat: "pid (comm) state ppid ... starttime(22nd field) ..."; comm may hold spaces and parentheses.
    private static Stat? ReadStat(string pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        int close = text.LastIndexOf(')');
        if (close < 0) return null;
        string[] fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0].Length != 1 || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out int ppid))
            return null;
        return new Stat(fields[0][0], ppid, fields[19]);
    }

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int getppid();

    /// <inheritdoc />
    public void Dispose() => _stop.Cancel();
}
