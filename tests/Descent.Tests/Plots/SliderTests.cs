using Descent.Plots;
using static Descent.Tests.Plots.TestProblems;

namespace Descent.Tests.Plots;

public class SliderTests
{
    [Fact]
    public void APathSliderShowsExactlyOneRunsPathAndTraceAtEachPosition()
    {
        var runs = new[] { QuarticRun(0.05), QuarticRun(0.3), QuarticRun(1.0) };
        var figure = ChartJson.Parse(Plot.PathSlider(F, (1, 6.75), runs, labels: ["0.05", "0.3", "1"], prefix: "η = ", active: 1));

        var traces = figure.Traces().ToArray();
        var slider = figure.Layout()["sliders"]![0]!;
        var steps = slider["steps"]!.AsArray();
        Assert.Equal(["0.05", "0.3", "1"], steps.Select(s => s!["label"]!.GetValue<string>()));
        Assert.Equal(1, slider["active"]!.GetValue<int>());
        Assert.Equal("η = ", slider["currentvalue"]!["prefix"]!.GetValue<string>());
        for (int k = 0; k < runs.Length; k++)
        {
            Assert.Equal("update", steps[k]!["method"]!.GetValue<string>());
            var visible = ChartJson.Bools(steps[k]!["args"]![0]!["visible"]);
            Assert.Equal(traces.Length, visible.Length);
            for (int i = 0; i < traces.Length; i++)
            {
                string? name = traces[i].Name();
                bool belongsToARun = runs.Any(r => r.Name == name);
                Assert.Equal(!belongsToARun || name == runs[k].Name, visible[i]);
            }
            Assert.Contains(runs[k].Message, steps[k]!["args"]![1]!["title.text"]!.GetValue<string>().Replace("<br>\u200B", " ", StringComparison.Ordinal));
        }
        // Each run contributes its path (line and points) on x/y and its trace on x2/y2.
        Assert.Equal(3, figure.AllNamed("η = 0.3").Length);
        Assert.Contains(figure.AllNamed("η = 0.3"), t => t["xaxis"]?.GetValue<string>() == "x2");
        // The figure opens on the active position.
        Assert.Equal(ChartJson.Bools(steps[1]!["args"]![0]!["visible"]), traces.Select(t => t["visible"]!.GetValue<bool>()));
        Assert.Equal("iteration t", figure.AxisTitle("xaxis2"));
    }

    [Fact]
    public void AContourSliderHidesTheColourBarAndKeepsTheContourVisible()
    {
        var runs = new[] { BowlRun(0.02), BowlRun(0.05), BowlRun(0.09) };
        var figure = ChartJson.Parse(Plot.ContourSlider(new Bowl(), (-2, 2), (-1, 1), runs, prefix: "η: "));

        var contour = figure.Traces().First();
        Assert.Equal("contour", contour.Type());
        Assert.False(contour["showscale"]!.GetValue<bool>());
        var steps = figure.Layout()["sliders"]![0]!["steps"]!.AsArray();
        Assert.Equal(runs.Select(r => r.Name), steps.Select(s => s!["label"]!.GetValue<string>()));
        Assert.All(steps, s => Assert.True(ChartJson.Bools(s!["args"]![0]!["visible"])[0]));
        Assert.Null(figure.Layout()["annotations"]);
    }

    [Fact]
    public void AContourSliderShowsExactlyOneRunsPathAndTraceAtEachPosition()
    {
        var runs = new[] { BowlRun(0.02), BowlRun(0.05), BowlRun(0.09) };
        var figure = ChartJson.Parse(Plot.ContourSlider(BowlF, (-2, 2), (-1, 1), runs, labels: ["slow", "good", "wild"],
            prefix: "η: ", active: 2, minima: [[0, 0]]));

        var traces = figure.Traces().ToArray();
        var slider = figure.Layout()["sliders"]![0]!;
        var steps = slider["steps"]!.AsArray();
        Assert.Equal(["slow", "good", "wild"], steps.Select(s => s!["label"]!.GetValue<string>()));
        Assert.Equal(2, slider["active"]!.GetValue<int>());
        Assert.Equal("η: ", slider["currentvalue"]!["prefix"]!.GetValue<string>());
        // Each run has its path on the contour (line and points, x/y) and its loss trace beside it (x2/y2);
        // the contour and the minimum's star are shared by every position.
        foreach (var run in runs)
        {
            var own = figure.AllNamed(run.Name);
            Assert.Equal(3, own.Length);
            Assert.Equal(2, own.Count(t => t["xaxis"] is null));
            Assert.Single(own, t => t["xaxis"]?.GetValue<string>() == "x2");
        }
        Assert.Equal(["contour", "minimum"], traces.Where(t => runs.All(r => r.Name != t.Name())).Select(t => t.Type() == "contour" ? "contour" : t.Name()));
        for (int k = 0; k < runs.Length; k++)
        {
            Assert.Equal("update", steps[k]!["method"]!.GetValue<string>());
            var visible = ChartJson.Bools(steps[k]!["args"]![0]!["visible"]);
            Assert.Equal(traces.Length, visible.Length);
            for (int i = 0; i < traces.Length; i++)
            {
                string? name = traces[i].Name();
                bool belongsToARun = runs.Any(r => r.Name == name);
                Assert.True(visible[i] == (!belongsToARun || name == runs[k].Name),
                    $"position {k}: trace {i} (\"{name}\", {traces[i].Type()}) is {(visible[i] ? "visible" : "hidden")}");
            }
            Assert.Equal(3 + 2, visible.Count(v => v));
            Assert.Contains(runs[k].Message, steps[k]!["args"]![1]!["title.text"]!.GetValue<string>().Replace("<br>\u200B", " ", StringComparison.Ordinal));
        }
        // The figure opens on the active position.
        Assert.Equal(ChartJson.Bools(steps[2]!["args"]![0]!["visible"]), traces.Select(t => t["visible"]!.GetValue<bool>()));
    }

