using System.Globalization;
using static Descent.Lessons.Tests.LessonOutputExtensions;

namespace Descent.Lessons.Tests;

/// <summary>
/// Lesson 05 (chain rule and logistic regression): the ξ tables for two heart patients, their product equal to
/// (p − y)x and to finite differences, the decks' sign error, random against trained weights, the trace and the fitted
/// probability curve. Expected values are recomputed here from data/heart.csv, independently of the library.
/// </summary>
public class Lesson05Tests
{
    private static Task<LessonRun> Lesson() => Lessons.Run("05-chain-rule-and-logistic-regression");

    /// <summary>(MaxHR, AHD as 0/1) for the 303 patients of data/heart.csv.</summary>
    private static (double[] MaxHR, double[] Y) Heart()
    {
        var rows = File.ReadAllLines(Path.Combine(Lessons.RepositoryRoot, "data", "heart.csv")).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        return (rows.Select(r => double.Parse(r[7], CultureInfo.InvariantCulture)).ToArray(),
                rows.Select(r => r[13].Trim('"') == "Yes" ? 1.0 : 0.0).ToArray());
    }

    /// <summary>The standardized feature z = (MaxHR − μ)/σ with the population σ, and μ, σ.</summary>
    private static (double[] Z, double Mu, double Sigma) Standardized()
    {
        var (hr, _) = Heart();
        double mu = hr.Average(), sigma = Math.Sqrt(hr.Average(v => (v - mu) * (v - mu)));
        return (hr.Select(v => (v - mu) / sigma).ToArray(), mu, sigma);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double MeanLoss(double[] w)
    {
        var (z, _, _) = Standardized();
        var (_, y) = Heart();
        return z.Zip(y, (zi, yi) =>
        {
            double p = Sigmoid(w[0] + w[1] * zi);
            return -(yi * Math.Log(p) + (1 - yi) * Math.Log(1 - p));
        }).Average();
    }

    private static double Accuracy(double[] w)
    {
        var (z, _, _) = Standardized();
        var (_, y) = Heart();
        return z.Zip(y, (zi, yi) => (Sigmoid(w[0] + w[1] * zi) >= 0.5 ? 1.0 : 0.0) == yi ? 1.0 : 0.0).Average();
    }

    private static double[] Vector(string text, string label) => Numbers(TextAfter(text, label));

    [Fact]
    public async Task Runs_clean_with_two_charts()
    {
        var lesson = await Lesson();
        lesson.AssertClean();
        Assert.Equal(2, lesson.AllCharts().Count);
    }

    [Fact]
    public async Task The_chain_rule_examples_match_finite_differences()
    {
        var lesson = await Lesson();
        var scalar = lesson.CellWithId("chain-scalar").Text;
        Assert.Equal(Math.Exp(Math.Sin(0.7)) * Math.Cos(0.7), NumberAfter(scalar, "chain rule: "), 8);
        Assert.Equal(NumberAfter(scalar, "chain rule: "), NumberAfter(scalar, "numeric:    "), 8);
        var vector = lesson.CellWithId("chain-vector").Text;
        Assert.Equal(2 * (1.5 - 0.5) - 0.5, NumberAfter(vector, "chain rule: "), 8);
        Assert.Equal(NumberAfter(vector, "chain rule: "), NumberAfter(vector, "numeric:    "), 8);
    }

    [Fact]
    public async Task Random_weights_perform_worse_than_always_answering_no()
    {
        var lesson = await Lesson();
        var (_, y) = Heart();
        var (_, mu, sigma) = Standardized();
        var heart = lesson.CellWithId("heart").Text;
        Assert.Contains($"{y.Sum()} of 303 patients have heart disease", heart);
        Assert.Contains($"MaxHR (μ = {mu:G4}, σ = {sigma:G4})", heart);

        var text = lesson.CellWithId("random").Text;
        double[] w = Vector(text, "random W = ");
        Assert.Equal(2, w.Length);
        Assert.All(w, v => Assert.InRange(v, -2, 2));
        Assert.Equal(MeanLoss(w), NumberAfter(text, "loss (mean over patients) = "), 3);
        double accuracy = NumberAfter(text, "accuracy = ") / 100, baseline = NumberAfter(text, "always answering 'no disease': ") / 100;
        Assert.Equal(Accuracy(w), accuracy, 3);
        Assert.Equal(1 - y.Average(), baseline, 3);
        Assert.True(accuracy < baseline, "the random neuron performs horribly");
    }

    [Fact]
    public async Task The_xi_tables_hold_each_variable_and_the_running_product()
    {
        var lesson = await Lesson();
        double[] w = Vector(lesson.CellWithId("random").Text, "random W = ");
        var (z, _, _) = Standardized();

        // Patient 2 of the file (index 1) has heart disease: table A.
        var a = lesson.CellWithId("patient-a").HtmlTableRows();
        Assert.Equal(["ξ1", "ξ2", "ξ3", "ξ4", "ξ5", "Lᴬ"], a.Select(r => r[1]));
        double wx = w[0] + w[1] * z[1], p = Sigmoid(wx);
        double Cell(string[] row, int column) => double.Parse(row[column], CultureInfo.InvariantCulture);
        Assert.Equal(-wx, Cell(a[0], 3), 5);
        Assert.Equal(Math.Exp(-wx), Cell(a[1], 3), 5);
        Assert.Equal(p, Cell(a[3], 3), 5);
        Assert.Equal(-Math.Log(p), Cell(a[5], 3), 5);
        Assert.Equal(1 - p, Cell(a[0], 6), 5);                 // ∂Lᴬ/∂ξ1 = (1 − p) for y = 1
        Assert.Equal($"[-1, {Math.Round(-z[1], 6).ToString(CultureInfo.InvariantCulture)}]", a[0][5]);   // ∂ξ1/∂W = −X
        for (int k = 0; k < a.Count - 1; k++)                  // each product = the one below × the local derivative below
            Assert.Equal(Cell(a[k + 1], 6) * Cell(a[k + 1], 5), Cell(a[k], 6), 4);

        // Patient 1 of the file (index 0) has none: table B, with ξ5 = 1 − p and ξ6 = log(1 − p).
        var b = lesson.CellWithId("patient-b").HtmlTableRows();
        Assert.Equal(["ξ1", "ξ2", "ξ3", "ξ4", "ξ5", "ξ6", "Lᴮ"], b.Select(r => r[1]));
        double q = Sigmoid(w[0] + w[1] * z[0]);
        Assert.Equal(1 - q, Cell(b[4], 3), 5);
        Assert.Equal(Math.Log(1 - q), Cell(b[5], 3), 5);
        Assert.Equal("∂Lᴮ/∂ξ6 = −(1 − y)", b[6][4]);          // the corrected sign
        Assert.Equal(-q, Cell(b[0], 6), 5);                     // ∂Lᴮ/∂ξ1 = −p for y = 0
    }

    [Fact]
    public async Task The_chain_rule_product_equals_p_minus_y_times_x_and_finite_differences()
    {
        var lesson = await Lesson();
        double[] w = Vector(lesson.CellWithId("random").Text, "random W = ");
        var (z, _, _) = Standardized();
        var (_, y) = Heart();
        var text = lesson.CellWithId("check").Text.Split('\n');
        foreach (var (patient, at) in new[] { (1, 0), (0, 4) })
        {
            Assert.Equal(y[patient] == 1 ? "AHD = Yes" : "AHD = No", text[at]);
            double p = Sigmoid(w[0] + w[1] * z[patient]);
            double[] expected = [p - y[patient], (p - y[patient]) * z[patient]];
            double[] chain = Vector(text[at + 1], "chain rule"), closed = Vector(text[at + 2], "(p − y)X"),
                numeric = Vector(text[at + 3], "finite differences");
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(expected[j], chain[j], 6);
                Assert.Equal(chain[j], closed[j], 6);
                Assert.Equal(chain[j], numeric[j], 6);
            }
        }
        var partA = lesson.CellWithId("patient-a-gradient").Text;
        Assert.Equal(Vector(partA, "chain product ∂Lᴬ/∂W = "), Vector(partA, "closed form −y(1 − p)X = "));
    }

