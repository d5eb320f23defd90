using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 01 (minimizing a function) reproduces the Data 100 deck's numbers: the manual steps, the α = 0.3 and α = 1
/// trajectories, the black-box minimizer from 6 and from 1, and shows the figures the syllabus lists.
/// </summary>
public class Lesson01Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("01-minimizing-a-function");

    /// <summary>The deck's <c>gradient_descent(derivative_arbitrary, 4, 0.3, 20)</c>, as numpy prints it.</summary>
    private static readonly double[] DeckTrajectoryAlpha03 =
    [
        4, 4.12, 4.26729664, 4.44272584, 4.64092624,
        4.8461837, 5.03211854, 5.17201478, 5.25648449, 5.29791149,
        5.31542718, 5.3222606, 5.32483298, 5.32578765, 5.32614004,
        5.32626985, 5.32631764, 5.32633523, 5.3263417, 5.32634408,
    ];

    /// <summary>The deck's <c>gradient_descent(derivative_arbitrary, 4, 1, 20)</c>.</summary>
    private static readonly double[] DeckTrajectoryAlpha1 =
    [
        4, 4.4, 5.0464, 5.4967306, 5.08086249,
        5.48998039, 5.09282487, 5.48675539, 5.09847285, 5.48507269,
        5.10140255, 5.48415922, 5.10298805, 5.48365325, 5.10386474,
        5.48336998, 5.1043551, 5.48321045, 5.10463112, 5.48312031,
    ];

    private const double GlobalMinimum = 5.3263454633578;   // root of 4x³ − 45x² + 160x − 180
    private const double LocalMinimum = 2.3927479811269;
    private const double LocalMaximum = 3.5309065555152;

    [Fact]
    public async Task Runs_clean_with_one_chart_per_picture()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(15, lesson.AllCharts().Count);
        Assert.All(lesson.CodeCells, c => Assert.Equal("", c.Stderr));
    }

    [Fact]
    public async Task Manual_steps_print_the_decks_old_and_new_x()
    {
        var lesson = await Lesson();
        // (cell, which of its steps, old x, new x): steps 4 and 5 share a cell, one chart each.
        (string Id, int Step, string Old, string New)[] steps =
        [
            ("plot-one-step", 0, "4", "4.4"),
            ("step-2", 0, "4.4", "5.0464000000000055"),
            ("step-3", 0, "5.0464", "5.49673060106241"),
            ("steps-4-5", 0, "5.4967", "5.080917145374805"),
            ("steps-4-5", 1, "5.080917145374805", "5.489966698640582"),
            ("plot-one-step-better", 0, "4", "4.12"),
        ];
        foreach (var (id, step, oldX, newX) in steps)
        {
            var cell = lesson.CellWithId(id);
            string After(string label) => cell.Stdout.Split('\n').Where(l => l.StartsWith(label, StringComparison.Ordinal)).ElementAt(step)[label.Length..];
            Assert.Equal(oldX, After("old x: "));
            Assert.Equal(newX, After("new x: "));
            Assert.Equal(steps.Count(s => s.Id == id), cell.Charts.Count);
            var chart = cell.Charts[step];
            Assert.StartsWith("One step: x = ", chart.Title());
            // The picture: the old guess hollow, the new guess filled, the tangent at the old guess.
            var oldGuess = chart.Traces().Single(t => t.Name().StartsWith("old guess", StringComparison.Ordinal));
            var newGuess = chart.Traces().Single(t => t.Name().StartsWith("new guess", StringComparison.Ordinal));
            Assert.Equal("circle-open", oldGuess["marker"]!["symbol"]!.GetValue<string>());
            Assert.Equal("circle", newGuess["marker"]!["symbol"]!.GetValue<string>());
            Assert.Equal(double.Parse(newX, System.Globalization.CultureInfo.InvariantCulture), newGuess.Values("x")[0], 12);
            Assert.Contains(chart.Traces(), t => t.Name().StartsWith("tangent at x = ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_guess_at_4_has_the_decks_value_and_derivative()
    {
        var lesson = await Lesson();
        Assert.Equal("x: 4, f(x): 0, derivative f'(x): -0.4", lesson.CellWithId("tangents").Stdout.TrimEnd('\n'));
        string at44 = FirstLine(lesson.CellWithId("step-2").Stdout);
        Assert.EndsWith("derivative f'(x): -0.6464000000000055", at44);
        Assert.Equal(-0.21504, NumberAfter(at44, "f(x): "), 12);
    }

    /// <summary>
    /// The slide prints f(4.4) = −0.21504000000003315 and, from 5.323 with α = 0.3, 5.325108157959999: numpy's x**3 and
    /// x**4 (C pow). These exact doubles print once <c>Curves.Quartic</c> evaluates its powers with Math.Pow.
    /// </summary>
    [Fact]
    public async Task Quartic_values_print_the_decks_exact_doubles()
    {
        var lesson = await Lesson();
        Assert.Equal("x: 4.4, f(x): -0.21504000000003315, derivative f'(x): -0.6464000000000055", FirstLine(lesson.CellWithId("step-2").Stdout));
        Assert.Equal("5.325108157959999", TextAfter(lesson.CellWithId("step-5323").Text, "new x: "));
    }

    [Fact]
    public async Task One_step_from_5_323_with_alpha_0_3_lands_at_5_32510816()
    {
        var lesson = await Lesson();
        var cell = lesson.CellWithId("step-5323");
        Assert.Equal("5.323", TextAfter(cell.Text, "old x: "));
        Assert.Equal(5.32510816, NumberAfter(cell.Text, "new x: "), 8);
    }

    [Fact]
    public async Task Trajectories_match_the_decks_arrays_to_1e_6()
    {
        var lesson = await Lesson();
        var printed03 = lesson.CellWithId("trajectory-03").Stdout.TrimEnd('\n');
        int libraryLine = printed03.LastIndexOf('\n');
        string array03 = printed03[..libraryLine];
        var alpha03 = Numbers(array03);
        var alpha1 = Numbers(lesson.CellWithId("trajectory-1").Text);
        Assert.Equal(20, alpha03.Length);
        Assert.Equal(20, alpha1.Length);
        for (int t = 0; t < 20; t++)
        {
            Assert.True(Math.Abs(alpha03[t] - DeckTrajectoryAlpha03[t]) <= 1e-6, $"α = 0.3, t = {t}: {alpha03[t]} vs the deck's {DeckTrajectoryAlpha03[t]}");
            Assert.True(Math.Abs(alpha1[t] - DeckTrajectoryAlpha1[t]) <= 1e-6, $"α = 1, t = {t}: {alpha1[t]} vs the deck's {DeckTrajectoryAlpha1[t]}");
        }
        Assert.StartsWith("array([4.00000000, 4.12000000, 4.26729664,", array03);
        Assert.EndsWith("5.32634408])", array03);
        // The prose: the last guess is about 1.4e-6 short of the minimum (not within 1e-6).
        Assert.Equal(1.4e-6, GlobalMinimum - alpha03[19], 7);
        Assert.EndsWith("5.10463112, 5.48312031])", lesson.CellWithId("trajectory-1").Text);
        for (int t = 3; t < 20; t++)   // the prose: from t = 3 on, left guesses in [5.08, 5.10], right ones in [5.48, 5.50]
            Assert.True(alpha1[t] < GlobalMinimum ? alpha1[t] >= 5.08 && alpha1[t] < 5.105 : alpha1[t] >= 5.48 && alpha1[t] <= 5.50, $"t = {t}: {alpha1[t]}");
        // The library's GradientDescent.Trajectory gives the loop's numbers exactly.
        Assert.Equal("library gives the same numbers: True", printed03[(libraryLine + 1)..]);
    }

    [Fact]
    public async Task Black_box_minimizer_finds_the_global_minimum_from_6_and_the_local_one_from_1()
    {
        var lesson = await Lesson();
        var from6 = lesson.CellWithId("minimize-6").Text;
        var from1 = lesson.CellWithId("minimize-1").Text;
        Assert.Contains("success: True", from6);
        Assert.Contains("success: True", from1);
        double x6 = NumberAfter(from6, "x: array(["), f6 = NumberAfter(from6, "fun: ");
        double x1 = NumberAfter(from1, "x: array(["), f1 = NumberAfter(from1, "fun: ");
        Assert.Equal(5.3263455, x6, 7);
        Assert.Equal(-0.6914096788729693, f6, 10);          // the deck's scipy value
        Assert.True(Math.Abs(x6 - 5.3263436) < 5e-6);        // the deck's x, within scipy's tolerance
        Assert.Equal(2.392748, x1, 6);
        Assert.Equal(-0.13827491294422317, f1, 12);
        Assert.True(Math.Abs(x1 - 2.3927478) < 1e-6);
    }

    [Fact]
    public async Task Stationary_points_are_the_roots_of_the_cubic_and_the_grid_search_is_one_spacing_off()
    {
        var lesson = await Lesson();
        var lines = lesson.CellWithId("stationary").Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(LocalMinimum, NumberAfter(lines[0], "x = "), 7);
        Assert.Equal(LocalMaximum, NumberAfter(lines[1], "x = "), 7);
        Assert.Equal(GlobalMinimum, NumberAfter(lines[2], "x = "), 7);
        Assert.EndsWith("local minimum", lines[0]);
        Assert.EndsWith("local maximum", lines[1]);
        Assert.Equal(-0.6914097, NumberAfter(lines[2], "f(x) = "), 7);
        // The derivative chart marks the three roots.
        var marked = lesson.CellWithId("stationary").Chart().TraceNamed("marked points").Values("x");
        Assert.Equal([LocalMinimum, LocalMaximum, GlobalMinimum], marked, (a, b) => Math.Abs(a - b) < 1e-9);

        var grid = lesson.CellWithId("grid").Text;
        double best = NumberAfter(grid, "best grid point x = "), spacing = NumberAfter(grid, "grid spacing       = ");
        Assert.Equal(5.75 / 199, spacing, 7);
        Assert.True(Math.Abs(best - GlobalMinimum) < spacing / 2, $"the best of 200 grid points ({best}) is within half a spacing of the minimum");
        Assert.True(Math.Abs(best - GlobalMinimum) > 1e-3, "the grid cannot hit the minimum exactly, which is the lesson's point");
    }

    [Fact]
    public async Task Tangents_slope_down_at_4_and_up_at_6()
    {
        var lesson = await Lesson();
        var charts = lesson.CellWithId("tangents").Charts;
        Assert.Equal(2, charts.Count);
        Assert.Contains(charts[0].Traces(), t => t.Name() == "tangent at x = 4: slope −0.4");
        Assert.Contains(charts[1].Traces(), t => t.Name() == "tangent at x = 6: slope 2.4");
    }

    [Fact]
    public async Task Guesses_against_t_converge_for_alpha_0_3_and_alternate_for_alpha_1()
    {
        var lesson = await Lesson();
        var chart = lesson.CellWithId("guesses-vs-t").Chart();
        var smooth = chart.TraceNamed("α = 0.3").Values("y");
        var bouncing = chart.TraceNamed("α = 1").Values("y");
        Assert.Equal(DeckTrajectoryAlpha03, smooth, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(DeckTrajectoryAlpha1, bouncing, (a, b) => Math.Abs(a - b) < 1e-6);
        for (int t = 4; t < 20; t++)   // the α = 1 guesses alternate sides of the minimum
            Assert.True((bouncing[t] - GlobalMinimum) * (bouncing[t - 1] - GlobalMinimum) < 0, $"t = {t}");
    }

    [Fact]
    public async Task Step_slider_replays_the_20_guesses_of_the_alpha_0_3_run()
    {
        var lesson = await Lesson();
        var chart = lesson.CellWithId("step-slider").Chart();
        var positions = chart.SliderSteps();
        Assert.Equal(20, positions.Count);
        Assert.Equal("19", positions[^1]!["label"]!.GetValue<string>());
        Assert.Contains("t = 19: x = 5.3263441", chart["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.Contains("t = 0: x = 4,", positions[0]!["args"]![1]!["title.text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Basins_split_at_the_local_maximum()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("basins").Stdout.TrimEnd('\n');
        Assert.Contains("200 starts; 44.0% → minimum 0 at 2.39275", text);
        Assert.Contains("56.0% → minimum 1 at 5.32635", text);
        double border = NumberAfter(text, "borders between basins: ");
        Assert.EndsWith("borders between basins: 3.5283", text);
        Assert.True(Math.Abs(border - LocalMaximum) < 5.75 / 199, $"the border {border} is within one grid step of the local maximum");
        // The picture: two groups of start points, one per minimum, covering [1, 6.75].
        var chart = lesson.CellWithId("basins").Chart();
        var groups = chart.Traces().Where(t => t["showlegend"]?.GetValue<bool>() != false && t.Name().StartsWith("→ ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["→ 2.39275 (44%)", "→ 5.32635 (56%)"], groups.Select(g => g.Name()).Order());
        var left = groups.First(g => g.Name() == "→ 2.39275 (44%)").Values("x");
        var right = groups.First(g => g.Name() == "→ 5.32635 (56%)").Values("x");
        Assert.True(left.Max() < LocalMaximum && left.Min() == 1);
        Assert.True(right.Min() > LocalMaximum && right.Max() == 6.75);
        Assert.Equal(200, left.Length + right.Length);
        // "The border found from the grid is the midpoint between the two grid starts on either side of the local maximum."
        Assert.Equal(border, (left.Max() + right.Min()) / 2, 4);
    }

    [Fact]
    public async Task Stopping_when_there_is_no_more_improvement_ends_early_at_the_minimum()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("stopping").Text;
        Assert.StartsWith("converged after 21 steps: |ΔL| = ", text);
        Assert.Equal(GlobalMinimum, NumberAfter(text, "x = "), 6);
    }

    [Fact]
    public async Task The_minimizers_hess_inv_is_close_to_one_over_f_second_at_its_answer_and_its_counts_are_explained()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("minimize-6").Text;
        Assert.Contains("hess_inv: array([[0.47467046]])", text);
        Assert.Contains("     jac: array([-2.21180922e-10])", text);
        Assert.Equal(78, NumberAfter(text, "nfev: "));
        Assert.Equal(7, NumberAfter(text, "nit: "));
        Assert.Equal(26, NumberAfter(text, "njev: "));
        Assert.Contains("1/f''(x) at x = 5.3263455: 0.47464494", text);
        Assert.Equal(0.47464494, 1 / QuarticSecondDerivative(GlobalMinimum), 8);
        // The deck's scipy estimate 0.47465475 is the same kind of estimate: close to 1/f''(x*), not equal.
        Assert.True(Math.Abs(0.47465475 - 0.47464494) < 2e-5);
        // From x0 = 1 the lesson prints the local minimum's estimate too.
        Assert.Contains("hess_inv: array([[0.74851991]])", lesson.CellWithId("minimize-1").Text);
    }

    [Fact]
    public async Task Most_gradient_evaluations_go_into_the_first_line_search()
    {
        // "Most of the 26 go into the first line search, which starts with a tiny trial step and doubles it": run the
        // lesson's call with a counting f, in a copy of the lesson.
        var edited = await TryIt.Cell("01-minimizing-a-function", "minimize-6").WithSource("""
            var seen = new List<double>();
            var counted = Optimize.Minimize(x => { seen.Add(x); return f.Value(x); }, x0: 6);
            int nearStart = seen.Count(x => x > 5.9);   // the first line search's trial points (and their differences)
            Console.WriteLine($"{counted.Njev} {counted.Nfev} {nearStart} {seen.Where(x => x != 6).Max(x => x > 5.99 ? x : 0):R}");
            """).Run();
        var n = Numbers(edited.Text);
        Assert.Equal(26, n[0]);
        Assert.Equal(78, n[1]);
        Assert.True(n[2] / 3 > 13, $"{n[2] / 3} of 26 gradient evaluations in the first line search");
        Assert.True(6 - n[3] < 1e-5, $"the first trial step is tiny: to {n[3]}");
    }

    [Fact]
    public async Task With_alpha_1_the_bounce_creeps_inward_to_a_stable_two_point_cycle()
    {
        var lesson = await Lesson();
        var lines = lesson.CellWithId("bounce-limit").Text.Split('\n');
        Assert.Equal("x(18) = 5.10463112   x(19) = 5.48312031", lines[0]);
        Assert.Equal("x(38) = 5.10498955   x(39) = 5.48300288", lines[1]);
        Assert.Equal("x(58) = 5.10499079   x(59) = 5.48300247", lines[2]);
        Assert.Equal("x(198) = 5.10499079   x(199) = 5.48300247", lines[3]);
        Assert.Equal("near x*, one step multiplies the distance to x* by 1 − f''(x*) = -1.107", lines[4]);
        // Inward: the low side rises and the high side falls, step after step (the prose quotes the first three of each).
        for (int t = 6; t < 20; t++)
            Assert.True(Math.Abs(DeckTrajectoryAlpha1[t] - GlobalMinimum) < Math.Abs(DeckTrajectoryAlpha1[t - 2] - GlobalMinimum), $"t = {t}");
        // The cycle is stable: a round trip multiplies a small deviation by (1 − f''(a))(1 − f''(b)) ≈ 0.567 < 1.
        double a = 5.10499079, b = 5.48300247;
        Assert.InRange((1 - QuarticSecondDerivative(a)) * (1 - QuarticSecondDerivative(b)), 0.5, 0.6);
    }

    [Fact]
    public async Task Try_it_grid_of_20_and_2000_points()
    {
        var coarse = await TryIt.Cell("01-minimizing-a-function", "grid").Replace("6.75, 200);", "6.75, 20);").Run();
        var fine = await TryIt.Cell("01-minimizing-a-function", "grid").Replace("6.75, 200);", "6.75, 2000);").Run();
        Assert.Equal("best grid point x = 5.2368421, f(x) = -0.6834166\ngrid spacing       = 0.3026316", coarse.Text);
        Assert.Equal("best grid point x = 5.3261631, f(x) = -0.6914096\ngrid spacing       = 0.0028764", fine.Text);
        Assert.Equal(0.0895, Math.Abs(5.2368421 - GlobalMinimum), 4);
        Assert.Equal(0.00018, Math.Abs(5.3261631 - GlobalMinimum), 5);
    }

    [Fact]
    public async Task Try_it_one_step_from_5_4967_overshoots_with_alpha_0_9_not_0_3()
    {
        var lesson = await Lesson();
        Assert.Equal("5.371965143612441", TextAfter(lesson.CellWithId("try-overshoot").Text, "new x: "));
        var edited = await TryIt.Cell("01-minimizing-a-function", "try-overshoot").Replace("alpha: 0.3", "alpha: 0.9").Run();
        double newX = NumberAfter(edited.Text, "new x: ");
        Assert.Equal(5.1224954, newX, 7);
        Assert.True(newX < GlobalMinimum);
        Assert.Equal(3 * (5.4967 - 5.371965143612441), 5.4967 - newX, 9);   // "three times as far"
    }

    [Fact]
    public async Task Try_it_basins_with_alpha_0_9_break_up()
    {
        var cell = await TryIt.Cell("01-minimizing-a-function", "basins").Replace("alpha: 0.3", "alpha: 0.9").Run();
        var text = cell.Stdout.TrimEnd('\n');
        Assert.Contains("40.5% → minimum 0 at 2.39275; 56.0% → minimum 1 at 5.32635; 3.5% elsewhere", text);
        Assert.EndsWith("borders between basins: 1.0144, 1.0722, 1.6501, 3.5283, 6.0710, 6.4466, 6.5333, 6.5622", text);
        // The redrawn picture: the seven starts from 6.5766 to 6.75 in grey, "elsewhere".
        var elsewhere = cell.Chart().Traces().Single(t => t["showlegend"]?.GetValue<bool>() != false && t.Name().StartsWith("elsewhere", StringComparison.Ordinal)).Values("x");
        Assert.Equal(7, elsewhere.Length);
        Assert.Equal(6.5766, elsewhere.Min(), 4);
        Assert.Equal(6.75, elsewhere.Max());
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static double QuarticSecondDerivative(double x) => (12 * x * x - 90 * x + 160) / 10;
}
