using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Descent.Notebooks.Model;
using Descent.Notebooks.Running;
using Descent.Site.Export;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent export [notebooks or folders...] [--out site]</c>: runs the lessons through the engine (or, with
/// <c>--executed</c>, takes them as already executed) and writes the static site (Descent.Site). Exit code 0 when
/// every lesson ran clean; 1 when a lesson failed or could not be read (the others are still published); 2 when the
/// input or the output folder is unusable; 3 when the browser runtime cannot be built (it is built first, before any
/// lesson runs); 130 when cancelled (the previous site is left as it was). See <see cref="ExitCodes"/>.
/// </summary>
internal static class ExportCommand
{
    private static readonly SemaphoreSlim s_publishing = new(1, 1);

    /// <summary>The <c>export</c> subcommand.</summary>
    public static Command Create()
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "Notebooks (.ipynb) or folders of notebooks to publish. Default: every notebook in notebooks/.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The site folder. Built beside it, then swapped in whole.",
            DefaultValueFactory = _ => "site",
        };
        var executed = new Option<bool>("--executed")
        {
            Description = "The notebooks already carry their outputs (e.g. from descent run): publish them without running them.",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time limit per cell, in seconds (0: no limit).",
            DefaultValueFactory = _ => RunSetup.DefaultTimeoutSeconds,
        };
        var noRuntime = new Option<bool>("--no-runtime")
        {
            Description = "Leave out the browser runtime: the pages can be read but their cells cannot be run. By default export also " +
                          "publishes the runtime (tools/Descent.Browser, .NET WebAssembly) into assets/runtime/, so that, served over http " +
                          "(descent serve), every code cell can be edited and run in the browser.",
        };
        var handouts = new Option<bool>("--handouts")
        {
            Description = "Also write each lesson's printable handouts beside its page, linked from it: NN-....student.html (no answers, " +
                          "no speaker notes) and NN-....teacher.html (answers open, speaker notes shown).",
        };
        // Kept so that scripts written when the runtime was opt-in keep working; it is the default now.
        var runtime = new Option<bool>("--runtime") { Hidden = true };
        var command = new Command("export", "Write a self-contained HTML site of the lessons: index, one page per lesson, the executed notebooks, shared assets, and the runtime that runs their cells in the browser. Reads offline.")
        {
            notebooks, output, executed, timeout, noRuntime, runtime, handouts,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(noRuntime) && parse.GetValue(runtime))
            {
                Console.Error.WriteLine("descent export: --runtime and --no-runtime contradict each other; give one (the runtime is included by default).");
                return Task.FromResult(2);
            }
            return RunAsync(parse.GetValue(notebooks) ?? [], parse.GetValue(output)!, parse.GetValue(executed), parse.GetValue(timeout),
                Console.Out, Console.Error, cancellationToken, withRuntime: !parse.GetValue(noRuntime), handouts: parse.GetValue(handouts));
        });
        return command;
    }

    /// <summary>Runs an export and prints its report; returns the exit code.</summary>
    internal static async Task<int> RunAsync(IReadOnlyList<string> inputs, string outputDirectory, bool alreadyExecuted, double timeoutSeconds,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default, bool withRuntime = false, bool handouts = false)
    {
        IReadOnlyList<string> files;
        try
        {
            files = LessonFiles.Resolve(inputs, "notebooks");
        }
        catch (FileNotFoundException e)
        {
            stderr.WriteLine($"descent export: {e.Message}");
            return ExitCodes.BadInput;
        }
        if (!RunSetup.TryCellTimeout(timeoutSeconds, out var cellTimeout, out var timeoutError))
        {
            stderr.WriteLine($"descent export: {timeoutError}");
            return ExitCodes.BadInput;
        }
        if (RunSetup.OutputFolderProblem(outputDirectory) is { } outputProblem)
        {
            stderr.WriteLine($"descent export: {outputProblem}");
            return ExitCodes.BadInput;
        }

        // The lessons run one after the other in a worker process (a new one after a worker dies or a cell is stopped by
        // its time limit), so that no cell can end the export; it warms up while the runtime is published.
        using var runner = new IsolatedNotebookRunner(WorkerProcess.Command);
        if (!alreadyExecuted) runner.Start();

        // The runtime first: a build that cannot succeed should not wait for every lesson to run.
        SiteExportOptions options = new(Handouts: handouts);
        if (withRuntime)
        {
            var published = await PublishRuntimeAsync(stdout, stderr, cancellationToken);
            if (published is null) return cancellationToken.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.BuildFailed;
            options = options with { IncludesRuntime = true, RuntimeDirectory = published };
        }

        var lessons = new List<ExecutedLesson>();
        var unreadable = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            try
            {
                if (alreadyExecuted)
                {
                    lessons.Add(LessonExecution.Executed(file));
                    continue;
                }
                var clock = Stopwatch.StartNew();
                stdout.Write($"running {name} ...");
                var lesson = await LessonExecution.RunIsolatedAsync(file, cellTimeout, runner, log: message => stdout.Write($" ({message})"), cancellationToken: cancellationToken);
                stdout.WriteLine(lesson.Failure is null
                    ? $" ok ({clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)"
                    : $" FAILED at {lesson.Failure} ({clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
                lessons.Add(lesson);
            }
            catch (NotebookFormatException e)
            {
                if (!alreadyExecuted) stdout.WriteLine(" unreadable");
                stderr.WriteLine($"descent export: {name} is left out of the site: {e.Message}");
                unreadable++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (!alreadyExecuted) stdout.WriteLine(" unreadable");
                stderr.WriteLine($"descent export: {name} is left out of the site: it cannot be read: {e.Message}");
                unreadable++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                stdout.WriteLine(" cancelled");
                stderr.WriteLine("descent export: cancelled; the previous site is unchanged.");
                return ExitCodes.Cancelled;
            }
        }
        if (lessons.Count == 0)
        {
            stderr.WriteLine("descent export: no lesson could be read, so no site was written.");
            return ExitCodes.NotebookFailed;
        }

        SiteExportResult result;
        try
        {
            result = new SiteExporter(options).Export(lessons, outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"descent export: {e.Message}");
            return ExitCodes.BadInput;
        }

        ExportReport.Write(result, stdout);
        foreach (var lesson in result.Lessons.Where(l => l.Failure is not null))
            stderr.WriteLine($"descent export: {Path.GetFileName(lesson.SourcePath)} failed at {lesson.Failure}; its page shows the error at that cell.");
        return result.Succeeded && unreadable == 0 ? ExitCodes.Clean : ExitCodes.NotebookFailed;
    }

    /// <summary>
    /// Publishes tools/Descent.Browser (incrementally: a few seconds when nothing changed) to artifacts/browser-runtime/
    /// and returns its wwwroot folder, or null (with the reason on stderr) when it cannot.
    /// </summary>
    private static async Task<string?> PublishRuntimeAsync(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // The repository the command runs in, else the one this build of descent came from (dotnet run --project ...).
        var project = new[] { Environment.CurrentDirectory, AppContext.BaseDirectory }
            .Select(start => Path.Combine(RunCommandHandler.FindRepositoryRoot(start), "tools", "Descent.Browser", "Descent.Browser.csproj"))
            .FirstOrDefault(File.Exists);
        if (project is null)
        {
            stderr.WriteLine("descent export: the browser runtime is built from the Descent repository's tools/Descent.Browser, and there is " +
                             "none here or above this descent's build; run export from the repository, or pass --no-runtime for a read-only site.");
            return null;
        }
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, "..", ".."));
        var output = Path.Combine(root, "artifacts", "browser-runtime");
        stdout.WriteLine("publishing the browser runtime (tools/Descent.Browser) ...");
        int exitCode;
        string text;
        // Two exports in one process (a test run) must not publish into the same folder at once.
        await s_publishing.WaitAsync(cancellationToken);
        try
        {
            (exitCode, text) = await Descent.Notebooks.Desktop.NuGetRestorer.RunAsync("dotnet",
                ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "q"], root, cancellationToken);
        }
        finally
        {
            s_publishing.Release();
        }
        if (exitCode != 0)
        {
            stderr.WriteLine($"descent export: publishing the browser runtime failed (exit code {exitCode}):\n{text}");
            return null;
        }
        return Path.Combine(output, "wwwroot");
    }
}
