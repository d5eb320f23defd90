using System.Reflection;
using Descent.Kernel.Protocol;
using Descent.Notebooks.Editing;
using Descent.Notebooks.Execution;
using Microsoft.CodeAnalysis.CSharp;
using EngineBundle = Descent.Notebooks.Model.MimeBundle;
using KernelBundle = Descent.Kernel.Protocol.MimeBundle;

namespace Descent.Kernel.Engine;

/// <summary>
/// The kernel's interpreter: a thin adapter over the notebook engine's <see cref="NotebookSession"/> (the same
/// engine <c>descent run</c> and the site exporter use; there is no second execution path) and its editing services
/// (<see cref="CodeAssistant"/>). Cells have no time limit here — a front end interrupts instead. The session is
/// created and Roslyn warmed up in the background, so that kernel_info is answered while they load; the first
/// request that needs them waits.
/// </summary>
public sealed class NotebookInterpreter : IKernelInterpreter
{
    private readonly Task<NotebookSession> _sessionTask;
    private readonly CodeAssistant _assistant;
    private readonly object _assistantGate = new();
    private readonly KernelConsoleInput _input = new();

    /// <summary>Starts creating the session and warming Roslyn up in the background.</summary>
    public NotebookInterpreter(KernelLog log, SessionOptions? options = null)
    {
        // The first cell waits for the engine's warm-up: a cell compiled while WarmUpAsync still compiles its
        // throwaway script can leave the session with two views of the engine assembly, and a later cell then
        // fails with CS0121 ("display(...) is ambiguous"). Completion's own warm-up binds separate references.
        _sessionTask = Task.Run(async () =>
        {
            var session = new NotebookSession(options ?? new SessionOptions { CellTimeout = Timeout.InfiniteTimeSpan });
            try
            {
                await session.WarmUpAsync();
            }
            catch (Exception e)
            {
                log.Warn($"the engine's warm-up failed (the first cell loads Roslyn itself): {e.Message}");
            }
            return session;
        });
        _assistant = new CodeAssistant(() =>
        {
            var session = Session;
            return new EditingContext(session.Compilation, session.References, session.Imports);
        });
        Console.SetIn(_input);
        Info = CreateInfo();
        WarmUp = Task.Run(async () =>
        {
            await _sessionTask;
            try
            {
                lock (_assistantGate) _assistant.WarmUp();
            }
            catch (Exception e)
            {
                log.Warn($"completion warm-up failed (the first completion loads Roslyn's services itself): {e.Message}");
            }
        });
    }

    private NotebookSession Session => _sessionTask.GetAwaiter().GetResult();

    /// <summary>The background warm-up (Roslyn, then the completion services).</summary>
    public Task WarmUp { get; }

    /// <inheritdoc />
    public KernelInfo Info { get; }

    /// <inheritdoc />
    public ExecutionOutcome Execute(ExecutionRequest request, IExecutionOutput output)
    {
        _input.Current = output;
        try
        {
            var result = Session.ExecuteAsync(request.Code, new OutputObserver(output), CancellationToken.None, request.StoreHistory)
                .GetAwaiter().GetResult();
            return result.Succeeded || result.Error is null
                ? ExecutionOutcome.Ok
                : ExecutionOutcome.Error(result.Error.EName, result.Error.EValue, result.Error.Traceback);
        }
        finally
        {
            _input.Current = null;
        }
    }

    /// <inheritdoc />
    public CompletionResult Complete(string code, int cursor)
    {
        CodeCompletionList list;
        lock (_assistantGate) list = _assistant.Complete(code, cursor);
        return new CompletionResult(list.Items.Select(i => new CompletionMatch(i.Text, i.Kind, i.Description)).ToList(),
                                    list.SpanStart, list.SpanEnd);
    }

