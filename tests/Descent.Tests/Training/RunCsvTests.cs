using System.Globalization;
using Descent.Optimizers;
using Descent.Training;
using static Descent.Tests.TestProblems;

namespace Descent.Tests.Training;

public sealed class RunCsvTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "descent-csv-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void TheHeaderNamesThetaLossGradientRateStateEpochAndEvaluations()
    {
        var csv = new Adam(0.1).Run(new Bowl(), [1.0, 1.0], StopRule.After(2)).ToCsv();
        var lines = csv.Split('\n');
        Assert.Equal("t,theta_0,theta_1,loss,grad_0,grad_1,learning_rate,s_0,s_1,r_0,r_1,epoch,gradient_evaluations", lines[0]);
        Assert.Equal("0,1,1,3,,,,,,,,0,0", lines[1]);
        Assert.StartsWith("1,0.9000000005,0.9000000002499999,", lines[2]);
        Assert.Equal(5, lines.Length);   // header, 3 records, and the final newline
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public void SavingAndLoadingGivesBackEveryNumberExactly()
    {
        var run = new Nesterov(0.07, 0.8).Run(new Diagonal(0.1, 2.0, 0.3), [1.0 / 3, -2.0 / 7, Math.PI], StopRule.After(25));
        string path = Path.Combine(folder, "nesterov.csv");
        run.SaveCsv(path);
        var back = Run.LoadCsv(path);

        Assert.Equal("nesterov", back.Name);
        Assert.Equal(run.Steps.Count, back.Steps.Count);
        for (int i = 0; i < run.Steps.Count; i++)
        {
            StepRecord a = run.Steps[i], b = back.Steps[i];
            Assert.Equal(a.T, b.T);
            Assert.Equal(a.Theta, b.Theta);               // bit for bit: round-trip formatting
            Assert.Equal(a.Loss, b.Loss);
            Assert.Equal(a.Gradient, b.Gradient);
            Assert.Equal(a.LearningRate, b.LearningRate);
            Assert.Equal(a.State.Keys, b.State.Keys);
            foreach (var key in a.State.Keys) Assert.Equal(a.State[key], b.State[key]);
            Assert.Equal(a.Epoch, b.Epoch);
            Assert.Equal(a.GradientEvaluations, b.GradientEvaluations);
        }
        Assert.Equal(File.ReadAllText(path), back.ToCsv());
    }

    [Fact]
    public void ADivergedRunKeepsItsNonFiniteLastRecord()
    {
        var partial = new OneD(x => Math.Abs(x) < 5 ? x * x : double.NaN, x => 2 * x);
        var run = new GradientDescent(1.5).Run(partial, [1.0], StopRule.After(10));
        string path = Path.Combine(folder, "diverged.csv");
        run.SaveCsv(path);
        Assert.EndsWith("3,-8,NaN,8,1.5,0,3\n", File.ReadAllText(path));
        var back = Run.LoadCsv(path, "diverged", RunStatus.Diverged);
        Assert.True(double.IsNaN(back.Loss));
        Assert.Equal(3, back.Last.T);
        Assert.Equal(1, back.DivergedAt);     // the onset, read from the records: the loss rose from step 1 (1 → 4 → 16 → NaN)
    }

    [Fact]
    public void NumbersAreWrittenInTheInvariantCultureWhateverTheCurrentCulture()
    {
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;
            var csv = new GradientDescent(0.1).Run(new Bowl(), [0.5, 0.25], StopRule.After(1)).ToCsv();
            Assert.Equal("1,0.4,0.15,0.20500000000000002,1,1,0.1,0,1", csv.Split('\n')[2]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void SavingReplacesTheFileWholeAndLeavesNoTemporaryFiles()
    {
        string path = Path.Combine(folder, "sub", "run.csv");   // the folder is created
        new GradientDescent(0.1).Run(new Bowl(), [1.0, 1.0], StopRule.After(50)).SaveCsv(path);
        var shorter = new GradientDescent(0.1).Run(new Bowl(), [1.0, 1.0], StopRule.After(2));
        shorter.SaveCsv(path);
        Assert.Equal(shorter.ToCsv(), File.ReadAllText(path));
        Assert.Equal(["run.csv"], Directory.GetFiles(Path.Combine(folder, "sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        string path = Path.Combine(folder, "nowhere.csv");
        var ex = Assert.Throws<FileNotFoundException>(() => Run.LoadCsv(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void AMalformedRowIsNamedByItsLine()
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "bad.csv");
        var lines = new GradientDescent(0.1).Run(new Bowl(), [1.0, 1.0], StopRule.After(3)).ToCsv().Split('\n');
        lines[3] = lines[3].Replace("0.1", "zero point one");
        File.WriteAllText(path, string.Join('\n', lines));
        var ex = Assert.Throws<FormatException>(() => Run.LoadCsv(path));
        Assert.Contains("line 4", ex.Message);
        Assert.Contains("\"zero point one\"", ex.Message);

        lines[3] = "3,1,2";
        File.WriteAllText(path, string.Join('\n', lines));
        Assert.Contains("line 4: 3 cells, but the header has 9", Assert.Throws<FormatException>(() => Run.LoadCsv(path)).Message);

        File.WriteAllText(path, "x,y\n1,2\n");
        Assert.Contains("line 1: the header must read", Assert.Throws<FormatException>(() => Run.LoadCsv(path)).Message);
    }
}
