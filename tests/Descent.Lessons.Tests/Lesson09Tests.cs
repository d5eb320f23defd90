using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 09 (learning-rate schedules and adaptive methods): the naive search, the deck's exponential-decay typo, the
/// schedules applied to SGD, Adagrad on the deck's sparse features and its dying step size, RMSProp's step that does
/// not die, Adam's first step with and without bias correction, and the race on one narrow valley.
/// </summary>
public class Lesson09Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("09-learning-rate-schedules-and-adaptive-methods");

    [Fact]
    public async Task Runs_clean_with_eleven_charts()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(11, lesson.AllCharts().Count);
    }

    /// <summary>The rows of the table a cell shows after any displayed lines (the line after its "#" header on).</summary>
    private static string[] RowsAfterHeader(LessonCell cell) =>
        cell.Text.Split('\n').SkipWhile(l => !l.StartsWith('#')).Skip(1).Where(l => l.Trim().Length > 0).ToArray();

    [Fact]
    public async Task A_naive_search_finds_0_01_best_and_0_5_blowing_up()
    {
        var cell = (await Lesson()).CellWithId("data");
        Assert.Equal("L(θ₀) − L* at the start: 17.6", cell.DisplayTexts[0]);
        var rows = RowsAfterHeader(cell).Select(Numbers).ToArray();
        var above = rows.Select(r => r[^1]).ToArray();
        Assert.Equal([0.001, 0.01, 0.05, 0.2, 0.5], rows.Select(r => r[1]).ToArray());
        Assert.Equal([0.224, 0.0376, 0.384, 2.66], above.Take(4).ToArray());       // α = 0.001 ends closer than α = 0.05
        Assert.Equal(above.Min(), above[1]);
        Assert.Equal(4.06e5, above[4]);                                             // "a gap of 4 × 10^5"
        Assert.All(above.Take(4), a => Assert.True(a < 17.6 / 2));                  // every rate up to 0.2 closes most of the gap
    }

    [Fact]
    public async Task The_exponential_decay_as_printed_grows_while_the_intended_one_decays()
    {
        var rows = (await Lesson()).CellWithId("typo").TableRows().Select(Numbers).ToArray();
        // columns: #, t, α₀^(−kt), α₀ e^(−kt) with α₀ = 0.1, k = 0.01
        Assert.Equal([1, 3.162, 10, 100, 1E+05], rows.Select(r => r[2]).ToArray());
        Assert.Equal([0.1, 0.06065, 0.03679, 0.01353, 0.0006738], rows.Select(r => r[3]).ToArray());
    }

    [Fact]
    public async Task Every_decaying_schedule_settles_far_below_the_constant_rates_floor()
    {
        var lesson = await Lesson();
        var schedules = lesson.CellWithId("schedules").Chart();
        Assert.Equal(0.05 * Math.Exp(-0.0005 * 7319), schedules.TraceNamed("exponential").Values("y")[^1], 9);
        Assert.Equal(0.05 / (1 + 0.01 * 7319), schedules.TraceNamed("1/t decay").Values("y")[^1], 9);
        Assert.Equal(0.05 * Math.Pow(0.5, 9), schedules.TraceNamed("step decay").Values("y")[^1], 12);

        var rows = lesson.CellWithId("schedules-numbers").TableRows();
        Assert.Contains("α = 0.05 e^(−0.0005 t)", rows[2]);                      // the intended rule, not α₀^(−kt)
        var tails = rows.Select(r => Numbers(r)[^1]).ToArray();
        Assert.Equal([0.271, 3.28E-05, 0.00309, 0.00041], tails);
        Assert.All(tails.Skip(1), t => Assert.True(tails[0] > 50 * t, $"{t} is not far below the constant rate's {tails[0]}"));
    }

    [Fact]
    public async Task Error_triggered_decay_halves_a_diverging_rate_until_the_loss_falls()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("error-decay-numbers").TableRows();
        Assert.Matches(@"constant α = 1\.2\s+Diverged\s+6\s+5\.28, 65\.4, 939, 1\.35E\+04, 1\.96E\+05\s+1\.2\s+4\.08E\+07", rows[0]);
        Assert.Matches(@"halved when the loss rises\s+Converged\s+136\s+5\.28, 65\.4, 128, 5\.4, 0\.478\s+1\.2, 0\.6, 0\.3\s+2\.2E-08", rows[1]);
        var chart = lesson.CellWithId("error-decay").Chart();
        Assert.Equal(136, chart.TraceNamed("α = 1.2, halved when the loss rises").Values("x")[^1]);
    }

    [Fact]
    public async Task Phi1_is_non_zero_in_seven_of_the_eight_rows()
    {
        var rows = (await Lesson()).CellWithId("sparse-data").TableRows().Select(Numbers).ToArray();
        Assert.Equal(8, rows.Length);
        Assert.Equal(7, rows.Count(r => r[2] != 0));                               // columns: #, y, φ1, φ2, φ3
    }

    [Fact]
    public async Task Adagrad_gives_the_rare_predictive_features_larger_steps_and_holds_the_frequent_one()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("adagrad-numbers").TableRows();
        Assert.Matches(@"SGD, α = 0\.3\s+-0\.14, 0\.30, -0\.29\s+0\.58", rows[0]);
        Assert.Matches(@"Adagrad, α = 0\.3\s+-0\.07, 0\.50, -0\.52\s+0\.21", rows[1]);

        var dying = lesson.CellWithId("dying").Chart();
        var phi1 = dying.TraceNamed("φ1").FiniteValues("y");
        Assert.True(phi1.Zip(phi1.Skip(1), (a, b) => b <= a).All(x => x), "Adagrad's step size never grows");
        Assert.Equal(0.6, phi1[0], 6);                                           // α / √(g₁²) with g₁ = ±0.5
        Assert.Equal(0.0747870, phi1[^1], 6);
        Assert.True(dying.TraceNamed("φ2").FiniteValues("y")[^1] > 2.5 * phi1[^1], "the rare feature keeps a larger step");
    }

    [Fact]
    public async Task RMSProps_step_size_does_not_die_out()
    {
        var chart = (await Lesson()).CellWithId("rmsprop").Chart();
        var rms = chart.TraceNamed("RMSProp, α = 0.03").FiniteValues("y");
        var adagrad = chart.TraceNamed("Adagrad, α = 0.3").FiniteValues("y");
        Assert.Equal(0.1084382, rms[^1], 6);
        Assert.True(rms[^1] > 0.5 * rms[0], "RMSProp ends near where it started");
        Assert.True(adagrad[^1] < 0.15 * adagrad[0], "Adagrad's has fallen eightfold");
    }

    [Fact]
    public async Task Bias_corrected_adam_first_step_is_the_learning_rate_times_the_gradients_sign()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("adam-first-step").TableRows();
        // ρ₁ = 0.9, ρ₂ = 0.999, δ = 1e-8, α = 0.1; the gradient at (−2.8, 1.5) is (−0.56, 6)
        Assert.Matches(@"True\s+\(0\.100000, -0\.100000\)\s+\(1\.0000, -1\.0000\)\s+\(0\.1, -0\.1\)", rows[0]);
        Assert.Matches(@"False\s+\(0\.316228, -0\.316228\)\s+\(3\.1623, -3\.1623\)\s+\(0\.1, -0\.1\)", rows[1]);

        var chart = lesson.CellWithId("adam-steps").Chart();
        var corrected = chart.TraceNamed("with bias correction").Values("y");
        var uncorrected = chart.TraceNamed("without bias correction").Values("y");
        Assert.Equal(1.0, corrected[0], 6);                                      // |Δx₁| = α
        Assert.Equal(0.1 / Math.Sqrt(0.001), uncorrected[0], 4);                 // 3.1623 α
        Assert.True(uncorrected.Take(6).Max() > 5.2, "the uncorrected steps grow past 5α");
        Assert.All(corrected, s => Assert.True(s <= 1.0 + 1e-6, $"a corrected step of {s}α"));
    }

    /// <summary>
    /// The Adam α slider's "What you should see": each first step is (+α, −α); α = 0.01 stops at (−1.14, 0.18) with
    /// loss 0.197 and α = 0.03 at (−0.023, 0.000) with 5.4e-5, both at the 200-step limit; 0.1, 0.3 and 1 converge in
    /// 177, 175 and 172 steps, swinging past the minimum to x = 0.20, 0.81 and 1.44.
    /// </summary>
    [Fact]
    public async Task Adams_alpha_slider_steps_alpha_per_coordinate_and_larger_alphas_swing_further()
    {
        var chart = (await Lesson()).CellWithId("adam-alpha").Chart();
        var positions = chart.SliderSteps();
        double[] alphas = [0.01, 0.03, 0.1, 0.3, 1.0];
        Assert.Equal(["0.01", "0.03", "0.1", "0.3", "1"], positions.Select(p => p!["label"]!.GetValue<string>()));
        Assert.Equal(2, chart["layout"]!["sliders"]![0]!["active"]!.GetValue<int>());
        string Title(int k) => positions[k]!["args"]![1]!["title.text"]!.GetValue<string>().Replace("<br>\u200B", " ", StringComparison.Ordinal);
        foreach (var a in alphas)
            Assert.Equal((-2.8, 1.5), (chart.FirstTrace($"Adam, α = {a}").Values("x")[0], chart.FirstTrace($"Adam, α = {a}").Values("y")[0]));
        // The first step of every run, printed by the same cell run through the engine: (+α, −α).
        const string name = "09-learning-rate-schedules-and-adaptive-methods";
        var printing = await TryIt.Cell(name, "adam-alpha").Replace(
            "Plot.ContourSlider(", "Console.WriteLine(string.Join(\"\\n\", byAdamAlpha.Select(r =>\n" +
            "    $\"{r.Path[1][0] - r.Path[0][0]:F6} {r.Path[1][1] - r.Path[0][1]:F6}\")));\nPlot.ContourSlider(").Run();
        var firstSteps = printing.Stdout.Trim().Split('\n');
        Assert.Equal(alphas.Select(a => $"{a:F6} {-a:F6}"), firstSteps);
        Assert.Contains("Adam, α = 0.01: reached the step limit of 200 steps; final loss 0.196854", Title(0));
        Assert.Contains("Adam, α = 0.03: reached the step limit of 200 steps; final loss 5.38159E-05", Title(1));
        var slow = chart.FirstTrace("Adam, α = 0.01");
        Assert.Equal((-1.14, 0.18), (Math.Round(slow.Values("x")[^1], 2), Math.Round(slow.Values("y")[^1], 2)));
        Assert.Equal(1.66, slow.Values("x")[^1] + 2.8, 2);
        var close = chart.FirstTrace("Adam, α = 0.03");
        Assert.Equal((-0.023, 0.000), (Math.Round(close.Values("x")[^1], 3), Math.Abs(Math.Round(close.Values("y")[^1], 3))));
        Assert.Contains("Adam, α = 0.1: converged after 177 steps", Title(2));
        Assert.Contains("Adam, α = 0.3: converged after 175 steps", Title(3));
        Assert.Contains("Adam, α = 1: converged after 172 steps", Title(4));
        Assert.Equal([0.20, 0.81, 1.44], new[] { 0.1, 0.3, 1.0 }.Select(a => Math.Round(chart.FirstTrace($"Adam, α = {a}").Values("x").Max(), 2)));
    }

    [Fact]
    public async Task In_the_race_the_per_coordinate_methods_converge_first_on_the_axis_aligned_valley()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("race-numbers").TableRows();
        Assert.Equal(6, rows.Length);
        Assert.All(rows, r => Assert.Contains("True", r));
        int Steps(string name) => (int)Numbers(rows.Single(r => r.Contains(name)))[^2];
        Assert.Equal(141, Steps("GD, α = 0.3"));
        Assert.Equal(173, Steps("momentum, α = 0.3"));
        Assert.Equal(85, Steps("Nesterov, α = 0.3"));
        Assert.Equal(29, Steps("Adagrad, α = 1"));
        Assert.Equal(19, Steps("RMSProp, α = 0.3"));
        Assert.Equal(172, Steps("Adam, α = 1"));
        var race = lesson.CellWithId("race-loss").Chart();
        Assert.Equal(19, race.LastTrace("RMSProp, α = 0.3").Values("x")[^1]);
        var tryRows = lesson.CellWithId("race-try").TableRows();                    // the Try-it cell, unedited
        Assert.Equal([141, 173, 85, 29, 19, 172], tryRows.Select(r => (int)Numbers(r)[^1]).ToArray());

        var cartoon = lesson.CellWithId("cartoon").Chart();
        Assert.Equal("The update at t = 3: Adam, α = 1", cartoon.Title());
        double Length(string name)
        {
            var t = cartoon.TraceNamed(name);
            double dx = t.Values("x")[1] - t.Values("x")[0], dy = t.Values("y")[1] - t.Values("y")[0];
            return Math.Sqrt(dx * dx + dy * dy);
        }
        double ratio = Length("−α s ⊘ √r: scaled momentum, before bias correction") / Length("θₜ − θₜ₋₁: the actual step");
        Assert.Equal((1 - Math.Pow(0.9, 3)) / Math.Sqrt(1 - Math.Pow(0.999, 3)), ratio, 3);   // what bias correction removes
    }

    [Fact]
    public async Task Try_it_on_the_turned_valley_the_per_coordinate_methods_lose_their_lead()
    {
        var edited = await TryIt.Cell("09-learning-rate-schedules-and-adaptive-methods", "race-try")
            .Replace("Surfaces.IllConditioned", "Surfaces.Quadratic(new double[,] { { 2.1, 1.9 }, { 1.9, 2.1 } }, [0, 0])").Run();
        var rows = edited.TableRows();
        Assert.Matches(@"GD, α = 0\.3\s+True\s+142$", rows[0]);
        Assert.Matches(@"momentum, α = 0\.1\s+True\s+170$", rows[1]);
        Assert.Matches(@"Nesterov, α = 0\.3\s+True\s+85$", rows[2]);
        Assert.Matches(@"Adagrad, α = 1\s+True\s+139$", rows[3]);
        Assert.Matches(@"RMSProp, α = 0\.03\s+False\s+200$", rows[4]);              // not converged in 200
        Assert.Matches(@"Adam, α = 0\.3\s+True\s+159$", rows[5]);
    }

    [Fact]
    public async Task Two_executions_show_identical_outputs() =>
        await SecondExecution.AssertSameOutputs("09-learning-rate-schedules-and-adaptive-methods");
}
