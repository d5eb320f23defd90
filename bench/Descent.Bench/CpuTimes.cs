using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Descent.Bench;

/// <summary>
/// The same workloads timed by process CPU time as well as wall time (median of repeats), printed as JSON. On a shared
/// machine wall time includes the time other processes had the cores; CPU time does not, so ratios of CPU times are the
/// steadier comparison. numpy_workloads.py reports the same two clocks.
/// </summary>
public static class CpuTimes
{
    public static void Print()
    {
        var full = new FullBatchBenchmarks();
        full.Setup();
        var sgd = new SgdEpochBenchmarks();
        sgd.Setup();
        var grid = new MseGridBenchmarks { N = 244 };
        grid.Setup();
        var results = new Dictionary<string, object>
        {
            ["value_and_gradient"] = Measure(() => full.MseValueAndGradient(), 15),
            ["read_once"] = Measure(() => full.ReadMatrixOnce(), 15),
            ["sgd_epoch"] = Measure(() => sgd.SgdEpoch(), 5),
            ["mse_grid_244"] = Measure(() => grid.MseGrid200(), 15),
        };
        Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static Dictionary<string, double> Measure(Action run, int repeats)
    {
        var process = Process.GetCurrentProcess();
        run();
        run();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int k = 0; k < repeats; k++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            run();
            clock.Stop();
            process.Refresh();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
        }
        return new() { ["wall_ms"] = Median(wall), ["cpu_ms"] = Median(cpu) };
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
