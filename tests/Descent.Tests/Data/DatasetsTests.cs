using Descent.Data;

namespace Descent.Tests.Data;

public sealed class DatasetsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("descent-data-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void TipsHas244RowsWithTheFirstBillAndTip()
    {
        var tips = Datasets.Tips();
        Assert.Equal(244, tips.Count);
        Assert.Equal(new TipsRow(16.99, 1.01, "Female", "No", "Sun", "Dinner", 2), tips[0]);
        Assert.Equal(244, tips.TotalBill.Length);
        Assert.Equal(4827.77, tips.TotalBill.Sum(), 8);
        Assert.Equal(731.58, tips.Tip.Sum(), 8);
    }

    [Fact]
    public void TipsDesignWithAndWithoutIntercept()
    {
        var (x, y) = Datasets.Tips().Design();
        Assert.Equal(244, x.Rows);
        Assert.Equal(["total_bill"], x.ColumnNames);
        Assert.Equal(16.99, x[0, 0]);
        Assert.Equal(1.01, y[0]);
        var withIntercept = Datasets.Tips().Design(intercept: true);
        Assert.Equal(["intercept", "total_bill"], withIntercept.X.ColumnNames);
        Assert.True(withIntercept.X.HasIntercept);
        Assert.Equal(10.34, withIntercept.X[1, 1]);
        Assert.Equal("tips: 244 rows, X = [intercept, total_bill], y = tip (no rows dropped)", withIntercept.ToString());
    }

    [Fact]
    public void HeartHas303RowsAndSixNACells()
    {
        var heart = Datasets.Heart();
        Assert.Equal(303, heart.Count);
        Assert.Equal(297, heart.CompleteRows.Count);
        Assert.Equal(6, heart.IncompleteRows.Count);
        Assert.Equal(4, heart.Count(r => r.Ca is null));
        Assert.Equal(2, heart.Count(r => r.Thal is null));
        Assert.Equal([89, 168, 194, 268, 289, 304], heart.IncompleteRows.Select(r => r.Line));
        Assert.Equal(139, heart.Count(r => r.Ahd));
        Assert.Equal(63, heart[0].Age);
        Assert.Equal("fixed", heart[0].Thal);
    }

    [Fact]
    public void HeartDesignKeepsEveryRowWhenNoRequestedColumnHasNA()
    {
        var d = Datasets.Heart().Design("Age", "MaxHR");
        Assert.Equal(303, d.Count);
        Assert.Equal(0, d.DroppedRows);
        Assert.Equal(["Age", "MaxHR"], d.X.ColumnNames);
        Assert.Equal(139, d.Y.Sum());
        Assert.Equal(150, d.X[0, 1]);
    }

    [Fact]
    public void HeartDesignDropsTheFourRowsWhereCaIsNAAndSaysWhich()
    {
        var d = Datasets.Heart().Design(["age", "Ca"], intercept: true);
        Assert.Equal(299, d.Count);
        Assert.Equal(4, d.DroppedRows);
        Assert.Equal(["intercept", "Age", "Ca"], d.X.ColumnNames);
        Assert.Equal("4 rows dropped: Ca is NA on lines 168, 194, 289, 304", d.Note);
    }

    [Fact]
    public void AnUnknownOrTextFeatureNamesTheValidColumns()
    {
        var ex = Assert.Throws<ArgumentException>(() => Datasets.Heart().Design("Thal"));
        Assert.Contains("not numeric", ex.Message);
        Assert.Contains("MaxHR", ex.Message);
        Assert.Throws<ArgumentException>(() => Datasets.Heart().Design("Weight"));
        Assert.Throws<ArgumentException>(() => Datasets.Heart().Design());
    }

    [Fact]
    public void LoadingFromAPathReadsTheSameRows()
    {
        using (var s = typeof(Datasets).Assembly.GetManifestResourceStream("Descent.Data.tips.csv")!)
        using (var f = File.Create(Path.Combine(dir, "tips.csv"))) s.CopyTo(f);
        var tips = Datasets.Tips(Path.Combine(dir, "tips.csv"));
        Assert.Equal(244, tips.Count);
        Assert.Equal(Datasets.Tips()[243], tips[243]);
    }

    [Fact]
    public void AMissingFileNamesThePath()
    {
        string path = Path.Combine(dir, "nowhere", "tips.csv");
        var ex = Assert.Throws<FileNotFoundException>(() => Datasets.Tips(path));
        Assert.Contains(path, ex.Message);
        Assert.Equal(path, ex.FileName);
        Assert.Throws<FileNotFoundException>(() => Datasets.Heart(path));
    }

    [Fact]
    public void ARowWithTooFewFieldsNamesTheLine()
    {
        string path = Write("tips.csv",
            "\"total_bill\",\"tip\",\"sex\",\"smoker\",\"day\",\"time\",\"size\"\n" +
            "16.99,1.01,\"Female\",\"No\",\"Sun\",\"Dinner\",2\n" +
            "10.34,1.66,\"Male\",\"No\",\"Sun\"\n");
        var ex = Assert.Throws<CsvFormatException>(() => Datasets.Tips(path));
        Assert.Equal(3, ex.Line);
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("expected 7 fields", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void ANonNumericValueNamesTheLineAndColumn()
    {
        string path = Write("tips.csv",
            "\"total_bill\",\"tip\",\"sex\",\"smoker\",\"day\",\"time\",\"size\"\n" +
            "16.99,1.01,\"Female\",\"No\",\"Sun\",\"Dinner\",2\n" +
            "10.34,1.66,\"Male\",\"No\",\"Sun\",\"Dinner\",3\n" +
            "abc,3.5,\"Male\",\"No\",\"Sun\",\"Dinner\",3\n");
        var ex = Assert.Throws<CsvFormatException>(() => Datasets.Tips(path));
        Assert.Equal(4, ex.Line);
        Assert.Contains("'total_bill'", ex.Message);
        Assert.Contains("\"abc\"", ex.Message);
    }

    [Fact]
    public void NAOutsideCaAndThalIsAMalformedRow()
    {
        string path = Write("heart.csv",
            "\"Age\",\"Sex\",\"ChestPain\",\"RestBP\",\"Chol\",\"Fbs\",\"RestECG\",\"MaxHR\",\"ExAng\",\"Oldpeak\",\"Slope\",\"Ca\",\"Thal\",\"AHD\"\n" +
            "63,1,\"typical\",145,233,1,2,150,0,2.3,3,NA,NA,\"No\"\n" +
            "NA,1,\"typical\",145,233,1,2,150,0,2.3,3,0,\"fixed\",\"No\"\n");
        var ex = Assert.Throws<CsvFormatException>(() => Datasets.Heart(path));
        Assert.Equal(3, ex.Line);
        Assert.Contains("'Age'", ex.Message);
    }

    [Fact]
    public void AnUnclosedQuoteOrUnknownLabelIsAMalformedRow()
    {
        string header = "\"total_bill\",\"tip\",\"sex\",\"smoker\",\"day\",\"time\",\"size\"\n";
        var ex = Assert.Throws<CsvFormatException>(() => Datasets.Tips(Write("a.csv", header + "16.99,1.01,\"Female,\"No\",\"Sun\",\"Dinner\",2\n")));
        Assert.Equal(2, ex.Line);
        ex = Assert.Throws<CsvFormatException>(() => Datasets.Tips(Write("b.csv", header + "16.99,1.01,\"Female\",\"No\",\"Mon\",\"Dinner\",2\n")));
        Assert.Contains("\"Mon\"", ex.Message);
        ex = Assert.Throws<CsvFormatException>(() => Datasets.Tips(Write("c.csv", header)));
        Assert.Contains("no data rows", ex.Message);
        ex = Assert.Throws<CsvFormatException>(() => Datasets.Tips(Write("d.csv", "")));
        Assert.Equal(1, ex.Line);
    }
}
