using System.Text.Json.Nodes;

namespace Descent.Kernel.Tests.RealClients;

/// <summary>
/// Issue 13, item 7: a cell that ends the kernel's process (Environment.Exit, an exception on a thread it started)
/// is not a silent death: the front end gets an error naming the cause, sees the kernel die (jupyter_client's
/// is_alive), and can restart it (Clients/fatal_cells.py).
/// </summary>
[Collection(RealClientsCollection.Name)]
public sealed class FatalCellTests(JupyterEnvironment jupyter)
{
    [JupyterFact]
    public void A_cell_that_ends_the_kernel_is_reported_and_the_kernel_can_be_restarted()
    {
        string report = Path.Combine(jupyter.NewFolder("fatal"), "report.json");
        string script = Path.Combine(AppContext.BaseDirectory, "Clients", "fatal_cells.py");
        var run = jupyter.RunPython([script, JupyterEnvironment.KernelName, report], TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0 && File.Exists(report), $"the fatal-cells scenario failed:\n{run.Output}");
        var r = JsonNode.Parse(File.ReadAllText(report))!;

        foreach (var (key, cause) in new[]
                 {
                     ("exit", "the cell called Environment.Exit(3)"),
                     ("thread", "a thread a cell started threw System.InvalidOperationException: late"),
                 })
        {
            var cell = r[key]!;
            Assert.False(cell["alive"]!.GetValue<bool>(), $"{key}: the kernel should be dead");
            Assert.NotEqual(0, cell["exit_code"]!.GetValue<int>());
            var iopub = cell["iopub"]!.AsArray();
            var error = iopub.FirstOrDefault(m => m!["type"]!.GetValue<string>() == "error");
            Assert.True(error is not null, $"{key}: no error message before the death: {iopub.ToJsonString()}");
            Assert.Equal("KernelDied", error!["ename"]!.GetValue<string>());
            Assert.StartsWith(cause, error["evalue"]!.GetValue<string>());
            Assert.Contains(iopub, m => m!["type"]!.GetValue<string>() == "stream" && m["text"]!.GetValue<string>().StartsWith("The kernel is dying", StringComparison.Ordinal));
            Assert.Contains(cell["after_restart"]!.AsArray(), m => m!["type"]!.GetValue<string>() == "execute_result" && m["text"]!.GetValue<string>() == "2");
        }
    }
}
