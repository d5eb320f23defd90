using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 11 (why momentum works, after Goh 2017): every formula the lesson states is checked against the runs it
/// shows: gradient descent's per-direction factors and best rate, momentum's spectral-radius rate against a measured
/// run, the (α, γ) map and its optimum, predicted against measured step counts for κ = 10, 100, 1000, critical damping,
/// and the outcomes the Try-its promise (run as edited copies of their cells).
/// </summary>
public class Lesson11Tests
{
    private const string Name = "11-why-momentum-works";
    private static Task<LessonRun> Lesson() => Lessons.Run(Name);

    [Fact]
    public async Task Runs_clean_with_five_charts_and_short_cells()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(5, lesson.AllCharts().Count);
        Assert.True(lesson.CodeCells.Count <= 20, $"{lesson.CodeCells.Count} code cells: one lecture is at most about 20");
        foreach (var cell in lesson.Executed.Cells.Where(c => c.IsCode))
            Assert.True(cell.Source.Split('\n').Length <= 25, $"cell {cell.Id} has more than 25 lines");
    }

    [Fact]
    public async Task The_tilted_valley_has_curvatures_1_and_10_along_the_diagonals()
    {
        var text = (await Lesson()).CellWithId("tilted").Text;
        Assert.Matches(@"^\{ λ1 = 1, λ2 = 10, κ = 10, q1 = \((-?)0\.7071, (-?)0\.7071\), q2 = \((-?)0\.7071, (-?)0\.7071\) \}$", text);
        // q1 ∝ (1, −1): opposite signs; q2 ∝ (1, 1): equal signs.
        var m = System.Text.RegularExpressions.Regex.Match(text, @"q1 = \((-?)0\.7071, (-?)0\.7071\), q2 = \((-?)0\.7071, (-?)0\.7071\)");
        Assert.True(m.Groups[1].Value != m.Groups[2].Value && m.Groups[3].Value == m.Groups[4].Value, text);
    }

    [Fact]
    public async Task Each_eigen_direction_decays_by_one_minus_alpha_lambda()
    {
        var lesson = await Lesson();
        var check = lesson.CellWithId("gd-directions-check").Text;
        Assert.StartsWith("{ factor1 = 0.85, factor2 = -0.5, ", check);
        Assert.True(NumberAfter(check, "gap1 = ") < 1e-15 && NumberAfter(check, "gap2 = ") < 1e-15, check);  // "about 3 × 10⁻¹⁶"
        var chart = lesson.CellWithId("gd-directions").Chart();
        var flat = chart.TraceNamed("|x₁|, measured").Values("y");
        var steep = chart.TraceNamed("|x₂|, measured").Values("y");
        Assert.Equal(31, flat.Length);
        for (int k = 0; k <= 30; k++)
        {
            Assert.Equal(Math.Pow(0.85, k) * flat[0], flat[k], 1e-12);
            Assert.Equal(Math.Pow(0.5, k) * steep[0], steep[k], 1e-12);
        }
        Assert.True(steep[20] / steep[0] < 1e-6 && steep[19] / steep[0] > 1e-6);           // "after 20 steps a millionth"
        Assert.Equal(0.09, flat[15] / flat[0], 2);                                          // "9% after 15 steps"
    }

    [Fact]
    public async Task The_prose_names_the_charts_colours_and_lesson_08s_section_as_they_are()
    {
        var lesson = await Lesson();
        string Markdown(string id) => lesson.Executed.Cells.Single(c => c.Id == id).Source;
        // "each measured line (blue, green) lies exactly under its prediction (vermillion, reddish purple)"
        var chart = lesson.CellWithId("gd-directions").Chart();
        string Colour(string name) => chart.TraceNamed(name)["line"]!["color"]!.GetValue<string>();
        Assert.Equal(["#0072B2", "#D55E00", "#009E73", "#CC79A7"],
            new[] { "|x₁|, measured", "(1 − αλ₁)ᵏ |x₁(0)|", "|x₂|, measured", "(1 − αλ₂)ᵏ |x₂(0)|" }.Select(Colour));
        Assert.Contains("(blue, green)", Markdown("gd-directions-after"));
        Assert.Contains("(vermillion, reddish purple)", Markdown("gd-directions-after"));
        // The three conventions are lesson 08's section 7.
        var lesson08 = File.ReadAllText(Path.Combine(Lessons.NotebooksFolder, "08-momentum-and-nesterov.ipynb"));
        Assert.Contains("## 7. Three ways to write momentum, one method", lesson08);
        Assert.Contains("(lesson 08, section 7: the same path", Markdown("momentum-intro"));
        // Loss L, as in every lesson.
        Assert.Contains(@"L(\theta) = \tfrac12", Markdown("directions-intro"));
    }

    [Fact]
    public void Past_the_flipping_border_both_eigenvalues_are_negative()
    {
        // The table's last row: for αλ > (1 + √γ)², t = 1 + γ − αλ < −2√γ, so t² > 4γ: two real roots with product γ > 0
        // and sum t < 0, both negative. The α slider's last position, αλ = 2.95 with γ = 0.5: −0.5649 and −0.8851.
        double t = 1 + 0.5 - 2.95, root = Math.Sqrt(t * t - 4 * 0.5);
        Assert.Equal(-0.5649, (t + root) / 2, 4);
        Assert.Equal(-0.8851, (t - root) / 2, 4);
    }

    [Fact]
    public async Task The_best_alpha_for_gradient_descent_gives_rate_kappa_minus_1_over_kappa_plus_1()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("gd-best").Text;
        Assert.Equal(2.0 / 11, NumberAfter(text, "bestAlpha = "), 15);
        Assert.Equal(9.0 / 11, NumberAfter(text, "predictedRate = "), 15);
        Assert.Equal(9.0 / 11, NumberAfter(text, "measuredRate = "), 12);
        // The chart: the larger factor is lowest at α* (grid step 0.002), and reaches 1 at α = 2/λ₂ = 0.2.
        var chart = lesson.CellWithId("gd-rate-chart").Chart();
        var alphas = chart.TraceNamed("rate = the larger").Values("x");
        var rates = chart.TraceNamed("rate = the larger").Values("y");
        Assert.Equal(2.0 / 11, alphas[Array.IndexOf(rates, rates.Min())], 2);
        Assert.Equal(1.0, rates[Array.IndexOf(alphas, alphas.First(a => Math.Abs(a - 0.2) < 1e-9))], 9);
        Assert.True(alphas.Max() > 0.2, "the chart goes past the divergence limit α = 0.2");
    }

    [Fact]
    public async Task Momentums_rate_is_the_spectral_radius_and_a_run_measures_it()
    {
        var lesson = await Lesson();
        var rows = lesson.CellWithId("momentum-eigenvalues").TableRows();
        Assert.Matches(@"^0\s+1\s+0\.7500, 0\.4000\s+0\.7500\s+Overdamped$", rows[0]);
        Assert.Matches(@"^1\s+10\s+-0\.1000 ± 0\.5385i\s+0\.5477\s+Oscillating$", rows[1]);
        Assert.Equal(0.5477, Math.Sqrt(0.3), 4);                                            // |μ| = √γ
        var text = lesson.CellWithId("momentum-measured").Text;
        double predicted = NumberAfter(text, "predictedRate = "), measured = NumberAfter(text, "measuredRate = ");
        Assert.Equal(0.75, predicted, 12);
        Assert.Equal(predicted, measured, 8);                                               // "to nine digits"
        Assert.Equal(0.85, NumberAfter(text, "gradientDescentRate = "), 12);
        // The flat direction's second eigenvalue has died out by step 30: (0.40/0.75)^30 ≈ 6 × 10⁻⁹.
        Assert.Equal(6e-9, Math.Pow(0.4 / 0.75, 30), 9);
    }

    [Fact]
    public async Task The_rate_map_is_lowest_at_the_optimum_and_its_edges_are_where_the_lesson_says()
    {
        var chart = (await Lesson()).CellWithId("rate-map").Chart();
        var contour = chart.Traces().Single(t => t["type"]?.GetValue<string>() == "contour");
        var z = contour["z"]!.AsArray().Select(row => row!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
        double D(string key) => contour[key]!.GetValue<double>();
        var alphas = Enumerable.Range(0, z[0].Length).Select(j => D("x0") + j * D("dx")).ToArray();
        var gammas = Enumerable.Range(0, z.Length).Select(i => D("y0") + i * D("dy")).ToArray();
        double rateStar = (Math.Sqrt(10) - 1) / (Math.Sqrt(10) + 1);
        Assert.True(z.SelectMany(r => r).Min() >= rateStar - 1e-12, "no grid point beats the optimum");
        Assert.True(z.SelectMany(r => r).Min() < rateStar + 0.01, "the grid gets close to it");
        Assert.True(z.SelectMany(r => r).Max() <= 1.0);
        // Bottom row (γ = 0): plain GD, best 0.818 near α = 0.18; rate 1 from α = 0.2 on.
        Assert.Equal(0.0, gammas[0], 12);
        Assert.Equal((0.005, 0.4), (alphas[0], Math.Round(alphas[^1], 12)));
        Assert.Equal(9.0 / 11, z[0].Min(), 2);
        Assert.All(alphas.Select((a, j) => (a, j)).Where(p => p.a > 0.2), p => Assert.Equal(1.0, z[0][p.j]));
        // The flat direction's critical curve γ = (1 − √α)² enters the map at γ = 0.86 and leaves it at γ = 0.14.
        Assert.Equal(0.86, Math.Pow(1 - Math.Sqrt(alphas[0]), 2), 2);
        Assert.Equal(0.14, Math.Pow(1 - Math.Sqrt(alphas[^1]), 2), 2);
        // The star.
        var star = chart.Traces().Single(t => t["type"]?.GetValue<string>() != "contour");
        Assert.Equal(4 / Math.Pow(Math.Sqrt(10) + 1, 2), star.Values("x")[0], 12);
        Assert.Equal(rateStar * rateStar, star.Values("y")[0], 12);
    }

    [Fact]
    public async Task The_optimal_parameters_match_the_closed_form_and_the_grid_search()
    {
        var text = (await Lesson()).CellWithId("optimum").Text;
        Assert.Equal("{ alphaStar = 0.2309, gammaStar = 0.2699, rateStar = 0.5195, flat = CriticallyDamped, "
            + "steep = CriticallyDamped, gridBest = α = 0.229, γ = 0.2725: rate 0.5220 }", text);
        double rootKappa = Math.Sqrt(10);
        Assert.Equal(0.2309, Math.Pow(2 / (1 + rootKappa), 2), 4);
        Assert.Equal(0.2699, Math.Pow((rootKappa - 1) / (rootKappa + 1), 2), 4);
        Assert.Equal(0.5195, (rootKappa - 1) / (rootKappa + 1), 4);
        Assert.Equal(-0.5195, -(rootKappa - 1) / (rootKappa + 1), 4);                     // the steep direction's repeated eigenvalue
        // The quiz: γ* = 0.9 for κ ≈ 1442 (√κ = 38.0).
        double root = (1 + Math.Sqrt(0.9)) / (1 - Math.Sqrt(0.9));
        Assert.Equal(38.0, root, 1);
        Assert.Equal(1442, Math.Round(root * root));
        Assert.Equal(0.9487, Math.Sqrt(0.9), 4);
    }

    [Fact]
    public async Task Predicted_and_measured_step_counts_for_kappa_10_100_1000()
    {
        var rows = (await Lesson()).CellWithId("speed-up").TableRows().Select(Numbers).ToArray();
        // # κ gdPredicted gdMeasured momentumPredicted momentumMeasured withFactorK largestGrowth
        Assert.Equal([0, 10, 69, 69, 22, 27, 27, 1.07], rows[0]);
        Assert.Equal([1, 100, 691, 691, 69, 93, 95, 2.68], rows[1]);
        Assert.Equal([2, 1000, 6908, 6908, 219, 315, 321, 8.25], rows[2]);
        foreach (var r in rows)
        {
            double kappa = r[1];
            // The rate predictions are ⌈ln 10⁻⁶ / ln rate⌉.
            Assert.Equal(Math.Ceiling(Math.Log(1e-6) / Math.Log((kappa - 1) / (kappa + 1))), r[2]);
            Assert.Equal(Math.Ceiling(Math.Log(1e-6) / Math.Log((Math.Sqrt(kappa) - 1) / (Math.Sqrt(kappa) + 1))), r[4]);
            // Stated tolerances: GD exactly as predicted; momentum between the rate prediction and the one with the
            // factor k, and within 3% of the latter.
            Assert.Equal(r[2], r[3]);
            Assert.InRange(r[5], r[4], r[6]);
            Assert.True(r[6] - r[5] <= 0.03 * r[5], $"κ = {kappa}: withFactorK {r[6]} vs measured {r[5]}");
        }
        // "about −2.76 for κ = 1000": the first step's factor on the steep direction, 1 − (1 + ρ)².
        double rho = (Math.Sqrt(1000) - 1) / (Math.Sqrt(1000) + 1);
        Assert.Equal(-2.76, 1 - Math.Pow(1 + rho, 2), 2);
    }

    [Fact]
    public async Task The_speed_up_grows_like_the_square_root_of_kappa()
    {
        var rows = (await Lesson()).CellWithId("speed-up-ratio").TableRows().Select(Numbers).ToArray();
        Assert.Equal([0, 10, 3.1, 2.6, 3.2], rows[0]);
        Assert.Equal([1, 100, 10.0, 7.4, 10.0], rows[1]);
        Assert.Equal([2, 1000, 31.5, 21.9, 31.6], rows[2]);
        // "to within 3%": the ratio of the unrounded step counts against √κ.
        var counts = (await Lesson()).CellWithId("speed-up").TableRows().Select(Numbers).ToArray();
        Assert.All(counts, r => Assert.True(Math.Abs(r[2] / r[4] - Math.Sqrt(r[1])) <= 0.03 * Math.Sqrt(r[1])));
        Assert.Equal(3.2, Math.Sqrt(10), 1);
        // Ten times κ: momentum's steps grow 3.1 and 3.2 times predicted, 3.4 times measured, both times.
        Assert.Equal([3.1, 3.2], new[] { counts[1][4] / counts[0][4], counts[2][4] / counts[1][4] }.Select(v => Math.Round(v, 1)));
        Assert.Equal([3.4, 3.4], new[] { counts[1][5] / counts[0][5], counts[2][5] / counts[1][5] }.Select(v => Math.Round(v, 1)));
    }

    [Fact]
    public async Task The_gamma_slider_shows_overdamped_critical_and_oscillating_errors()
    {
        var chart = (await Lesson()).CellWithId("damping-slider").Chart();
        var steps = chart.SliderSteps();
        Assert.Equal(["0.05", "0.15", "0.25", "0.4", "0.6", "0.8", "0.9"], steps.Select(s => s!["label"]!.GetValue<string>()));
        Assert.Equal(2, chart["layout"]!["sliders"]![0]!["active"]!.GetValue<int>());
        double[] gammas = [0.05, 0.15, 0.25, 0.4, 0.6, 0.8, 0.9];
        var traces = chart.Traces();
        Assert.Equal(4 * gammas.Length, traces.Count);
        for (int p = 0; p < gammas.Length; p++)
        {
            var x = traces[4 * p].Values("y");
            double rate = traces[4 * p + 1].Values("y")[1];
            int crossings = x.Zip(x.Skip(1)).Count(q => Math.Sign(q.First) != Math.Sign(q.Second));
            string expected = gammas[p] < 0.25 ? "Overdamped" : gammas[p] == 0.25 ? "CriticallyDamped" : "Oscillating";
            Assert.Equal($"momentum ({expected})", traces[4 * p].Name());
            if (gammas[p] <= 0.25) Assert.Equal(0, crossings);
            else
            {
                Assert.True(crossings > 0, $"γ = {gammas[p]} overshoots");
                Assert.Equal(Math.Sqrt(gammas[p]), rate, 12);                               // oscillating: rate √γ
                // The measured envelope neither grows nor shrinks against rateᵏ.
                double Early(int a, int b) => Enumerable.Range(a, b - a).Max(k => Math.Abs(x[k]) / Math.Pow(rate, k));
                double ratio = Early(20, 41) / Early(0, 20);
                Assert.InRange(ratio, 0.5, 2.0);
            }
            Assert.All(x, v => Assert.True(Math.Abs(v) <= 1.0 + 1e-12));                    // the fixed y range holds them
        }
        // The rates the lesson quotes.
        Assert.Equal(0.7317, traces[1].Values("y")[1], 4);
        Assert.Equal(0.6325, traces[4 * 3 + 1].Values("y")[1], 4);
        Assert.Equal(0.9487, traces[4 * 6 + 1].Values("y")[1], 4);
        Assert.Equal(0.12, Math.Pow(Math.Sqrt(0.9), 40), 2);
        // Critical damping: exactly (1 + k/2) 0.5ᵏ.
        var critical = traces[8].Values("y");
        for (int k = 0; k < critical.Length; k++) Assert.Equal((1 + k / 2.0) * Math.Pow(0.5, k), critical[k], 12);
        Assert.Equal(Math.Pow(0.75, 40), traces[3].Values("y")[40], 12);                     // the GD reference
    }

    [Fact]
    public async Task The_alpha_slider_crosses_every_border_the_lesson_names()
    {
        var chart = (await Lesson()).CellWithId("alpha-slider").Chart();
        Assert.Equal(["0.03", "0.0858", "0.3", "1", "2", "2.95"],
            chart.SliderSteps().Select(s => s!["label"]!.GetValue<string>()));
        var traces = chart.Traces();
        string[] dampings = ["Overdamped", "CriticallyDamped", "Oscillating", "Oscillating", "Oscillating", "Flipping"];
        double[] rates = [0.9356, 0.7071, 0.7071, 0.7071, 0.7071, 0.8851];
        for (int p = 0; p < 6; p++)
        {
            Assert.Equal($"momentum ({dampings[p]})", traces[3 * p].Name());
            Assert.Equal(rates[p], traces[3 * p + 1].Values("y")[1], 4);
        }
        Assert.Equal(2.9142, Math.Pow(1 + Math.Sqrt(0.5), 2), 4);
        // Flipping: after the start, the sign changes at every step.
        var flip = traces[15].Values("y");
        Assert.All(Enumerable.Range(5, 35), k => Assert.True(Math.Sign(flip[k]) != Math.Sign(flip[k + 1])));
        var over = traces[0].Values("y");
        Assert.All(over, v => Assert.True(v > 0));
    }

    [Fact]
    public async Task The_try_its_give_what_the_lesson_says_you_should_see()
    {
        var lesson = await Lesson();
        Assert.Equal("{ gdPredicted = 6908, momentumPredicted = 219, withFactorK = 321, momentumMeasured = 315 }",
            lesson.CellWithId("try-kappa").Text);
        Assert.Equal("{ damping = CriticallyDamped, rate = 0.5000, criticalGamma = 0.2500 }", lesson.CellWithId("try-damping").Text);

        // The edited cells, each run on its own after the set-up cell (which also shows they are self-contained).
        var kappa = TryIt.Cell(Name, "try-kappa").Alone();
        var damping = TryIt.Cell(Name, "try-damping").Alone();
        Assert.Equal("{ gdPredicted = 69078, momentumPredicted = 691, withFactorK = 1074, momentumMeasured = 1056 }",
            (await kappa.Replace("double kappaTry = 1000;", "double kappaTry = 10000;").Run()).Text);
        Assert.Equal("{ damping = Overdamped, rate = 0.7089, criticalGamma = 0.2500 }",
            (await damping.Replace("gammaTry = 0.25;", "gammaTry = 0.1;").Run()).Text);
        Assert.Equal("{ damping = Oscillating, rate = 0.7071, criticalGamma = 0.2500 }",
            (await damping.Replace("gammaTry = 0.25;", "gammaTry = 0.5;").Run()).Text);
        Assert.Equal("{ damping = Oscillating, rate = 0.5000, criticalGamma = 0.0000 }",
            (await damping.Replace("double aLTry = 0.25,", "double aLTry = 1,").Run()).Text);
        Assert.Equal(3.4, 1056.0 / 315, 1);
        // "The cell runs 5000 steps, enough up to κ = 100 000."
        var largest = NumberAfter((await kappa.Replace("double kappaTry = 1000;", "double kappaTry = 100000;").Run()).Text, "momentumMeasured = ");
        Assert.InRange(largest, 1, 5000);
    }
}
