using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Descent.Notebooks.Model;
using Descent.Notebooks.Running;

namespace Descent.Testing;

/// <summary>
/// The repository's lessons (notebooks/*.ipynb), executed by the desktop engine exactly as <c>descent run</c> does, once
/// per test run and shared by every test project: the first project that asks runs them and saves the executed copies,
/// with each cell's status and time, in <c>.executed-lessons/</c> at the repository root; the others (other test
/// processes included: <c>dotnet test</c> runs the projects side by side) wait for it and load the copies.
/// <para>
/// The folder sits directly under the repository root, so a lesson's relative <c>#r "../lib/..."</c> resolves from
/// the copies exactly as from notebooks/ (the site exporter compiles them for highlighting). Its contents are keyed by
/// a hash of everything an execution depends on: the lessons, the library's sources and data, the package pins and the
/// engine's own assemblies. A change to any of them executes the lessons again; an unchanged tree reuses them.
/// </para>
/// </summary>
public static class ExecutedLessons
{
    private const string FolderName = ".executed-lessons";
    private static readonly Lazy<Task<IReadOnlyList<ExecutedNotebook>>> s_all = new(LoadOrExecuteAsync);

    /// <summary>The repository root (the folder holding Descent.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The folder holding the executed copies (same file names as in notebooks/).</summary>
    public static string Folder => Path.Combine(RepositoryRoot, FolderName);

    /// <summary>Every lesson, executed (in file-name order); an empty list when the repository has no lessons.</summary>
    public static Task<IReadOnlyList<ExecutedNotebook>> AllAsync() => s_all.Value;

    /// <summary>One lesson, by its file name with or without .ipynb.</summary>
    public static async Task<ExecutedNotebook> GetAsync(string fileName)
    {
        var file = fileName.EndsWith(".ipynb", StringComparison.Ordinal) ? fileName : fileName + ".ipynb";
        var all = await AllAsync();
        return all.FirstOrDefault(l => Path.GetFileName(l.SourcePath) == file)
            ?? throw new FileNotFoundException($"No lesson {file} in notebooks/. Lessons: {string.Join(", ", all.Select(l => Path.GetFileName(l.SourcePath)))}.");
    }

    private static string NotebooksFolder => Path.Combine(RepositoryRoot, "notebooks");

    private static IReadOnlyList<string> LessonFiles() =>
        Directory.Exists(NotebooksFolder)
            ? Directory.GetFiles(NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal).ToList()
            : [];

    private static async Task<IReadOnlyList<ExecutedNotebook>> LoadOrExecuteAsync()
    {
        var lessons = LessonFiles();
        if (lessons.Count == 0) return [];
        Directory.CreateDirectory(Folder);
        var key = Key(lessons);
        await using var gate = await CrossProcessLock.TakeAsync(Path.Combine(Folder, ".lock"), TimeSpan.FromMinutes(20));
        var keyFile = Path.Combine(Folder, "key.txt");
        if (File.Exists(keyFile) && File.ReadAllText(keyFile) == key)
        {
            var loaded = lessons.Select(l => ExecutedNotebook.Load(l, Path.Combine(Folder, Path.GetFileName(l)))).ToList();
            if (loaded.All(l => l is not null)) return loaded!;
        }

        File.Delete(keyFile);
        foreach (var stale in Directory.GetFiles(Folder).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))) File.Delete(stale);
        var executed = new List<ExecutedNotebook>();
        bool first = true;
        foreach (var lesson in lessons)
        {
            var result = await NotebookRunner.RunFileAsync(lesson, new NotebookRunOptions { BuildReferencedProjects = first });
            first = false;
            var run = ExecutedNotebook.From(lesson, result);
            run.Save(Path.Combine(Folder, Path.GetFileName(lesson)));
            executed.Add(run);
        }
        File.WriteAllText(keyFile, key);
        return executed;
    }

    /// <summary>A hash of everything the lessons' outputs depend on.</summary>
    private static string Key(IReadOnlyList<string> lessons)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string file)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(RepositoryRoot, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        foreach (var lesson in lessons) Add(lesson);
        foreach (var folder in new[] { "lib", "data" })
        {
            var root = Path.Combine(RepositoryRoot, folder);
            if (!Directory.Exists(root)) continue;
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                  && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
                Add(file);
        }
        foreach (var file in new[] { "Directory.Packages.props", "Directory.Build.props", "global.json" })
            if (File.Exists(Path.Combine(RepositoryRoot, file))) Add(Path.Combine(RepositoryRoot, file));
        // The engine that executes them (deterministic builds: the same sources give the same bytes in every test project).
        foreach (var assembly in new[] { typeof(NotebookRunner).Assembly, typeof(Notebook).Assembly })
            hash.AppendData(File.ReadAllBytes(assembly.Location));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Descent.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Descent.slnx above {AppContext.BaseDirectory}: the tests must run inside the repository.");
    }
}

