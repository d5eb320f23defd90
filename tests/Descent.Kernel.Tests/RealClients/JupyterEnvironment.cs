using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Descent.Kernel.Tests.RealClients;

/// <summary>
/// A throw-away Jupyter environment for real clients: the kernelspec is installed with <c>descent kernel install
/// --prefix</c> into a temporary prefix that <c>JUPYTER_PATH</c> points at, and Jupyter's data, runtime and config
/// folders are temporary too, so the user's own kernels and settings are never read or touched. The clients are
/// Debian's (<c>/usr/bin/python3</c>, or <c>DESCENT_PYTHON</c>, with jupyter_client, nbclient, nbconvert, nbformat, zmq).
/// Without them the tests marked <see cref="JupyterFactAttribute"/> or <see cref="JupyterTheoryAttribute"/> are skipped
/// and this environment installs nothing, unless <c>DESCENT_REQUIRE_TOOLS=1</c> (as in <c>.ci/run</c>) makes that a failure.
/// </summary>
public sealed class JupyterEnvironment : IDisposable
{
    public const string KernelName = "csharp-descent-test";

    /// <summary>The interpreter: <c>DESCENT_PYTHON</c> when set (a test of this very check points it elsewhere), else Debian's.</summary>
    public static string Python => System.Environment.GetEnvironmentVariable("DESCENT_PYTHON") is { Length: > 0 } python ? python : "/usr/bin/python3";

    /// <summary>Under CI (DESCENT_REQUIRE_TOOLS=1) missing clients fail the tests instead of skipping them.</summary>
    public static bool IsRequired => System.Environment.GetEnvironmentVariable("DESCENT_REQUIRE_TOOLS") == "1";

    /// <summary>Why the real-client tests are skipped, or null when they run.</summary>
    public static string? SkipReason => IsRequired || Missing.Value is not (var missing, _)
        ? null
        : $"{missing}; set DESCENT_REQUIRE_TOOLS=1 to make this a failure.";

    private const string Packages = "python3-jupyter-client python3-nbclient jupyter-nbconvert python3-nbformat python3-zmq";

    private static readonly Lazy<(string Reason, string Detail)?> Missing = new(FindMissing);

    private readonly string _root = Directory.CreateTempSubdirectory("descent-jupyter-").FullName;

    public JupyterEnvironment()
    {
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
        KernelspecFolder = Path.Combine(Prefix, "share", "jupyter", "kernels", KernelName);
        if (Missing.Value is (var missing, var detail))
        {
            if (IsRequired) throw new InvalidOperationException($"{missing}, and DESCENT_REQUIRE_TOOLS=1 makes that a failure.{detail}");
            return; // the tests that need the clients are skipped; the others need no kernelspec
        }
        var install = Run("dotnet", [DescentDll, "kernel", "install", "--prefix", Prefix, "--name", KernelName,
                                     "--display-name", "C# (Descent, test)"], TimeSpan.FromMinutes(2));
        if (install.ExitCode != 0) throw new InvalidOperationException($"descent kernel install failed:\n{install.Output}");
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

    /// <summary>What is not installed (and what Python said), or null when the interpreter imports every client; checked once per test run.</summary>
    private static (string Reason, string Detail)? FindMissing()
    {
        var psi = new ProcessStartInfo(Python, ["-c", "import jupyter_client, nbclient, nbconvert, nbformat, zmq"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (Win32Exception e) { return ($"{Python} is not installed (apt-get install python3 {Packages})", $"\n{e.Message}"); }
        using (p)
        {
            _ = p.StandardOutput.ReadToEndAsync();
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : ($"The Jupyter clients are not installed for {Python} (apt-get install {Packages})", $"\n{error.Trim()}");
        }
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

/// <summary>A fact that needs the Jupyter clients: skipped without them, unless DESCENT_REQUIRE_TOOLS=1 makes their absence a failure.</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the clients are missing and not required.</summary>
    public JupyterFactAttribute() => Skip = JupyterEnvironment.SkipReason;
}

/// <summary>A theory that needs the Jupyter clients: skipped without them, unless DESCENT_REQUIRE_TOOLS=1 makes their absence a failure.</summary>
public sealed class JupyterTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the clients are missing and not required.</summary>
    public JupyterTheoryAttribute() => Skip = JupyterEnvironment.SkipReason;
}
