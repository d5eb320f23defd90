using System.Globalization;
using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 03 (gradient descent on a 1D model): the tips model tip = θ · total_bill, its MSE and derivative, gradient
/// descent on θ, and the agreement of gradient descent, the closed form Σxy/Σx² and a least-squares solver. The expected
/// values are recomputed here from data/tips.csv, independently of the library.
/// </summary>
public class Lesson03Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("03-gradient-descent-on-a-1d-model");

    /// <summary>(total_bill, tip) for the 244 rows of data/tips.csv.</summary>
    private static (double[] X, double[] Y) Tips()
    {
        var rows = File.ReadAllLines(Path.Combine(Lessons.RepositoryRoot, "data", "tips.csv")).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        return (rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
                rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray());
    }

    private static double ClosedForm()
    {
        var (x, y) = Tips();
        return x.Zip(y, (a, b) => a * b).Sum() / x.Sum(a => a * a);
    }

    private static double Mse(double theta)
    {
        var (x, y) = Tips();
        return x.Zip(y, (a, b) => (b - theta * a) * (b - theta * a)).Average();
    }

    /// <summary>θ after <paramref name="steps"/> steps of gradient descent from θ = 0, with the derivative written out here.</summary>
    private static double Run(double alpha, int steps)
    {
        var (x, y) = Tips();
        double theta = 0;
        for (int t = 0; t < steps; t++)
            theta -= alpha * -2 * x.Zip(y, (a, b) => (b - theta * a) * a).Average();
        return theta;
    }

    [Fact]
    public async Task Runs_clean_with_six_charts()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(6, lesson.AllCharts().Count);
    }

    [Fact]
    public async Task Shows_the_244_tables_and_the_loss_of_the_no_intercept_model()
    {
        var lesson = await Lesson();
        var (x, y) = Tips();
        Assert.Equal(244, x.Length);
        var scatter = lesson.CellWithId("scatter").Chart().TraceNamed("tables");
        Assert.Equal(x, scatter.Values("x"));
        Assert.Equal(y, scatter.Values("y"));
        Assert.Contains("16.99", lesson.CellWithId("tips").Text);

        var byHand = lesson.CellWithId("mse").Text;
        Assert.Equal(Mse(0.10), NumberAfter(byHand, "MSE(0.10) = "), 6);
        Assert.Equal(Mse(0.15), NumberAfter(byHand, "MSE(0.15) = "), 6);
        Assert.Equal(Mse(0.20), NumberAfter(byHand, "MSE(0.20) = "), 6);
        Assert.Equal(Mse(0.15), NumberAfter(lesson.CellWithId("mse-library").Text, "MSE(0.15) = "), 6);
        Assert.Contains("tips: 244 rows, X = [total_bill], y = tip", lesson.CellWithId("mse-library").Text);

        var curve = lesson.CellWithId("mse-curve").Chart().Traces()[0];
        var thetas = curve.Values("x");
        var losses = curve.Values("y");
        int lowest = Array.IndexOf(losses, losses.Min());
        Assert.InRange(thetas[lowest], ClosedForm() - 0.001, ClosedForm() + 0.001);
    }

    [Fact]
    public async Task The_hand_derived_derivative_matches_finite_differences_and_the_library()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("derivative").Text;
        var (x, y) = Tips();
        double expected = -2 * x.Zip(y, (a, b) => (b - 0.1 * a) * a).Average();
        Assert.Equal(expected, NumberAfter(text, "formula:"), 6);
        Assert.Equal(expected, NumberAfter(text, "finite difference:"), 6);
        Assert.Equal(expected, NumberAfter(text, "library gradient:"), 6);
    }

    [Fact]
    public async Task The_quartics_learning_rate_explodes_here_because_the_curvature_is_941()
    {
        var lesson = await Lesson();
        var steps = Numbers(lesson.CellWithId("gd-too-large").Text);
        Assert.Equal(5, steps.Length);                       // "five guesses from θ = 0, that is four steps"
        Assert.Equal(0, steps[0]);
        Assert.Equal(1, steps[^1] / Run(0.3, 4), 9);
        Assert.True(Math.Abs(steps[^1]) > 1e8, "α = 0.3 diverges on the tips MSE");
        var (x, _) = Tips();
        double curvature = 2 * x.Average(a => a * a);
        var text = lesson.CellWithId("curvature").Text;
        Assert.Equal(curvature, NumberAfter(text, "MSE''(θ) = "), 2);
        Assert.Equal(2 / curvature, NumberAfter(text, "2 / MSE'' = "), 6);
    }

    [Fact]
    public async Task Gradient_descent_closed_form_and_least_squares_agree_to_the_printed_digits()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("compare").Text.Split('\n');
        double theta = ClosedForm();
        Assert.Equal(0.1437318953, theta, 10);
        Assert.StartsWith("closed form Σxy / Σx²:", text[0]);
        Assert.StartsWith("least squares (QR):", text[1]);
        Assert.StartsWith("gradient descent, 20 steps:", text[2]);
        Assert.All(text.Take(3), line => Assert.Equal(theta, NumberAfter(line, "θ = "), 10));
        Assert.True(NumberAfter(text[3], "largest difference from the closed form: ") < 1e-10);

        var table = lesson.CellWithId("gd").Text.Split('\n');
        Assert.Equal(0, NumberAfter(table[0], "θ = "));
        Assert.Equal(0.001 * 2 * Tips().X.Zip(Tips().Y, (a, b) => a * b).Average(), NumberAfter(table[1], "θ = "), 9);
        Assert.Equal(Mse(0), NumberAfter(table[0], "MSE = "), 9);
        Assert.Equal(theta, NumberAfter(table[7], "θ = "), 7);
    }

    [Fact]
    public async Task Trace_plots_show_a_small_and_a_near_limit_learning_rate_both_converging_slowly()
    {
        var lesson = await Lesson();
        var chart = lesson.CellWithId("gd-traces").Chart();
        var small = chart.TraceNamed("GD (α = 0.0001)").Values("y");
        var good = chart.TraceNamed("GD (α = 0.001)").Values("y");
        var nearLimit = chart.TraceNamed("GD (α = 0.002)").Values("y");
        double best = Mse(ClosedForm());
        Assert.Equal(best, good[^1], 9);
        Assert.True(small[^1] - best > 0.03 && nearLimit[^1] - best > 0.03, "after 20 steps both are still above the minimum");
        Assert.Equal(1.365, small[^1], 3);      // the prose: "after 20 steps it is 1.365, against the minimum 1.178"
        Assert.Equal(1.178, best, 3);
        Assert.Equal(1.241, nearLimit[^1], 3);  // "only a little lower (1.241 after 20 steps)"
        Assert.Equal(Mse(Run(0.0001, 20)), small[^1], 9);
        Assert.Equal(Mse(Run(0.002, 20)), nearLimit[^1], 9);
        Assert.True(nearLimit.Zip(nearLimit.Skip(1), (a, b) => b < a).All(d => d), "the near-limit loss falls at every step even though θ zig-zags");

        var path = lesson.CellWithId("gd-path").Chart().Traces().First(t => t.Name() == "GD (α = 0.001)").Values("x");
        Assert.Equal(0, path[0]);
        Assert.True(path.Zip(path.Skip(1), (a, b) => b >= a).All(d => d), "with α = 0.001 the path never overshoots");
    }

    [Fact]
    public async Task The_fitted_line_has_the_closed_form_slope()
    {
        var lesson = await Lesson();
        var line = lesson.CellWithId("fitted-line").Chart().Traces().Single(t => t.Name().StartsWith("tip = ", StringComparison.Ordinal));
        Assert.Equal("tip = 0.1437 · total_bill", line.Name());
        var xs = line.Values("x");
        var ys = line.Values("y");
        Assert.Equal(ClosedForm(), (ys[1] - ys[0]) / (xs[1] - xs[0]), 9);
    }

    [Fact]
    public async Task Try_it_just_under_the_limit_zig_zags_in_and_just_over_it_diverges()
    {
        var lesson = await Lesson();
        var cell = lesson.CellWithId("try-near-limit");
        Assert.Equal("reached the step limit of 20 steps; final loss 1.24112", cell.Stdout.Trim());
        var path = cell.Chart().Traces().Where(t => t.Values("x").Length == 21).Select(t => t.Values("x")).First();
        Assert.Equal([0, 0.2705, 0.0320, 0.2422], path.Take(4).Select(v => Math.Round(v, 4)).ToArray());

        var over = await TryIt.Cell("03-gradient-descent-on-a-1d-model", "try-near-limit").Replace("double tryAlpha = 0.002;", "double tryAlpha = 0.0022;").Run();
        Assert.StartsWith("diverged at step 1: the loss rose from 10.8963 (step 0) to 38.6519 at step 10, every step raising it or leaving it above its start", over.Stdout.Trim());
        var outward = over.Chart().Traces().Where(t => t.Values("x").Length == 11).Select(t => t.Values("x")).First();
        Assert.Equal([0, 0.2975, -0.0208, 0.3197, -0.0445], outward.Take(5).Select(v => Math.Round(v, 4)).ToArray());
        Assert.Equal(-1.07, 1 - 0.0022 * 940.82, 2);
        Assert.Equal(0.88, Math.Abs(1 - 0.002 * 940.82), 2);     // the prose's factors per step
        Assert.Equal(0.91, 1 - 0.0001 * 940.82, 2);
        Assert.Equal(2.1e-7, 0.002126 / 10_000, 8);              // the cents quiz: the limit 10,000 times smaller
        Assert.Equal(940.82, NumberAfter(lesson.CellWithId("curvature").Text, "MSE''(θ) = "), 2);
    }
}
