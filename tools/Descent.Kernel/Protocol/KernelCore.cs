using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Kernel.Wire;

namespace Descent.Kernel.Protocol;

/// <summary>
/// The protocol logic of the kernel (messaging.rst 5.3), independent of ZeroMQ: it routes each verified
/// request to the <see cref="IKernelInterpreter"/>, publishes <c>status: busy</c> before and <c>status: idle</c>
/// after every request, copies the request's header as parent, keeps the execution counter and the history,
/// honours silent / store_history / stop_on_error, and answers every failure with the protocol's error reply.
/// Shell messages arrive on one thread and control messages on another.
/// </summary>
public sealed class KernelCore
{
    private readonly IKernelInterpreter _interpreter;
    private readonly IKernelChannels _channels;
    private readonly MessageFactory _factory;
    private readonly KernelLog _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(int Line, string Code)> _history = [];
    private readonly object _inputGate = new();
    private CancellationTokenSource _inputCancel = new();
    private int _executionCount;
    private bool _aborting;
    private JupyterMessage? _executing;

    /// <summary>Creates the core over an interpreter and a transport.</summary>
    public KernelCore(IKernelInterpreter interpreter, IKernelChannels channels, MessageFactory factory, KernelLog log)
    {
        _interpreter = interpreter;
        _channels = channels;
        _factory = factory;
        _log = log;
    }

    /// <summary>Fires when a shutdown_request has been answered: the transport stops and the process exits.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Whether the shutdown that was requested precedes a restart.</summary>
    public bool RestartRequested { get; private set; }

    /// <summary>The execution counter (the last In[n]).</summary>
    public int ExecutionCount => _executionCount;

    /// <summary>
    /// The process is about to end because of something a cell did (an exception on a thread it started, or a call to
    /// <c>Environment.Exit</c>): tells the front end on IOPub (an <c>error</c> and a <c>stderr</c> stream, parented to
    /// the running execute_request, if any) so that the kernel's death is not silent. Returns false when no cell was running.
    /// </summary>
    public bool ReportFatal(string ename, string evalue, bool onlyWhileExecuting)
    {
        var parent = Volatile.Read(ref _executing);
        if (parent is null && onlyWhileExecuting) return false;
        var text = $"{ename}: {evalue}";
        try
        {
            _channels.Send(KernelChannel.IOPub, _factory.Publication(parent, "error", new JsonObject
            {
                ["ename"] = ename,
                ["evalue"] = evalue,
                ["traceback"] = new JsonArray(text, "The kernel process is ending; restart the kernel to go on (its state is lost)."),
            }));
            _channels.Send(KernelChannel.IOPub, _factory.Publication(parent, "stream", new JsonObject
            {
                ["name"] = "stderr",
                ["text"] = $"The kernel is dying: {text}\nRestart the kernel to go on.\n",
            }));
        }
        catch (Exception e)
        {
            _log.Warn($"could not tell the front end that the kernel is dying: {e.Message}");
        }
        _log.Warn($"dying: {text}");
        return true;
    }

    /// <summary>Publishes <c>status: starting</c>, once, when the sockets are bound.</summary>
    public void PublishStarting() => PublishStatus(null, "starting");

    /// <summary>Handles a request from the shell channel (called on the shell thread, one at a time).</summary>
    public void HandleShell(JupyterMessage request) => Handle(request, KernelChannel.Shell);

    /// <summary>Handles a request from the control channel (called on the control thread).</summary>
    public void HandleControl(JupyterMessage request) => Handle(request, KernelChannel.Control);

    /// <summary>
    /// The shell queue is momentarily empty: the requests that were queued behind a failed cell have all been
    /// aborted, so later requests execute again (ipykernel's behaviour with stop_on_error_timeout = 0).
    /// </summary>
    public void OnShellQueueEmpty() => _aborting = false;

