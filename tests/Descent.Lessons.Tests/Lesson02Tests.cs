using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 02 (learning rate and trace plots): η too small / appropriate / too large on the quartic, the decks' readings
/// of each trace, a divergence that is detected and reported, the η slider, and the steps-to-converge curve.
/// </summary>
public class Lesson02Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("02-learning-rate-and-trace-plots");

    private const double WStar = 5.3263454633578;

    [Fact]
    public async Task Runs_clean_with_six_charts()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(6, lesson.AllCharts().Count);
        Assert.Equal("w* = 5.3263455, L(w*) = -0.6914097", lesson.CellWithId("function").Text);
    }

    [Fact]
    public async Task Fixed_steps_hop_around_the_minimum_while_proportional_steps_settle()
    {
        var lesson = await Lesson();
        var chart = lesson.CellWithId("fixed-vs-proportional").Chart();
        var fixedSize = chart.TraceNamed("fixed step 0.1").Values("y");
        var proportional = chart.TraceNamed("step 0.3 L′(w)").Values("y");
        Assert.Equal(25, fixedSize.Length);
        foreach (var w in fixedSize.TakeLast(8))
            Assert.True(Math.Abs(w - 5.3) < 1e-9 || Math.Abs(w - 5.4) < 1e-9, $"a fixed step ends at 5.3 or 5.4, not {w}");
        Assert.True(Math.Abs(fixedSize[^1] - fixedSize[^2]) > 0.099, "the fixed-size rule keeps hopping");
        Assert.Equal(WStar, proportional[^1], 5);
    }

    [Fact]
    public async Task Three_learning_rates_are_too_slow_converging_and_oscillating()
    {
        var lesson = await Lesson();
        var paths = lesson.CellWithId("regimes").Chart();
        double[] Path(string name) => paths.Traces().First(t => t.Name() == name).Values("x");
        Assert.Equal(4.42, Path("η = 0.02")[^1], 2);                 // "very little progress"
        Assert.Equal(WStar, Path("η = 0.3")[^1], 6);                 // converges
        var wild = Path("η = 1.1");
        Assert.Equal([4.926, 5.5485], wild.TakeLast(2).Order().ToArray(), (a, b) => Math.Abs(a - b) < 1e-3);   // bounces

        var verdicts = lesson.CellWithId("diagnose").Text.Split('\n');
        Assert.StartsWith("η = 0.02:  TooSlow: The loss is still decreasing", verdicts[0]);
        Assert.StartsWith("η = 0.3:  Converging: The loss stabilized", verdicts[1]);
        Assert.StartsWith("η = 1.1:  Oscillating: The loss is oscillating between values rather than converging", verdicts[2]);

        var traces = lesson.CellWithId("traces").Chart();
        var wildLoss = traces.TraceNamed("η = 1.1").Values("y");
        for (int t = wildLoss.Length - 10; t < wildLoss.Length; t++)
            Assert.True((wildLoss[t] - wildLoss[t - 1]) * (wildLoss[t - 1] - wildLoss[t - 2]) < 0, $"the η = 1.1 loss zig-zags at t = {t}");
        var slowLoss = traces.TraceNamed("η = 0.02").Values("y");
        Assert.True(slowLoss.Zip(slowLoss.Skip(1), (a, b) => b < a).All(x => x), "the η = 0.02 loss decreases at every step");
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
        Assert.StartsWith("diverged at step 2: the loss rose from -0.48384 (step 1) to 6.86468E+14 at step 5", report[1]);

        var trace = lesson.CellWithId("divergence-trace").Chart();
        Assert.Equal([2.0], trace.TraceNamed("η = 2 diverged at t = 2").Values("x"));
        Assert.Equal("log", trace["layout"]!["yaxis"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_eta_slider_holds_fourteen_runs_and_shows_each_ending()
    {
        var lesson = await Lesson();
        var chart = lesson.CellWithId("slider").Chart();
        var steps = chart.SliderSteps();
        string[] labels = ["0.01", "0.02", "0.05", "0.1", "0.2", "0.3", "0.5", "0.7", "0.9", "1", "1.1", "1.2", "1.7", "2"];
        Assert.Equal(labels, steps.Select(s => s!["label"]!.GetValue<string>()));
        Assert.Equal(5, chart["layout"]!["sliders"]![0]!["active"]!.GetValue<int>());
        string Title(int k) => steps[k]!["args"]![1]!["title.text"]!.GetValue<string>();
        Assert.Contains("η = 2: diverged at step 2", Title(13));
        Assert.Contains("η = 0.3: reached the step limit of 40 steps; final loss -0.69141", Title(5));
        // η = 1.7 throws the weight over the hill into the other valley (L ≈ −0.12 there, not −0.69).
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
        Assert.True(steps[best] <= 12, $"the best η converges in {steps[best]} steps");
        Assert.True(steps[0] > 300 && steps[^1] > 100, "tiny and near-critical η both need many steps");

        var text = lesson.CellWithId("curvature").Text;
        Assert.Equal(2.1068, NumberAfter(text, "L''(w*) = "), 4);
        Assert.Equal(0.475, NumberAfter(text, "1/L''(w*) = "), 3);
        Assert.Equal(0.949, NumberAfter(text, "2/L''(w*) = "), 3);
    }
}
