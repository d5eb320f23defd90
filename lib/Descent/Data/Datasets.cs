using System.Reflection;

namespace Descent.Data;

/// <summary>
/// The lessons' datasets. <c>Datasets.Tips()</c> and <c>Datasets.Heart()</c> read the copies embedded in the library
/// (so they work from any folder); the overloads with a path read a CSV file of the same layout.
/// </summary>
public static class Datasets
{
    private static readonly string[] Sexes = ["Female", "Male"];
    private static readonly string[] YesNo = ["No", "Yes"];
    private static readonly string[] Days = ["Thur", "Fri", "Sat", "Sun"];
    private static readonly string[] Times = ["Lunch", "Dinner"];
    private static readonly string[] ChestPains = ["typical", "nontypical", "nonanginal", "asymptomatic"];
    private static readonly string[] Thals = ["fixed", "normal", "reversable"];

    /// <summary>The tips data (244 rows) embedded in the library.</summary>
    public static TipsTable Tips() => ReadTips(Embedded("tips.csv"), "tips.csv (embedded)");

    /// <summary>Tips data from a CSV file with the columns total_bill, tip, sex, smoker, day, time, size.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist; the message gives the full path.</exception>
    /// <exception cref="CsvFormatException">A row cannot be read; the message gives the line.</exception>
    public static TipsTable Tips(string path) => ReadTips(Open(path), Path.GetFullPath(path));

    /// <summary>The heart data (303 rows; Ca is NA in 4 rows and Thal in 2) embedded in the library.</summary>
    public static HeartTable Heart() => ReadHeart(Embedded("heart.csv"), "heart.csv (embedded)");

    /// <summary>Heart data from a CSV file with the columns of ISLR's Heart.csv (NA marks a missing Ca or Thal).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist; the message gives the full path.</exception>
    /// <exception cref="CsvFormatException">A row cannot be read; the message gives the line.</exception>
    public static HeartTable Heart(string path) => ReadHeart(Open(path), Path.GetFullPath(path));

    private static TipsTable ReadTips(TextReader reader, string source)
    {
        CsvTable t;
        using (reader) t = CsvTable.Parse(reader, source);
        int bill = t.Column("total_bill"), tip = t.Column("tip"), sex = t.Column("sex"), smoker = t.Column("smoker"),
            day = t.Column("day"), time = t.Column("time"), size = t.Column("size");
        var rows = t.Rows.Select(r =>
        {
            double s = t.Number(r, size)!.Value;
            if (s != Math.Floor(s) || s < 1)
                throw new CsvFormatException(source, r.Line, $"column 'size' should be a whole number ≥ 1 but holds \"{r.Fields[size]}\".");
            return new TipsRow(t.Number(r, bill)!.Value, t.Number(r, tip)!.Value, t.Text(r, sex, Sexes),
                t.Text(r, smoker, YesNo), t.Text(r, day, Days), t.Text(r, time, Times), (int)s);
        }).ToArray();
        return new TipsTable(rows, source);
    }

    private static HeartTable ReadHeart(TextReader reader, string source)
    {
        CsvTable t;
        using (reader) t = CsvTable.Parse(reader, source);
        int age = t.Column("Age"), sex = t.Column("Sex"), cp = t.Column("ChestPain"), bp = t.Column("RestBP"),
            chol = t.Column("Chol"), fbs = t.Column("Fbs"), ecg = t.Column("RestECG"), hr = t.Column("MaxHR"),
            ex = t.Column("ExAng"), op = t.Column("Oldpeak"), slope = t.Column("Slope"), ca = t.Column("Ca"),
            thal = t.Column("Thal"), ahd = t.Column("AHD");
        var rows = t.Rows.Select(r =>
        {
            string? th = t.Text(r, thal, Thals, allowNA: true);
            return new HeartRow(
                t.Number(r, age)!.Value, t.Number(r, sex)!.Value, t.Text(r, cp, ChestPains), t.Number(r, bp)!.Value,
                t.Number(r, chol)!.Value, t.Number(r, fbs)!.Value, t.Number(r, ecg)!.Value, t.Number(r, hr)!.Value,
                t.Number(r, ex)!.Value, t.Number(r, op)!.Value, t.Number(r, slope)!.Value, t.Number(r, ca, allowNA: true),
                th == "NA" ? null : th, t.Text(r, ahd, YesNo) == "Yes", r.Line);
        }).ToArray();
        return new HeartTable(rows, source);
    }

    private static StreamReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException(
                $"The data file '{full}' does not exist. Check the path (relative paths start from '{Environment.CurrentDirectory}'), " +
                "or call the overload without a path to use the copy embedded in the library.", full);
        return new StreamReader(full);
    }

    private static StreamReader Embedded(string file)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Descent.Data." + file)
            ?? throw new InvalidOperationException($"The embedded resource Descent.Data.{file} is missing from the library build.");
        return new StreamReader(stream);
    }
}