/// <summary>An executed notebook and how each of its cells ended, as the tests read it.</summary>
/// <param name="SourcePath">The notebook that was executed (e.g. notebooks/01-....ipynb).</param>
/// <param name="Notebook">The executed copy (outputs, execution counts).</param>
/// <param name="Cells">One entry per cell, in order.</param>
/// <param name="Elapsed">Total time, building included.</param>
/// <param name="BuildError">Why the library could not be built (then no cell ran), or null.</param>
public sealed record ExecutedNotebook(string SourcePath, Notebook Notebook, IReadOnlyList<ExecutedCell> Cells, TimeSpan Elapsed, string? BuildError)
{
    /// <summary>True if the build and every code cell ran clean.</summary>
    public bool Succeeded => BuildError is null && Cells.All(c => c.Status is CellRunStatus.Ok or CellRunStatus.NotCode);

    /// <summary>The first failed cell, or null.</summary>
    public ExecutedCell? FirstFailure => Cells.FirstOrDefault(c => c.Failed);

    /// <summary>From the engine's result.</summary>
    public static ExecutedNotebook From(string sourcePath, NotebookRunResult result) =>
        new(sourcePath, result.Notebook,
            result.Cells.Select(c => new ExecutedCell(c.Index, c.CodeCellNumber, c.Status, c.Elapsed, c.Error?.Traceback ?? [])).ToList(),
            result.Elapsed, result.BuildError);

    /// <summary>Writes the executed copy to <paramref name="path"/> and the cells' statuses beside it (<c>.run.json</c>).</summary>
    public void Save(string path)
    {
        Notebook.Save(path);
        var record = new Record(Cells.Select(c => new CellRecord(c.Index, c.CodeCellNumber, c.Status.ToString(), c.Elapsed.TotalMilliseconds, c.Traceback)).ToList(),
            Elapsed.TotalMilliseconds, BuildError);
        File.WriteAllText(path + ".run.json", JsonSerializer.Serialize(record));
    }

    /// <summary>Reads what <see cref="Save"/> wrote, or null when it is missing or unreadable.</summary>
    public static ExecutedNotebook? Load(string sourcePath, string path)
    {
        try
        {
            var record = JsonSerializer.Deserialize<Record>(File.ReadAllText(path + ".run.json"));
            if (record is null) return null;
            var cells = record.Cells.Select(c => new ExecutedCell(c.Index, c.CodeCellNumber, Enum.Parse<CellRunStatus>(c.Status),
                TimeSpan.FromMilliseconds(c.ElapsedMs), c.Traceback)).ToList();
            return new ExecutedNotebook(sourcePath, Notebook.Load(path), cells, TimeSpan.FromMilliseconds(record.ElapsedMs), record.BuildError);
        }
        catch (Exception e) when (e is IOException or JsonException or ArgumentException or NotebookFormatException)
        {
            return null;
        }
    }

    private sealed record Record(List<CellRecord> Cells, double ElapsedMs, string? BuildError);

    private sealed record CellRecord(int Index, int? CodeCellNumber, string Status, double ElapsedMs, IReadOnlyList<string> Traceback);
}

/// <summary>How one cell of an executed notebook ended.</summary>
/// <param name="Index">0-based index among all cells.</param>
/// <param name="CodeCellNumber">1-based number among code cells (null for markdown and raw cells).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Elapsed">Wall-clock time (zero when it did not run).</param>
/// <param name="Traceback">The failure's traceback (empty when it did not fail).</param>
public sealed record ExecutedCell(int Index, int? CodeCellNumber, CellRunStatus Status, TimeSpan Elapsed, IReadOnlyList<string> Traceback)
{
    /// <summary>True for a failed cell (error, time limit, interrupt).</summary>
    public bool Failed => Status is CellRunStatus.Error or CellRunStatus.TimedOut or CellRunStatus.Interrupted;
}

/// <summary>A lock held across processes: an exclusively opened file, released on dispose (and by the OS if the process dies).</summary>
internal sealed class CrossProcessLock : IAsyncDisposable
{
    private readonly FileStream _file;

    private CrossProcessLock(FileStream file) => _file = file;

    /// <summary>Waits until no other process holds <paramref name="path"/>.</summary>
    /// <exception cref="TimeoutException">Another process held it for longer than <paramref name="timeout"/>.</exception>
    public static async Task<CrossProcessLock> TakeAsync(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(250);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Another test process held {path} for {timeout.TotalMinutes:0} minutes.", e);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
