using System.Diagnostics;
using System.Text;

namespace Descent.Kernel.Tests.RealClients;

/// <summary>
/// A throw-away Jupyter environment for real clients: the kernelspec is installed with <c>descent kernel install
/// --prefix</c> into a temporary prefix that <c>JUPYTER_PATH</c> points at, and Jupyter's data, runtime and config
/// folders are temporary too, so the user's own kernels and settings are never read or touched. The clients are
/// Debian's (<c>/usr/bin/python3</c> with jupyter_client, nbclient, nbconvert, nbformat); a missing one fails.
/// </summary>
public sealed class JupyterEnvironment : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string KernelName = "csharp-descent-test";

    private readonly string _root = Directory.CreateTempSubdirectory("descent-jupyter-").FullName;

    public JupyterEnvironment()
    {
        RequireTools();
        Prefix = Path.Combine(_root, "prefix");
        Environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(Prefix, "share", "jupyter"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(_root, "data"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(_root, "runtime"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(_root, "config"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
            ["PYTHONNOUSERSITE"] = "1",
        };
        var install = Run("dotnet", [DescentDll, "kernel", "install", "--prefix", Prefix, "--name", KernelName,
                                     "--display-name", "C# (Descent, test)"], TimeSpan.FromMinutes(2));
        if (install.ExitCode != 0) throw new InvalidOperationException($"descent kernel install failed:\n{install.Output}");
        KernelspecFolder = Path.Combine(Prefix, "share", "jupyter", "kernels", KernelName);
    }

    /// <summary>The built CLI next to the tests (a project reference copies it here).</summary>
    public static string DescentDll => Path.Combine(AppContext.BaseDirectory, "descent.dll");

    public string Prefix { get; }
    public string KernelspecFolder { get; }
    public Dictionary<string, string> Environment { get; }

    /// <summary>A new empty folder under the environment's root.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_root, name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;

    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs a program in this environment; stdout and stderr are merged; killed (whole tree) on timeout.</summary>
    public Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? _root,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in Environment) psi.Environment[k] = v;
        var output = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            lock (output) return new Result(-1, $"timed out after {timeout.TotalSeconds:0} s\n{output}");
        }
        p.WaitForExit();
        lock (output) return new Result(p.ExitCode, output.ToString());
    }

    public Result RunPython(IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null) =>
        Run(Python, arguments, timeout, workingDirectory);

    private static void RequireTools()
    {
        string requirement = $"(.ci/run installs python3-jupyter-client, python3-nbclient, jupyter-nbconvert, python3-nbformat; " +
                             $"DESCENT_REQUIRE_TOOLS={System.Environment.GetEnvironmentVariable("DESCENT_REQUIRE_TOOLS") ?? "unset"})";
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing {requirement}");
        var psi = new ProcessStartInfo(Python, ["-c", "import jupyter_client, nbclient, nbconvert, nbformat, zmq"])
        {
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"the Jupyter clients are missing {requirement}:\n{error}");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Real-client tests start kernels; they run one class at a time so that two cores are enough.</summary>
[CollectionDefinition(Name)]
public sealed class RealClientsCollection : ICollectionFixture<JupyterEnvironment>
{
    public const string Name = "Real Jupyter clients";
}
