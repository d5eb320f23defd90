using Descent.Notebooks.Execution;
using Descent.Notebooks.Model;

namespace Descent.Notebooks.Tests.Execution;

public class SessionBasicsTests
{
    [Fact]
    public async Task Variables_methods_and_usings_carry_over_from_cell_to_cell()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("using System.Numerics;\nvar x = 3.0;\ndouble Square(double v) => v * v;");
        var result = await session.ExecuteAsync("Square(x) + BigInteger.One.ToString().Length");
        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Equal("10", result.Text);
        Assert.Equal(2, result.ExecutionCount);
    }

    [Fact]
    public async Task A_trailing_expression_is_the_result_and_a_semicolon_shows_nothing()
    {
        using var session = new NotebookSession();
        var shown = await session.ExecuteAsync("Math.Max(1, 2)");
        var hidden = await session.ExecuteAsync("Math.Max(1, 2);");
        var voidCall = await session.ExecuteAsync("Console.Write(\"\")");
        Assert.True(shown.HasReturnValue);
        Assert.Equal(2, shown.ReturnValue);
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(shown.Outputs));
        Assert.Equal("2", result.Data.GetText("text/plain"));
        Assert.Equal(1, result.ExecutionCount);
        Assert.False(hidden.HasReturnValue);
        Assert.Empty(hidden.Outputs);
        Assert.False(voidCall.HasReturnValue);
        Assert.Empty(voidCall.Outputs);
    }

    [Fact]
    public async Task Doubles_print_with_round_trip_precision()
    {
        using var session = new NotebookSession();
        var result = await session.ExecuteAsync("var s = 0.0; foreach (var v in new[] { 1.2616, 1.2616, 1.2616, 1.2616 }) s += v; s + 1e-15 * 0 + 0.0000000000000055 - 0.0000000000000055 + 5.0464000000000055 - s");
        Assert.Equal("5.0464000000000055", result.Text);
    }

    [Fact]
    public async Task Console_output_and_displays_arrive_in_order()
    {
        using var session = new NotebookSession();
        var observer = new RecordingObserver();
        var result = await session.ExecuteAsync("Console.WriteLine(\"a\");\ndisplay(1);\nConsole.WriteLine(\"b\");\nConsole.Error.WriteLine(\"c\");\n42", observer);
        Assert.Collection(result.Outputs,
            o => Assert.Equal("a\n", Assert.IsType<StreamOutput>(o).Text),
            o => Assert.Equal("1", Assert.IsType<DisplayDataOutput>(o).Data.GetText("text/plain")),
            o => Assert.Equal(("stdout", "b\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stderr", "c\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal("42", Assert.IsType<ExecuteResultOutput>(o).Data.GetText("text/plain")));
        var events = observer.List;
        Assert.Equal("started 1", events[0]);
        Assert.Equal("stdout: a\n", events[1]);
        Assert.StartsWith("display ", events[2]);
        Assert.Equal("result 1: 42", events[^1]);
    }

    [Fact]
    public async Task Display_update_replaces_the_output_and_notifies_the_observer()
    {
        using var session = new NotebookSession();
        var observer = new RecordingObserver();
        var first = await session.ExecuteAsync("var h = display(\"step 0\");\nh.Update(\"step 1\");", observer);
        var display = Assert.IsType<DisplayDataOutput>(Assert.Single(first.Outputs));
        Assert.Equal("step 1", display.Data.GetText("text/plain"));
        var second = await session.ExecuteAsync("h.Update(\"done\"); \"x\".Display(); 0", observer);
        Assert.Equal("done", display.Data.GetText("text/plain"));
        Assert.Contains(observer.List, e => e == $"update {display.DisplayId}: done");
        Assert.Equal(2, second.Outputs.Count);
    }

    [Fact]
    public async Task A_compile_error_names_the_line_and_column_inside_the_cell()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var a = 1;");
        var result = await session.ExecuteAsync("var b = 2;\nvar c = a + undefinedName;");
        Assert.Equal(CellStatus.Error, result.Status);
        var d = Assert.Single(result.Error!.Diagnostics);
        Assert.Equal(("CS0103", 2, 13), (d.Id, d.Line, d.Column));
        Assert.Equal("var c = a + undefinedName;", d.SourceLine);
        Assert.Equal("CompilationError", result.Error.EName);
        Assert.StartsWith("(2,13): error CS0103", result.Error.EValue);
        Assert.Contains("    2 | var c = a + undefinedName;", result.Error.Traceback);
    }

    [Fact]
    public async Task A_runtime_exception_reports_type_message_and_notebook_frames()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("int Divide(int x, int y)\n{\n    return x / y;\n}");
        var result = await session.ExecuteAsync("var zero = 0;\nDivide(1, zero)");
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal("System.DivideByZeroException", result.Error!.EName);
        Assert.Equal("Attempted to divide by zero.", result.Error.EValue);
        var tb = result.Error.Traceback;
        Assert.Equal("System.DivideByZeroException: Attempted to divide by zero.", tb[0]);
        Assert.Contains(tb, l => l.Contains("Divide(Int32 x, Int32 y) in Cell In[1], line 3"));
        Assert.Contains(tb, l => l.Contains("<cell> in Cell In[2], line 2"));
        Assert.DoesNotContain(tb, l => l.Contains("Microsoft.CodeAnalysis") || l.Contains("System.Runtime.CompilerServices"));
    }

    [Fact]
    public async Task Output_from_a_thread_a_finished_cell_left_running_goes_to_the_running_cell_or_else_to_the_observer()
    {
        using var session = new NotebookSession();
        var first = new RecordingObserver();
        var cell1 = await session.ExecuteAsync(
            "var gate = new System.Threading.SemaphoreSlim(0);\n" +
            "var worker = new System.Threading.Thread(() => { gate.Wait(); Console.WriteLine(\"while idle\"); gate.Wait(); Console.WriteLine(\"during cell 2\"); });\n" +
            "worker.Start();", first);
        Assert.True(session.TryGetVariable("gate", out var gateValue));
        var gate = (SemaphoreSlim)gateValue!;
        gate.Release();
        for (int i = 0; i < 200 && !first.List.Contains("stdout: while idle\n"); i++) await Task.Delay(25);
        Assert.Contains("stdout: while idle\n", first.List);
        Assert.Empty(cell1.Outputs);

        var second = new RecordingObserver();
        var cell2 = await session.ExecuteAsync("gate.Release(); worker.Join();", second);
        Assert.Equal("during cell 2\n", Assert.IsType<StreamOutput>(Assert.Single(cell2.Outputs)).Text);
        Assert.Contains("stdout: during cell 2\n", second.List);
        Assert.DoesNotContain("stdout: during cell 2\n", first.List);
    }

    [Fact]
    public async Task Console_flush_sends_buffered_text_to_the_observer_while_the_cell_runs()
    {
        using var session = new NotebookSession();
        var observer = new RecordingObserver();
        var result = await session.ExecuteAsync("Console.Write(\"partial\"); Console.Out.Flush(); System.Threading.Thread.Sleep(300); Console.Write(\" rest\");", observer);
        Assert.Equal("partial rest", Assert.IsType<StreamOutput>(Assert.Single(result.Outputs)).Text);
        Assert.Equal(["started 1", "stdout: partial", "stdout:  rest"], observer.List);
    }
}
