using System.Globalization;
using Descent.Notebooks.Model;
using Descent.Notebooks.Running;

namespace Descent.Cli.Commands;

/// <summary>The work of <c>descent run</c>, with its console and current directory given (so tests run it in-process).</summary>
internal sealed class RunCommandHandler(TextWriter stdout, TextWriter stderr, string currentDirectory)
{
    private sealed record Outcome(string Source, string? Written, NotebookRunResult? Result, string? Failure, TimeSpan Elapsed)
    {
        public bool Clean => Failure is null && Result is { Succeeded: true };
    }

    public async Task<int> RunAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        if (settings.InPlace && settings.OutputFolder is not null)
            return Usage("--in-place and --out cannot be used together: --in-place writes into the source notebooks.");
        if (!RunSetup.TryCellTimeout(settings.TimeoutSeconds, out _, out var timeoutError))
            return Usage(timeoutError!);
        if (RunSetup.OutputFolderProblem(settings.OutputFolder, currentDirectory) is { } outputProblem)
            return Usage(outputProblem);

        var root = FindRepositoryRoot(currentDirectory);
        List<string> notebooks;
        try
        {
            notebooks = ResolveNotebooks(settings.Paths, root);
        }
        catch (ArgumentException e)
        {
            return Usage(e.Message);
        }
        if (notebooks.Count == 0)
            return Usage(settings.Paths.Count == 0
                ? $"no notebooks in {Relative(Path.Combine(root, "notebooks"))}: pass notebooks or folders to run."
                : "no notebooks (.ipynb) in the folders given.");

        var outputFolder = settings.InPlace ? null : Path.GetFullPath(settings.OutputFolder ?? Path.Combine(root, "artifacts", "notebooks"), currentDirectory);
        stdout.WriteLine($"descent run: {notebooks.Count} notebook{(notebooks.Count == 1 ? "" : "s")}, " +
                         $"{(outputFolder is null ? "in place" : "executed copies to " + Relative(outputFolder))}, time limit per cell {settings.TimeoutText}");

        // The notebooks run one after the other in a worker process (a new one after a worker dies or a cell is stopped
        // by its time limit), so that no cell can end this process. It starts now: Roslyn warms up there while the library builds.
        using var runner = new IsolatedNotebookRunner(WorkerProcess.Command);
        runner.Start();