    [Fact]
    public async Task The_decks_sign_makes_the_LB_gradient_point_uphill()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("deck-sign").Text;
        double[] correct = Vector(text, "correct, (1 − y)pX:"), deck = Vector(text, "with the decks' sign:");
        Assert.Equal(correct.Select(v => -v), deck);
        Assert.True(correct[0] > 0, "for a healthy patient with p > 0 the correct gradient raises w₀'s cost");
    }

    [Fact]
    public async Task Averaging_the_chain_rule_over_the_patients_gives_the_loss_gradient()
    {
        var lesson = await Lesson();
        double[] w = Vector(lesson.CellWithId("random").Text, "random W = ");
        var (z, _, _) = Standardized();
        var (_, y) = Heart();
        double g0 = z.Zip(y, (zi, yi) => Sigmoid(w[0] + w[1] * zi) - yi).Average();
        double g1 = z.Zip(y, (zi, yi) => (Sigmoid(w[0] + w[1] * zi) - yi) * zi).Average();
        var text = lesson.CellWithId("full-gradient").Text;
        double[] mean = Vector(text, "mean of 303 chain-rule gradients: "), library = Vector(text, "LogisticLoss.Gradient:");
        Assert.Equal(g0, mean[0], 6);
        Assert.Equal(g1, mean[1], 6);
        Assert.Equal(mean, library);
    }

    [Fact]
    public async Task Gradient_descent_trains_the_neuron_to_70_percent()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("train").Text;
        Assert.StartsWith("converged after ", text);
        double[] w = Vector(text, "trained W = ");
        var (z, _, _) = Standardized();
        var (_, y) = Heart();
        // At the trained weights the mean gradient (1/n) Σ (p − y)(1, z) vanishes.
        Assert.True(Math.Abs(z.Zip(y, (zi, yi) => Sigmoid(w[0] + w[1] * zi) - yi).Average()) < 1e-5);
        Assert.True(Math.Abs(z.Zip(y, (zi, yi) => (Sigmoid(w[0] + w[1] * zi) - yi) * zi).Average()) < 1e-5);
        Assert.True(w[1] < 0, "a higher maximum heart rate means less risk");
        Assert.Contains($"→ trained {MeanLoss(w):F4}", text);
        Assert.Equal(0.5955, MeanLoss(w), 4);
        Assert.Equal(0.700, Accuracy(w), 3);
        Assert.Contains("accuracy: random 31.7% → trained 70.0%", text);

        // The prose: "no single cut-off on MaxHR classifies more than 71.0% of the patients correctly" (either direction).
        var (hr, labels) = Heart();
        double BestCut(bool sickBelow) => hr.Distinct().Append(hr.Max() + 1).Max(c =>
            hr.Zip(labels, (h, l) => ((h < c) == sickBelow ? 1.0 : 0.0) == l ? 1.0 : 0.0).Average());
        Assert.Equal(0.710, Math.Max(BestCut(true), BestCut(false)), 3);

        var trace = lesson.CellWithId("trace").Chart().Traces()[0].Values("y");
        Assert.True(trace.Zip(trace.Skip(1), (a, b) => b <= a + 1e-12).All(d => d), "the loss never goes up");
        Assert.Equal(MeanLoss(w), trace[^1], 5);
    }

    [Fact]
    public async Task The_probability_curve_falls_with_heart_rate_and_crosses_one_half_at_the_boundary()
    {
        var lesson = await Lesson();
        double[] w = Vector(lesson.CellWithId("train").Text, "trained W = ");
        var (_, mu, sigma) = Standardized();
        double b1 = w[1] / sigma, b0 = w[0] - w[1] * mu / sigma;

        var chart = lesson.CellWithId("curve").Chart();
        var rates = chart.TraceNamed("trained").Values("x");
        var trained = chart.TraceNamed("trained").Values("y");
        var random = chart.TraceNamed("random weights").Values("y");
        Assert.True(trained.Zip(trained.Skip(1), (a, b) => b < a).All(d => d), "the trained curve falls");
        Assert.True(random.Zip(random.Skip(1), (a, b) => b > a).All(d => d), "the random curve rises");
        int at80 = Array.IndexOf(rates, 80.0);
        Assert.Equal(Sigmoid(b0 + b1 * 80), trained[at80], 6);
        Assert.Equal(0.95, trained[at80], 2);                               // "from about 0.95 at 80 beats per minute
        Assert.Equal(0.09, trained[Array.IndexOf(rates, 200.0)], 2);        //  to about 0.09 at 200"
        Assert.Equal(303, chart.TraceNamed("patients").Values("x").Length);

        var text = lesson.CellWithId("boundary").Text;
        Assert.Equal(-b0 / b1, NumberAfter(text, "predict heart disease when MaxHR < "), 1);
        Assert.Equal(145.7, -b0 / b1, 1);
    }

    private const string Name = "05-chain-rule-and-logistic-regression";

    [Fact]
    public async Task Try_it_reproduces_the_lesson_and_leaves_every_later_cell_unchanged()
    {
        var lesson = await Lesson();
        var text = lesson.CellWithId("try-features").Text;
        Assert.Contains("features: MaxHR; seed 1", text);
        Assert.Contains("random W  = [0.266246, 0.983127]: loss 1.0272, accuracy 31.7%", text);
        Assert.Contains("trained W = [-0.169670, -0.991384]: loss 0.5955, accuracy 70.0%", text);
        // The Try-it comes after every cell it could disturb, and writes only variables of its own.
        Assert.DoesNotContain("heart =", lesson.CellWithId("try-features").Source);
        Assert.Equal(lesson.Executed.Cells.Count - 3, lesson.Executed.Cells.ToList().FindIndex(c => c.Id == "try-features"));
    }

    [Fact]
    public async Task Try_it_three_features_reach_73_9_percent()
    {
        var edited = await TryIt.Cell(Name, "try-features").Replace("{ \"MaxHR\" }", "{ \"Age\", \"MaxHR\", \"Oldpeak\" }").Run();
        var text = edited.Text;
        Assert.Contains("random W  = [0.266246, 0.983127, 1.884011, -0.222563]: loss 1.3670, accuracy 30.0%", text);
        Assert.Contains("trained W = [-0.162654, 0.119936, -0.722384, 0.827104]: loss 0.5412, accuracy 73.9%", text);
    }

    [Fact]
    public async Task Try_it_every_seed_trains_to_the_same_weights()
    {
        var tryFeatures = TryIt.Cell(Name, "try-features");
        var seven = await tryFeatures.Replace("seed = 1;", "seed = 7;").Run();
        var text = seven.Text;
        Assert.Contains("random W  = [-0.440681, -1.932847]: loss 0.6537, accuracy 69.3%", text);
        Assert.Contains("loss 0.5955, accuracy 70.0%", text);
        var all = await tryFeatures.Replace("ulong seed = 1;", "foreach (ulong seed in new ulong[] { 2, 3, 4, 5, 6, 7, 8 }) {")
            .Append("\n}").Run();
        var trained = all.Text.Split('\n').Where(l => l.StartsWith("trained W", StringComparison.Ordinal)).ToArray();
        Assert.Equal(7, trained.Length);
        Assert.All(trained, l =>
        {
            Assert.EndsWith("]: loss 0.5955, accuracy 70.0%", l);
            var w = Numbers(l);                                                   // the prose's W ≈ (−0.1697, −0.9914)
            Assert.Equal(-0.1697, w[0], 4);
            Assert.Equal(-0.9914, w[1], 4);
        });
    }
}
