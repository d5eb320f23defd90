using System.Text.Json.Nodes;

namespace Descent.Kernel.Tests.RealClients;

/// <summary>
/// jupyter_client 7.4.9 drives the installed kernel through Clients/kernel_scenario.py (kernel_info, execute with a
/// display and its update, errors, is_complete, complete, inspect, interrupt of a runaway loop, a forged message,
/// stop_on_error, history, restart and shutdown). The script records what it saw; these tests assert it.
/// </summary>
[Collection(RealClientsCollection.Name)]
public sealed class KernelScenarioTests
{
    private static readonly object Gate = new();
    private static JsonObject? s_report;
    private readonly JsonObject _r;

    public KernelScenarioTests(JupyterEnvironment jupyter)
    {
        lock (Gate) s_report ??= RunScenario(jupyter);
        _r = s_report;
    }

    private static JsonObject RunScenario(JupyterEnvironment jupyter)
    {
        string report = Path.Combine(jupyter.NewFolder("scenario"), "report.json");
        string script = Path.Combine(AppContext.BaseDirectory, "Clients", "kernel_scenario.py");
        var run = jupyter.RunPython([script, JupyterEnvironment.KernelName, report], TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0 && File.Exists(report), $"the jupyter_client scenario failed:\n{run.Output}");
        return JsonNode.Parse(File.ReadAllText(report))!.AsObject();
    }

    private static string S(JsonNode? n) => n!.GetValue<string>();
    private static int I(JsonNode? n) => n!.GetValue<int>();
    private static List<string> Types(JsonNode? iopub) => iopub!.AsArray().Select(m => S(m!["type"]) == "status" ? "status:" + S(m["state"]) : S(m["type"])).ToList();
    private static JsonNode Of(JsonNode? iopub, string type) => iopub!.AsArray().First(m => S(m!["type"]) == type)!;

    [JupyterFact]
    public void Kernel_info_describes_csharp_and_protocol_5_3()
    {
        var info = _r["kernel_info"]!;
        Assert.Equal("ok", S(info["status"]));
        Assert.Equal("5.3", S(info["protocol_version"]));
        Assert.Equal("descent", S(info["implementation"]));
        var language = info["language_info"]!;
        Assert.Equal("C#", S(language["name"]));
        Assert.Equal("text/x-csharp", S(language["mimetype"]));
        Assert.Equal(".cs", S(language["file_extension"]));
        Assert.Equal("csharp", S(language["pygments_lexer"]));
        Assert.Equal("text/x-csharp", S(language["codemirror_mode"]));
        Assert.Matches(@"^\d+\.\d+$", S(language["version"]));
        Assert.NotEmpty(info["help_links"]!.AsArray());
        Assert.Equal("5.3", S(_r["kernel_info_header"]!["version"]));
        Assert.Equal(["status:busy", "status:idle"], Types(_r["kernel_info_iopub"]));
    }

    [JupyterFact]
    public void Execute_shows_display_then_its_update_then_console_text_then_the_result()
    {
        var display = _r["display"]!;
        Assert.True(display["parent_ok"]!.GetValue<bool>());
        Assert.Equal("ok", S(display["reply"]!["status"]));
        Assert.Equal(2, I(display["reply"]!["execution_count"]));
        Assert.Equal(["status:busy", "execute_input", "display_data", "update_display_data", "stream", "execute_result", "status:idle"],
                     Types(display["iopub"]));
        var shown = Of(display["iopub"], "display_data");
        var updated = Of(display["iopub"], "update_display_data");
        Assert.Equal("first", S(shown["text"]));
        Assert.Equal("second", S(updated["text"]));
        Assert.False(string.IsNullOrEmpty(S(shown["display_id"])));
        Assert.Equal(S(shown["display_id"]), S(updated["display_id"]));
        Assert.Equal("printed\n", S(Of(display["iopub"], "stream")["text"]));
        var result = Of(display["iopub"], "execute_result");
        Assert.Equal("42", S(result["text"]));
        Assert.Equal(2, I(result["count"]));
        Assert.Equal(2, I(Of(display["iopub"], "execute_input")["count"]));
    }

    [JupyterFact]
    public void Silent_execution_publishes_only_status_and_does_not_count()
    {
        var silent = _r["silent"]!;
        Assert.Equal("ok", S(silent["reply"]!["status"]));
        Assert.Equal(["status:busy", "status:idle"], Types(silent["iopub"]));
        Assert.Equal(2, I(silent["reply"]!["execution_count"]));
    }

    [JupyterFact]
    public void Runtime_exception_is_an_error_output_and_an_error_reply()
    {
        var error = _r["runtime_error"]!;
        Assert.Equal("error", S(error["reply"]!["status"]));
        Assert.Equal("System.InvalidOperationException", S(error["reply"]!["ename"]));
        Assert.Equal("boom", S(error["reply"]!["evalue"]));
        var output = Of(error["iopub"], "error");
        Assert.Equal("System.InvalidOperationException", S(output["ename"]));
        Assert.NotEmpty(output["traceback"]!.AsArray());
    }

    [JupyterFact]
    public void Compile_error_names_the_diagnostic_and_its_position_in_the_cell()
    {
        var error = _r["compile_error"]!;
        Assert.Equal("error", S(error["reply"]!["status"]));
        string traceback = string.Join("\n", Of(error["iopub"], "error")["traceback"]!.AsArray().Select(S));
        Assert.Contains("CS0029", traceback);
        Assert.Contains("(1,", traceback);
    }

