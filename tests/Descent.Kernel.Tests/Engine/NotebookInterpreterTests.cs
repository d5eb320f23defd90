using System.Text.Json.Nodes;
using Descent.Kernel.Engine;
using Descent.Kernel.Protocol;
using Descent.Kernel.Tests.Support;

namespace Descent.Kernel.Tests.Engine;

/// <summary>One engine-backed interpreter, shared by the tests of this class (Roslyn loads once).</summary>
public sealed class InterpreterFixture : IDisposable
{
    public NotebookInterpreter Interpreter { get; } = new(new RecordingLog());
    public void Dispose() => Interpreter.Dispose();
}

/// <summary>The adapter onto the engine: observer calls become protocol outputs, results become outcomes.</summary>
public sealed class NotebookInterpreterTests(InterpreterFixture fixture) : IClassFixture<InterpreterFixture>
{
    private readonly NotebookInterpreter _interpreter = fixture.Interpreter;

    private sealed class RecordingOutput(string? input = null) : IExecutionOutput
    {
        public List<(string Kind, JsonObject Data, string? DisplayId)> Outputs { get; } = [];
        public string Stdout = "";
        public List<string> Prompts { get; } = [];
        public void Stream(string name, string text) { lock (Outputs) Stdout += text; }
        public void Display(MimeBundle bundle, string? displayId) { lock (Outputs) Outputs.Add(("display", bundle.Data, displayId)); }
        public void UpdateDisplay(MimeBundle bundle, string displayId) { lock (Outputs) Outputs.Add(("update", bundle.Data, displayId)); }
        public void Result(MimeBundle bundle) { lock (Outputs) Outputs.Add(("result", bundle.Data, null)); }
        public void ClearOutput(bool wait) { }
        public string RequestInput(string prompt, bool password)
        {
            Prompts.Add(prompt);
            return input ?? throw new InvalidOperationException("this front end does not accept input requests (allow_stdin is false)");
        }
    }

    private ExecutionOutcome Run(string code, RecordingOutput output) =>
        _interpreter.Execute(new ExecutionRequest(code, false, true, false, 1), output);

    [Fact]
    public void Display_update_and_result_arrive_in_order_with_one_display_id()
    {
        var output = new RecordingOutput();
        var outcome = Run("var h = display(\"first\");\nh.Update(\"second\");\n20 + 22", output);
        Assert.True(outcome.Succeeded);
        Assert.Equal(["display", "update", "result"], output.Outputs.Select(o => o.Kind));
        Assert.Equal("first", output.Outputs[0].Data["text/plain"]!.GetValue<string>());
        Assert.Equal("second", output.Outputs[1].Data["text/plain"]!.GetValue<string>());
        Assert.Equal(output.Outputs[0].DisplayId, output.Outputs[1].DisplayId);
        Assert.Equal("42", output.Outputs[2].Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Multi_line_text_is_sent_as_one_string_not_nbformat_lines()
    {
        var output = new RecordingOutput();
        Run("display(\"line one\\nline two\");", output);
        var text = output.Outputs.Single().Data["text/plain"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, text.GetValueKind());
        Assert.Equal("line one\nline two", text.GetValue<string>());
    }

    [Fact]
    public void Console_output_is_streamed()
    {
        var output = new RecordingOutput();
        Run("Console.WriteLine(\"step 1\"); Console.Write(\"done\");", output);
        Assert.Equal("step 1\ndone", output.Stdout);
    }

    [Fact]
    public void Compile_error_is_an_error_outcome_with_the_diagnostic()
    {
        var outcome = Run("int wrong = \"text\";", new RecordingOutput());
        Assert.False(outcome.Succeeded);
        Assert.Equal("CompilationError", outcome.ErrorName);
        Assert.Contains("CS0029", outcome.ErrorValue);
    }

    [Fact]
    public void Console_ReadLine_asks_the_front_end()
    {
        var output = new RecordingOutput(input: "0.5");
        var outcome = Run("var eta = double.Parse(Console.ReadLine()!);\nConsole.WriteLine(eta * 2);", output);
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Single(output.Prompts);
        Assert.Equal("1\n", output.Stdout);
    }

    [Fact]
    public void Console_ReadLine_without_stdin_fails_the_cell_with_the_reason()
    {
        var outcome = Run("var line = Console.ReadLine();", new RecordingOutput());
        Assert.False(outcome.Succeeded);
        Assert.Contains("allow_stdin", outcome.ErrorValue);
    }

    [Fact]
    public void Interrupt_from_another_thread_stops_a_runaway_loop_and_state_survives()
    {
        Run("var survivor = 7;", new RecordingOutput());
        using var stopper = new Timer(_ => _interpreter.Interrupt(), null, 1000, Timeout.Infinite);
        var outcome = Run("while (true) { }", new RecordingOutput());
        Assert.False(outcome.Succeeded);
        Assert.Equal("Interrupted", outcome.ErrorName);
        var output = new RecordingOutput();
        Assert.True(Run("survivor * 6", output).Succeeded);
        Assert.Equal("42", output.Outputs.Single().Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Kernel_info_names_csharp_and_the_language_version_cells_compile_with()
    {
        var info = _interpreter.Info;
        Assert.Equal("C#", info.Language.Name);
        Assert.Equal(".cs", info.Language.FileExtension);
        string expected = Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.ToDisplayString(
            Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.MapSpecifiedToEffectiveVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest));
        Assert.Equal(expected, info.Language.Version);
    }

    [Fact]
    public void Completion_sees_variables_of_executed_cells()
    {
        Run("var learningRate = 0.1;", new RecordingOutput());
        const string code = "learningR";
        var result = _interpreter.Complete(code, code.Length);
        Assert.Contains(result.Matches, m => m.Text == "learningRate");
        Assert.Equal(0, result.Start);
    }
}
