using Descent.Notebooks.Execution;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Tests.Execution;

/// <summary>
/// A cell's console text: merged into one stream output per run of text, kept up to a cap, with a note saying how much
/// was left out (found in review: 80,000 printed lines never finished, because the saved text was rebuilt on each flush).
/// </summary>
public class ConsoleOutputTests
{
    [Fact]
    public async Task A_cell_that_prints_a_quarter_of_a_million_lines_keeps_the_first_million_characters_and_says_what_it_left_out()
    {
        using var session = new NotebookSession();
        var observer = new RecordingObserver();
        // 250,000 lines of "line NNNNNN\n" (12 characters each): 3,000,000 characters.
        var result = await session.ExecuteAsync("for (int i = 0; i < 250_000; i++) Console.WriteLine($\"line {i:D6}\");", observer);

        Assert.Equal(CellStatus.Ok, result.Status);
        var stdout = Assert.IsType<StreamOutput>(result.Outputs[0]);
        Assert.Equal("stdout", stdout.Name);
        Assert.Equal(CellContext.MaxStreamChars, stdout.Text.Length);
        var expected = string.Concat(Enumerable.Range(0, CellContext.MaxStreamChars / 12).Select(i => $"line {i:D6}\n"));
        Assert.Equal(expected, stdout.Text[..expected.Length]);
        var note = Assert.IsType<StreamOutput>(result.Outputs[1]);
        Assert.Equal("stderr", note.Name);
        Assert.Contains("[output truncated: the cell printed 2,000,000 more characters (166,667 more lines) after the first 1,000,000;", note.Text);
        Assert.Equal(2, result.Outputs.Count);

        // A front end hears the same: the first million characters, then the note.
        var streamed = observer.List.Where(e => e.StartsWith("stdout: ", StringComparison.Ordinal)).Sum(e => e.Length - "stdout: ".Length);
        Assert.Equal(CellContext.MaxStreamChars, streamed);
        Assert.Contains(observer.List, e => e.StartsWith("stderr: \n[output truncated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Console_text_around_a_display_keeps_its_order_and_each_stream_stays_one_output()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("""
            Console.WriteLine("a"); Console.WriteLine("b");
            Console.Error.WriteLine("warn");
            display(42);
            for (int i = 0; i < 3; i++) Console.WriteLine(i);
            """);
        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Collection(result.Outputs,
            o => Assert.Equal(("stdout", "a\nb\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stderr", "warn\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal("42", ((DisplayDataOutput)o).Data.GetText("text/plain")),
            o => Assert.Equal(("stdout", "0\n1\n2\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)));
    }

    [Fact]
    public async Task A_cell_that_fails_after_printing_too_much_has_the_note_before_its_error()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("Console.Write(new string('x', 1_500_000)); throw new InvalidOperationException(\"boom\");");
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal(CellContext.MaxStreamChars, ((StreamOutput)result.Outputs[0]).Text.Length);
        Assert.Contains("500,000 more characters (0 more lines)", ((StreamOutput)result.Outputs[1]).Text);
        Assert.IsType<ErrorOutput>(result.Outputs[2]);
    }
}