    [JupyterFact]
    public void Console_ReadLine_asks_the_front_end_through_an_input_request()
    {
        var input = _r["input"]!;
        Assert.True(input["request_parent_ok"]!.GetValue<bool>());
        Assert.False(input["request"]!["password"]!.GetValue<bool>());
        Assert.Equal("ok", S(input["reply"]!["status"]));
        Assert.Equal("hello Ada\n", S(Of(input["iopub"], "stream")["text"]));
    }

    [JupyterFact]
    public void Is_complete_answers_incomplete_with_indent_complete_and_invalid()
    {
        Assert.Equal("incomplete", S(_r["is_complete_partial"]!["status"]));
        Assert.Equal("    ", S(_r["is_complete_partial"]!["indent"]));
        Assert.Equal("complete", S(_r["is_complete_done"]!["status"]));
        Assert.Equal("invalid", S(_r["is_complete_invalid"]!["status"]));
    }

    [JupyterFact]
    public void Completion_after_Math_dot_lists_its_members_at_the_cursor()
    {
        var complete = _r["complete_math"]!;
        Assert.Equal("ok", S(complete["status"]));
        var matches = complete["matches"]!.AsArray().Select(S).ToList();
        Assert.Contains("Sqrt", matches);
        Assert.Contains("Max", matches);
        Assert.Contains("PI", matches);
        Assert.Equal(5, I(complete["cursor_start"]));
        Assert.Equal(5, I(complete["cursor_end"]));
    }

    [JupyterFact]
    public void Completion_knows_variables_from_earlier_cells()
    {
        var complete = _r["complete_variable"]!;
        Assert.Contains("keep", complete["matches"]!.AsArray().Select(S));
        Assert.Equal(9, I(complete["cursor_start"]));
    }

    [JupyterFact]
    public void Inspect_shows_the_signature_and_documentation()
    {
        var inspect = _r["inspect"]!;
        Assert.True(inspect["found"]!.GetValue<bool>());
        string text = S(inspect["data"]!["text/plain"]);
        Assert.Contains("double Math.Sqrt(double d)", text);
        Assert.Contains("square root", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("```csharp", S(inspect["data"]!["text/markdown"]));
    }

    [JupyterFact]
    public void Interrupt_stops_a_runaway_loop_and_the_session_keeps_its_state()
    {
        var interrupt = _r["interrupt"]!;
        Assert.True(interrupt["heartbeat_during_loop"]!.GetValue<bool>());
        Assert.Equal("error", S(interrupt["reply"]!["status"]));
        Assert.Contains("interrupted", S(interrupt["reply"]!["evalue"]), StringComparison.OrdinalIgnoreCase);
        Assert.True(interrupt["seconds_to_stop"]!.GetValue<double>() < 5);
        Assert.Equal("status:idle", Types(interrupt["iopub"]).Last());
        var after = _r["after_interrupt"]!;
        Assert.Equal("ok", S(after["reply"]!["status"]));
        Assert.Equal("10", S(Of(after["iopub"], "execute_result")["text"]));
    }

    [JupyterFact]
    public void Forged_message_is_never_answered_and_has_no_effect()
    {
        var forged = _r["forged"]!;
        Assert.DoesNotContain(S(forged["forged_id"]), forged["replies"]!.AsArray().Select(S));
        Assert.Equal("5", S(Of(forged["after"]!["iopub"], "execute_result")["text"]));
    }

    [JupyterFact]
    public void A_failing_cell_aborts_the_request_queued_behind_it()
    {
        var stop = _r["stop_on_error"]!;
        Assert.Equal("error", S(stop["first"]!["status"]));
        Assert.Equal("first fails", S(stop["first"]!["evalue"]));
        Assert.Equal("error", S(stop["second"]!["status"]));
        Assert.Equal("ExecutionAborted", S(stop["second"]!["ename"]));
        Assert.Equal("5", S(Of(stop["after"]!["iopub"], "execute_result")["text"]));
    }

    [JupyterFact]
    public void History_and_comm_info_are_answered()
    {
        var history = _r["history"]!["history"]!.AsArray();
        Assert.Equal(3, history.Count);
        Assert.Equal("keep", S(history[^1]![2]));
        Assert.Empty(_r["comm_info"]!["comms"]!.AsObject());
    }

    [JupyterFact]
    public void Restart_gives_a_new_process_with_a_fresh_state()
    {
        var restart = _r["restart"]!;
        Assert.True(restart["new_pid_differs"]!.GetValue<bool>());
        var after = restart["after"]!;
        Assert.Equal("error", S(after["reply"]!["status"]));
        Assert.Contains("CS0103", string.Join("\n", Of(after["iopub"], "error")["traceback"]!.AsArray().Select(S)));
    }

    [JupyterFact]
    public void Shutdown_request_is_answered_with_its_restart_flag_and_the_process_exits_cleanly()
    {
        var shutdown = _r["shutdown"]!;
        Assert.Equal("ok", S(shutdown["reply"]!["status"]));
        Assert.True(shutdown["reply"]!["restart"]!.GetValue<bool>());
        Assert.Equal(0, I(shutdown["exit_code"]));
    }
}
