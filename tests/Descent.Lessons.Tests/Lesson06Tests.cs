using System.Text.Json.Nodes;
using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 06 (convexity, local and global minima): the chord test failing on the quartic and holding on the MSE, the
/// curvature test, basins, the two-unit network's symmetric minima and saddle, random restarts against the number of
/// restarts, gradient noise escaping the local minimum, and critical points classified by the Hessian's eigenvalues.
/// </summary>
public class Lesson06Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("06-convexity-local-and-global-minima");

    private const double LocalMin = 2.3927480, GlobalMin = 5.3263455;

    [Fact]
    public async Task Runs_clean_with_seven_charts()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(7, lesson.AllCharts().Count);
    }

    [Fact]
    public async Task Two_starts_end_in_the_local_and_the_global_minimum()
    {
        var lesson = await Lesson();
        var table = lesson.CellWithId("two-answers-values").Text;
        Assert.Contains("start at x₀ = 4  5.3263455  -0.6914097", table);
        Assert.Contains("start at x₀ = 2  2.3927480  -0.1382749", table);

        var chart = lesson.CellWithId("two-answers").Chart();
        Assert.Equal(GlobalMin, chart.FirstTrace("start at x₀ = 4").Values("x")[^1], 1e-6);
        Assert.Equal(LocalMin, chart.FirstTrace("start at x₀ = 2").Values("x")[^1], 1e-6);
    }

    /// <summary>
    /// The start-point slider's "What you should see": starts 1 to 3.5 end in the local minimum, 3.75 to 6.5 in the
    /// global one (the border is the hump at 3.5309), and the start at 3.5 takes the most steps, 193 against 106 from 4.
    /// </summary>
    [Fact]
    public async Task The_start_slider_splits_at_the_hump_and_the_start_next_to_it_is_slowest()
    {
        var chart = (await Lesson()).CellWithId("two-answers").Chart();
        var positions = chart.SliderSteps();
        double[] starts = [1, 1.5, 2, 2.5, 3, 3.25, 3.5, 3.75, 4, 4.5, 5, 5.5, 6, 6.5];
        Assert.Equal(starts.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            positions.Select(p => p!["label"]!.GetValue<string>()));
        Assert.Equal(8, chart["layout"]!["sliders"]![0]!["active"]!.GetValue<int>());   // opens on x₀ = 4
        var steps = new int[starts.Length];
        for (int k = 0; k < starts.Length; k++)
        {
            var end = chart.FirstTrace($"start at x₀ = {starts[k]}").Values("x")[^1];
            Assert.Equal(starts[k] < 3.5309 ? LocalMin : GlobalMin, end, 1e-6);
            var title = positions[k]!["args"]![1]!["title.text"]!.GetValue<string>();
            steps[k] = (int)NumberAfter(title, "converged after");
        }
        Assert.Equal(193, steps.Max());
        Assert.Equal(193, steps[Array.IndexOf(starts, 3.5)]);
        Assert.Equal(106, steps[Array.IndexOf(starts, 4.0)]);
    }

    [Fact]
    public async Task The_chord_test_fails_on_the_quartic_and_holds_on_the_mse()
    {
        var lesson = await Lesson();
        Assert.Equal("chord from a = 2.39275 to b = 5.32635: fails at 93 of 101 points (worst t = 0.54: chord -0.3927 < f 0.07526)",
            lesson.CellWithId("quartic-chord").Stdout.Trim());
        Assert.Equal("chord from a = 0 to b = 0.3: holds at all 101 points (smallest gap 0.4191 at t = 0.99)",
            lesson.CellWithId("mse-chord").Stdout.Trim());

        var quartic = lesson.CellWithId("quartic-chord").Chart();
        Assert.Contains("not convex", quartic.Title());
        var worst = quartic.Traces().Single(t => t.Name().StartsWith("worst:", StringComparison.Ordinal)).Values("y");
        Assert.Equal(0.468, worst[1] - worst[0], 3);                    // the curve 0.468 above the chord at x ≈ 3.75
        var mse = lesson.CellWithId("mse-chord").Chart();
        Assert.Contains("convex here", mse.Title());
        Assert.DoesNotContain(mse.Traces(), t => t.Name() == "curve above the chord");

        var pairs = lesson.CellWithId("check-all-pairs").Text;
        Assert.Matches(@"quartic on \[1, 6\.75\]\s+False\s+chord from a = 2\.32692 to b = 5\.27564: fails", pairs);
        Assert.Matches(@"MSE\(θ\) on \[−0\.2, 0\.5\]\s+True\s+chord from a = -0\.2 to b = 0\.5: holds at all 41 points", pairs);
        Assert.Matches(@"2\.32692 to b = 5\.27564: fails at 38 of 41 points", pairs);   // 41 values of t per chord, as the prose says
        Assert.Equal(780, 40 * 39 / 2);
    }

    [Fact]
    public async Task The_curvature_test_finds_the_quartic_bending_down_and_a_constant_mse_curvature()
    {
        var text = (await Lesson()).CellWithId("second-derivative").Text;
        Assert.Contains("quarticConvex = False", text);
        Assert.Contains("quarticBendsDownOn = [2.90, 4.60]", text);              // roots of 12x² − 90x + 160: 2.896, 4.604
        Assert.Contains("mseSecondDerivative = 940.82", text);                   // 2 mean(total_bill²)
        Assert.Contains("twoParameterMseEigenvalues = 0.335, 942.5", text);      // (2/n) XᵀX, both positive
    }

    [Fact]
    public async Task Every_start_on_the_mse_reaches_the_least_squares_theta_while_the_quartic_splits()
    {
        var text = (await Lesson()).CellWithId("basins").Text;
        Assert.Contains("200 starts; 44.0% → minimum 0 at 2.39275; 56.0% → minimum 1 at 5.32635", text);
        Assert.Contains("200 starts; 100.0% → minimum 0 at 0.143732", text);
    }

    [Fact]
    public async Task The_two_unit_network_has_two_minima_that_are_the_same_network()
    {
        var lesson = await Lesson();
        Assert.True(NumberAfter(lesson.CellWithId("network-surface").Text, "relative error ") < 1e-8, "the chain-rule gradient matches finite differences");
        var losses = Numbers(lesson.CellWithId("network-values").Text.Split('\n').Last());
        Assert.Equal(0.04644, losses[^1], 5);                                    // halfway between the minima
        Assert.Matches(@"a = 0\.5, b = 2\s+0\n", lesson.CellWithId("network-values").Text);
        Assert.Matches(@"a = 2, b = 0\.5\s+0\n", lesson.CellWithId("network-values").Text);
        Assert.Equal("chord from a = [0.5, 2] to b = [2, 0.5]: fails at 99 of 101 points (worst t = 0.5: chord 0 < f 0.04644)",
            lesson.CellWithId("network-chord").ResultText);

        var paths = lesson.CellWithId("network-paths").Chart();
        Assert.Equal([0.5, 2.0], End(paths.FirstTrace("start (0.3, 2.9)")), (a, b) => Math.Abs(a - b) < 0.01);
        Assert.Equal([2.0, 0.5], End(paths.FirstTrace("start (2.9, 0.3)")), (a, b) => Math.Abs(a - b) < 0.01);
        var diagonal = End(paths.FirstTrace("start (2.8, 2.8)"));
        Assert.Equal(diagonal[0], diagonal[1]);                                  // the symmetry keeps a = b
        Assert.Equal(0.90189, diagonal[0], 4);
    }

    [Fact]
    public async Task Random_restarts_succeed_more_often_with_more_restarts_as_one_minus_one_minus_p_to_the_k()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("restarts").Text;
        Assert.StartsWith("p(one start reaches the global minimum) = 0.536 (200 trials, seed 1)", text);
        var chart = lesson.CellWithId("restarts-plot").Chart();
        var measured = chart.TraceNamed("measured (200 trials)").Values("y");
        var theory = chart.TraceNamed("1 − (1 − p)ᵏ").Values("y");
        Assert.Equal(8, measured.Length);
        Assert.Equal(0.585, measured[0], 3);
        Assert.True(measured.Zip(measured.Skip(1), (a, b) => b >= a).All(x => x), "more restarts never lower the success rate");
        Assert.True(measured[4] >= 0.95, "five restarts succeed at least 95% of the time");
        Assert.All(measured.Zip(theory), p => Assert.True(Math.Abs(p.First - p.Second) < 0.06, $"{p.First} vs {p.Second}"));
        Assert.Equal(1 - Math.Pow(1 - 0.53625, 3), theory[2], 9);
    }

    [Fact]
    public async Task Gradient_noise_carries_gradient_descent_out_of_the_local_minimum()
    {
        var lesson = await Lesson();
        Assert.Equal("{ plainEnd = 2.3927480, noisyEnd = 5.3263455, noisyLoss = -0.6914097 }", lesson.CellWithId("noise-final").Text);
        var chart = lesson.CellWithId("noise").Chart();
        Assert.All(chart.TraceNamed("plain GD").Values("y"), x => Assert.Equal(LocalMin, x, 1e-7));
        Assert.Equal(3, chart.Traces().Count);
        var noisy = chart.TraceNamed("GD + noise (σ = 2)").Values("y");
        Assert.True(noisy.Max() > 3.5309066, "the noisy run crosses the hump at 3.53");
        Assert.Equal(GlobalMin, noisy[^1], 1e-7);

        var rates = lesson.CellWithId("noise-rate").Text.Split('\n').Where(l => l.Contains(" of 100")).Select(l => (int)Numbers(l)[^2]).ToArray();
        Assert.Equal([0, 8, 38, 70, 74], rates);
    }

    [Fact]
    public async Task Critical_points_are_classified_by_the_hessian_eigenvalues()
    {
        var lesson = await Lesson();
        var quartic = lesson.CellWithId("critical-quartic").Text;
        Assert.Matches(@"2\.3927480\s+1\.33556\s+Minimum", quartic);
        Assert.Matches(@"3\.5309066\s+-0\.81740\s+Maximum", quartic);
        Assert.Matches(@"5\.3263455\s+2\.10684\s+Minimum", quartic);

        var kinds = lesson.CellWithId("critical-surfaces").Text.Split('\n').Skip(2)
            .Select(l => l.TrimEnd().Split(' ').Last()).ToArray();
        Assert.Equal(["Minimum", "Maximum", "Saddle", "Saddle", "Minimum", "Saddle"], kinds);
        var surfaces = lesson.CellWithId("critical-surfaces").Text;
        Assert.Contains("-0.544, 16.54", surfaces);                              // 8 ± √73
        Assert.Contains("-0.07833, 0.4566", surfaces);                           // the network's saddle on the diagonal
    }

    [Fact]
    public async Task The_local_model_at_2_7_points_left_while_the_global_minimum_is_right()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("local-global").Text;
        Assert.Contains("at x₀ = 2.7: f′ = 0.268, f″ = 0.448", text);           // (4x³ − 45x² + 160x − 180)/10, (12x² − 90x + 160)/10
        Assert.Contains("bottom of the local model: x = 2.10", text);            // 2.7 − 0.26820/0.448
        Assert.Contains("global minimum of f:       x = 5.33", text);
        var chart = lesson.CellWithId("local-global").Chart();
        var model = chart.TraceNamed("local model m(x) at x₀ = 2.7").Values("y");
        var xs = chart.TraceNamed("local model m(x) at x₀ = 2.7").Values("x");
        Assert.Equal(2.0999, xs[Array.IndexOf(model, model.Min())], 1);        // the drawn model bottoms out near 2.10
    }

    [Fact]
    public async Task Symmetric_minima_have_equal_loss_and_the_prose_defers_bad_minima_to_lesson_10()
    {
        var lesson = await Lesson();
        var md = lesson.Executed.Cells.Single(c => c.Id == "network-chord-after").Source;
        Assert.DoesNotContain("That is why the decks", md);
        Assert.Contains("so are all $100!$ of them", md);
        Assert.Contains("saddle points** vastly outnumber local minima", md);
    }

    /// <summary>
    /// Section 3's step-size note: along the network runs the largest curvature is 2.3 at the starts (0.3, 2.9) and
    /// (2.9, 0.3), below 2 from the first step on, and 1.03 at the minimum (0.5, 2); on the diagonal it stays below 2.
    /// </summary>
    [Fact]
    public void The_network_runs_curvature_is_below_two_after_the_first_step()
    {
        double[] xs = Enumerable.Range(0, 21).Select(i => -2 + 0.2 * i).ToArray();
        double[] ys = xs.Select(x => Math.Tanh(0.5 * x) + Math.Tanh(2 * x)).ToArray();
        (double, double) Grad(double a, double b)
        {
            double da = 0, db = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                double ta = Math.Tanh(a * xs[i]), tb = Math.Tanh(b * xs[i]), e = ta + tb - ys[i];
                da += 2 * e * xs[i] * (1 - ta * ta) / xs.Length;
                db += 2 * e * xs[i] * (1 - tb * tb) / xs.Length;
            }
            return (da, db);
        }
        double LargestCurvature(double a, double b, double h = 1e-5)
        {
            var (pa, pb) = Grad(a + h, b); var (ma, mb) = Grad(a - h, b);
            var (qa, qb) = Grad(a, b + h); var (ra, rb) = Grad(a, b - h);
            double faa = (pa - ma) / (2 * h), fbb = (qb - rb) / (2 * h), fab = ((pb - mb) + (qa - ra)) / (4 * h);
            return (faa + fbb) / 2 + Math.Sqrt((faa - fbb) * (faa - fbb) / 4 + fab * fab);
        }
        Assert.Equal(1.03, LargestCurvature(0.5, 2), 2);
        foreach (var (a0, b0) in new[] { (0.3, 2.9), (2.9, 0.3), (2.8, 2.8) })
        {
            double a = a0, b = b0;
            var curvatures = new List<double>();
            for (int t = 0; t <= 300; t++)
            {
                curvatures.Add(LargestCurvature(a, b));
                var (ga, gb) = Grad(a, b);
                a -= ga; b -= gb;   // α = 1
            }
            if (a0 != b0) Assert.Equal(2.3, curvatures[0], 1);
            Assert.True(curvatures.Skip(1).Max() < 2);
        }
    }

    /// <summary>The learning rate is α throughout: the page does not borrow a slide's η it never shows.</summary>
    [Fact]
    public async Task The_learning_rate_is_alpha_everywhere()
    {
        var lesson = await Lesson();
        Assert.DoesNotContain(lesson.Executed.Cells, c => c.Source.Contains('η'));
    }

    [Fact]
    public async Task The_restart_prose_quotes_the_three_estimates_of_p()
    {
        var lesson = await Lesson();
        Assert.Contains("       1      0.585          0.536", lesson.CellWithId("restarts").Text);
        var md = lesson.Executed.Cells.Single(c => c.Id == "restarts-after").Source;
        Assert.Contains("$p = 0.536$", md);
        Assert.Contains("0.585", md);
        Assert.Contains("$(6.75 - 3.5309)/5.75 = 0.560$", md);
        Assert.Equal(0.560, (6.75 - 3.5309066) / 5.75, 3);
        Assert.Equal(0.035, Math.Sqrt(0.56 * 0.44 / 200), 3);
        Assert.Equal(0.012, Math.Sqrt(0.56 * 0.44 / 1600), 3);
        Assert.True(Math.Abs(0.536 - 0.560) < 2 * 0.0124 && Math.Abs(0.585 - 0.560) < 2 * 0.0351);
    }

    private const string Name = "06-convexity-local-and-global-minima";

    [Fact]
    public async Task Try_it_chords_on_pieces_of_the_quartic()
    {
        var lesson = await Lesson();
        Assert.Equal("chord from a = 1 to b = 2.5: holds at all 101 points (smallest gap 0.03307 at t = 0.01)",
            lesson.CellWithId("try-chord").ResultText);
        var tryChord = TryIt.Cell(Name, "try-chord");
        var wide = await tryChord.Replace("tryB = 2.5", "tryB = 5").Run();
        Assert.Equal("chord from a = 1 to b = 5: holds at all 101 points (smallest gap 0.01523 at t = 0.01)",
            wide.ResultText);
        var inside = await tryChord.Replace("tryA = 1, tryB = 2.5", "tryA = 3, tryB = 4.5").Run();
        Assert.Equal("chord from a = 3 to b = 4.5: fails at 99 of 101 points (worst t = 0.5: chord -0.1406 < f 0.07383)",
            inside.ResultText);
    }

    [Fact]
    public async Task Try_it_other_seeds_and_a_shorter_noisy_phase()
    {
        var lesson = await Lesson();
        Assert.Equal("ends at x = 5.3263455, f = -0.6914097", lesson.CellWithId("try-noise").ResultText);
        var tryNoise = TryIt.Cell(Name, "try-noise");
        var seed2 = await tryNoise.Replace("seed: 8", "seed: 2").Run();
        Assert.StartsWith("ends at x = 2.3927483", seed2.ResultText);
        var brief = await tryNoise.Replace("t < 300", "t < 50").Run();
        Assert.StartsWith("ends at x = 2.3927480", brief.ResultText);

        // The outcome's counts: which of seeds 0-11 escape with 300 noisy steps, and how many of 0-99 with 50 or 300.
        var counts = await tryNoise.WithSource("""
            bool Escapes(int phase, int seed) => Math.Abs(gd.Run(new NoisyGradient(f, t => t < phase ? 2.0 : 0.0, seed),
                atLocal, n400).Theta[0] - 5.3263455) < 1e-3;
            string.Join(",", Enumerable.Range(0, 12).Where(s => Escapes(300, s))) + ";"
                + Enumerable.Range(0, 100).Count(s => Escapes(50, s)) + ";" + Enumerable.Range(0, 100).Count(s => Escapes(300, s))
            """).Run();
        Assert.Equal("0,1,5,6,8,9,10,11;12;70", counts.ResultText);
    }

    [Fact]
    public async Task Try_it_a_start_off_the_diagonal_leaves_the_saddle()
    {
        var lesson = await Lesson();
        Assert.Equal("ends at (0.9019, 0.9019), L = 0.0129", lesson.CellWithId("try-network").ResultText);
        var off = await TryIt.Cell(Name, "try-network").Replace("[2.8, 2.8]", "[2.8, 2.79]").Run();
        Assert.Equal("ends at (1.9956, 0.5004), L = 1.89E-07", off.ResultText);
    }

    [Fact]
    public async Task Two_executions_show_identical_outputs() =>
        await SecondExecution.AssertSameOutputs("06-convexity-local-and-global-minima");

    private static double[] End(JsonObject trace) => [trace.Values("x")[^1], trace.Values("y")[^1]];
}
