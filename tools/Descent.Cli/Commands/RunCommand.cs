using System.CommandLine;
using Descent.Notebooks.Running;
using System.Globalization;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent run [notebooks or folders...]</c>: builds what the notebooks reference, executes each one headlessly
/// through the engine, writes the executed copies, prints progress and a summary. Exit code 0 only if every notebook
/// ran clean (see <see cref="RunExitCode"/>).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("notebooks")
        {
            Description = "Notebooks (.ipynb) or folders of notebooks to run. Default: every notebook in notebooks/.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder for the executed copies. Default: artifacts/notebooks/ at the repository root.",
        };
        var inPlace = new Option<bool>("--in-place")
        {
            Description = "Write outputs into the source notebooks instead of copies.",
        };
        var allowErrors = new Option<bool>("--allow-errors")
        {
            Description = "Keep running a notebook after a failing cell (the exit code still reports the failure).",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time limit per cell, in seconds (0: no limit).",
            DefaultValueFactory = _ => RunSetup.DefaultTimeoutSeconds,
        };
        var noBuild = new Option<bool>("--no-build")
        {
            Description = "Do not build the projects whose assemblies the notebooks #r.",
        };
        var command = new Command("run",
            "Execute notebooks headlessly, exactly as the C# kernel runs them, and save the executed copies. " +
            "Exit code: 0 every notebook ran clean, 1 a notebook failed, 2 bad input (missing path, no notebooks), 3 a referenced project did not build.")
        {
            paths, output, inPlace, allowErrors, timeout, noBuild,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new RunSettings(
                parse.GetValue(paths) ?? [],
                parse.GetValue(output),
                parse.GetValue(inPlace),
                parse.GetValue(allowErrors),
                parse.GetValue(timeout),
                !parse.GetValue(noBuild));
            return await new RunCommandHandler(Console.Out, Console.Error, Environment.CurrentDirectory).RunAsync(settings, cancellationToken);
        });
        return command;
    }
}

/// <summary>What <c>descent run</c> was asked to do.</summary>
/// <param name="Paths">Notebooks or folders; empty means notebooks/.</param>
/// <param name="OutputFolder">Where executed copies go (null: artifacts/notebooks).</param>
/// <param name="InPlace">Overwrite the sources instead.</param>
/// <param name="AllowErrors">Keep going after a failing cell.</param>
/// <param name="TimeoutSeconds">Per-cell limit; 0 for none.</param>
/// <param name="Build">Build referenced projects first.</param>
internal sealed record RunSettings(IReadOnlyList<string> Paths, string? OutputFolder, bool InPlace, bool AllowErrors, double TimeoutSeconds, bool Build)
{
    public TimeSpan CellTimeout => RunSetup.TryCellTimeout(TimeoutSeconds, out var timeout, out _) ? timeout : Timeout.InfiniteTimeSpan;

    public string TimeoutText => RunSetup.TimeoutText(CellTimeout);
}

/// <summary>The exit codes of <c>descent run</c>: <see cref="ExitCodes"/>, shared with export.</summary>
internal static class RunExitCode
{
    public const int Clean = ExitCodes.Clean;
    public const int NotebookFailed = ExitCodes.NotebookFailed;
    public const int BadInput = ExitCodes.BadInput;
    public const int BuildFailed = ExitCodes.BuildFailed;
    public const int Cancelled = ExitCodes.Cancelled;
}
