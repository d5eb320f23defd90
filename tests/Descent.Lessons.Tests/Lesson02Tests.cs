using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 02 (learning rate and trace plots): α too small / appropriate / too large on the quartic, the decks' readings
/// of each trace, a divergence that is detected and reported, the α slider, the steps-to-converge curve, and the optional Newton section.
/// </summary>
public class Lesson02Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("02-learning-rate-and-trace-plots");

    private const double ThetaStar = 5.3263454633578;

    [Fact]
    public async Task Runs_clean_with_six_charts_in_alpha_and_theta_notation()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(6, lesson.AllCharts().Count);
        Assert.Equal("θ* = 5.3263455, L(θ*) = -0.6914097", lesson.CellWithId("function").Text);
    }

    [Fact]
    public async Task Fixed_steps_hop_around_the_minimum_while_proportional_steps_settle()
    {
        var lesson = await Lesson();
        var chart = lesson.CellWithId("fixed-vs-proportional").Chart();
        var fixedSize = chart.TraceNamed("fixed step 0.1").Values("y");
        var proportional = chart.TraceNamed("step 0.3 L′(θ)").Values("y");
        Assert.Equal(25, fixedSize.Length);
        foreach (var theta in fixedSize.TakeLast(8))
            Assert.True(Math.Abs(theta - 5.3) < 1e-9 || Math.Abs(theta - 5.4) < 1e-9, $"a fixed step ends at 5.3 or 5.4, not {theta}");
        Assert.True(Math.Abs(fixedSize[^1] - fixedSize[^2]) > 0.099, "the fixed-size rule keeps hopping");
        Assert.Equal(ThetaStar, proportional[^1], 5);
    }

    [Fact]
    public async Task Three_learning_rates_are_too_slow_converging_and_oscillating()
    {
        var lesson = await Lesson();
        var paths = lesson.CellWithId("regimes").Chart();
        double[] Path(string name) => paths.Traces().First(t => t.Name() == name).Values("x");
        Assert.Equal(4.42, Path("α = 0.02")[^1], 2);                 // "very little progress"
        Assert.Equal(ThetaStar, Path("α = 0.3")[^1], 6);                 // converges
        var wild = Path("α = 1.1");
        Assert.Equal([4.926, 5.5485], wild.TakeLast(2).Order().ToArray(), (a, b) => Math.Abs(a - b) < 1e-3);   // bounces

        var verdicts = lesson.CellWithId("diagnose").Text.Split('\n');
        Assert.StartsWith("α = 0.02:  TooSlow: The loss is still decreasing", verdicts[0]);
        Assert.StartsWith("α = 0.3:  Converging: The loss stabilized", verdicts[1]);
        Assert.StartsWith("α = 1.1:  Oscillating: The loss is oscillating between values rather than converging", verdicts[2]);

        var traces = lesson.CellWithId("traces").Chart();
        var wildLoss = traces.TraceNamed("α = 1.1").Values("y");
        for (int t = wildLoss.Length - 10; t < wildLoss.Length; t++)
            Assert.True((wildLoss[t] - wildLoss[t - 1]) * (wildLoss[t - 1] - wildLoss[t - 2]) < 0, $"the α = 1.1 loss zig-zags at t = {t}");
        var slowLoss = traces.TraceNamed("α = 0.02").Values("y");
        Assert.True(slowLoss.Zip(slowLoss.Skip(1), (a, b) => b < a).All(x => x), "the α = 0.02 loss decreases at every step");
    }

    [Fact]
    public async Task A_plain_loop_overflows_to_NaN_while_a_run_stops_and_says_where()
    {
        var lesson = await Lesson();
        var raw = lesson.CellWithId("raw-divergence").Text;
        // the same doubles Python prints for the deck's df with x**3 and x**2 (both C pow), checked with python3
        Assert.StartsWith("[4, 4.8, 6.086400000000003, 0.3470132379647559, 26.292923944923444, -9098.634108614722, 603330726403.9237, -1.756937521531439E+35, 4.3386931930349906E+105,", raw);
        Assert.EndsWith("-Infinity, NaN, NaN]", raw);

        var report = lesson.CellWithId("divergence").Text.Split('\n');
        Assert.Equal("Diverged", report[0]);
        // Step 1 went down (0 → −0.48); from step 2 the loss climbed, and step 5 passed 10⁶ times the start and stopped the run.
        Assert.StartsWith("diverged at step 2: the loss rose from -0.48384 (step 1) to 6.86468E+14 at step 5, past 1E+06, the limit for a loss that started at 0", report[1]);
        Assert.DoesNotContain("times its start", report[1]);

        var trace = lesson.CellWithId("divergence-trace").Chart();
        Assert.Equal([2.0], trace.TraceNamed("α = 2 diverged at t = 2").Values("x"));
        Assert.Equal("log", trace["layout"]!["yaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("L(θₜ) − L*", trace["layout"]!["yaxis"]!["title"]!["text"]!.GetValue<string>());   // the prose: "the axis writes L(θ*) as L*"
    }

    [Fact]
    public async Task The_alpha_slider_holds_fourteen_runs_and_shows_each_ending()
    {
        var lesson = await Lesson();
        var chart = lesson.CellWithId("slider").Chart();
        var steps = chart.SliderSteps();
        string[] labels = ["0.01", "0.02", "0.05", "0.1", "0.2", "0.3", "0.5", "0.7", "0.9", "1", "1.1", "1.2", "1.7", "2"];
        Assert.Equal(labels, steps.Select(s => s!["label"]!.GetValue<string>()));
        Assert.Equal(5, chart["layout"]!["sliders"]![0]!["active"]!.GetValue<int>());
        string Title(int k) => steps[k]!["args"]![1]!["title.text"]!.GetValue<string>();
        Assert.Contains("α = 2: diverged at step 2", Title(13));
        Assert.Contains("α = 0.3: reached the step limit of 40 steps; final loss -0.69141", Title(5));
        // α = 1.7 throws the weight over the hill into the other valley (L ≈ −0.12 there, not −0.69).
        Assert.True(NumberAfter(Title(12), "final loss ") > -0.2, Title(12));
    }

    [Fact]
    public async Task Steps_to_converge_are_fewest_near_one_over_the_curvature()
    {
        var lesson = await Lesson();
        var curve = lesson.CellWithId("speed").Chart().TraceNamed("steps to converge");
        var etas = curve.Values("x");
        var steps = curve.Values("y");
        Assert.Equal(47, etas.Length);
        int best = Array.IndexOf(steps, steps.Min());
        Assert.InRange(etas[best], 0.44, 0.52);
        Assert.True(steps[best] <= 12, $"the best α converges in {steps[best]} steps");
        Assert.Equal(0.48, etas[best], 9);                       // the prose: "the best, at α = 0.48, only 9"
        Assert.Equal(9, steps[best]);
        Assert.True(steps[0] > 300 && steps[^1] > 100, "tiny and near-critical α both need many steps");
        // The prose: a run stops after the first step taken from a point where |L′| ≤ 10⁻⁶, so the count includes that
        // one last step. At α = 0.48 from θ = 4 the guess θ⁽⁸⁾ is the first with |L′| ≤ 10⁻⁶, and the chart shows 9.
        Assert.Equal(9, steps[Array.IndexOf(etas, etas.First(a => Math.Abs(a - 0.48) < 1e-9))]);
        Assert.Equal(8, FirstGuessWithSmallSlope(0.48, 4.0));

        var text = lesson.CellWithId("curvature").Text;
        Assert.Equal(2.1068, NumberAfter(text, "L''(θ*) = "), 4);
        Assert.Equal(0.475, NumberAfter(text, "1/L''(θ*) = "), 3);
        Assert.Equal(0.949, NumberAfter(text, "2/L''(θ*) = "), 3);
    }

    [Fact]
    public async Task The_slider_prose_matches_each_runs_trace()
    {
        var lesson = await Lesson();
        var chart = lesson.CellWithId("slider").Chart();
        double[] Loss(string alpha) => chart.Traces().First(t => t.Name() == $"α = {alpha}").Values("y");
        double[] Theta(string alpha) => chart.Traces().First(t => t.Name() == $"α = {alpha}").Values("x");
        const double LossStar = -0.6914096788766301;
        foreach (var alpha in new[] { "0.01", "0.02", "0.05" })   // still clearly falling at step 40
            Assert.True(Loss(alpha)[30] - Loss(alpha)[40] > 0.02, $"α = {alpha}");
        Assert.Equal(-0.654819, Loss("0.05")[40], 6);
        var tenth = Loss("0.1");                                   // almost flat, just above the minimum
        Assert.Equal(-0.691405, tenth[40], 6);
        Assert.InRange(tenth[30] - tenth[40], 0, 1e-3);
        int Settled(string alpha)
        {
            var y = Loss(alpha);
            return Enumerable.Range(0, y.Length).First(i => y.Skip(i).All(v => Math.Abs(v - y[^1]) < 1e-4));
        }
        Assert.InRange(Settled("0.2"), 15, 17);
        foreach (var alpha in new[] { "0.3", "0.5", "0.7" })
            Assert.True(Settled(alpha) <= 11, $"α = {alpha} settles at step {Settled(alpha)}");
        var nine = Theta("0.9");                                   // still zig-zagging across the floor at step 40
        Assert.True((nine[39] - ThetaStar) * (nine[40] - ThetaStar) < 0 && Math.Abs(nine[40] - ThetaStar) > 1e-3);
        Assert.Equal([5.10499, 5.48300], Theta("1").TakeLast(2).Order().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal([4.92603, 5.54855], Theta("1.1").TakeLast(2).Order().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
        var twelve = Theta("1.2");                                  // a four-point cycle: 4.71, 5.52, 4.94, 5.61
        Assert.Equal([4.71, 4.94, 5.52, 5.61], twelve.TakeLast(4).Select(v => Math.Round(v, 2)).Order().ToArray());
        Assert.True(Math.Abs(twelve[40] - twelve[36]) < 1e-3 && Math.Abs(twelve[40] - twelve[38]) > 0.1);
        Assert.Equal([2.2379, 2.65839], Theta("1.7").TakeLast(2).Order().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.True(Loss("0.9")[40] > LossStar);
    }

    [Fact]
    public async Task Try_it_more_steps_turns_only_the_small_learning_rate_into_converging()
    {
        var lesson = await Lesson();
        Assert.Equal(lesson.CellWithId("diagnose").Text, lesson.CellWithId("try-longer").Text);
        var edited = await TryIt.Cell("02-learning-rate-and-trace-plots", "try-longer").Replace("StopRule.After(40)", "StopRule.After(400)").Run();
        var verdicts = edited.Text.Split('\n');
        Assert.StartsWith("α = 0.02:  Converging: The loss stabilized: it went from 0 to -0.6914 and changed by 2.063E-09", verdicts[0]);
        Assert.Contains("over the last 100 steps", verdicts[0]);
        Assert.StartsWith("α = 0.3:  Converging", verdicts[1]);
        Assert.StartsWith("α = 1.1:  Oscillating: The loss is oscillating between values rather than converging: 99 of its last 99 changes switch direction", verdicts[2]);
    }

    [Fact]
    public async Task Try_it_the_fastest_learning_rate_does_not_move_with_the_start()
    {
        var lesson = await Lesson();
        Assert.Equal("from θ = 4: fewest steps 9, at α = 0.48", lesson.CellWithId("try-start").Text);
        var edited = await TryIt.Cell("02-learning-rate-and-trace-plots", "try-start").Replace("double start = 4.0;", "double start = 6.0;").Run();
        Assert.Equal("from θ = 6: fewest steps 7, at α = 0.48", edited.Text);
    }

    [Fact]
    public async Task Newton_converges_in_a_handful_of_steps_climbs_to_the_maximum_where_the_curve_bends_down_and_lands_on_a_bowls_minimum_in_one_step()
    {
        var lesson = await Lesson();
        var lines = lesson.CellWithId("newton-quartic").Text.Split('\n');
        Assert.Equal("from 6 (L'' = 5.2): 5.5384615 → 5.3576432 → 5.3271887 → 5.3263461 → 5.3263455 → 5.3263455", lines[0]);
        Assert.Equal("from 1 (L'' = 8.2): 1.7439024 → 2.1640822 → 2.3485484 → 2.3905542 → 2.3927421 → 2.3927480", lines[1]);
        Assert.Equal("from 4 (L'' = -0.8): 3.5000000 → 3.5312500 → 3.5309066 → 3.5309066 → 3.5309066 → 3.5309066", lines[2]);
        Assert.Equal("from 3 (L'' = -0.2): 4.5000000 → 1.1250000 → 1.8182587 → 2.2014557 → 2.3601908 → 2.3915324", lines[3]);
        Assert.Equal("L''(4.6) = -0.008, so one step from 4.6 lands at -81.1", lesson.CellWithId("newton-flat").Text);
        var counts = lesson.CellWithId("newton-count").Text.Split('\n');
        Assert.Equal("from 6: GD (α = 0.3) 14 steps to θ = 5.3263453, Newton 6 steps to θ = 5.3263455", counts[0]);
        Assert.Equal("from 1: GD (α = 0.3) 31 steps to θ = 2.3927483, Newton 7 steps to θ = 2.3927480", counts[1]);
        var bowls = lesson.CellWithId("newton-bowl").Text.Split('\n');
        Assert.Equal("κ = 2: GD 24 steps; Newton after 1 step: θ = (0, 0)", bowls[0]);
        Assert.Equal("κ = 20: GD 257 steps; Newton after 1 step: θ = (0, 0)", bowls[1]);
        Assert.Equal("κ = 200: GD 2160 steps; Newton after 1 step: θ = (0, 0)", bowls[2]);
    }

    /// <summary>The first t with |L′(θ⁽ᵗ⁾)| ≤ 10⁻⁶ for plain gradient descent on the quartic, computed from its formula.</summary>
    private static int FirstGuessWithSmallSlope(double alpha, double theta)
    {
        static double Slope(double x) => (4 * x * x * x - 45 * x * x + 160 * x - 180) / 10;
        for (int t = 0; ; t++)
        {
            if (Math.Abs(Slope(theta)) <= 1e-6) return t;
            theta -= alpha * Slope(theta);
        }
    }

}