    [Fact]
    public void ADivergedRunsPositionSaysWhereItDivergedInThePathPanelsCorner()
    {
        var runs = new[] { BowlRun(0.05), BowlRun(0.12) };
        Assert.Equal(Descent.Training.RunStatus.Diverged, runs[1].Status);
        var figure = ChartJson.Parse(Plot.ContourSlider(BowlF, (-2, 2), (-1, 1), runs, labels: ["0.05", "0.12"], prefix: "α = "));

        var note = Assert.Single(figure.Layout()["annotations"]!.AsArray())!;
        Assert.Equal($"diverged at t = {runs[1].DivergedAt}", note["text"]!.GetValue<string>());
        Assert.Equal("x domain", note["xref"]!.GetValue<string>());               // the path panel's corner, not the trace panel's
        Assert.False(note["visible"]!.GetValue<bool>());                          // the figure opens on the run that converged
        var steps = figure.Layout()["sliders"]![0]!["steps"]!.AsArray();
        Assert.False(steps[0]!["args"]![1]!["annotations[0].visible"]!.GetValue<bool>());
        Assert.True(steps[1]!["args"]![1]!["annotations[0].visible"]!.GetValue<bool>());
        // Its title line says where and how far the loss rose, without the advice that would crowd the chart.
        string title = steps[1]!["args"]![1]!["title.text"]!.GetValue<string>().Replace("<br>\u200B", " ", StringComparison.Ordinal);
        Assert.Contains($"η = 0.12: diverged at step {runs[1].DivergedAt}: the loss rose from", title);
        Assert.DoesNotContain("smaller learning rate", title);

        var opened = ChartJson.Parse(Plot.PathSlider(F, (1, 6.75), [QuarticRun(0.1), QuarticRun(2.0)], active: 1));
        Assert.True(opened.Layout()["annotations"]![0]!["visible"]!.GetValue<bool>());
    }

    [Fact]
    public void AStepSliderRevealsOneMoreStepAtEachPosition()
    {
        var run = QuarticRun(0.3, steps: 12);
        var figure = ChartJson.Parse(Plot.StepSlider(F, (1, 6.75), run));

        var traces = figure.Traces().ToArray();
        // The curve, the start, and one trace per step.
        Assert.Equal(2 + 12, traces.Length);
        var steps = figure.Layout()["sliders"]![0]!["steps"]!.AsArray();
        Assert.Equal(13, steps.Count);
        Assert.Equal(Enumerable.Range(0, 13).Select(t => t.ToString()), steps.Select(s => s!["label"]!.GetValue<string>()));
        for (int t = 0; t <= 12; t++)
        {
            var visible = ChartJson.Bools(steps[t]!["args"]![0]!["visible"]);
            Assert.Equal(2 + t, visible.Count(v => v));
            Assert.True(visible[0] && visible[1]);
            Assert.Contains($"t = {t}: x = ", steps[t]!["args"]![1]!["title.text"]!.GetValue<string>());
        }
        // Step t's trace goes from guess t − 1 to guess t.
        var third = traces.Single(tr => tr.Name() == "t = 3");
        Assert.Equal([run.Coordinate(0)[2], run.Coordinate(0)[3], run.Coordinate(0)[3]], ChartJson.Doubles(third["x"]));
        Assert.Equal(12, figure.Layout()["sliders"]![0]!["active"]!.GetValue<int>());
    }

    [Fact]
    public void AStepSliderCoversAtMostMaxStepsAndSaysSo()
    {
        var run = BowlRun(0.05, steps: 80);
        var figure = ChartJson.Parse(Plot.StepSlider(new Bowl(), (-2, 2), (-1, 1), run, maxSteps: 20));

        Assert.Equal(21, figure.Layout()["sliders"]![0]!["steps"]!.AsArray().Count);
        Assert.Contains("first 20 of 80 steps", figure.Title());
        Assert.Equal("contour", figure.Traces().First().Type());
        Assert.InRange(ChartJson.Size(Plot.StepSlider(new Bowl(), (-2, 2), (-1, 1), run)), 0, 80_000);
    }

    [Fact]
    public void OneLabelPerRunIsRequired()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plot.PathSlider(F, (1, 6.75), [QuarticRun(0.1)], labels: ["a", "b"]));
        Assert.Contains("1 runs but 2 labels", ex.Message);
    }
}
