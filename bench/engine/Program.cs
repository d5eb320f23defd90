// Measures, in this fresh process: engine start to the first cell's result, and the per-cell overhead of a trivial
// cell (median and 90th percentile over many cells). Run: dotnet run -c Release --project bench/engine [-- cells]
using System.Diagnostics;
using System.Globalization;
using Descent.Notebooks.Execution;

var process = Stopwatch.StartNew();
int cells = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;

using var session = new NotebookSession();
var first = await session.ExecuteAsync("1 + 1");
var startToFirst = process.Elapsed;
var firstCpu = Process.GetCurrentProcess().TotalProcessorTime;
if (first.Text != "2") throw new InvalidOperationException($"first cell gave {first.Text}");

// Warm the trivial path, then time it.
for (int i = 0; i < 20; i++) await session.ExecuteAsync("var w = 1;");
var proc = Process.GetCurrentProcess();
TimeSpan Cpu() { proc.Refresh(); return proc.TotalProcessorTime; }
var cpuBefore = Cpu();
var samples = new List<double>(cells);
for (int i = 0; i < cells; i++)
{
    var t = Stopwatch.StartNew();
    var r = await session.ExecuteAsync("var x = 1;");
    t.Stop();
    if (!r.Succeeded) throw new InvalidOperationException(r.Error!.ToString());
    samples.Add(t.Elapsed.TotalMilliseconds);
}
var cpuPerCell = (Cpu() - cpuBefore).TotalMilliseconds / cells;
var withResult = new List<double>(cells);
for (int i = 0; i < cells; i++)
{
    var t = Stopwatch.StartNew();
    await session.ExecuteAsync("x + 1");
    withResult.Add(t.Elapsed.TotalMilliseconds);
}
var loop = new List<double>();
for (int i = 0; i < 50; i++)
{
    var t = Stopwatch.StartNew();
    await session.ExecuteAsync("for (int k = 0; k < 10; k++) { x += k; }");
    loop.Add(t.Elapsed.TotalMilliseconds);
}

static double Percentile(List<double> xs, double p)
{
    var sorted = xs.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine start to first cell result: {startToFirst.TotalMilliseconds:0} ms (target < 2500 ms); process CPU until then {firstCpu.TotalMilliseconds:0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"machine load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trivial cell `var x = 1;`:          median {Percentile(samples, 0.5):0.00} ms, p90 {Percentile(samples, 0.9):0.00} ms over {cells} cells (target median < 20 ms); process CPU {cpuPerCell:0.00} ms per cell"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cell with a result `x + 1`:         median {Percentile(withResult, 0.5):0.00} ms, p90 {Percentile(withResult, 0.9):0.00} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cell with a loop (guard rewrite):   median {Percentile(loop, 0.5):0.00} ms, p90 {Percentile(loop, 0.9):0.00} ms"));
