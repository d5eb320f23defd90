using System.Globalization;
using Descent.Notebooks.Execution;

namespace Descent.Notebooks.Running;

/// <summary>
/// What <c>descent run</c> and <c>descent export</c> share before any notebook runs: the exit codes, the per-cell time
/// limit (its default and how a <c>--timeout</c> value is checked), and the check of an output folder. One place, so
/// that the same input gets the same answer from both commands.
/// </summary>
public static class RunSetup
{
    /// <summary>The default per-cell time limit, in seconds (<see cref="SessionOptions.DefaultCellTimeout"/>).</summary>
    public static double DefaultTimeoutSeconds => SessionOptions.DefaultCellTimeout.TotalSeconds;

    /// <summary>
    /// The time limit a <c>--timeout</c> value gives (0: none), or the reason it is not one: not a number, negative,
    /// infinite or longer than a timer can wait.
    /// </summary>
    public static bool TryCellTimeout(double seconds, out TimeSpan timeout, out string? error)
    {
        timeout = Timeout.InfiniteTimeSpan;
        error = null;
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < 0 || seconds > int.MaxValue / 1000.0)
        {
            error = $"--timeout must be a number of seconds, 0 or more (0: no limit), at most {int.MaxValue / 1000:N0}; it was {seconds.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }
        if (seconds > 0) timeout = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>How a time limit is printed: "120 s", or "none".</summary>
    public static string TimeoutText(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? "none" : timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// Why <paramref name="folder"/> (relative to <paramref name="baseDirectory"/>, default the current one) cannot be an
    /// output folder (empty, or an existing file), or null when it can.
    /// </summary>
    public static string? OutputFolderProblem(string? folder, string? baseDirectory = null)
    {
        if (folder is null) return null;
        if (string.IsNullOrWhiteSpace(folder)) return "--out needs a folder name; it was empty (e.g. --out site).";
        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder, baseDirectory ?? Environment.CurrentDirectory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"--out '{folder}' is not a usable path: {e.Message}";
        }
        if (File.Exists(full) && !Directory.Exists(full)) return $"--out '{folder}' is a file; give it a folder.";
        return null;
    }
}

/// <summary>The exit codes of <c>descent run</c> and <c>descent export</c>.</summary>
public static class ExitCodes
{
    /// <summary>Every notebook ran clean (and, for export, the site was written).</summary>
    public const int Clean = 0;

    /// <summary>At least one notebook failed (a cell error, a time limit, a malformed or unreadable file); the others still ran.</summary>
    public const int NotebookFailed = 1;

    /// <summary>Bad usage, found before anything ran: a missing path, no notebooks, conflicting or invalid options, an unusable output.</summary>
    public const int BadInput = 2;

    /// <summary>A project the notebooks reference did not build (run), or the browser runtime could not be built (export); no notebook ran.</summary>
    public const int BuildFailed = 3;

    /// <summary>Cancelled (Ctrl+C); for export, the previous site is left as it was.</summary>
    public const int Cancelled = 130;
}
