namespace Descent.Kernel.Protocol;

/// <summary>
/// The kernel's diagnostic log. It writes to the process's original standard error (which Jupyter shows in
/// its log), never to <see cref="Console.Error"/>, which a running cell may have redirected.
/// </summary>
public class KernelLog
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();

    /// <summary>A log on the process's standard error stream.</summary>
    public KernelLog() : this(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true }) { }

    /// <summary>A log on the given writer.</summary>
    public KernelLog(TextWriter writer) => _writer = writer;

    /// <summary>Something was refused or went wrong, and the kernel carries on.</summary>
    public virtual void Warn(string message) => Write("warning", message);

    /// <summary>Normal events worth a line: start, shutdown.</summary>
    public virtual void Info(string message) => Write("info", message);

    private void Write(string level, string message)
    {
        lock (_gate) _writer.WriteLine($"[descent-kernel {DateTime.Now:HH:mm:ss.fff} {level}] {message}");
    }
}
