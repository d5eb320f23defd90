using System.Globalization;
using Descent.Plots;
using static Descent.Tests.Plots.TestProblems;

namespace Descent.Tests.Plots;

/// <summary>
/// The palette reads on a projector and for colour-blind students, and the texts of a chart stay readable from a laptop
/// down to a phone (the browser test tests/Descent.Site.Tests/Browser/ChartLayoutInBrowserTests.cs checks the drawn result).
/// </summary>
public class ReadabilityTests
{
    // ---- palette -------------------------------------------------------------------------------------------------

    private static double Linear(int channel)
    {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static double[] Rgb(string hex) =>
        [Linear(int.Parse(hex[1..3], NumberStyles.HexNumber)), Linear(int.Parse(hex[3..5], NumberStyles.HexNumber)), Linear(int.Parse(hex[5..7], NumberStyles.HexNumber))];

    /// <summary>WCAG 2 contrast ratio against white.</summary>
    private static double ContrastOnWhite(string hex)
    {
        var c = Rgb(hex);
        double luminance = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        return 1.05 / (luminance + 0.05);
    }

    /// <summary>Machado, Oliveira and Fernandes (2009) simulation matrices at full severity, on linear RGB.</summary>
    private static readonly Dictionary<string, double[,]> Vision = new()
    {
        ["normal vision"] = new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
        ["protanopia"] = new[,] { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
        ["deuteranopia"] = new[,] { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
        ["tritanopia"] = new[,] { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
    };

    /// <summary>CIE L*a*b* (D65) of a colour as seen with the given vision.</summary>
    private static double[] Lab(string hex, double[,] m)
    {
        var c = Rgb(hex);
        var v = new double[3];
        for (int i = 0; i < 3; i++) v[i] = Math.Clamp(m[i, 0] * c[0] + m[i, 1] * c[1] + m[i, 2] * c[2], 0, 1);
        double x = 0.4124 * v[0] + 0.3576 * v[1] + 0.1805 * v[2], y = 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2], z = 0.0193 * v[0] + 0.1192 * v[1] + 0.9505 * v[2];
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;
        double fx = F(x / 0.95047), fy = F(y), fz = F(z / 1.08883);
        return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
    }

    private static double DeltaE(double[] a, double[] b) => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2) + Math.Pow(a[2] - b[2], 2));

    public static TheoryData<string> MarkColours() =>
        new(HouseStyle.Colors.Concat([HouseStyle.Orange, HouseStyle.SkyBlue, HouseStyle.Yellow, HouseStyle.Curve]));

    [Theory]
    [MemberData(nameof(MarkColours))]
    public void EveryColourAChartDrawsWithHasAtLeast3To1ContrastOnWhite(string colour) =>
        Assert.True(ContrastOnWhite(colour) >= 3, $"{colour}: {ContrastOnWhite(colour):0.00}:1 against white (WCAG asks 3:1 for graphics)");

    [Fact]
    public void OkabeItosLightColoursFailTheContrastTestWhichIsWhyTheyAreNotSeriesColours()
    {
        Assert.InRange(ContrastOnWhite("#F0E442"), 1.3, 1.4); // yellow
        Assert.InRange(ContrastOnWhite("#56B4E9"), 2.2, 2.4); // sky blue
        Assert.InRange(ContrastOnWhite("#E69F00"), 2.2, 2.3); // orange
        Assert.DoesNotContain("#F0E442", HouseStyle.Colors);
        Assert.DoesNotContain("#56B4E9", HouseStyle.Colors);
        Assert.DoesNotContain("#E69F00", HouseStyle.Colors);
    }

    [Fact]
    public void EveryPairOfSeriesColoursStaysApartForNormalVisionAndTheThreeColourBlindnesses()
    {
        var tooClose = new List<string>();
        foreach (var (vision, matrix) in Vision)
            for (int i = 0; i < HouseStyle.Colors.Count; i++)
                for (int j = i + 1; j < HouseStyle.Colors.Count; j++)
                {
                    double d = DeltaE(Lab(HouseStyle.Colors[i], matrix), Lab(HouseStyle.Colors[j], matrix));
                    if (d < 12) tooClose.Add($"{HouseStyle.Colors[i]} and {HouseStyle.Colors[j]} under {vision}: ΔE = {d:0.0}");
                }
        Assert.True(tooClose.Count == 0, string.Join("\n", tooClose));
    }

    [Fact]
    public void TheSimulationSeesARedOliveConfusionUnderDeuteranopia()
    {
        // The check can fail: vermillion and a dark olive, far apart for normal vision, are nearly one colour to a deuteranope.
        Assert.True(DeltaE(Lab("#D55E00", Vision["normal vision"]), Lab("#8C7E00", Vision["normal vision"])) > 30);
        Assert.True(DeltaE(Lab("#D55E00", Vision["deuteranopia"]), Lab("#8C7E00", Vision["deuteranopia"])) < 12);
    }

    // ---- log axes ------------------------------------------------------------------------------------------------

    [Fact]
    public void ALogAxisOverFortyDecadesGetsAtMostSixPowersOfTenAllWrittenAlike()
    {
        var (values, texts) = Readable.LogTicks(-40, 1, 6);
        Assert.InRange(values.Length, 3, 6);
        Assert.All(texts, t => Assert.Matches("^10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$", t));
        Assert.Contains("10⁻⁴⁰", texts);
        Assert.Equal(values.Select(v => Math.Round(Math.Log10(v))), values.Select(v => Math.Log10(v)), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void ALogAxisOverLessThanThreeDecadesGetsOneTwoFiveValuesAsPlainNumbers()
    {
        // 406 steps and 8 steps on one axis: 10, 20, 50, 100, 200, 500 (no stray "4" of a minor tick).
        var (values, texts) = Readable.LogTicks(Math.Log10(8), Math.Log10(406), 6);
        Assert.Equal(["10", "20", "50", "100", "200", "500"], texts);
        Assert.Equal([10.0, 20, 50, 100, 200, 500], values);
    }

    [Fact]
    public void ATraceOnALogAxisCarriesItsTicksInsteadOfOnePerDecade()
    {
        var run = QuarticRun(0.3);
        var figure = ChartJson.Parse(Plot.Trace(run, logY: true, minimum: run.Steps.Min(s => s.Loss) - 1e-12));
        var axis = figure.Layout()["yaxis"]!;
        Assert.Equal("array", axis["tickmode"]!.GetValue<string>());
        Assert.Null(axis["dtick"]);
        Assert.InRange(axis["tickvals"]!.AsArray().Count, 2, 6);
    }

    // ---- titles --------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("∂h_L", "∂h<sub>L</sub>")]
    [InlineData("θ_{t+1}", "θ<sub>t+1</sub>")]
    [InlineData("x^2", "x<sup>2</sup>")]
    [InlineData("total_bill", "total_bill")]
    [InlineData("loss L(θₜ)", "loss L(θₜ)")]
    public void AxisTitlesWriteUnderscoresAndCaretsAsSubAndSuperscripts(string written, string drawn) =>
        Assert.Equal(drawn, Readable.Scripts(written));

    [Theory]
    [InlineData("GD, α = 0.55: diverged at t = 1", "GD, α = 0.55:<br>diverged at t = 1")]
    [InlineData("α = 2: diverged at t = 2", "α = 2:<br>diverged at t = 2")]
    [InlineData("η too small", "η too small")]
    [InlineData("α = 0.11 diverged at t = 12", "α = 0.11<br>diverged at t = 12")]
    [InlineData("momentum, α = 0.55, γ = 0.9: diverged at t = 3", "momentum,<br>α = 0.55, γ = 0.9:<br>diverged at t = 3")]
    public void ACornerNoteWrapsAfterItsColonToFitAPhonesPlotArea(string note, string wrapped)
    {
        Assert.Equal(wrapped, Readable.WrapNote(note));
        Assert.All(wrapped.Split("<br>"), line => Assert.True(line.Length <= Readable.NoteLine, line));
    }

    [Fact]
    public void CornerNotesAreWrappedAndStackedUnderTheLinesOfTheOnesAbove()
    {
        // Lesson 08's "GD, α = 0.55: diverged at t = 1" ran on one line from the plot's right edge over the y tick
        // labels at phone width; wrapped, it stays inside the plot, and a second note starts below both its lines.
        var runs = new[] { 0.11, 0.12 }.Select(a => new Descent.Optimizers.GradientDescent(a)
            .Run(new Bowl(), [-1.8, 0.8], Descent.Training.StopRule.After(30), name: $"GD, α = {a}")).ToArray();
        Assert.All(runs, r => Assert.Equal(Descent.Training.RunStatus.Diverged, r.Status));
        var notes = ChartJson.Parse(Plot.ContourPaths(BowlF, (-2, 2), (-1, 1), runs)).Layout()["annotations"]!.AsArray();
        Assert.Equal([$"GD, α = 0.11:<br>diverged at t = {runs[0].DivergedAt}", $"GD, α = 0.12:<br>diverged at t = {runs[1].DivergedAt}"],
            notes.Select(n => n!["text"]!.GetValue<string>()));
        Assert.Equal([0.0, -2.0 * Readable.NoteLineHeight], notes.Select(n => n!["yshift"]!.GetValue<double>()));
        Assert.All(notes, n => Assert.Equal("right", n!["xanchor"]!.GetValue<string>()));
    }

    [Fact]
    public void ALongTitleWrapsForAPhoneAndReadsTheSameOnceJoined()
    {
        const string title = "Gradient descent with inexact gradients: the error decides where it stops";
        string wrapped = Readable.WrapTitle(title + "<br><sup>a second line that is also long enough to need wrapping on a phone</sup>");
        Assert.All(wrapped.Split("<br>"),
            line => Assert.True(System.Text.RegularExpressions.Regex.Replace(line, "<[^>]*>", "").Length <= Readable.SupLine, line));
        Assert.Equal(title, Readable.Unwrap(wrapped).Split("<br>")[0]);
        Assert.True(Readable.Lines(wrapped) >= 4);
    }

    [Fact]
    public void EveryChartIsAtMost600PixelsTallAndItsLegendStandsAboveThePlot()
    {
        var runs = new[] { QuarticRun(0.05), QuarticRun(0.3), QuarticRun(1.3), QuarticRun(0.1) };
        var grid = ChartJson.Parse(Plot.Grid(runs.Select(r => Plot.Trace(r, title: r.Name)), columns: 2));
        Assert.True(grid.Layout()["height"]!.GetValue<double>() <= HouseStyle.MaxHeight);
        var trace = ChartJson.Parse(Plot.Trace(runs));
        Assert.Equal("h", trace.Layout()["legend"]!["orientation"]!.GetValue<string>());
        Assert.True(trace.Layout()["height"]!.GetValue<int>() <= HouseStyle.MaxHeight);
    }
}
