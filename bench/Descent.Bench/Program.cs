// The library's performance workloads (see ../README.md). A short BenchmarkDotNet job, in-process, with the memory
// diagnoser; results go to BenchmarkDotNet.Artifacts/ (JSON for ../compare.py). Run everything with ../compare.sh,
// or one class: dotnet run -c Release --project bench/Descent.Bench -- --filter '*FullBatch*'
// With --cpu-times it prints wall and CPU times of the main workloads as JSON instead (see CpuTimes.cs).
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

if (args is ["--cpu-times"])
{
    Descent.Bench.CpuTimes.Print();
    return;
}

var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)   // no generated project to build: the whole run takes minutes
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(10);
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(JsonExporter.Full)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);

BenchmarkSwitcher.FromAssembly(typeof(Descent.Bench.Workloads).Assembly).Run(args, config);
