using System.Text.Json.Nodes;

namespace Descent.Kernel.Tests.RealClients;

/// <summary>
/// A signed execute_request captured off the shell socket is never executed a second time: not sent again in the
/// same run, and not after jupyter_client restarts the kernel (a restart keeps the connection file and its key, so
/// the signature still verifies; the kernel's signature journal beside the connection file refuses it).
/// </summary>
[Collection(RealClientsCollection.Name)]
public sealed class ReplayAcrossRestartTests(JupyterEnvironment jupyter)
{
    [JupyterFact]
    public void A_captured_execute_request_runs_once_even_across_a_restart_and_fresh_requests_still_run()
    {
        string folder = jupyter.NewFolder("replay");
        string marker = Path.Combine(folder, "executed.txt");
        string report = Path.Combine(folder, "report.json");
        string script = Path.Combine(AppContext.BaseDirectory, "Clients", "replay_after_restart.py");
        var run = jupyter.RunPython([script, JupyterEnvironment.KernelName, marker, report], TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0 && File.Exists(report), $"the replay scenario failed:\n{run.Output}");
        var r = JsonNode.Parse(File.ReadAllText(report))!;

        Assert.Equal("ok", r["first"]!["status"]!.GetValue<string>());
        Assert.Equal(1, r["first"]!["count"]!.GetValue<int>());

        Assert.Equal(0, r["same_run"]!["replies_to_replay"]!.GetValue<int>());
        Assert.Equal(1, r["same_run"]!["count"]!.GetValue<int>());

        Assert.True(r["restart"]!["new_process"]!.GetValue<bool>());
        Assert.True(r["restart"]!["same_key"]!.GetValue<bool>(), "the restart is expected to keep the key (jupyter_client does)");

        var after = r["after_restart"]!;
        Assert.Equal("ok", after["probe_status"]!.GetValue<string>());
        Assert.Equal(0, after["replies_to_replay"]!.GetValue<int>());
        Assert.Equal(0, after["attacker_replies"]!.GetValue<int>());
        Assert.Equal(1, after["count"]!.GetValue<int>());

        Assert.Equal("ok", r["fresh"]!["status"]!.GetValue<string>());
        Assert.Equal(2, r["fresh"]!["count"]!.GetValue<int>());
        Assert.Contains("(a replay); it was not executed", run.Output);
    }
}