        // Build once for all notebooks: every lesson references the same library.
        if (settings.Build)
        {
            var references = new List<string>();
            foreach (var path in notebooks)
            {
                try
                {
                    references.AddRange(ReferencedProjects.AssemblyReferences(Notebook.Load(path), Path.GetDirectoryName(path)!));
                }
                catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException) { } // reported when the notebook runs
            }
            var build = await ReferencedProjects.EnsureBuiltAsync(references, line => stdout.WriteLine(line), cancellationToken);
            if (!build.Succeeded)
            {
                stderr.WriteLine($"descent run: could not build what the notebooks reference, so no notebook ran.\n{build.Error}");
                return RunExitCode.BuildFailed;
            }
        }

        var outcomes = new List<Outcome>();
        var targets = OutputPaths(notebooks, outputFolder);
        for (int n = 0; n < notebooks.Count; n++)
        {
            if (cancellationToken.IsCancellationRequested) break;
            var source = notebooks[n];
            stdout.WriteLine($"[{n + 1}/{notebooks.Count}] {Relative(source)}");
            outcomes.Add(await RunOneAsync(runner, source, targets[n], settings, cancellationToken));
        }

        PrintSummary(outcomes);
        if (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("descent run: cancelled.");
            return RunExitCode.Cancelled;
        }
        return outcomes.All(o => o.Clean) ? RunExitCode.Clean : RunExitCode.NotebookFailed;
    }

    private async Task<Outcome> RunOneAsync(IsolatedNotebookRunner runner, string source, string target, RunSettings settings, CancellationToken cancellationToken)
    {
        Notebook notebook;
        try
        {
            notebook = Notebook.Load(source);
        }
        catch (NotebookFormatException e)
        {
            stderr.WriteLine($"  {e.Message}");
            return new Outcome(source, null, null, "malformed notebook", TimeSpan.Zero);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"  {Relative(source)}: cannot be read: {e.Message}");
            return new Outcome(source, null, null, "unreadable", TimeSpan.Zero);
        }

        // In the worker process: a cell that overflows the stack, calls Environment.Exit or leaves a thread spinning
        // ends (or keeps busy) that process, not this one; the next notebook gets a fresh one.
        var result = await runner.RunFileAsync(source, new NotebookRunOptions
        {
            AllowErrors = settings.AllowErrors,
            CellTimeout = settings.CellTimeout,
            BuildReferencedProjects = false, // done once, above
            Log = message => stdout.WriteLine($"  {message}"),
            Progress = p =>
            {
                if (!p.Finished) return;
                var r = p.Result!;
                var status = r.Status switch
                {
                    CellRunStatus.Ok => "ok",
                    CellRunStatus.TimedOut => "TIME LIMIT",
                    CellRunStatus.Interrupted => "interrupted",
                    _ => "ERROR",
                };
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  cell {p.CodeCellNumber,3}/{p.CodeCellCount}  {status,-11} {Seconds(r.Elapsed),9}   elapsed {Seconds(p.NotebookElapsed)}"));
                if (r.Error is { } error)
                    foreach (var line in error.Traceback.Take(error.EName == "ProcessDied" ? 30 : 12)) stderr.WriteLine($"      {line}");
            },
        }, cancellationToken);

        if (cancellationToken.IsCancellationRequested)
            return new Outcome(source, null, result, "cancelled", result.Elapsed);
        if (settings.InPlace && KeepPreviousOutputs(notebook, result) is { Count: > 0 } kept)
            stdout.WriteLine($"  code cell{(kept.Count == 1 ? "" : "s")} {string.Join(", ", kept)} did not run and kept {(kept.Count == 1 ? "its" : "their")} previous outputs");
        try
        {
            result.Notebook.Save(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"  cannot write {Relative(target)}: {e.Message}");
            return new Outcome(source, null, result, "not written", result.Elapsed);
        }
        stdout.WriteLine($"  -> {Relative(target)}");
        return new Outcome(source, target, result, null, result.Elapsed);
    }

    /// <summary>
    /// In place, the cells after a failure did not run: like a notebook front end after a failed "run all", they keep
    /// the outputs and execution counts they had, instead of losing them. Returns their code cell numbers.
    /// </summary>
    private static List<int> KeepPreviousOutputs(Notebook original, NotebookRunResult result)
    {
        var kept = new List<int>();
        foreach (var cell in result.Cells.Where(c => c.Status == CellRunStatus.NotRun && c.CodeCellNumber is not null))
        {
            var before = original.Cells[cell.Index];
            if (before.Outputs.Count == 0 && before.ExecutionCount is null) continue;
            var after = result.Notebook.Cells[cell.Index];
            after.Outputs.Clear();
            after.Outputs.AddRange(before.Outputs.Select(o => o.Clone()));
            after.ExecutionCount = before.ExecutionCount;
            kept.Add(cell.CodeCellNumber!.Value);
        }
        return kept;
    }

    private void PrintSummary(List<Outcome> outcomes)
    {
        if (outcomes.Count == 0) return;
        var rows = outcomes.Select(o =>
        {
            var r = o.Result;
            var cells = r is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{r.CellsRun}/{r.CodeCellCount}");
            string status;
            if (o.Failure is not null && r is null) status = o.Failure;
            else if (r!.Succeeded) status = "ok";
            else if (r.FirstFailure is { } f)
                status = $"{(f.Status == CellRunStatus.TimedOut ? "time limit" : "error")} in cell {f.CodeCellNumber}: {Shorten(f.Error?.ToString() ?? "", 60)}";
            else status = o.Failure ?? "failed";
            return (Name: Path.GetFileName(o.Source), Cells: cells, Status: status, Time: Seconds(o.Elapsed));
        }).ToList();
        int nameWidth = Math.Max("notebook".Length, rows.Max(r => r.Name.Length));
        int statusWidth = Math.Max("status".Length, rows.Max(r => r.Status.Length));
        stdout.WriteLine();
        stdout.WriteLine($"{"notebook".PadRight(nameWidth)}  {"cells",7}  {"status".PadRight(statusWidth)}  {"time",9}");
        foreach (var r in rows)
            stdout.WriteLine($"{r.Name.PadRight(nameWidth)}  {r.Cells,7}  {r.Status.PadRight(statusWidth)}  {r.Time,9}");
        int clean = outcomes.Count(o => o.Clean);
        stdout.WriteLine(clean == outcomes.Count
            ? $"all {outcomes.Count} notebook{(outcomes.Count == 1 ? "" : "s")} ran clean in {Seconds(TimeSpan.FromTicks(outcomes.Sum(o => o.Elapsed.Ticks)))}."
            : $"{outcomes.Count - clean} of {outcomes.Count} notebook{(outcomes.Count == 1 ? "" : "s")} failed.");
    }

    private List<string> ResolveNotebooks(IReadOnlyList<string> paths, string root)
    {
        var inputs = paths.Count == 0 ? [Path.Combine(root, "notebooks")] : paths.Select(p => Path.GetFullPath(p, currentDirectory)).ToList();
        var notebooks = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input)) notebooks.Add(input);
            else if (Directory.Exists(input))
                notebooks.AddRange(Directory.GetFiles(input, "*.ipynb").Order(StringComparer.Ordinal));
            else
                throw new ArgumentException(paths.Count == 0
                    ? $"there is no notebooks/ folder at {Relative(input)}: run from the repository, or pass notebooks or folders."
                    : $"no such notebook or folder: {Relative(input)}");
        }
        return notebooks.Distinct().ToList();
    }

    private static List<string> OutputPaths(List<string> notebooks, string? outputFolder)
    {
        if (outputFolder is null) return notebooks;
        var names = notebooks.Select(Path.GetFileName).ToList();
        return notebooks.Select((n, i) =>
        {
            var name = names[i]!;
            if (names.Count(x => x == name) > 1) name = Path.GetFileName(Path.GetDirectoryName(n)) + "-" + name;
            return Path.Combine(outputFolder, name);
        }).ToList();
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding Descent.slnx or a .git; else <paramref name="start"/>.</summary>
    internal static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Descent.slnx")) || Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
                return dir.FullName;
        return start;
    }

    private int Usage(string message)
    {
        stderr.WriteLine($"descent run: {message}");
        return RunExitCode.BadInput;
    }

    private string Relative(string path)
    {
        var relative = Path.GetRelativePath(currentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.00} s");

    private static string Shorten(string s, int max)
    {
        s = s.Replace('\n', ' ');
        return s.Length <= max ? s : s[..(max - 1)] + "…";
    }
}