    private void Handle(JupyterMessage request, KernelChannel channel)
    {
        PublishStatus(request, "busy");
        try
        {
            Route(request, channel);
        }
        catch (Exception e)
        {
            _log.Warn($"{request.MsgType} {request.MsgId} failed in the kernel: {e}");
            if (request.MsgType.EndsWith("_request", StringComparison.Ordinal))
            {
                var content = ErrorContent(ExecutionOutcome.Error(e.GetType().Name, e.Message, [e.ToString()]));
                content["status"] = "error";
                if (request.MsgType == "execute_request") content["execution_count"] = _executionCount;
                Reply(request, channel, content);
            }
        }
        finally
        {
            PublishStatus(request, "idle");
        }
    }

    private void Route(JupyterMessage request, KernelChannel channel)
    {
        switch (request.MsgType, channel)
        {
            case ("kernel_info_request", _): Reply(request, channel, KernelInfoContent()); break;
            case ("shutdown_request", _): Shutdown(request, channel); break;
            case ("interrupt_request", KernelChannel.Control): Interrupt(request); break;
            case ("execute_request", KernelChannel.Shell): Execute(request); break;
            case ("complete_request", KernelChannel.Shell): Complete(request); break;
            case ("inspect_request", KernelChannel.Shell): Inspect(request); break;
            case ("is_complete_request", KernelChannel.Shell): IsComplete(request); break;
            case ("history_request", KernelChannel.Shell): History(request); break;
            case ("comm_info_request", KernelChannel.Shell):
                Reply(request, channel, new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                break;
            case ("comm_open", KernelChannel.Shell):
                // No comm targets exist: answer with comm_close so the front end does not keep a dangling comm.
                _channels.Send(KernelChannel.IOPub, _factory.Publication(request, "comm_close",
                    new JsonObject { ["comm_id"] = request.Content["comm_id"]?.DeepClone(), ["data"] = new JsonObject() }));
                _log.Warn($"comm_open for target '{request.Content["target_name"]}' refused: this kernel has no comm targets");
                break;
            case ("comm_msg" or "comm_close", KernelChannel.Shell):
                _log.Warn($"{request.MsgType} ignored: this kernel has no comms");
                break;
            default:
                _log.Warn($"unknown message type '{request.MsgType}' on the {channel.ToString().ToLowerInvariant()} channel ignored");
                break;
        }
    }

    private void Execute(JupyterMessage request)
    {
        var c = request.Content;
        string code = RequiredString(c, "code");
        bool silent = Bool(c, "silent", false);
        bool storeHistory = !silent && Bool(c, "store_history", true);
        bool stopOnError = Bool(c, "stop_on_error", true);
        bool allowStdin = Bool(c, "allow_stdin", false);

        if (_aborting)
        {
            _log.Info($"execute_request {request.MsgId} aborted: an earlier cell failed and stop_on_error was set");
            // status 'aborted' is deprecated since 5.1 ("kernels should send status='error' instead").
            Reply(request, KernelChannel.Shell, new JsonObject
            {
                ["status"] = "error",
                ["execution_count"] = _executionCount,
                ["ename"] = "ExecutionAborted",
                ["evalue"] = "Not executed: an earlier cell in the queue failed (stop_on_error).",
                ["traceback"] = new JsonArray(),
            });
            return;
        }

        if (storeHistory)
        {
            _executionCount++;
            _history.Add((_executionCount, code));
        }
        int count = _executionCount;
        if (!silent)
            _channels.Send(KernelChannel.IOPub, _factory.Publication(request, "execute_input",
                new JsonObject { ["code"] = code, ["execution_count"] = count }));

        CancellationToken inputCancel;
        lock (_inputGate)
        {
            if (_inputCancel.IsCancellationRequested) _inputCancel = new CancellationTokenSource();
            inputCancel = _inputCancel.Token;
        }
        string started = MessageFactory.Now();
        Volatile.Write(ref _executing, request);
        var output = silent ? null : new PublishingOutput(_channels, _factory, request, count, allowStdin, inputCancel);
        ExecutionOutcome outcome;
        try
        {
            outcome = _interpreter.Execute(new ExecutionRequest(code, silent, storeHistory, allowStdin, count),
                                          (IExecutionOutput?)output ?? SilentOutput.Instance);
        }
        catch (Exception e)
        {
            _log.Warn($"the interpreter failed on execute_request {request.MsgId}: {e}");
            outcome = ExecutionOutcome.Error(e.GetType().Name, e.Message, [e.ToString()]);
        }
        try
        {
            if (!outcome.Succeeded) output?.Error(outcome);
        }
        finally
        {
            output?.Dispose();
            Volatile.Write(ref _executing, null);
        }

        var metadata = new JsonObject { ["started"] = started, ["status"] = outcome.Succeeded ? "ok" : "error" };
        if (outcome.Succeeded)
        {
            Reply(request, KernelChannel.Shell, new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = count,
                ["payload"] = new JsonArray(),
                ["user_expressions"] = UserExpressions(c),
            }, metadata);
        }
        else
        {
            var content = ErrorContent(outcome);
            content["status"] = "error";
            content["execution_count"] = count;
            Reply(request, KernelChannel.Shell, content, metadata);
            if (stopOnError) _aborting = true;
        }
    }

