using System.Diagnostics;

namespace Descent.Site.Tests;

/// <summary>
/// Validates a notebook file against the official nbformat schema with Debian's python3-nbformat
/// (<c>/usr/bin/python3</c>; the python3 on PATH may be a shim without it). A missing interpreter or module fails the test.
/// </summary>
internal static class NbformatValidator
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys
        import nbformat
        nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
        print("valid", nb.nbformat, nb.nbformat_minor)
        """;

    public static void AssertValid(string path)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install Debian's python3 and python3-nbformat (.ci/run does).");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (stderr.Contains("No module named 'nbformat'"))
            Assert.Fail($"The Python module nbformat is missing (apt-get install python3-nbformat; DESCENT_REQUIRE_TOOLS={Environment.GetEnvironmentVariable("DESCENT_REQUIRE_TOOLS")}).");
        Assert.True(p.ExitCode == 0, $"nbformat rejected {path}:\n{stderr}");
        Assert.StartsWith("valid 4", stdout.Result);
    }
}
