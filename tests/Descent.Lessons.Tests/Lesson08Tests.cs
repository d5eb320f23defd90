using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 08 (momentum and Nesterov): the plateau, the step limit of a narrow valley, the hand-written momentum loop
/// equal to the library's, momentum against GD, the γ slider, the oscillation around the minimum, the sigmoid neuron
/// after 100 iterations, Nesterov's look-ahead as vectors, the three momentum conventions giving one path, the NPTEL
/// deck's γ = 0.5-then-0.9 warm-up, Nesterov's measured 1/k² rate against GD's 1/k, and the Try-its' outcomes.
/// </summary>
public class Lesson08Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("08-momentum-and-nesterov");

    [Fact]
    public async Task Runs_clean_with_eleven_charts()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(11, lesson.AllCharts().Count);
    }

    [Fact]
    public async Task The_steep_direction_caps_the_step_a_larger_one_diverges()
    {
        var rows = (await Lesson()).CellWithId("valley").TableRows();
        Assert.Matches(@"GD, α = 0\.3\s+StepLimit\s+reached the step limit of 100 steps; final loss 0\.0140196", rows[0]);
        // 1 − 4 × 0.55 = −1.2: the loss rises from the first step; the run is stopped after ten rises in a row.
        Assert.Matches(@"GD, α = 0\.55\s+Diverged\s+diverged at step 1: the loss rose from 4\.6568 \(step 0\) to [0-9.]+ at step 10,", rows[1]);
    }

    [Fact]
    public async Task On_the_plateau_gd_barely_moves_the_loss_and_the_minimum_is_far_away()
    {
        // plateau-after: "from 0.41 to 0.39"; "the minimum (the star) is far away at (1.79, −2.28), where L = 0".
        var chart = (await Lesson()).CellWithId("plateau").Chart();
        var loss = chart.LastTrace("GD, α = 1");
        Assert.Equal(0, loss.Values("x")[0]);
        Assert.Equal(100, loss.Values("x")[^1]);
        Assert.Equal(0.41, loss.Values("y")[0], 2);
        Assert.Equal(0.39, loss.Values("y")[^1], 2);
        var star = chart.TraceNamed("minimum");
        Assert.Equal(1.79, star.Values("x")[0], 2);
        Assert.Equal(-2.28, star.Values("y")[0], 2);
    }

    [Fact]
    public async Task The_written_out_momentum_update_is_the_librarys()
    {
        var lesson = await Lesson();
        Assert.Equal("θ after 100 steps: (0.0158796, 0.00812)", lesson.CellWithId("momentum-loop").ResultText);
        Assert.Equal("{ library = (0.0158796, 0.00812), largestDifference = 0 }", lesson.CellWithId("momentum-library").Text);
    }

    [Fact]
    public async Task Momentum_beats_gradient_descent_in_the_valley_and_oscillates_around_the_minimum()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("momentum-numbers").TableRows().Select(Numbers).ToArray();
        Assert.Equal(0.014, rows[0][^2], 6);                                     // GD: loss after 100 steps
        Assert.Equal(0.000137, rows[1][^2], 9);                                  // momentum
        Assert.True(rows[0][^2] / rows[1][^2] > 100, "momentum's loss is 100 times lower");
        Assert.Equal(0.837, rows[0][^1], 6);                                     // GD: "still 0.84 from the minimum"
        Assert.Equal(0.0178, rows[1][^1], 6);
        Assert.InRange(rows[0][^1] / rows[1][^1], 46.5, 47.5);                   // "momentum is 47 times closer"

        var compare = lesson.CellWithId("momentum-compare").Chart();
        Assert.Equal(0.01401958, compare.LastTrace("GD, α = 0.3").Values("y")[^1], 6);
        Assert.Equal(0.000136912, compare.LastTrace("momentum, γ = 0.9").Values("y")[^1], 8);

        var crossing = lesson.CellWithId("oscillation-count").TableRows();
        Assert.Matches(@"GD, α = 0\.3\s+0\s+0\.000", crossing[0]);              // never reaches x = 0: no overshoot
        Assert.Matches(@"momentum, γ = 0\.9\s+3\s+0\.531", crossing[1]);        // overshoots three times
        var x = lesson.CellWithId("oscillation").Chart().TraceNamed("momentum, γ = 0.9").Values("y");
        Assert.Equal(0.531, x.Max(), 3);
    }

    [Fact]
    public async Task Across_the_valley_momentum_swings_while_gradient_descents_zigzag_dies_out()
    {
        // The lesson's claim (issue 12: it used to say momentum damps the zig-zag): GD's y shrinks by |1 − 4α| = 0.2
        // per step; momentum's swing shrinks by about √γ ≈ 0.95 per step.
        var compare = (await Lesson()).CellWithId("momentum-compare").Chart();
        // The first trace with each run's name is its path in the left panel (x, y); the last is its loss.
        var gd = compare.Traces().First(t => t.Name() == "GD, α = 0.3").Values("y");
        var momentum = compare.Traces().First(t => t.Name() == "momentum, γ = 0.9").Values("y");
        Assert.True(Math.Abs(gd[3]) < 0.01 * Math.Abs(gd[0]), $"GD's y after three steps: {gd[3]} (start {gd[0]})");
        var gdLater = gd.Skip(3).Max(Math.Abs);
        var momentumLater = momentum.Skip(20).Take(20).Max(Math.Abs);
        Assert.True(momentumLater > 10 * gdLater, $"momentum still swings ({momentumLater}) where GD is flat ({gdLater})");
        // Sign changes across the valley: momentum keeps crossing the floor.
        Assert.True(momentum.Zip(momentum.Skip(1)).Count(p => Math.Sign(p.First) != Math.Sign(p.Second)) >= 20);
    }

    [Fact]
    public async Task The_gamma_slider_holds_eight_runs_best_near_point_eight()
    {
        var lesson = await Lesson();
        Assert.Equal(8, lesson.CellWithId("slider").Chart().SliderSteps().Count);
        var losses = lesson.CellWithId("slider-numbers").TableRows().Select(r => Numbers(r)[^1]).ToArray();
        Assert.Equal([0.00419, 0.000855, 9.35E-05, 2.12E-07, 1.9E-14, 7.12E-07, 0.000858, 0.475], losses);
        Assert.Equal(losses.Min(), losses[4]);                                   // γ = 0.8
    }

    [Fact]
    public async Task On_the_sigmoid_neuron_momentum_reaches_an_error_near_1e_5_where_gd_is_still_near_0_39()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("neuron-numbers").TableRows().Select(Numbers).ToArray();
        Assert.Equal(0.387, rows[0][^1]);                                        // GD, α = 1
        Assert.Equal(9.05E-06, rows[1][^1]);                                     // momentum, γ = 0.8
        Assert.Equal(5.56E-08, rows[2][^1]);                                     // Nesterov, γ = 0.8
        var chart = lesson.CellWithId("neuron").Chart();
        Assert.Equal(9.05289e-06, chart.TraceNamed("momentum, γ = 0.8").Values("y")[^1], 10);
        Assert.Equal(0.3872018, chart.TraceNamed("GD, α = 1").Values("y")[^1], 6);
        var momentum = chart.TraceNamed("momentum, γ = 0.8").Values("y");
        var iteration = chart.TraceNamed("momentum, γ = 0.8").Values("x");   // the trace is thinned: look steps up by x
        double At(int k) => momentum[Array.IndexOf(iteration, (double)k)];
        Assert.True(At(26) > 0.39, $"momentum still on the plateau after 25 iterations: {At(26)}");
        Assert.True(At(33) < 0.12, $"momentum has left the plateau around iteration 30: {At(33)}");
        Assert.True(momentum.Zip(momentum.Skip(1)).Count(p => p.Second > p.First) >= 5, "its error rises and falls");
    }

    [Fact]
    public async Task Nesterovs_look_ahead_gradient_pulls_the_step_back_towards_the_valley_floor()
    {
        var lesson = await Lesson();
        Assert.Equal("{ momentumEndsAt = (-2.703, -1.560), nesterovEndsAt = (-2.703, 0.384) }", lesson.CellWithId("nesterov-ends").Text);
        var vectors = lesson.CellWithId("nesterov-vectors").Chart();
        var push = vectors.TraceNamed("−γv: momentum step").Values("y");
        var here = vectors.TraceNamed("−α∇L(θ): momentum").Values("y");
        var ahead = vectors.TraceNamed("−α∇L(θ̃): Nesterov").Values("y");
        Assert.Equal(-1.62, push[1] - push[0], 9);                               // −γv carries y from −0.30 to −1.92
        Assert.Equal(0.36, here[1] - here[0], 9);                                // a gentle wall where we stand
        Assert.Equal(2.304, ahead[1] - ahead[0], 9);                             // a steep wall at the look-ahead point
        Assert.Equal(here[0], push[1], 12);                                      // both gradients drawn from the look-ahead tip
        Assert.Equal(0.384, vectors.TraceNamed("Nesterov's step").Values("y")[1], 9);
        // "its x₁ axis spans only 0.11 and its x₂ axis 2.8"
        double Span(string axis) => vectors["layout"]![axis]!["range"]![1]!.GetValue<double>() - vectors["layout"]![axis]!["range"]![0]!.GetValue<double>();
        Assert.Equal(0.11, Span("xaxis"), 9);
        Assert.Equal(2.8, Span("yaxis"), 9);

        var rows = lesson.CellWithId("nesterov-numbers").TableRows();
        Assert.Matches(@"momentum, γ = 0\.9\s+0\.000137\s+3\s+0\.531", rows[1]);
        Assert.Matches(@"Nesterov, γ = 0\.9\s+1\.48E-06\s+3\s+0\.413", rows[2]);   // lower loss, smaller overshoot
        Assert.InRange(0.000137 / 1.48e-6, 85, 95);                               // "a loss 90 times lower"
    }

    [Fact]
    public async Task The_three_momentum_conventions_take_the_same_path()
    {
        var rows = (await Lesson()).CellWithId("conventions").TableRows();
        Assert.Equal(3, rows.Length);
        Assert.Contains("Momentum (α = 0.3, γ = 0.9)", rows[0]);
        Assert.Contains("Momentum, v = βv + g (α = 0.3, β = 0.9)", rows[1]);
        Assert.Contains("Momentum, v = βv + (1−β)g (α = 3, β = 0.9)", rows[2]);   // α / (1 − β)
        foreach (var row in rows)
        {
            Assert.Contains("(0.0158796, 0.00812)", row);
            Assert.True(Numbers(row)[^1] <= 1e-9, $"paths differ by more than 1e-9: {row}");
        }
    }

    [Fact]
    public async Task Two_executions_show_identical_outputs() =>
        await SecondExecution.AssertSameOutputs("08-momentum-and-nesterov");

    [Fact]
    public async Task With_gds_diverging_step_momentum_still_converges()
    {
        var rows = (await Lesson()).CellWithId("momentum-too-big-numbers").TableRows();
        Assert.Matches(@"GD, α = 0\.55\s+Diverged\s+10\s+173", rows[0]);
        Assert.Matches(@"momentum, α = 0\.55, γ = 0\.9\s+StepLimit\s+100\s+7\.58E-05", rows[1]);
    }

    [Fact]
    public async Task With_alpha_0_55_momentums_second_step_is_braked_by_the_gradient()
    {
        // The quiz answer: y goes 1.5 → −1.8 (v₁ = 3.3), then γv₁ = 2.97 and α∇L = 0.55 × 4 × (−1.8) = −3.96 give
        // v₂ = −0.99, so y goes to −0.81.
        var y = (await Lesson()).CellWithId("momentum-too-big").Chart().FirstTrace("momentum, α = 0.55, γ = 0.9").Values("y");
        Assert.Equal(1.5, y[0], 12);
        Assert.Equal(-1.8, y[1], 12);
        Assert.Equal(-0.81, y[2], 12);
        double v1 = y[0] - y[1], v2 = y[1] - y[2];
        Assert.Equal(3.3, v1, 12);
        Assert.Equal(2.97, 0.9 * v1, 12);
        Assert.Equal(-3.96, 0.55 * 4 * y[1], 12);
        Assert.Equal(-0.99, v2, 12);
    }

    [Fact]
    public async Task Warming_up_gamma_beats_both_constants()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("warmup-numbers").TableRows();
        Assert.Equal(7, rows.Length);
        Assert.Matches(@"γ = 0\.5\s+4\.84E-05\s+0\.00113", rows[0]);
        Assert.Matches(@"γ = 0\.9\s+0\.341\s+0\.000137", rows[1]);
        Assert.Matches(@"γ = 0\.5 for 20 steps, then 0\.9\s+0\.00107\s+2\.16E-07", rows[4]);
        var losses = rows.Select(r => Numbers(r)[^1]).ToArray();
        Assert.All(losses.Skip(2), l => Assert.True(l < losses[0] && l < losses[1], $"warm-up loss {l}"));   // every warm-up beats both constants
        Assert.Equal(losses.Min(), losses[4]);                                    // 20 steps is best here
        Assert.True(losses[5] > losses[3], "30 steps ends worse than 10");
        Assert.InRange(losses[1] / losses[4], 600, 700);                           // "about 600 times lower"
        Assert.Equal(2.16e-7, lesson.CellWithId("warmup").Chart().LastTrace("γ = 0.5 for 20 steps, then 0.9").Values("y")[^1], 9);
    }

    [Fact]
    public async Task Nesterovs_loss_falls_like_one_over_k_squared_and_gds_like_one_over_k()
    {
        var lesson = await Lesson();
        Assert.Equal("{ dimension = 101, startLoss = 2.4310580467377054 }", lesson.CellWithId("rate-objective").Text);
        var rows = lesson.CellWithId("rate-slopes").TableRows().Select(Numbers).ToArray();
        // the last four columns: slope, after 100, after 1000, after 3000 (the names hold numbers too)
        Assert.Equal(-1.00, rows[0][^4], 2);                                      // GD: 1/k
        Assert.Equal(-1.96, rows[1][^4], 2);                                      // Nesterov, γₜ = t/(t + 3): 1/k²
        Assert.Equal(-1.04, rows[2][^4], 2);                                      // Nesterov, γ = 0.9: 1/k again
        Assert.InRange(rows[0][^4], -1.05, -0.95);
        Assert.InRange(rows[1][^4], -2.1, -1.9);
        Assert.Equal([0.0108, 0.00109, 0.000362], rows[0][^3..]);
        Assert.Equal([0.00075, 8.33E-06, 9.48E-07], rows[1][^3..]);
        Assert.Equal([0.0011, 0.000109, 3.62E-05], rows[2][^3..]);
        var chart = lesson.CellWithId("rate-runs").Chart();
        Assert.Equal("log", chart["layout"]!["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal(3000, chart.TraceNamed("GD, α = 1").Values("x")[^1]);
    }

    [Theory]
    [InlineData("0.33", "Nesterov", "StepLimit")]   // Nesterov's limit here: 2(1 + γ) / ((1 + 2γ) · 4) ≈ 0.339
    [InlineData("0.35", "Nesterov", "Diverged")]
    [InlineData("0.9", "Momentum", "StepLimit")]    // momentum's: 2(1 + γ) / 4 = 0.95
    [InlineData("1", "Momentum", "Diverged")]
    public async Task The_stability_limits_the_lesson_states_hold(string alpha, string method, string status)
    {
        var edited = await TryIt.Cell("08-momentum-and-nesterov", "try-alpha").Replace("tryAlpha = 0.3", $"tryAlpha = {alpha}").Run();
        var row = edited.TableRows().Single(r => r.Contains(method + " ("));
        Assert.Matches($@"{method} \(α = {alpha.Replace(".", @"\.")}, γ = 0\.9\)\s+{status}", row);
    }

    [Fact]
    public async Task Try_it_gamma_0_9_on_the_neuron_ends_mid_oscillation()
    {
        var original = (await Lesson()).CellWithId("try-neuron-gamma").TableRows();
        Assert.Matches(@"Momentum \(α = 1, γ = 0\.8\)\s+9\.05E-06\s+9\.05E-06", original[0]);
        var edited = await TryIt.Cell("08-momentum-and-nesterov", "try-neuron-gamma").Replace("tryGamma = 0.8", "tryGamma = 0.9").Run();
        var rows = edited.TableRows();
        Assert.Matches(@"Momentum \(α = 1, γ = 0\.9\)\s+0\.0152\s+0\.0037", rows[0]);
        Assert.Matches(@"Nesterov \(α = 1, γ = 0\.9\)\s+0\.000374\s+0\.000306", rows[1]);
    }

    [Fact]
    public async Task Try_it_alpha_0_4_nesterov_alone_diverges()
    {
        var original = (await Lesson()).CellWithId("try-alpha").TableRows();
        Assert.Matches(@"Nesterov \(α = 0\.3, γ = 0\.9\)\s+StepLimit\s+1\.48E-06", original[2]);
        var edited = await TryIt.Cell("08-momentum-and-nesterov", "try-alpha").Replace("tryAlpha = 0.3", "tryAlpha = 0.4").Run();
        var rows = edited.TableRows();
        Assert.Matches(@"GD \(α = 0\.4\)\s+StepLimit\s+0\.00623", rows[0]);
        Assert.Matches(@"Momentum \(α = 0\.4, γ = 0\.9\)\s+StepLimit\s+0\.000151", rows[1]);
        Assert.Matches(@"Nesterov \(α = 0\.4, γ = 0\.9\)\s+Diverged\s+8\.97E\+03", rows[2]);
    }
}
