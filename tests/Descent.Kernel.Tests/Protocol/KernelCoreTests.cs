using System.Text.Json.Nodes;
using Descent.Kernel.Protocol;
using Descent.Kernel.Tests.Support;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Tests.Protocol;

public class KernelCoreTests
{
    private readonly FakeInterpreter _interpreter = new();
    private readonly RecordingChannels _channels = new();
    private readonly RecordingLog _log = new();
    private readonly KernelCore _core;

    public KernelCoreTests() => _core = new KernelCore(_interpreter, _channels, new MessageFactory("kernel-session"), _log);

    private JupyterMessage ShellReply() => _channels.On(KernelChannel.Shell).Single();

    private static string S(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public void Kernel_info_reply_is_framed_by_busy_and_idle_with_the_request_as_parent()
    {
        var request = Requests.Make("kernel_info_request");
        _core.HandleShell(request);

        Assert.Equal(["status:busy", "status:idle"], _channels.IOPubTrace());
        Assert.All(_channels.Sent, s => Assert.True(JsonNode.DeepEquals(request.Header, s.Message.ParentHeader)));
        Assert.Equal(KernelChannel.IOPub, _channels.Sent[0].Channel);
        Assert.Equal(KernelChannel.Shell, _channels.Sent[1].Channel);
        Assert.Equal(KernelChannel.IOPub, _channels.Sent[2].Channel);

        var reply = ShellReply();
        Assert.Equal("kernel_info_reply", reply.MsgType);
        Assert.Equal(request.Identities, reply.Identities);
        var c = reply.Content;
        Assert.Equal("ok", S(c["status"]));
        Assert.Equal("5.3", S(c["protocol_version"]));
        Assert.Equal("fake", S(c["implementation"]));
        Assert.Equal("C#", S(c["language_info"]!["name"]));
        Assert.Equal("text/x-csharp", S(c["language_info"]!["mimetype"]));
        Assert.Equal(".cs", S(c["language_info"]!["file_extension"]));
        Assert.Equal("csharp", S(c["language_info"]!["pygments_lexer"]));
        Assert.Equal("text/x-csharp", S(c["language_info"]!["codemirror_mode"]));
        Assert.Equal("https://example.org/descent", S(c["help_links"]![0]!["url"]));
    }

    [Fact]
    public void Kernel_info_is_also_answered_on_control()
    {
        _core.HandleControl(Requests.Make("kernel_info_request"));
        Assert.Equal("kernel_info_reply", _channels.On(KernelChannel.Control).Single().MsgType);
    }

    [Fact]
    public void Execute_publishes_input_outputs_in_order_then_replies_ok_with_the_count()
    {
        var request = Requests.Execute("print hello\ndisplay d1 first\nupdate d1 second\nresult 42");
        _core.HandleShell(request);

        Assert.Equal(["status:busy", "execute_input", "stream", "display_data", "update_display_data", "execute_result", "status:idle"],
                     _channels.IOPubTrace());
        var iopub = _channels.On(KernelChannel.IOPub).ToList();
        Assert.All(iopub, m => Assert.Equal(request.MsgId, S(m.ParentHeader["msg_id"])));
        Assert.Equal(1, iopub[1].Content["execution_count"]!.GetValue<int>());
        Assert.Equal("print hello\ndisplay d1 first\nupdate d1 second\nresult 42", S(iopub[1].Content["code"]));
        Assert.Equal("stdout", S(iopub[2].Content["name"]));
        Assert.Equal("hello\n", S(iopub[2].Content["text"]));
        Assert.Equal("first", S(iopub[3].Content["data"]!["text/plain"]));
        Assert.Equal("d1", S(iopub[3].Content["transient"]!["display_id"]));
        Assert.Equal("second", S(iopub[4].Content["data"]!["text/plain"]));
        Assert.Equal("d1", S(iopub[4].Content["transient"]!["display_id"]));
        Assert.Equal("42", S(iopub[5].Content["data"]!["text/plain"]));
        Assert.Equal(1, iopub[5].Content["execution_count"]!.GetValue<int>());

        var reply = ShellReply();
        Assert.Equal("execute_reply", reply.MsgType);
        Assert.Equal("ok", S(reply.Content["status"]));
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());
        Assert.Empty(reply.Content["user_expressions"]!.AsObject());
    }