    // user_expressions are evaluated by front ends for prompts; this kernel does not evaluate them and says so.
    private static JsonObject UserExpressions(JsonObject content)
    {
        var result = new JsonObject();
        if (content["user_expressions"] is JsonObject expressions)
            foreach (var (name, _) in expressions)
                result[name] = new JsonObject
                {
                    ["status"] = "error",
                    ["ename"] = "NotSupported",
                    ["evalue"] = "this kernel does not evaluate user_expressions",
                    ["traceback"] = new JsonArray(),
                };
        return result;
    }

    private void Complete(JupyterMessage request)
    {
        string code = RequiredString(request.Content, "code");
        int cursor = CursorPosition.ToUtf16(code, Int(request.Content, "cursor_pos", code.Length));
        var result = _interpreter.Complete(code, cursor);
        var types = new JsonArray();
        foreach (var m in result.Matches)
            types.Add(new JsonObject
            {
                ["start"] = CursorPosition.ToCodePoints(code, result.Start),
                ["end"] = CursorPosition.ToCodePoints(code, result.End),
                ["text"] = m.Text,
                ["type"] = m.Kind,
                ["signature"] = m.Signature,
            });
        Reply(request, KernelChannel.Shell, new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(result.Matches.Select(m => (JsonNode)JsonValue.Create(m.Text)).ToArray()),
            ["cursor_start"] = CursorPosition.ToCodePoints(code, result.Start),
            ["cursor_end"] = CursorPosition.ToCodePoints(code, result.End),
            ["metadata"] = new JsonObject { ["_jupyter_types_experimental"] = types },
        });
    }

    private void Inspect(JupyterMessage request)
    {
        string code = RequiredString(request.Content, "code");
        int cursor = CursorPosition.ToUtf16(code, Int(request.Content, "cursor_pos", code.Length));
        var result = _interpreter.Inspect(code, cursor, Int(request.Content, "detail_level", 0));
        Reply(request, KernelChannel.Shell, new JsonObject
        {
            ["status"] = "ok",
            ["found"] = result.Found,
            ["data"] = result.Bundle?.Data.DeepClone() ?? new JsonObject(),
            ["metadata"] = result.Bundle?.Metadata.DeepClone() ?? new JsonObject(),
        });
    }

    private void IsComplete(JupyterMessage request)
    {
        var result = _interpreter.IsComplete(RequiredString(request.Content, "code"));
        var content = new JsonObject { ["status"] = result.Status.ToString().ToLowerInvariant() };
        if (result.Status == CompletenessStatus.Incomplete) content["indent"] = result.Indent;
        Reply(request, KernelChannel.Shell, content);
    }

    private void History(JupyterMessage request)
    {
        var c = request.Content;
        bool output = Bool(c, "output", false);
        IEnumerable<(int Line, string Code)> entries = (c["hist_access_type"] as JsonValue)?.ToString() switch
        {
            "tail" => _history.TakeLast(Math.Max(0, Int(c, "n", 10))),
            "range" => _history.Where(h => h.Line >= Int(c, "start", 0) && (Int(c, "stop", 0) <= 0 || h.Line < Int(c, "stop", 0))),
            "search" => Search(c),
            _ => [],
        };
        var history = new JsonArray();
        foreach (var (line, code) in entries)
            history.Add(new JsonArray(1, line, output ? new JsonArray(code, null) : JsonValue.Create(code)));
        Reply(request, KernelChannel.Shell, new JsonObject { ["status"] = "ok", ["history"] = history });
    }

    private IEnumerable<(int Line, string Code)> Search(JsonObject c)
    {
        string pattern = (c["pattern"] as JsonValue)?.ToString() ?? "*";
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
                              RegexOptions.Singleline);
        var found = _history.Where(h => regex.IsMatch(h.Code));
        if (Bool(c, "unique", false)) found = found.GroupBy(h => h.Code).Select(g => g.Last()).OrderBy(h => h.Line);
        int n = Int(c, "n", 0);
        return n > 0 ? found.TakeLast(n) : found;
    }

    private void Interrupt(JupyterMessage request)
    {
        _log.Info("interrupt requested");
        lock (_inputGate) _inputCancel.Cancel();
        _interpreter.Interrupt();
        Reply(request, KernelChannel.Control, new JsonObject { ["status"] = "ok" });
    }

    private void Shutdown(JupyterMessage request, KernelChannel channel)
    {
        RestartRequested = Bool(request.Content, "restart", false);
        _log.Info(RestartRequested ? "shutdown requested (restart follows)" : "shutdown requested");
        lock (_inputGate) _inputCancel.Cancel();
        _interpreter.Interrupt();
        Reply(request, channel, new JsonObject { ["status"] = "ok", ["restart"] = RestartRequested });
        _stopping.Cancel();
    }

    private JsonObject KernelInfoContent()
    {
        var info = _interpreter.Info;
        var links = new JsonArray();
        foreach (var link in info.HelpLinks) links.Add(new JsonObject { ["text"] = link.Text, ["url"] = link.Url });
        return new JsonObject
        {
            ["status"] = "ok",
            ["protocol_version"] = MessageFactory.ProtocolVersion,
            ["implementation"] = info.Implementation,
            ["implementation_version"] = info.ImplementationVersion,
            ["language_info"] = new JsonObject
            {
                ["name"] = info.Language.Name,
                ["version"] = info.Language.Version,
                ["mimetype"] = info.Language.MimeType,
                ["file_extension"] = info.Language.FileExtension,
                ["pygments_lexer"] = info.Language.PygmentsLexer,
                ["codemirror_mode"] = info.Language.CodeMirrorMode,
            },
            ["banner"] = info.Banner,
            ["help_links"] = links,
        };
    }

    /// <summary>The ename / evalue / traceback fields shared by error outputs and error replies.</summary>
    internal static JsonObject ErrorContent(ExecutionOutcome outcome) => new()
    {
        ["ename"] = outcome.ErrorName,
        ["evalue"] = outcome.ErrorValue,
        ["traceback"] = new JsonArray(outcome.Traceback.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
    };

    private void Reply(JupyterMessage request, KernelChannel channel, JsonObject content, JsonObject? metadata = null)
    {
        string replyType = request.MsgType.EndsWith("_request", StringComparison.Ordinal)
            ? request.MsgType[..^"_request".Length] + "_reply"
            : request.MsgType + "_reply";
        _channels.Send(channel, _factory.Reply(request, replyType, content, metadata));
    }

    private void PublishStatus(JupyterMessage? parent, string state) =>
        _channels.Send(KernelChannel.IOPub, _factory.Publication(parent, "status",
            new JsonObject { ["execution_state"] = state }));

    private static string RequiredString(JsonObject content, string name) =>
        content[name] is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw new ProtocolException($"the request's content has no \"{name}\" string");

    private static bool Bool(JsonObject content, string name, bool fallback) =>
        content[name] is JsonValue v && v.TryGetValue(out bool b) ? b : fallback;

    private static int Int(JsonObject content, string name, int fallback) =>
        content[name] is JsonValue v && v.TryGetValue(out int i) ? i : fallback;
}

/// <summary>A request that is signed correctly but does not follow the message specification.</summary>
public sealed class ProtocolException(string message) : Exception(message);
