namespace Descent.Site.Tests;

/// <summary>Where the tests find the repository, the fixture lessons, and where they leave artifacts.</summary>
internal static class TestPaths
{
    /// <summary>The repository root (the folder holding Descent.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The executed fixture lessons copied beside the test assembly.</summary>
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The fixture lessons, in site order.</summary>
    public static IReadOnlyList<string> FixtureLessons =>
        Directory.GetFiles(Fixtures, "*.ipynb").Order(StringComparer.Ordinal).ToList();

    /// <summary>The repository's lessons (notebooks/*.ipynb), possibly none yet.</summary>
    public static IReadOnlyList<string> RepositoryLessons
    {
        get
        {
            var folder = Path.Combine(RepositoryRoot, "notebooks");
            return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
        }
    }

    /// <summary>A folder under artifacts/ (created).</summary>
    public static string Artifacts(string name)
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A fresh, empty temporary folder (removed with the others when the test process exits).</summary>
    public static string NewTempFolder()
    {
        var path = Path.Combine(TempRoot.Value, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static readonly Lazy<string> TempRoot = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "descent-site-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return root;
    });

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Descent.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Descent.slnx above {AppContext.BaseDirectory}.");
    }
}
