using System.Collections.Concurrent;
using Descent.Notebooks;
using Descent.Notebooks.Running;
using Descent.Testing;

namespace Descent.Lessons.Tests;

/// <summary>
/// Runs lessons through the notebook engine exactly as <c>descent run</c> does (the library they <c>#r</c> is built
/// first, cells run in the notebook's folder, stop at the first failing cell, 120 s per cell), once per test run:
/// every test asking for the same lesson shares one execution, and the repository's lessons are executed once for all
/// the test projects (<see cref="ExecutedLessons"/>: the site's tests export the same executed copies).
/// <code>
/// var lesson = await Lessons.Run("01-minimizing-a-function");
/// Assert.Contains("5.0464000000000055", lesson.Cell(7).Text);
/// </code>
/// Executed copies of the lessons are in <c>.executed-lessons/</c> at the repository root; other notebooks' (fixtures')
/// under <c>artifacts/test-results/lessons/</c>, for inspection.
/// </summary>
public static class Lessons
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<LessonRun>>> s_runs = new(StringComparer.Ordinal);

    /// <summary>The repository root (the folder holding Descent.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The lessons' folder, <c>notebooks/</c>.</summary>
    public static string NotebooksFolder => Path.Combine(RepositoryRoot, "notebooks");

    /// <summary>The lessons' names (file names without .ipynb), sorted.</summary>
    public static IReadOnlyList<string> Names =>
        Directory.Exists(NotebooksFolder)
            ? Directory.GetFiles(NotebooksFolder, "*.ipynb").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Runs (once) the lesson <c>notebooks/{name}.ipynb</c>; <paramref name="name"/> may include .ipynb.</summary>
    /// <exception cref="FileNotFoundException">No such lesson; the message lists the lessons there are.</exception>
    public static Task<LessonRun> Run(string name)
    {
        var file = name.EndsWith(".ipynb", StringComparison.Ordinal) ? name : name + ".ipynb";
        var path = Path.Combine(NotebooksFolder, file);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"No lesson {file} in {NotebooksFolder}. Lessons: {(Names.Count == 0 ? "none yet" : string.Join(", ", Names))}.", path);
        return RunFile(path);
    }

    /// <summary>Runs (once) any notebook file, e.g. a fixture; relative paths start at the repository root.</summary>
    public static Task<LessonRun> RunFile(string path)
    {
        var full = Path.GetFullPath(path, RepositoryRoot);
        return s_runs.GetOrAdd(full, p => new Lazy<Task<LessonRun>>(() => Execute(p))).Value;
    }

    private static async Task<LessonRun> Execute(string path)
    {
        if (Path.GetDirectoryName(path) == Path.GetFullPath(NotebooksFolder))
            return new LessonRun(await ExecutedLessons.GetAsync(Path.GetFileName(path)));
        var result = await NotebookRunner.RunFileAsync(path, new NotebookRunOptions { BuildReferencedProjects = true });
        var run = new LessonRun(ExecutedNotebook.From(path, result));
        var saved = Path.Combine(RepositoryRoot, "artifacts", "test-results", "lessons", Path.GetFileName(path));
        try
        {
            result.Notebook.Save(saved);
        }
        catch (IOException)
        {
            // Saving the copy is a convenience; the assertions do not depend on it.
        }
        return run;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Descent.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Descent.slnx above {AppContext.BaseDirectory}: the lesson tests must run inside the repository.");
    }

    internal static void Forget(string path) => s_runs.TryRemove(Path.GetFullPath(path, RepositoryRoot), out _);

    /// <summary>An atomic write the tests can use for fixtures of their own.</summary>
    internal static void Write(string path, string text) => AtomicFile.WriteAllText(path, text);
}
