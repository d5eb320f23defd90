using System.Globalization;
using System.Text;

namespace Descent.Training;

/// <summary>Writes and reads runs as CSV (one row per record).</summary>
internal static class RunCsv
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(Run run, TextWriter writer)
    {
        int p = run.Dimension;
        var stateColumns = StateColumns(run);
        var header = new List<string> { "t" };
        for (int i = 0; i < p; i++) header.Add($"theta_{i}");
        header.Add("loss");
        for (int i = 0; i < p; i++) header.Add($"grad_{i}");
        header.Add("learning_rate");
        foreach (var (key, length) in stateColumns)
            for (int i = 0; i < length; i++) header.Add($"{key}_{i}");
        header.Add("epoch");
        header.Add("gradient_evaluations");
        writer.Write(string.Join(',', header));
        writer.Write('\n');

        var line = new StringBuilder();
        foreach (var s in run.Steps)
        {
            line.Clear();
            line.Append(s.T.ToString(Invariant));
            foreach (var x in s.Theta) line.Append(',').Append(Number(x));
            line.Append(',').Append(Number(s.Loss));
            for (int i = 0; i < p; i++) line.Append(',').Append(i < s.Gradient.Length ? Number(s.Gradient[i]) : "");
            line.Append(',').Append(double.IsNaN(s.LearningRate) ? "" : Number(s.LearningRate));
            foreach (var (key, length) in stateColumns)
            {
                s.State.TryGetValue(key, out var values);
                for (int i = 0; i < length; i++)
                    line.Append(',').Append(values is not null && i < values.Length ? Number(values[i]) : "");
            }
            line.Append(',').Append(s.Epoch.ToString(Invariant));
            line.Append(',').Append(s.GradientEvaluations.ToString(Invariant));
            writer.Write(line);
            writer.Write('\n');
        }
    }

    public static void Save(Run run, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
                Write(run, writer);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static Run Load(string path, string? name, RunStatus status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"No run CSV at {full}. Check the path, or write one with run.SaveCsv(path).", full);
        var lines = File.ReadAllLines(full);
        if (lines.Length < 2)
            throw new FormatException($"{full} has {lines.Length} line(s); a run CSV has a header and at least the t = 0 row.");

        var header = lines[0].Split(',');
        int p = header.Count(h => h.StartsWith("theta_", StringComparison.Ordinal));
        int lossAt = 1 + p, rateAt = lossAt + 1 + p, epochAt = header.Length - 2;
        if (p == 0 || header[0] != "t" || header.Length < rateAt + 3 || header[lossAt] != "loss"
            || header[rateAt] != "learning_rate" || header[epochAt] != "epoch" || header[^1] != "gradient_evaluations")
            throw new FormatException(
                $"{full}, line 1: the header must read t, theta_0.., loss, grad_0.., learning_rate, state columns, epoch, " +
                $"gradient_evaluations (as run.SaveCsv writes it), but it was \"{lines[0]}\".");
        var state = new List<(string Key, int Start, int Length)>();
        for (int c = rateAt + 1; c < epochAt; c++)
        {
            int cut = header[c].LastIndexOf('_');
            if (cut <= 0)
                throw new FormatException($"{full}, line 1: column {c + 1} (\"{header[c]}\") is not a state column such as v_0.");
            string key = header[c][..cut];
            if (state.Count > 0 && state[^1].Key == key) state[^1] = (key, state[^1].Start, state[^1].Length + 1);
            else state.Add((key, c, 1));
        }

        var steps = new List<StepRecord>(lines.Length - 1);
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Length == 0 && l == lines.Length - 1) break;
            var cells = lines[l].Split(',');
            if (cells.Length != header.Length)
                throw new FormatException($"{full}, line {l + 1}: {cells.Length} cells, but the header has {header.Length}.");
            double Cell(int c) => cells[c].Length == 0 ? double.NaN : ParseDouble(cells[c], full, l + 1, header[c]);
            double[] Vector(int start, int length) =>
                Enumerable.Range(start, length).All(c => cells[c].Length == 0)
                    ? [] : Enumerable.Range(start, length).Select(Cell).ToArray();

            var states = new Dictionary<string, double[]>();
            foreach (var (key, start, length) in state)
            {
                var values = Vector(start, length);
                if (values.Length > 0) states[key] = values;
            }
            steps.Add(new StepRecord(
                (int)ParseLong(cells[0], full, l + 1, "t"),
                Enumerable.Range(1, p).Select(Cell).ToArray(),
                Cell(lossAt),
                Vector(lossAt + 1, p),
                Cell(rateAt),
                states)
            {
                Epoch = (int)ParseLong(cells[epochAt], full, l + 1, "epoch"),
                GradientEvaluations = ParseLong(cells[^1], full, l + 1, "gradient_evaluations"),
            });
        }
        return new Run(name ?? Path.GetFileNameWithoutExtension(full), steps, status,
            $"read from {Path.GetFileName(full)}: {steps.Count} records, last step {steps[^1].T}");
    }

    private static IReadOnlyList<(string Key, int Length)> StateColumns(Run run)
    {
        var columns = new List<(string Key, int Length)>();
        foreach (var s in run.Steps)
            foreach (var (key, values) in s.State)
            {
                int at = columns.FindIndex(c => c.Key == key);
                if (at < 0) columns.Add((key, values.Length));
                else if (values.Length > columns[at].Length) columns[at] = (key, values.Length);
            }
        return columns;
    }

    private static string Number(double x) => x.ToString("R", Invariant);

    private static double ParseDouble(string cell, string path, int line, string column) =>
        double.TryParse(cell, NumberStyles.Float, Invariant, out var x)
            ? x
            : throw new FormatException($"{path}, line {line}: column {column} holds \"{cell}\", which is not a number.");

    private static long ParseLong(string cell, string path, int line, string column) =>
        long.TryParse(cell, NumberStyles.Integer, Invariant, out var x)
            ? x
            : throw new FormatException($"{path}, line {line}: column {column} holds \"{cell}\", which is not a whole number.");
}