    /// <inheritdoc />
    public InspectionResult Inspect(string code, int cursor, int detailLevel)
    {
        SymbolHelp? help;
        lock (_assistantGate) help = _assistant.Inspect(code, cursor);
        if (help is null) return InspectionResult.NotFound;
        return new InspectionResult(true, new KernelBundle(
            new System.Text.Json.Nodes.JsonObject { ["text/plain"] = help.ToPlainText(), ["text/markdown"] = help.ToMarkdown() },
            new System.Text.Json.Nodes.JsonObject()));
    }

    /// <inheritdoc />
    public Completeness IsComplete(string code)
    {
        var result = CodeAssistant.IsComplete(code);
        return result.Status switch
        {
            SubmissionStatus.Incomplete => new Completeness(CompletenessStatus.Incomplete, result.Indent),
            SubmissionStatus.Invalid => new Completeness(CompletenessStatus.Invalid),
            _ => new Completeness(CompletenessStatus.Complete),
        };
    }

    /// <inheritdoc />
    public void Interrupt()
    {
        _input.Interrupt();
        if (_sessionTask.IsCompletedSuccessfully) _sessionTask.Result.Interrupt();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_sessionTask.IsCompletedSuccessfully) _sessionTask.Result.Dispose();
        // A warm-up still building the completion services must not hold the process after shutdown.
        if (!Monitor.TryEnter(_assistantGate)) return;
        try { _assistant.Dispose(); }
        finally { Monitor.Exit(_assistantGate); }
    }

    /// <summary>An engine mime bundle as protocol data: text types as strings, JSON types as JSON.</summary>
    internal static KernelBundle ToProtocol(EngineBundle bundle, System.Text.Json.Nodes.JsonObject? metadata)
    {
        var data = new System.Text.Json.Nodes.JsonObject();
        foreach (string mimeType in bundle.MimeTypes)
            data[mimeType] = EngineBundle.IsJsonMimeType(mimeType)
                ? bundle.GetJson(mimeType)
                : System.Text.Json.Nodes.JsonValue.Create(bundle.GetText(mimeType) ?? "");
        return new KernelBundle(data, (System.Text.Json.Nodes.JsonObject?)metadata?.DeepClone() ?? new System.Text.Json.Nodes.JsonObject());
    }

    private static KernelInfo CreateInfo()
    {
        string version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                         ?? typeof(NotebookInterpreter).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
        int plus = version.IndexOf('+');
        if (plus > 0) version = version[..plus];
        string csharp = LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString();
        return new KernelInfo(
            Implementation: "descent",
            ImplementationVersion: version,
            Language: new LanguageInfo("C#", csharp, "text/x-csharp", ".cs", "csharp", "text/x-csharp"),
            Banner: $"Descent C# kernel {version}: C# {csharp} on Roslyn scripting, .NET {Environment.Version}.\n" +
                    "Cells share one state; a trailing expression is shown; display(x) / x.Display() show values and " +
                    "return a handle with Update(newValue); #r \"nuget: Id, Version\" references packages.",
            HelpLinks:
            [
                new HelpLink("C# language reference", "https://learn.microsoft.com/dotnet/csharp/"),
                new HelpLink(".NET API browser", "https://learn.microsoft.com/dotnet/api/"),
                new HelpLink("MathNet.Numerics", "https://numerics.mathdotnet.com/"),
                new HelpLink("Plotly.NET", "https://plotly.net/"),
            ]);
    }

    /// <summary>The engine's observer calls, forwarded to the kernel's output (errors come back in the result).</summary>
    private sealed class OutputObserver(IExecutionOutput output) : IExecutionObserver
    {
        public void OnStream(string name, string text) => output.Stream(name, text);

        public void OnDisplay(string displayId, EngineBundle data, System.Text.Json.Nodes.JsonObject metadata) =>
            output.Display(ToProtocol(data, metadata), displayId);

        public void OnDisplayUpdate(string displayId, EngineBundle data, System.Text.Json.Nodes.JsonObject metadata) =>
            output.UpdateDisplay(ToProtocol(data, metadata), displayId);

        public void OnResult(int executionCount, EngineBundle data, System.Text.Json.Nodes.JsonObject metadata) =>
            output.Result(ToProtocol(data, metadata));
    }
}
