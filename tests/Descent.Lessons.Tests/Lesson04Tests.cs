using System.Globalization;
using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 04 (gradient descent in higher dimensions): the tips MSE with an intercept as a surface and a contour, the
/// worked gradient of 8θ₀² + 3θ₀θ₁ checked numerically, gradient arrows, the squared-loss gradient of one row, and
/// gradient descent agreeing with the normal equations (recomputed here from data/tips.csv).
/// </summary>
public class Lesson04Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("04-gradient-descent-in-higher-dimensions");

    private static (double[] X, double[] Y) Tips()
    {
        var rows = File.ReadAllLines(Path.Combine(Lessons.RepositoryRoot, "data", "tips.csv")).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        return (rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
                rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray());
    }

    private static double Mse(double t0, double t1)
    {
        var (x, y) = Tips();
        return x.Zip(y, (a, b) => (b - t0 - t1 * a) * (b - t0 - t1 * a)).Average();
    }

    /// <summary>The normal equations XᵀXθ = Xᵀy for X = [1, bill], solved by Cramer's rule.</summary>
    private static (double T0, double T1) NormalEquations()
    {
        var (x, y) = Tips();
        double n = x.Length, sx = x.Sum(), sxx = x.Sum(a => a * a), sy = y.Sum(), sxy = x.Zip(y, (a, b) => a * b).Sum();
        double det = n * sxx - sx * sx;
        return ((sxx * sy - sx * sxy) / det, (n * sxy - sx * sy) / det);
    }

    [Fact]
    public async Task Runs_clean_with_eight_charts()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(8, lesson.AllCharts().Count);
        Assert.StartsWith("244 × 2 design matrix [intercept, total_bill]", lesson.CellWithId("mse-loss").Text);
    }

    [Fact]
    public async Task The_hand_written_mse_matches_the_library_and_the_data()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("mse-values").Text;
        Assert.Equal(Mse(0, 0.1437), NumberAfter(text, "L(0, 0.1437) = "), 6);
        Assert.Equal(Mse(1, 0.1), NumberAfter(text, "L(1, 0.1)    = "), 6);
        Assert.Equal(Mse(1, 0.1), NumberAfter(text, "library:"), 6);
        var surface = lesson.CellWithId("surface").Chart();
        Assert.Contains(surface.Traces(), t => t["type"]?.GetValue<string>() == "surface");
        Assert.Contains(lesson.CellWithId("contour").Chart().Traces(), t => t["type"]?.GetValue<string>() == "contour");
    }

    [Fact]
    public async Task The_worked_gradient_of_8_theta0_squared_plus_3_theta0_theta1_is_checked_numerically()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("example").Text;
        Assert.Contains("formula: ∇f(1, 2) = (22.000000, 3.000000)", text);
        Assert.Contains("numeric: ∇f(1, 2) ≈ (22.000000, 3.000000)", text);
        var check = lesson.CellWithId("example-check").Text;
        Assert.StartsWith("gradient: analytic [22, 3], numeric [22, 3], relative error ", check);
        Assert.True(NumberAfter(check, "relative error ") < 1e-8);

        // Every arrow of the gradient field points along (16θ₀ + 3θ₁, 3θ₀) at its base.
        var arrows = lesson.CellWithId("arrows").Chart().TraceNamed("∇L");
        var xs = arrows.Values("x");
        var ys = arrows.Values("y");
        int checkedArrows = 0;
        for (int k = 0; k + 1 < xs.Length; k += 3)
        {
            double dx = xs[k + 1] - xs[k], dy = ys[k + 1] - ys[k];
            double gx = 16 * xs[k] + 3 * ys[k], gy = 3 * xs[k];
            double cos = (dx * gx + dy * gy) / Math.Sqrt((dx * dx + dy * dy) * (gx * gx + gy * gy));
            Assert.True(cos > 0.9999, $"the arrow at ({xs[k]}, {ys[k]}) points along the gradient (cos = {cos})");
            checkedArrows++;
        }
        Assert.True(checkedArrows >= 100, $"{checkedArrows} arrows");
    }

    [Fact]
    public async Task Nudging_each_weight_changes_the_loss_as_the_gradient_predicts()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("nudge").Text;
        double g0 = NumberAfter(text, "∇L(0.5, 0.1) = ("), g1 = Numbers(TextAfter(text, "∇L(0.5, 0.1) = "))[1];
        double h = 1e-7;
        Assert.Equal((Mse(0.5 + h, 0.1) - Mse(0.5 - h, 0.1)) / (2 * h), g0, 3);
        Assert.Equal((Mse(0.5, 0.1 + h) - Mse(0.5, 0.1 - h)) / (2 * h), g1, 3);
        Assert.InRange(g1 / g0, 19, 22);
        Assert.Equal(Mse(0.501, 0.1) - Mse(0.5, 0.1), NumberAfter(text, "θ₀ + 0.001: ΔL = "), 6);
        Assert.Equal(Mse(0.5, 0.101) - Mse(0.5, 0.1), NumberAfter(text, "θ₁ + 0.001: ΔL = "), 6);
    }

    [Fact]
    public async Task The_squared_loss_gradient_of_one_row_is_minus_two_times_the_error_times_x()
    {
        var lesson = await Lesson();
        var lines = lesson.CellWithId("one-row").Text.Split('\n');
        var (x, y) = Tips();
        double error = y[0] - (0.5 + 0.1 * x[0]);
        Assert.Equal($"x = (1, {x[0].ToString(CultureInfo.InvariantCulture)}), y = {y[0].ToString(CultureInfo.InvariantCulture)}, y − xᵀθ = {error:F4}", lines[0]);
        string expected = $"({-2 * error:F6}, {-2 * error * x[0]:F6})";
        Assert.Equal($"derived: {expected}", lines[1]);
        Assert.Equal($"library: {expected}", lines[2]);
        Assert.Equal($"numeric: {expected}", lines[3]);

        var mean = lesson.CellWithId("average").Text.Split('\n');
        Assert.Equal(TextAfter(mean[0], ": ").Trim(), TextAfter(mean[1], ": ").Trim());
    }

    [Fact]
    public async Task Descent_directions_point_across_the_trough()
    {
        var lesson = await Lesson();
        var arrows = lesson.CellWithId("descent-field").Chart().TraceNamed("−∇L");
        var xs = arrows.Values("x");
        var ys = arrows.Values("y");
        int across = 0, total = 0;
        for (int k = 0; k + 1 < xs.Length; k += 3)
        {
            // Seen on the chart (θ₀ spans 4, θ₁ spans 0.45): is the arrow more vertical than horizontal?
            double dx = Math.Abs(xs[k + 1] - xs[k]) / 4, dy = Math.Abs(ys[k + 1] - ys[k]) / 0.45;
            if (dy > dx) across++;
            total++;
        }
        Assert.True(across >= 0.9 * total, $"{across} of {total} arrows point mostly across the trough");
    }

    [Fact]
    public async Task Gradient_descent_crosses_the_trough_fast_then_crawls_to_the_normal_equations_answer()
    {
        var lesson = await Lesson();
        var lines = lesson.CellWithId("gd").Text.Split('\n');
        Assert.StartsWith("converged after ", lines[0]);
        int steps = (int)NumberAfter(lines[0], "converged after ");
        Assert.InRange(steps, 20_000, 30_000);
        Assert.Equal("t =      1   θ = (0.011993, 0.270453)   L = 8.788636", lines[2]);
        double theta0At1000 = Numbers(TextAfter(lines[6], "θ = "))[0];
        Assert.InRange(theta0At1000, 0.4, 0.5);   // still crawling along the trough

        var (t0, t1) = NormalEquations();
        Assert.Equal(0.920270, t0, 6);
        Assert.Equal(0.105025, t1, 6);
        var normal = lesson.CellWithId("normal").Text.Split('\n');
        Assert.Equal($"normal equations: θ = ({t0:F6}, {t1:F6})", normal[0]);
        Assert.Equal($"gradient descent: θ = ({t0:F6}, {t1:F6})", normal[1]);
        Assert.True(NumberAfter(normal[2], "largest difference: ") < 1e-6);

        var path = lesson.CellWithId("gd-contour").Chart().Traces().First(t => t.Name() == "GD (α = 0.002)");
        Assert.Equal(t0, path.Values("x")[^1], 5);
        Assert.Equal(t1, path.Values("y")[^1], 5);
        Assert.Contains(lesson.CellWithId("gd-surface").Chart().Traces(),
            t => t["type"]?.GetValue<string>() == "scatter3d" && t.Name() == "GD (α = 0.002)");
        Assert.Equal(41, lesson.CellWithId("gd-slider").Chart().SliderSteps().Count);
    }

    private const string Name = "04-gradient-descent-in-higher-dimensions";

    /// <summary>
    /// The α slider's "What you should see": 0.0005 and 0.001 hit the 50,000-step limit, 0.0015 converges after
    /// 34,300 steps, 0.002 and 0.0021 after 25,723 and 24,498, and 0.0022 and 0.0025 diverge at t = 1 (stopped at step
    /// 10, the loss up to 41.31 and 4309), their paths leaving the frame and the corner saying so.
    /// </summary>
    [Fact]
    public async Task The_alpha_slider_goes_from_slow_through_zig_zag_to_divergence()
    {
        var chart = (await Lesson()).CellWithId("alpha-slider").Chart();
        var positions = chart.SliderSteps();
        string[] alphas = ["0.0005", "0.001", "0.0015", "0.002", "0.0021", "0.0022", "0.0025"];
        Assert.Equal(alphas, positions.Select(p => p!["label"]!.GetValue<string>()));
        Assert.Equal(3, chart["layout"]!["sliders"]![0]!["active"]!.GetValue<int>());
        string Title(int k) => positions[k]!["args"]![1]!["title.text"]!.GetValue<string>().Replace("<br>\u200B", " ", StringComparison.Ordinal);
        Assert.Contains("α = 0.0005: reached the step limit of 50000 steps", Title(0));
        Assert.Contains("α = 0.001: reached the step limit of 50000 steps", Title(1));
        Assert.Contains("α = 0.0015: converged after 34300 steps", Title(2));
        Assert.Contains("α = 0.002: converged after 25723 steps", Title(3));
        Assert.Contains("α = 0.0021: converged after 24498 steps", Title(4));
        Assert.Contains("α = 0.0022: diverged at step 1: the loss rose from 10.8963 (step 0) to 41.3071 at step 10", Title(5));
        Assert.Contains("α = 0.0025: diverged at step 1: the loss rose from 10.8963 (step 0) to 4309.17 at step 10", Title(6));

        // Each diverged run has its own corner note, shown only at its position; its path leaves the frame (θ₁ below −0.1).
        var notes = chart["layout"]!["annotations"]!.AsArray();
        Assert.Equal(["diverged at t = 1", "diverged at t = 1"], notes.Select(n => n!["text"]!.GetValue<string>()));
        for (int k = 0; k < alphas.Length; k++)
            Assert.Equal([k == 5, k == 6], new[] { 0, 1 }.Select(i => positions[k]!["args"]![1]![$"annotations[{i}].visible"]!.GetValue<bool>()));
        Assert.All(new[] { "α = 0.0022", "α = 0.0025" }, name => Assert.True(chart.FirstTrace(name).FiniteValues("y").Min() < -0.1));

        // The curvatures across and along the trough: the eigenvalues of the Hessian (2/n)XᵀX, X = [1, bill].
        var (bills, _) = Tips();
        double a11 = 2, a12 = 2 * bills.Average(), a22 = 2 * bills.Average(b => b * b);
        double mid = (a11 + a22) / 2, half = Math.Sqrt((a22 - a11) * (a22 - a11) / 4 + a12 * a12);
        Assert.Equal(942.5, mid + half, 1);
        Assert.Equal(0.335, mid - half, 3);
        // The factors across the trough that the prose quotes.
        double[] across = [0.53, 0.06, -0.41, -0.885, -0.98, -1.07, -1.36];
        for (int k = 0; k < alphas.Length; k++)
            Assert.Equal(across[k], 1 - 942.5 * double.Parse(alphas[k], System.Globalization.CultureInfo.InvariantCulture), 0.005);
        // The zig-zag starts where the factor across turns negative: α = 1/942.5 ≈ 0.00106, between 0.001 and 0.0015.
        Assert.Equal(0.00106, 1 / (mid + half), 5);
        // At α = 0.002 the overshoot across the trough shrinks: past the fastest rate 1/942.5, below the limit 2/942.5.
        Assert.InRange(0.002, 1 / (mid + half), 2 / (mid + half));
        Assert.InRange(1 - 0.002 * (mid + half), -1, 0);
    }

    /// <summary>
    /// The question after the α slider: at θ = (0, 0) the gradient is about (−6.0, −135.2), so the first step changes
    /// θ₁ about 22 times more than θ₀ (135.2 / 6.0 ≈ 22.5).
    /// </summary>
    [Fact]
    public void The_first_gradient_is_about_22_times_steeper_in_theta1()
    {
        var (x, y) = Tips();
        double g0 = -2 * y.Average(), g1 = -2 * x.Zip(y, (a, b) => a * b).Average();   // ∇MSE(0, 0) = −(2/n)Xᵀy
        Assert.Equal(-6.0, g0, 1);
        Assert.Equal(-135.2, g1, 1);
        Assert.Equal(22.5, Math.Round(g1, 1) / Math.Round(g0, 1), 1);   // 135.2 / 6.0
        Assert.InRange(g1 / g0, 22, 23);                                 // "about 22 times"
    }

    [Fact]
    public async Task Try_it_repeats_the_run_and_its_variants_converge_or_diverge_as_stated()
    {
        var lesson = await Lesson();
        Assert.Contains("from (0.000000, 0.000000) with α = 0.002: converged after 25723 steps", lesson.CellWithId("try-gd").Text);
        var tryGd = TryIt.Cell(Name, "try-gd");

        var far = await tryGd.Replace("[0.0, 0.0]", "[3.0, 0.0]").Run();
        Assert.Contains("from (3.000000, 0.000000) with α = 0.002: converged after 26950 steps", far.Text);
        Assert.Contains("θ = (0.920270, 0.105025)", far.Text);

        var near = await tryGd.Replace("0.002;", "0.0021;").Run();
        Assert.Contains("with α = 0.0021: converged after 24498 steps", near.Text);

        var past = await tryGd.Replace("0.002;", "0.0022;").Run();
        var text = past.Text;
        Assert.Contains("with α = 0.0022: diverged", text);
        Assert.Contains("the loss rose from 10.8963 (step 0) to 41.3071 at step 10", text);
        Assert.Equal(-1.07, 1 - 0.0022 * 942.5, 2);
        Assert.Equal(0.002122, 2 / 942.5, 6);
    }
}
