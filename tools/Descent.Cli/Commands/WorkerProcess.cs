using Descent.Notebooks.Running;

namespace Descent.Cli.Commands;

/// <summary>
/// How <c>descent run</c> and <c>descent export</c> start the worker process each notebook runs in
/// (<see cref="NotebookWorker"/>, the hidden <c>descent __run-notebook</c>): the same descent, started the way this one
/// was (the <c>descent</c> executable itself, or <c>dotnet descent.dll</c>), also from a test host that calls the
/// commands in-process.
/// </summary>
internal static class WorkerProcess
{
    public static NotebookWorkerCommand Command { get; } = Create();

    private static NotebookWorkerCommand Create()
    {
        var dll = typeof(WorkerProcess).Assembly.Location; // descent.dll
        var host = Environment.ProcessPath;
        if (host is not null && string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
            return new NotebookWorkerCommand(host, [dll]);
        var apphost = Path.Combine(Path.GetDirectoryName(dll)!, OperatingSystem.IsWindows() ? "descent.exe" : "descent");
        if (host is not null && string.Equals(Path.GetFullPath(host), apphost, StringComparison.Ordinal))
            return new NotebookWorkerCommand(host, []);
        // a test host or another program: the dotnet host the SDK names, else the one on PATH
        return new NotebookWorkerCommand(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet", [dll]);
    }
}
