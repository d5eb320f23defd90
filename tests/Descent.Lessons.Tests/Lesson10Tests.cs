using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 10 (challenges in training): a plateau that fools a gradient stop rule, the saddle of x² − y² stalling plain
/// GD and noise escaping it, saddles outnumbering minima as the dimension grows, a cliff and gradient clipping,
/// vanishing and exploding gradients, steps against the condition number, inexact gradients, and the NPTEL homework.
/// </summary>
public class Lesson10Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("10-challenges-in-training");

    [Fact]
    public async Task Runs_clean_with_eight_charts_and_every_try_it_cell()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(8, lesson.AllCharts().Count);
    }

    [Fact]
    public async Task A_small_gradient_on_the_plateau_looks_like_convergence()
    {
        var lesson = await Lesson();
        var cell = lesson.CellWithId("plateau");
        Assert.Equal("converged after 1 steps: ‖g‖ = 0.00234657 ≤ 0.005; loss 0.422833", cell.DisplayTexts[0]);
        var patient = cell.Chart().TraceNamed("600 steps").Values("y");
        Assert.Equal(0.4228382, patient[0], 6);
        Assert.True(patient[^1] < 1e-3, "the patient run leaves the plateau and reaches the minimum");
    }

    [Fact]
    public async Task Gradient_descent_stalls_on_the_saddle_and_noise_escapes_it()
    {
        var lesson = await Lesson();
        Assert.Equal("[0, 0]: saddle (eigenvalues -2, 2; ‖∇f‖ = 0)", lesson.CellWithId("saddle-classify").ResultText);
        var rows = lesson.CellWithId("saddle-numbers").TableRows();
        Assert.Matches(@"y₀ = 0\s+\(0\.000199, 0\)\s+0\.000399\s+3\.98E-08", rows[0]);   // ‖∇f‖ at the end point, as in section 7
        Assert.Matches(@"y₀ = 10⁻⁶\s+\(0\.000199, 0\.00147\)\s+0\.00297", rows[1]);
        Assert.Matches(@"y₀ = 0, gradient noise σ = 0\.05\s+\(-0\.00144, 12\)\s+24\s", rows[2]);
        Assert.Matches(@"saddle x² − y², where the axis run ended\s+0\.000399\s", lesson.CellWithId("hw1").TableRows()[1]);
        Assert.Matches(@"plateau, where the stop rule fired\s+0\.00235\s", lesson.CellWithId("hw1").TableRows()[0]);

        var chart = lesson.CellWithId("saddle-runs").Chart();
        Assert.All(chart.FirstTrace("y₀ = 0").Values("y"), y => Assert.Equal(0.0, y));   // never leaves the axis
        Assert.Equal(1e-6 * Math.Pow(1.2, 40), chart.FirstTrace("y₀ = 10⁻⁶").Values("y")[^1], 9);   // ×(1 + 2α) per step
        Assert.True(chart.FirstTrace("y₀ = 0, gradient noise σ = 0.05").Values("y")[20] > 0.1, "noise is off the axis by step 20");
    }

    [Fact]
    public async Task Random_critical_points_are_ever_less_often_minima_as_the_dimension_grows()
    {
        var shares = (await Lesson()).CellWithId("saddle-dimensions").TableRows().Select(r => Numbers(r)[^1]).ToArray();
        Assert.Equal([48.8, 15.2, 2.5, 0.2, 0.0, 0.0], shares);
    }

    [Fact]
    public async Task Clipping_stops_the_cliff_from_catapulting_the_parameters()
    {
        var lesson = await Lesson();
        Assert.True(NumberAfter(lesson.CellWithId("cliff").Text, "relative error ") < 1e-6);
        var rows = lesson.CellWithId("clipping-numbers").TableRows();
        Assert.Matches(@"no clipping\s+t = 8: x 2\.09 → -8\.12\s+20\.4\s+0\.00204", rows[0]);
        Assert.Matches(@"clipped at ‖g‖ ≤ 1\s+t = 9: x 1\.84 → 1\.34\s+1\s+5\.16E-05", rows[1]);

        var chart = lesson.CellWithId("clipping").Chart();
        Assert.True(chart.FirstTrace("no clipping").Values("x").Min() < -8, "one step throws x past −8");
        Assert.True(chart.FirstTrace("clipped at ‖g‖ ≤ 1").Values("x").Min() > -0.1, "the clipped run never overshoots");
    }

    [Fact]
    public async Task Gradients_vanish_through_sigmoid_layers_and_explode_through_large_weights()
    {
        var chart = (await Lesson()).CellWithId("vanishing").Chart();
        var sigmoid = chart.TraceNamed("sigmoid, w = 1").Values("y");
        Assert.True(sigmoid.Zip(sigmoid.Skip(1), (a, b) => b < a / 4).All(x => x), "each sigmoid layer shrinks the gradient at least fourfold");
        Assert.True(sigmoid[^1] < 1e-19);
        Assert.Equal(Math.Pow(1.5, 30), chart.TraceNamed("linear, w = 1.5").Values("y")[^1], 3);
        var tanh = chart.TraceNamed("tanh, w = 1").Values("y");
        Assert.Equal(0.06583694, tanh[^1], 7);
        Assert.Equal([0.79, 0.22, 0.11], new[] { tanh[0], tanh[9], tanh[19] }.Select(v => Math.Round(v, 2)).ToArray());
        double firstRatio = tanh[1] / tanh[0], lastRatio = tanh[^1] / tanh[^2];
        Assert.True(lastRatio > firstRatio + 0.1, "tanh's curve flattens: later layers shrink the gradient less");
        Assert.Equal("|∂hₙ / ∂h₀|", chart["layout"]!["yaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Steps_grow_in_proportion_to_the_condition_number()
    {
        var lesson = await Lesson();
        var steps = lesson.CellWithId("conditioning-numbers").TableRows().Select(r => Numbers(r)[^3]).ToArray();
        Assert.Equal([2, 22, 67, 139, 284, 720, 1445, 2896, 7249, 14503], steps);
        double[] kappas = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
        for (int i = 3; i < kappas.Length; i++)
            Assert.InRange(steps[i] / kappas[i], 13.5, 14.6);                    // ≈ ln(2 × 10⁶) = 14.5 per unit of κ
        Assert.Equal(steps, lesson.CellWithId("conditioning").Chart().TraceNamed("measured").Values("y"));
        var rows = lesson.CellWithId("conditioning-numbers").TableRows().Select(Numbers).ToArray();   // ..., steps, exact, approximation
        Assert.Equal(steps, rows.Select(r => r[^2]).ToArray());                   // ⌈ln(2·10⁶)/(−ln(1 − 1/κ))⌉ + 1 matches every count
        Assert.Equal([14.5, 29.0, 72.5, 145.1, 290.2, 725.4, 1450.9, 2901.7, 7254.3, 14508.7], rows.Select(r => r[^1]).ToArray());
        Assert.Equal([2, 139, 1445, 14503], lesson.CellWithId("conditioning-try").TableRows().Select(r => Numbers(r)[^1]).ToArray());
    }

    [Fact]
    public async Task Inexact_gradients_leave_a_floor_that_grows_with_the_noise_variance()
    {
        var floors = (await Lesson()).CellWithId("inexact-floors").TableRows().Select(r => Numbers(r)[^1]).ToArray();
        Assert.True(floors[0] < 1e-30, "exact gradients go all the way down");
        Assert.Equal(0.00447, floors[1]);
        Assert.Equal(0.0497, floors[2]);
        Assert.InRange(floors[2] / floors[1], 8, 14);                           // variance ratio 1 / 0.09 ≈ 11
    }

    [Fact]
    public async Task Homework_one_tells_critical_points_apart_by_gradient_and_hessian()
    {
        var kinds = (await Lesson()).CellWithId("hw1").TableRows().Select(r => r.TrimEnd().Split(' ').Last()).ToArray();
        Assert.Equal(["NotCritical", "Saddle", "Minimum", "Minimum"], kinds);
    }

    [Fact]
    public async Task Homework_two_the_tanh_units_sign_symmetry_breaks_convexity_with_a_saddle_between_the_minima()
    {
        var text = (await Lesson()).CellWithId("hw2").Text;
        Assert.Contains("chord from a = [1.5, 2] to b = [-1.5, -2]: fails at 99 of 101 points (worst t = 0.5: chord 0 < f 2.735)", text);
        Assert.Contains("atTheOrigin = [0, 0]: saddle (eigenvalues -3.8543, 3.8543; ‖∇f‖ = 0)", text);
    }

    [Fact]
    public async Task Homework_three_the_linear_two_layer_network_has_a_saddle_at_the_origin_and_a_hyperbola_of_minima()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("hw3").Text;
        Assert.Contains("origin = [0, 0]: saddle (eigenvalues -135.226, 135.226; ‖∇f‖ = 0)", text);   // ±2 mean(bill · tip)
        Assert.Contains("fails at 99 of 101 points (worst t = 0.5: chord 1.178 < f 10.9)", text);
        Assert.True(NumberAfter(text, "gradientCheck = ") < 1e-8);

        var rows = lesson.CellWithId("hw3-numbers").TableRows();
        Assert.Matches(@"start \(0, 0\)\s+\(0\.0000, 0\.0000\)\s+0\.0000\s+10\.8963", rows[0]);   // stuck at the saddle
        Assert.All(rows.Skip(1), r => Assert.Matches(@"\s0\.1437\s+1\.1781$", r));             // w₁w₂ = θ*, MSE(θ*)
        Assert.Equal(4, rows.Skip(1).Select(r => r.Split("  ", StringSplitOptions.RemoveEmptyEntries)[2]).Distinct().Count());
        Assert.Matches(@"start \(0\.05, -0\.6\)\s+\(-0\.2360, -0\.6089\)", rows[4]);   // the one start with w₁w₂ < 0 crosses to w₁w₂ > 0
    }

    [Fact]
    public async Task Try_it_weaker_noise_still_leaves_the_saddle_21_steps_later()
    {
        var lesson = await Lesson();
        Assert.Contains("offTheAxis = |y| > 1 at step 27, end = (-0.00144, 12)", lesson.CellWithId("saddle-try").Text);
        var edited = await TryIt.Cell("10-challenges-in-training", "saddle-try")
            .Replace("sigma: 0.05, seed: 2);\nvar tryRun = small.Run(tryNoisy, [1.5, 0.0], StopRule.After(40)",
                "sigma: 0.001, seed: 2);\nvar tryRun = small.Run(tryNoisy, [1.5, 0.0], StopRule.After(80)").Run();
        Assert.Contains("offTheAxis = |y| > 1 at step 48, end = (-0.000186, 353)", edited.Text);
    }

    [Theory]
    [InlineData("1.0", "t = 9: x 1.84 → 1.34", "5.16E-05")]
    [InlineData("0.1", "t = 49: x 1.97 → 1.92", "0.0138")]
    [InlineData("10.0", "t = 8: x 2.09 → -2.91", "0.000262")]
    public async Task Try_it_clipping_thresholds(string c, string largestStep, string loss)
    {
        var edited = await TryIt.Cell("10-challenges-in-training", "clipping-try").Replace("ClipNorm = 1.0", $"ClipNorm = {c}").Run();
        Assert.Contains($"largestStep = {largestStep}, lossAfter80 = {loss}", edited.Text);
    }

    [Fact]
    public async Task Try_it_the_best_fixed_step_takes_about_three_quarters_of_the_steps()
    {
        var edited = await TryIt.Cell("10-challenges-in-training", "conditioning-try").Replace("1 / (2 * kappa)", "1 / (1 + kappa)").Run();
        Assert.Equal([85, 957, 10710], edited.TableRows().Skip(1).Select(r => Numbers(r)[^1]).ToArray());
        Assert.Equal(10708, 500 * Math.Log(2e9), 0);                             // the estimate (κ/2) ln(2κ · 10⁶) at κ = 1000
    }

    [Fact]
    public async Task The_surfaces_come_from_the_library_and_every_code_cell_fits_a_screen()
    {
        var lesson = await Lesson();
        foreach (var cell in lesson.Executed.Cells.Where(c => c.IsCode))
            Assert.True(cell.Source.Split('\n').Length <= 25, $"cell {cell.Id} has more than 25 lines");
        Assert.Contains("new Cliff()", lesson.CellWithId("cliff").Source);
        Assert.Contains("new TanhUnit()", lesson.CellWithId("hw2").Source);
        Assert.Contains("new LinearTwoLayer(", lesson.CellWithId("hw3").Source);
        Assert.DoesNotContain(lesson.Executed.Cells, c => c.IsCode && c.Source.Contains("class ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_summary_leads_on_to_lesson_11()
    {
        var summary = (await Lesson()).Executed.Cells.Single(c => c.Id == "summary").Source;
        Assert.DoesNotContain("ten lessons", summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("**Next:** [Lesson 11 · Why momentum works](11-why-momentum-works.ipynb)", summary);
        Assert.True(File.Exists(Path.Combine(Lessons.NotebooksFolder, "11-why-momentum-works.ipynb")));
    }

    [Fact]
    public async Task Two_executions_show_identical_outputs() =>
        await SecondExecution.AssertSameOutputs("10-challenges-in-training");
}
