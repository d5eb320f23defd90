using System.Text.Json.Nodes;

namespace Descent.Kernel.Tests.RealClients;

/// <summary>
/// <c>descent kernel install --name .net-csharp</c> stands in for the deprecated .NET Interactive kernel: Jupyter lists
/// it, and a notebook written by Polyglot Notebooks (kernelspec name <c>.net-csharp</c>) runs with it through nbconvert
/// with no kernel named on the command line. <c>descent kernel uninstall</c> takes it away again.
/// </summary>
[Collection(RealClientsCollection.Name)]
public sealed class StandInKernelTests(JupyterEnvironment jupyter)
{
    private const string PolyglotName = ".net-csharp";

    private string KernelspecList()
    {
        var list = jupyter.RunPython(["-m", "jupyter_client.kernelspecapp", "list"], TimeSpan.FromMinutes(1));
        Assert.True(list.ExitCode == 0, list.Output);
        return list.Output;
    }

    [JupyterFact]
    public void A_polyglot_notebook_picks_the_kernel_installed_as_net_csharp_and_uninstall_removes_it()
    {
        var install = jupyter.Run("dotnet", [JupyterEnvironment.DescentDll, "kernel", "install", "--prefix", jupyter.Prefix,
                                             "--name", PolyglotName, "--display-name", ".NET (C#)"], TimeSpan.FromMinutes(2));
        Assert.True(install.ExitCode == 0, install.Output);
        try
        {
            var listed = KernelspecList();
            Assert.Contains(JupyterEnvironment.KernelName, listed);
            Assert.Matches(@"(?m)^\s*\.net-csharp\s+\S*kernels[/\\]\.net-csharp\s*$", listed);

            // No --ExecutePreprocessor.kernel_name: nbconvert takes the kernel from the notebook's own metadata.
            string source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "kernel-basics.ipynb");
            Assert.Equal(PolyglotName, JsonNode.Parse(File.ReadAllText(source))!["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
            string output = jupyter.NewFolder("standin");
            var run = jupyter.RunPython(["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
                                         "--ExecutePreprocessor.startup_timeout=120", "--output-dir", output, "--output", "basics", source],
                                        TimeSpan.FromMinutes(10), workingDirectory: Path.GetDirectoryName(source));
            Assert.True(run.ExitCode == 0, run.Output);
            var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "basics.ipynb")))!;
            Assert.Equal("C#", executed["metadata"]!["language_info"]!["name"]!.GetValue<string>());
            var first = executed["cells"]!.AsArray().First(c => c!["cell_type"]!.GetValue<string>() == "code")!;
            var result = first["outputs"]!.AsArray().Single(o => o!["output_type"]!.GetValue<string>() == "execute_result")!;
            Assert.Equal("9", string.Concat(result["data"]!["text/plain"] is JsonArray lines
                ? lines.Select(l => l!.GetValue<string>()) : [result["data"]!["text/plain"]!.GetValue<string>()]));
        }
        finally
        {
            var uninstall = jupyter.Run("dotnet", [JupyterEnvironment.DescentDll, "kernel", "uninstall", "--prefix", jupyter.Prefix,
                                                   "--name", PolyglotName], TimeSpan.FromMinutes(2));
            Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        }
        Assert.DoesNotContain(PolyglotName, KernelspecList());
        Assert.Contains(JupyterEnvironment.KernelName, KernelspecList());
    }

    [Fact]
    public void Installing_with_two_scopes_is_refused_with_the_fix()
    {
        var install = jupyter.Run("dotnet", [JupyterEnvironment.DescentDll, "kernel", "install", "--user", "--prefix", jupyter.Prefix],
                                  TimeSpan.FromMinutes(2));
        Assert.NotEqual(0, install.ExitCode);
        Assert.Contains("choose one of --user, --sys-prefix and --prefix DIR", install.Output);
    }
}
