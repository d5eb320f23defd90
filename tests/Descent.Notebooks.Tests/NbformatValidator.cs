using System.ComponentModel;
using System.Diagnostics;

namespace Descent.Notebooks.Tests;

/// <summary>
/// Validates a notebook file against the official nbformat schema with Debian's python3-nbformat
/// (<c>/usr/bin/python3</c>, or <c>DESCENT_PYTHON</c>; the python3 on PATH may be a shim without it). Without the
/// interpreter or the module the calling test is skipped (so it must be a skippable fact), unless
/// <c>DESCENT_REQUIRE_TOOLS=1</c> (as in <c>.ci/run</c>) makes that a failure.
/// </summary>
internal static class NbformatValidator
{
    /// <summary>The interpreter: <c>DESCENT_PYTHON</c> when set (a test of this very check points it elsewhere), else Debian's.</summary>
    public static string Python => Environment.GetEnvironmentVariable("DESCENT_PYTHON") is { Length: > 0 } python ? python : "/usr/bin/python3";

    /// <summary>Under CI (DESCENT_REQUIRE_TOOLS=1) a missing validator fails the tests instead of skipping them.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable("DESCENT_REQUIRE_TOOLS") == "1";

    private static readonly Lazy<(string Reason, string Detail)?> Missing = new(FindMissing);

    private const string Script = """
        import sys
        import nbformat
        nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
        print("valid", nb.nbformat, nb.nbformat_minor)
        """;

    public static void AssertValid(string path)
    {
        if (Missing.Value is (var missing, var detail))
        {
            if (IsRequired) Assert.Fail($"{missing}, and DESCENT_REQUIRE_TOOLS=1 makes that a failure.{detail}");
            Skip.If(true, $"{missing}; set DESCENT_REQUIRE_TOOLS=1 to make this a failure.");
        }
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"nbformat rejected {path}:\n{stderr}");
        Assert.StartsWith("valid 4", stdout.Result);
    }

    /// <summary>What is not installed (and what Python said), or null when the interpreter imports nbformat; checked once per test run.</summary>
    private static (string Reason, string Detail)? FindMissing()
    {
        var psi = new ProcessStartInfo(Python, ["-c", "import nbformat"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (Win32Exception e) { return ($"{Python} is not installed (apt-get install python3 python3-nbformat)", $"\n{e.Message}"); }
        using (p)
        {
            _ = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0
                ? null
                : ($"The Python module nbformat is not installed for {Python} (apt-get install python3-nbformat)", $"\n{error.Trim()}");
        }
    }
}