    [Fact]
    public void Consecutive_stream_writes_are_coalesced_into_one_message_per_stream_run()
    {
        _core.HandleShell(Requests.Execute("print a\nprint b\neprint c\nprint d"));
        var streams = _channels.On(KernelChannel.IOPub).Where(m => m.MsgType == "stream")
            .Select(m => $"{S(m.Content["name"])}:{S(m.Content["text"])}").ToList();
        Assert.Equal(["stdout:a\nb\n", "stderr:c\n", "stdout:d\n"], streams);
    }

    [Fact]
    public void Stream_text_written_after_the_cell_ended_is_still_published()
    {
        var request = Requests.Execute("print during");
        _core.HandleShell(request);
        _interpreter.LastOutput!.Stream("stdout", "from a thread the cell started\n");
        var last = _channels.On(KernelChannel.IOPub).Last();
        Assert.Equal("stream", last.MsgType);
        Assert.Equal("from a thread the cell started\n", S(last.Content["text"]));
        Assert.Equal(request.MsgId, S(last.ParentHeader["msg_id"]));
    }

    [Fact]
    public void Execution_count_increases_only_for_requests_that_store_history()
    {
        _core.HandleShell(Requests.Execute("print 1"));
        _core.HandleShell(Requests.Execute("print 2", storeHistory: false));
        _core.HandleShell(Requests.Execute("print 3"));
        var counts = _channels.On(KernelChannel.Shell).Select(r => r.Content["execution_count"]!.GetValue<int>()).ToList();
        Assert.Equal([1, 1, 2], counts);
        Assert.Equal(2, _core.ExecutionCount);
    }

    [Fact]
    public void Silent_execution_broadcasts_nothing_but_status_and_keeps_the_counter()
    {
        _core.HandleShell(Requests.Execute("print 1"));
        _channels.Clear();
        _core.HandleShell(Requests.Execute("print secret\nresult 5", silent: true, storeHistory: true));

        Assert.Equal(["status:busy", "status:idle"], _channels.IOPubTrace());
        Assert.Equal(1, ShellReply().Content["execution_count"]!.GetValue<int>());
        Assert.Equal("ok", S(ShellReply().Content["status"]));
        Assert.Equal(1, _core.ExecutionCount);
        Assert.Contains("print secret\nresult 5", _interpreter.Executed);
    }

