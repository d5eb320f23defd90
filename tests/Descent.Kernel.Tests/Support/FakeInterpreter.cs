using Descent.Kernel.Protocol;

namespace Descent.Kernel.Tests.Support;

/// <summary>
/// An interpreter for protocol tests, driven by tiny commands instead of C#: one command per line.
/// <c>print TEXT</c>, <c>eprint TEXT</c>, <c>display ID TEXT</c>, <c>update ID TEXT</c>, <c>result TEXT</c>,
/// <c>fail NAME MESSAGE</c>, <c>throw</c> (an interpreter fault), <c>block</c> (waits for <see cref="Interrupt"/>),
/// <c>input PROMPT</c> (asks the front end and prints the answer).
/// </summary>
internal sealed class FakeInterpreter : IKernelInterpreter
{
    private readonly ManualResetEventSlim _interrupted = new(false);

    public List<string> Executed { get; } = [];
    public IExecutionOutput? LastOutput { get; private set; }
    public int Interrupts;
    public ManualResetEventSlim Blocking { get; } = new(false);

    public KernelInfo Info { get; } = new("fake", "1.2.3",
        new LanguageInfo("C#", "14.0", "text/x-csharp", ".cs", "csharp", "text/x-csharp"),
        "Fake banner", [new HelpLink("Descent", "https://example.org/descent")]);

    public ExecutionOutcome Execute(ExecutionRequest request, IExecutionOutput output)
    {
        lock (Executed) Executed.Add(request.Code);
        LastOutput = output;
        foreach (var line in request.Code.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case "print": output.Stream("stdout", line[6..] + "\n"); break;
                case "eprint": output.Stream("stderr", line[7..] + "\n"); break;
                case "display": output.Display(MimeBundle.PlainText(parts[2]), parts[1]); break;
                case "update": output.UpdateDisplay(MimeBundle.PlainText(parts[2]), parts[1]); break;
                case "result": output.Result(MimeBundle.PlainText(line[7..])); break;
                case "fail": return ExecutionOutcome.Error(parts[1], parts[2], [$"{parts[1]}: {parts[2]}", "  at cell"]);
                case "throw": throw new InvalidOperationException("the fake interpreter broke");
                case "input": output.Stream("stdout", "got " + output.RequestInput(parts[1], false) + "\n"); break;
                case "block":
                    Blocking.Set();
                    if (!_interrupted.Wait(TimeSpan.FromSeconds(30))) return ExecutionOutcome.Error("Timeout", "never interrupted", []);
                    _interrupted.Reset();
                    return ExecutionOutcome.Error("OperationCanceledException", "The cell was interrupted.", []);
            }
        }
        return ExecutionOutcome.Ok;
    }

    public CompletionResult Complete(string code, int cursor)
    {
        int start = cursor;
        while (start > 0 && char.IsLetter(code[start - 1])) start--;
        return new CompletionResult([new CompletionMatch("Max", "method", "int Math.Max(int, int)"),
                                     new CompletionMatch("Min", "method", "int Math.Min(int, int)")], start, cursor);
    }

    public InspectionResult Inspect(string code, int cursor, int detailLevel) =>
        code.Contains("Math") ? new InspectionResult(true, MimeBundle.PlainText($"class System.Math @{cursor} level {detailLevel}"))
                              : InspectionResult.NotFound;

    public Completeness IsComplete(string code) =>
        code.EndsWith('{') ? new Completeness(CompletenessStatus.Incomplete, "    ")
        : code.Contains("}}") ? new Completeness(CompletenessStatus.Invalid)
        : new Completeness(CompletenessStatus.Complete);

    public void Interrupt()
    {
        Interlocked.Increment(ref Interrupts);
        _interrupted.Set();
    }

    public void Dispose() { }
}
