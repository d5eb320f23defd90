using System.CommandLine;
using Descent.Site.Export;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent export [notebooks or folders...] [--out site]</c>: runs the lessons through the engine (or, with
/// <c>--executed</c>, takes them as already executed) and writes the static site. Exit code 0 when every lesson ran
/// clean, 1 when a lesson failed (the others are still published), 2 when the input or output is unusable.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The <c>export</c> subcommand.</summary>
    public static Command Create()
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "Notebooks or folders to publish (default: every notebook in notebooks/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The site folder, replaced as a whole when the export finishes.",
            DefaultValueFactory = _ => "site",
        };
        var executed = new Option<bool>("--executed")
        {
            Description = "The notebooks already carry their outputs: publish them as they are, without running them.",
        };
        var command = new Command("export", "Write a self-contained HTML site of the lessons: index, one page per lesson, the executed notebooks, shared assets.")
        {
            notebooks, output, executed,
        };
        command.SetAction(parse => Run(parse.GetValue(notebooks) ?? [], parse.GetValue(output)!, parse.GetValue(executed), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Runs an export and prints its report; returns the exit code.</summary>
    internal static int Run(IReadOnlyList<string> inputs, string outputDirectory, bool alreadyExecuted, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<string> files;
        try
        {
            files = LessonFiles.Resolve(inputs, "notebooks");
        }
        catch (FileNotFoundException e)
        {
            stderr.WriteLine($"descent export: {e.Message}");
            return 2;
        }

        var lessons = new List<ExecutedLesson>();
        var unreadable = new List<string>();
        foreach (var file in files)
        {
            if (alreadyExecuted)
            {
                lessons.Add(new ExecutedLesson(file, File.ReadAllText(file)));
                continue;
            }
            stderr.WriteLine("descent export: running notebooks needs the engine's execution API, which is not on this branch yet; pass --executed to publish notebooks that already carry their outputs.");
            return 2;
        }

        SiteExportResult result;
        try
        {
            result = new SiteExporter().Export(lessons, outputDirectory);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"descent export: {e.Message}");
            return 2;
        }

        ExportReport.Write(result, stdout);
        foreach (var lesson in result.Lessons.Where(l => l.Failure is not null))
            stderr.WriteLine($"descent export: {Path.GetFileName(lesson.SourcePath)} failed at {lesson.Failure}");
        return result.Succeeded && unreadable.Count == 0 ? 0 : 1;
    }
}
