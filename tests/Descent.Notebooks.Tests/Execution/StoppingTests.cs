using Descent.Notebooks.Execution;
using Descent.Notebooks.Running;

namespace Descent.Notebooks.Tests.Execution;

/// <summary>A runaway cell is stopped by its time limit or an interrupt, and the session survives with its state.</summary>
public class StoppingTests
{
    private static NotebookSession Session(double seconds) =>
        new(new SessionOptions { CellTimeout = TimeSpan.FromSeconds(seconds), StopGracePeriod = TimeSpan.FromSeconds(2) });

    [Fact]
    public void The_default_time_limit_is_120_seconds_per_cell()
    {
        var expected = TimeSpan.FromSeconds(120);
        Assert.Equal(expected, SessionOptions.DefaultCellTimeout);
        Assert.Equal(expected, new SessionOptions().CellTimeout);
        using var session = new NotebookSession();
        Assert.Equal(expected, session.Options.CellTimeout);
        Assert.Equal(expected, new NotebookRunOptions().CellTimeout);
    }

    [Fact]
    public async Task An_endless_loop_hits_the_time_limit_and_the_session_keeps_its_state()
    {
        using var session = Session(1);
        await session.ExecuteAsync("var kept = 41;");
        var stopped = await session.ExecuteAsync("var spins = 0;\nwhile (true) { spins++; }");
        Assert.Equal(CellStatus.TimedOut, stopped.Status);
        Assert.Equal(CellErrorKind.Timeout, stopped.Error!.Kind);
        Assert.Equal("TimeoutError", stopped.Error.EName);
        Assert.StartsWith("The cell exceeded its time limit of 1 s and was stopped. It was running at <cell> in Cell In[2], line 2.", stopped.Error.EValue);
        var after = await session.ExecuteAsync("kept + 1");
        Assert.Equal("42", after.Text);
        Assert.True((await session.ExecuteAsync("spins > 0")).ReturnValue is true);
    }

    [Theory]
    [InlineData("void Spin() { while (true) { } }", "Spin();")]
    [InlineData("void Spin() { for (;;) ; }", "Spin();")]
    [InlineData("void Spin() { do { } while (true); }", "Spin();")]
    [InlineData("IEnumerable<int> Forever() { var i = 0; while (true) yield return i++; }", "foreach (var i in Forever()) { }")]
    [InlineData("long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);", "Fib(100)")]
    [InlineData("Func<int, int> f = null!; f = n => { return n < 0 ? 0 : f(n - 1) + f(n - 2); };", "f(200)")]
    [InlineData("class Spinner { public void Run() { while (true) { } } }", "new Spinner().Run();")]
    [InlineData("void Swallow() { while (true) { try { while (true) { } } catch (Exception) { } } }", "Swallow();")]
    [InlineData("void Jump() { again: goto again; }", "Jump();")]
    public async Task Runaway_code_defined_in_an_earlier_cell_is_stopped_too(string definition, string call)
    {
        using var session = Session(0.5);
        var defined = await session.ExecuteAsync(definition);
        Assert.True(defined.Succeeded, defined.Error?.ToString());
        var stopped = await session.ExecuteAsync(call);
        Assert.Equal(CellStatus.TimedOut, stopped.Status);
        Assert.Equal("3", (await session.ExecuteAsync("1 + 2")).Text);
    }

    [Fact]
    public async Task Interrupt_stops_the_running_cell_and_the_next_cell_runs()
    {
        using var session = Session(60);
        var observer = new RecordingObserver();
        var running = session.ExecuteAsync("Console.WriteLine(\"started\");\nwhile (true) { }", observer);
        while (!observer.List.Contains("stdout: started\n")) await Task.Delay(20);
        Assert.True(session.IsBusy);
        session.Interrupt();
        var result = await running;
        Assert.Equal(CellStatus.Interrupted, result.Status);
        Assert.Equal("Interrupted", result.Error!.EName);
        Assert.StartsWith("The cell was interrupted.", result.Error.EValue);
        Assert.Contains(observer.List, e => e.StartsWith("error Interrupted: The cell was interrupted."));
        Assert.False(session.IsBusy);
        Assert.Equal("ok", (await session.ExecuteAsync("\"ok\"")).Text);
    }

    [Fact]
    public async Task Cancelling_the_token_interrupts_the_cell()
    {
        using var session = Session(60);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = await session.ExecuteAsync("while (true) { }", cancellationToken: cts.Token);
        Assert.Equal(CellStatus.Interrupted, result.Status);
    }

    [Fact]
    public async Task A_cell_blocked_outside_csharp_is_abandoned_after_the_grace_period_and_the_session_continues()
    {
        using var session = new NotebookSession(new SessionOptions { CellTimeout = TimeSpan.FromMilliseconds(300), StopGracePeriod = TimeSpan.FromMilliseconds(300) });
        await session.ExecuteAsync("var before = 7;");
        var result = await session.ExecuteAsync("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);");
        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Contains("did not reach a point where it can stop", result.Error!.EValue);
        Assert.Equal("8", (await session.ExecuteAsync("before + 1")).Text);
    }

    [Fact]
    public async Task One_session_timing_out_does_not_stop_another()
    {
        using var slow = Session(0.3);
        using var other = Session(30);
        var runaway = slow.ExecuteAsync("while (true) { }");
        var busy = other.ExecuteAsync("long s = 0; for (int i = 0; i < 20_000_000; i++) { s += i % 3; } s");
        Assert.Equal(CellStatus.TimedOut, (await runaway).Status);
        var result = await busy;
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("19999999", result.Text);
    }

    [Fact]
    public async Task A_second_cell_submitted_while_one_runs_is_refused()
    {
        using var session = Session(5);
        var running = session.ExecuteAsync("System.Threading.Thread.Sleep(300);");
        await Task.Delay(50);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => session.ExecuteAsync("1"));
        Assert.Contains("already running", e.Message);
        Assert.True((await running).Succeeded);
    }
}
