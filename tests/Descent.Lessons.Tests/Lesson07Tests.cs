using System.Text.Json.Nodes;
using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 07 (stochastic and mini-batch gradient descent) on the standardized tips data: updates per epoch, the
/// hand-written mini-batch loop equal to the library's, the spread of mini-batch gradients against the batch size,
/// batch / 32 / 8 / SGD paths with the same budget, batches of 2 beside SGD and batch GD (the NPTEL deck's picture), SGD
/// with a constant versus a decaying step, and the Try-its' outcomes (each edited cell run as a student would).
/// </summary>
public class Lesson07Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("07-stochastic-and-mini-batch-gradient-descent");

    [Fact]
    public async Task Runs_clean_with_six_charts()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(6, lesson.AllCharts().Count);
    }

    [Fact]
    public async Task The_standardized_fit_is_lesson_04s_line_in_dollars()
    {
        var text = (await Lesson()).CellWithId("data").Text;
        Assert.Equal("{ rows = 244, thetaStar = (2.9983, 0.9331), lowestLoss = 1.0360, inDollars = 0.9203, 0.1050 }", text);
    }

    [Fact]
    public async Task An_epoch_takes_n_over_m_updates_rounded_up()
    {
        var rows = (await Lesson()).CellWithId("updates-per-epoch").TableRows();
        Assert.Equal([1, 8, 11, 31, 244], rows.Select(r => (int)Numbers(r)[2]).ToArray());
    }

    [Fact]
    public async Task The_hand_written_loop_and_the_library_take_the_same_forty_steps()
    {
        var lesson = await Lesson();
        Assert.Equal("θ = (2.948376, 0.863921), L = 1.043289", lesson.CellWithId("loop").ResultText);
        Assert.Equal("{ library = (2.948376, 0.863921), largestDifference = 0, updates = 40 }", lesson.CellWithId("loop-library").Text);
    }

    [Fact]
    public async Task Mini_batch_gradients_stray_less_as_the_batch_grows_as_predicted()
    {
        var lesson = await Lesson();
        Assert.Equal("{ trueGradient = (-5.9966, -5.8661), oneRowStraysBy = 16.749 }", lesson.CellWithId("spread-true").Text);
        double length = Math.Sqrt(5.9966 * 5.9966 + 5.8661 * 5.8661);
        Assert.Equal(8.4, length, 1);                                             // "the gradient's own length (about 8.4)"
        Assert.Equal(2.0, 16.749 / length, 1);                                    // "twice the gradient's own length"
        var rows = lesson.CellWithId("spread-numbers").TableRows().Select(Numbers).ToArray();
        var sizes = rows.Select(r => r[1]).ToArray();
        var measured = rows.Select(r => r[2]).ToArray();
        var predicted = rows.Select(r => r[3]).ToArray();
        Assert.Equal([1.0, 2, 4, 8, 16, 32, 64, 128, 244], sizes);
        Assert.True(measured.Zip(measured.Skip(1), (a, b) => b < a).All(x => x), "the spread shrinks with every doubling");
        Assert.True(measured[^1] < 1e-12, "a batch of all 244 rows is the true gradient");
        for (int i = 0; i < rows.Length - 1; i++)
            Assert.True(Math.Abs(measured[i] / predicted[i] - 1) < 0.15, $"m = {sizes[i]}: measured {measured[i]} vs predicted {predicted[i]}");
        Assert.Equal(16.749, predicted[0], 0.01);                                // σ₁ itself

        var chart = lesson.CellWithId("spread-plot").Chart();
        Assert.Equal(measured.Take(8), chart.TraceNamed("measured (400 batches)").Values("y"), (a, b) => Math.Abs(a / b - 1) < 1e-3);
        Assert.Equal("log", chart["layout"]!["xaxis"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Same_work_same_start_batch_gd_lags_and_small_batches_bounce_on_a_floor()
    {
        var lesson = await Lesson();
        var paths = lesson.CellWithId("paths").Chart();
        Assert.Equal(6, paths.FirstTrace("batch GD (m = 244)").Values("x").Length);   // 5 updates from the start
        Assert.Equal(41, paths.FirstTrace("mini-batch (m = 32)").Values("x").Length);

        var traces = lesson.CellWithId("traces").Chart();
        foreach (var name in new[] { "batch GD (m = 244)", "mini-batch (m = 32)", "mini-batch (m = 8)", "SGD (m = 1)" })
            Assert.Equal(5, traces.TraceNamed(name).Values("x")[^1]);          // the same 5 epochs = 1220 gradient evaluations
        Assert.All(traces.TraceNamed("SGD (m = 1)").Values("x"), x => Assert.Equal(Math.Round(x * 244), x * 244, 3));   // one row is 1/244 of an epoch (x is drawn to 7 digits)

        Assert.Equal(6.134118, traces.TraceNamed("batch GD (m = 244)").Values("y")[^1], 5);
        Assert.Equal(0.0072696, traces.TraceNamed("mini-batch (m = 32)").Values("y")[^1], 6);

        var rows = lesson.CellWithId("milestones").TableRows().Select(r => Numbers(r)).ToArray();
        // columns: #, m, after 5 updates, after one epoch, after 5 epochs
        double[] after5Updates = rows.Select(r => r[2]).ToArray(), afterOneEpoch = rows.Select(r => r[3]).ToArray();
        Assert.Equal(after5Updates.Min(), after5Updates[0]);                     // per update, batch GD is furthest along
        Assert.Equal(afterOneEpoch.Max(), afterOneEpoch[0]);                     // per epoch, it is last
        Assert.Equal([6.13, 7.44, 7.09, 11.9], after5Updates);
        Assert.Equal([14.2, 2.67, 0.0194, 0.00439], afterOneEpoch);
    }

    [Fact]
    public async Task A_decaying_step_lets_sgd_settle_far_below_the_constant_steps_noise_floor()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("schedule-numbers").TableRows();
        Assert.Matches(@"SGD, constant α = 0\.05\s+0\.05\s+0\.238\s+\(3\.1641, 1\.8933\)", rows[0]);
        Assert.Matches(@"SGD, α = 0\.05 / \(1 \+ 0\.01 t\)\s+0\.000674\s+0\.000408\s+\(2\.9956, 0\.9326\)", rows[1]);

        var chart = lesson.CellWithId("schedule").Chart();
        double Tail(string name) => chart.TraceNamed(name).Values("y").TakeLast(150).Average();
        Assert.True(Tail("SGD, constant α = 0.05") > 100 * Tail("SGD, α = 0.05 / (1 + 0.01 t)"),
            "the decaying step ends at least 100 times closer to L*");
        Assert.Equal(30, chart.TraceNamed("SGD, constant α = 0.05").Values("x")[^1]);   // 30 epochs
        // schedule-after: after its first epoch the constant-step run bounces "mostly between 0.01 and 1 above L*".
        var constant = chart.TraceNamed("SGD, constant α = 0.05");
        var later = constant.Values("y").Where((_, i) => constant.Values("x")[i] > 1).ToArray();
        Assert.True(later.Count(l => l is >= 0.01 and <= 1) > 0.8 * later.Length, "mostly between 0.01 and 1");
        // schedule-numbers-after: "about 0.0004 above it, 600 times closer"
        Assert.InRange(0.238 / 0.000408, 550, 650);
    }

    [Fact]
    public async Task Two_executions_show_identical_outputs() =>
        await SecondExecution.AssertSameOutputs("07-stochastic-and-mini-batch-gradient-descent");

    [Fact]
    public async Task Batches_of_two_jitter_less_than_sgd()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("pairs-numbers").TableRows();
        // run, updates, path length, last-epoch average and worst L − L*, after 5 epochs
        Assert.Matches(@"batch GD \(m = 244\)\s+5\s+1\.72\s+6\.13\s+6\.13\s+6\.13", rows[0]);
        Assert.Matches(@"mini-batch \(m = 2\)\s+610\s+61\.7\s+0\.147\s+0\.574\s+0\.116", rows[1]);
        Assert.Matches(@"SGD \(m = 1\)\s+1220\s+154\s+0\.384\s+1\.78\s+0\.444", rows[2]);
        var chart = lesson.CellWithId("pairs").Chart();
        Assert.InRange(chart.FirstTrace("mini-batch (m = 2)").Values("x").Length, 500, 611);   // the path: 610 updates (drawn thinned)
        Assert.Equal(5, chart.LastTrace("mini-batch (m = 2)").Values("x")[^1]);           // the loss trace ends at 5 epochs
    }

    [Fact]
    public async Task The_colours_the_prose_names_are_the_charts()
    {
        // pairs-intro: the last panel's loss lines are blue (batch GD), vermillion (m = 2) and green (SGD); the paths are blue.
        var lesson = await Lesson();
        var pairs = lesson.CellWithId("pairs").Chart();
        static string Colour(JsonObject trace) => trace["line"]!["color"]!.GetValue<string>();
        Assert.Equal("#0072B2", Colour(pairs.LastTrace("batch GD (m = 244)")));
        Assert.Equal("#D55E00", Colour(pairs.LastTrace("mini-batch (m = 2)")));
        Assert.Equal("#009E73", Colour(pairs.LastTrace("SGD (m = 1)")));
        Assert.All(new[] { "batch GD (m = 244)", "mini-batch (m = 2)", "SGD (m = 1)" },
            name => Assert.Equal("#0072B2", Colour(pairs.FirstTrace(name))));
        // schedule-after: the constant-step run is blue, the decaying one vermillion.
        var schedule = lesson.CellWithId("schedule").Chart();
        Assert.Equal("#0072B2", Colour(schedule.TraceNamed("SGD, constant α = 0.05")));
        Assert.Equal("#D55E00", Colour(schedule.TraceNamed("SGD, α = 0.05 / (1 + 0.01 t)")));
    }

    [Fact]
    public async Task Try_it_seed_8_moves_the_end_a_little_and_both_runs_still_agree()
    {
        Assert.Equal("{ handWritten = (2.948376, 0.863921), library = (2.948376, 0.863921), largestDifference = 0, loss = 1.043289 }",
            (await Lesson()).CellWithId("try-seed").Text);
        var edited = await TryIt.Cell("07-stochastic-and-mini-batch-gradient-descent", "try-seed").Replace("trySeed = 7", "trySeed = 8").Run();
        Assert.Equal("{ handWritten = (2.945540, 0.871326), library = (2.945540, 0.871326), largestDifference = 0, loss = 1.042611 }",
            edited.Text);
        Assert.InRange(1.043289 - 1.042611, 0, 0.001);                              // "the loss changes by less than 0.001"
    }

    [Fact]
    public async Task Try_it_alpha_0_2_helps_batch_gd_and_raises_the_noise_floors()
    {
        var lesson = await Lesson();
        Assert.Equal(lesson.CellWithId("milestones").TableRows(), lesson.CellWithId("try-alpha").TableRows());
        var edited = await TryIt.Cell("07-stochastic-and-mini-batch-gradient-descent", "try-alpha").Replace("tryAlpha = 0.05", "tryAlpha = 0.2").Run();
        var after5Epochs = edited.TableRows().Select(r => Numbers(r)[^1]).ToArray();
        Assert.Equal([0.106, 0.0617, 0.162, 4.52], after5Epochs);
    }

    [Fact]
    public async Task Try_it_decay_rate_slower_settles_later_faster_still_arrives_here()
    {
        Assert.Equal("{ finalStepSize = 0.000674, averageAboveLStarInTheLastQuarter = 0.000408, distanceToThetaStar = 0.00273 }",
            (await Lesson()).CellWithId("try-decay").Text);
        var slower = await TryIt.Cell("07-stochastic-and-mini-batch-gradient-descent", "try-decay").Replace("tryDecay = 0.01", "tryDecay = 0.001").Run();
        Assert.Equal("{ finalStepSize = 0.00601, averageAboveLStarInTheLastQuarter = 0.021, distanceToThetaStar = 0.196 }",
            slower.Text);
        var faster = await TryIt.Cell("07-stochastic-and-mini-batch-gradient-descent", "try-decay").Replace("tryDecay = 0.01", "tryDecay = 0.1").Run();
        Assert.Equal("{ finalStepSize = 6.82E-05, averageAboveLStarInTheLastQuarter = 4.06E-05, distanceToThetaStar = 0.00551 }",
            faster.Text);
    }
}