    [Fact]
    public void Failed_cell_publishes_error_and_replies_error_with_traceback()
    {
        _core.HandleShell(Requests.Execute("print before\nfail DivideByZeroException Attempted to divide by zero."));

        Assert.Equal(["status:busy", "execute_input", "stream", "error", "status:idle"], _channels.IOPubTrace());
        var error = _channels.On(KernelChannel.IOPub).Single(m => m.MsgType == "error");
        Assert.Equal("DivideByZeroException", S(error.Content["ename"]));
        Assert.Equal("Attempted to divide by zero.", S(error.Content["evalue"]));
        Assert.Equal(2, error.Content["traceback"]!.AsArray().Count);

        var reply = ShellReply().Content;
        Assert.Equal("error", S(reply["status"]));
        Assert.Equal("DivideByZeroException", S(reply["ename"]));
        Assert.Equal(1, reply["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void After_an_error_with_stop_on_error_queued_executes_are_aborted_until_the_queue_empties()
    {
        _core.HandleShell(Requests.Execute("fail E boom"));
        _channels.Clear();
        _core.HandleShell(Requests.Execute("print queued"));        // was queued behind the failure
        _core.HandleShell(Requests.Make("kernel_info_request"));    // other requests are still answered

        var aborted = _channels.On(KernelChannel.Shell).First();
        Assert.Equal("error", S(aborted.Content["status"]));
        Assert.Equal("ExecutionAborted", S(aborted.Content["ename"]));
        Assert.Equal(1, aborted.Content["execution_count"]!.GetValue<int>());
        Assert.Equal("kernel_info_reply", _channels.On(KernelChannel.Shell).Last().MsgType);
        Assert.DoesNotContain("print queued", _interpreter.Executed);
        Assert.Equal(["status:busy", "status:idle", "status:busy", "status:idle"], _channels.IOPubTrace());

        _core.OnShellQueueEmpty();
        _channels.Clear();
        _core.HandleShell(Requests.Execute("print later"));
        Assert.Equal("ok", S(ShellReply().Content["status"]));
        Assert.Equal(2, ShellReply().Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void Without_stop_on_error_queued_executes_still_run()
    {
        _core.HandleShell(Requests.Execute("fail E boom", stopOnError: false));
        _core.HandleShell(Requests.Execute("print next"));
        Assert.Contains("print next", _interpreter.Executed);
        Assert.Equal("ok", S(_channels.On(KernelChannel.Shell).Last().Content["status"]));
    }

    [Fact]
    public void Interpreter_fault_becomes_an_error_reply_and_the_kernel_serves_on()
    {
        _core.HandleShell(Requests.Execute("throw", stopOnError: false));
        var reply = ShellReply().Content;
        Assert.Equal("error", S(reply["status"]));
        Assert.Equal("InvalidOperationException", S(reply["ename"]));
        Assert.Equal("status:idle", _channels.IOPubTrace().Last());
        Assert.Contains(_log.Warnings, w => w.Contains("the fake interpreter broke"));

        _channels.Clear();
        _core.HandleShell(Requests.Make("kernel_info_request"));
        Assert.Equal("kernel_info_reply", ShellReply().MsgType);
    }

    [Fact]
    public void Execute_request_without_code_gets_an_error_reply_naming_the_field()
    {
        _core.HandleShell(Requests.Make("execute_request", new JsonObject { ["silent"] = false }));
        var reply = ShellReply().Content;
        Assert.Equal("error", S(reply["status"]));
        Assert.Contains("\"code\"", S(reply["evalue"]));
        Assert.Equal(["status:busy", "status:idle"], _channels.IOPubTrace());
    }

    [Fact]
    public void Unknown_message_type_is_logged_and_gets_busy_idle_but_no_reply()
    {
        _core.HandleShell(Requests.Make("frobnicate_request"));
        Assert.Empty(_channels.On(KernelChannel.Shell));
        Assert.Equal(["status:busy", "status:idle"], _channels.IOPubTrace());
        Assert.Contains(_log.Warnings, w => w.Contains("frobnicate_request"));
    }

    [Fact]
    public void Execute_on_the_control_channel_is_refused()
    {
        _core.HandleControl(Requests.Execute("print sneaky"));
        Assert.Empty(_interpreter.Executed);
        Assert.Empty(_channels.On(KernelChannel.Control));
    }

    [Fact]
    public void Interrupt_request_on_control_interrupts_the_interpreter_and_replies_ok()
    {
        _core.HandleControl(Requests.Make("interrupt_request"));
        Assert.Equal(1, _interpreter.Interrupts);
        var reply = _channels.On(KernelChannel.Control).Single();
        Assert.Equal("interrupt_reply", reply.MsgType);
        Assert.Equal("ok", S(reply.Content["status"]));
    }

    [Fact]
    public void Interrupt_request_on_shell_is_ignored()
    {
        _core.HandleShell(Requests.Make("interrupt_request"));
        Assert.Equal(0, _interpreter.Interrupts);
        Assert.Empty(_channels.On(KernelChannel.Shell));
    }

    [Fact]
    public void Shutdown_replies_with_restart_flag_then_signals_stopping()
    {
        Assert.False(_core.Stopping.IsCancellationRequested);
        _core.HandleControl(Requests.Make("shutdown_request", new JsonObject { ["restart"] = true }));
        var reply = _channels.On(KernelChannel.Control).Single();
        Assert.Equal("shutdown_reply", reply.MsgType);
        Assert.True(reply.Content["restart"]!.GetValue<bool>());
        Assert.Equal("ok", S(reply.Content["status"]));
        Assert.True(_core.Stopping.IsCancellationRequested);
        Assert.True(_core.RestartRequested);
    }

    [Fact]
    public void Is_complete_maps_statuses_and_sends_indent_only_when_incomplete()
    {
        _core.HandleShell(Requests.Make("is_complete_request", new JsonObject { ["code"] = "for (;;) {" }));
        _core.HandleShell(Requests.Make("is_complete_request", new JsonObject { ["code"] = "x }}" }));
        _core.HandleShell(Requests.Make("is_complete_request", new JsonObject { ["code"] = "x" }));
        var replies = _channels.On(KernelChannel.Shell).Select(r => r.Content).ToList();
        Assert.Equal("incomplete", S(replies[0]["status"]));
        Assert.Equal("    ", S(replies[0]["indent"]));
        Assert.Equal("invalid", S(replies[1]["status"]));
        Assert.False(replies[1].ContainsKey("indent"));
        Assert.Equal("complete", S(replies[2]["status"]));
    }

    [Fact]
    public void Complete_converts_cursor_positions_between_code_points_and_utf16()
    {
        // "😀" is one code point but two UTF-16 units: the cursor after "Math.Ma" is 9 code points, 10 units.
        string code = "😀 Math.Ma";
        _core.HandleShell(Requests.Make("complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = 9 }));
        var reply = ShellReply().Content;
        Assert.Equal("ok", S(reply["status"]));
        Assert.Equal(["Max", "Min"], reply["matches"]!.AsArray().Select(m => S(m)).ToArray());
        Assert.Equal(7, reply["cursor_start"]!.GetValue<int>());
        Assert.Equal(9, reply["cursor_end"]!.GetValue<int>());
        var types = reply["metadata"]!["_jupyter_types_experimental"]!.AsArray();
        Assert.Equal("method", S(types[0]!["type"]));
        Assert.Equal("int Math.Max(int, int)", S(types[0]!["signature"]));
    }

    [Fact]
    public void Inspect_reply_carries_the_bundle_or_found_false()
    {
        _core.HandleShell(Requests.Make("inspect_request", new JsonObject { ["code"] = "😀Math", ["cursor_pos"] = 3, ["detail_level"] = 1 }));
        _core.HandleShell(Requests.Make("inspect_request", new JsonObject { ["code"] = "nothing", ["cursor_pos"] = 2 }));
        var replies = _channels.On(KernelChannel.Shell).Select(r => r.Content).ToList();
        Assert.True(replies[0]["found"]!.GetValue<bool>());
        Assert.Equal("class System.Math @4 level 1", S(replies[0]["data"]!["text/plain"]));
        Assert.False(replies[1]["found"]!.GetValue<bool>());
        Assert.Empty(replies[1]["data"]!.AsObject());
    }

    [Fact]
    public void Comm_info_is_empty_and_comm_open_is_closed_at_once()
    {
        _core.HandleShell(Requests.Make("comm_info_request"));
        Assert.Empty(ShellReply().Content["comms"]!.AsObject());
        _channels.Clear();
        _core.HandleShell(Requests.Make("comm_open", new JsonObject { ["comm_id"] = "c1", ["target_name"] = "jupyter.widget", ["data"] = new JsonObject() }));
        var close = _channels.On(KernelChannel.IOPub).Single(m => m.MsgType == "comm_close");
        Assert.Equal("c1", S(close.Content["comm_id"]));
    }

    [Fact]
    public void History_tail_returns_the_last_stored_cells_as_session_line_input()
    {
        _core.HandleShell(Requests.Execute("print a"));
        _core.HandleShell(Requests.Execute("print b"));
        _core.HandleShell(Requests.Execute("print hidden", silent: true));
        _core.HandleShell(Requests.Execute("print c"));
        _channels.Clear();
        _core.HandleShell(Requests.Make("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 2, ["output"] = false, ["raw"] = true }));
        var history = ShellReply().Content["history"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal(2, history[0]![1]!.GetValue<int>());
        Assert.Equal("print b", S(history[0]![2]));
        Assert.Equal("print c", S(history[1]![2]));
    }

    [Fact]
    public void Input_request_goes_out_on_stdin_with_the_execute_request_as_parent()
    {
        var reply = Requests.Make("input_reply", new JsonObject { ["value"] = "Ada" });
        _channels.StdinReplies.Enqueue(reply);
        var request = Requests.Execute("input Name?", allowStdin: true);
        _core.HandleShell(request);

        var inputRequest = _channels.On(KernelChannel.Stdin).Single();
        Assert.Equal("input_request", inputRequest.MsgType);
        Assert.Equal("Name?", S(inputRequest.Content["prompt"]));
        Assert.Equal(request.Identities, inputRequest.Identities);
        Assert.Equal(request.MsgId, S(inputRequest.ParentHeader["msg_id"]));
        Assert.Equal("got Ada\n", S(_channels.On(KernelChannel.IOPub).Single(m => m.MsgType == "stream").Content["text"]));
    }

    [Fact]
    public void Input_without_allow_stdin_fails_the_cell_with_a_clear_message()
    {
        _core.HandleShell(Requests.Execute("input Name?", allowStdin: false));
        var reply = ShellReply().Content;
        Assert.Equal("error", S(reply["status"]));
        Assert.Contains("allow_stdin", S(reply["evalue"]));
    }

    [Fact]
    public void Starting_status_has_no_parent()
    {
        _core.PublishStarting();
        var status = _channels.On(KernelChannel.IOPub).Single();
        Assert.Equal("starting", S(status.Content["execution_state"]));
        Assert.Empty(status.ParentHeader);
    }
}
