using System.Runtime.InteropServices;

namespace Descent.Site.Export;

/// <summary>
/// Replaces a folder as one step: the new content is written to a temporary folder beside the target (same file
/// system), then swapped in. On Linux the swap is a single <c>renameat2(RENAME_EXCHANGE)</c>, so a reader sees the old
/// site or the new one, never a mix; elsewhere it is two renames in quick succession. A folder is only ever replaced
/// if it is empty or was written by <c>descent export</c> (it holds the <see cref="Marker"/> file), so a mistaken
/// <c>--out</c> never deletes someone's files.
/// </summary>
internal static class AtomicFolder
{
    /// <summary>The file that marks a folder as a site written by descent export.</summary>
    public const string Marker = ".descent-site";

    /// <summary>A new empty folder beside <paramref name="target"/> to build into.</summary>
    /// <exception cref="IOException">The target exists and is not a site (nor empty), or it is a file.</exception>
    public static string CreateStaging(string target)
    {
        var full = Resolve(target);
        CheckReplaceable(full);
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"'{full}' has no parent folder to build beside.");
        Directory.CreateDirectory(parent);
        RemoveLeftovers(parent, Path.GetFileName(full));
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24]);
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>
    /// The folder a target names: trailing separators dropped (<c>--out site/</c> is <c>site</c>), and a symbolic link
    /// followed, so the folder it points to is replaced and the link stays.
    /// </summary>
    /// <exception cref="IOException">The target is empty or names no folder (the root).</exception>
    public static string Resolve(string target)
    {
        if (string.IsNullOrWhiteSpace(target))
            throw new IOException("The output folder's name is empty; give --out a folder, e.g. --out site.");
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        if (Path.GetDirectoryName(full) is null)
            throw new IOException($"'{full}' is the root of the file system; give --out a folder of its own, e.g. --out site.");
        if (new DirectoryInfo(full).LinkTarget is not null)
            full = Directory.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        return full;
    }

    /// <summary>
    /// Deletes staging and old-site folders beside the target that a killed export left: only names this class makes
    /// (<c>.NAME.tmp-PID-HEX</c>, <c>NAME.old-PID-HEX</c>) whose process is gone, and the older names without a
    /// process id (<c>.NAME.tmp-HEX</c>, <c>NAME.old-HEX</c>).
    /// </summary>
    private static void RemoveLeftovers(string parent, string name)
    {
        var pattern = new System.Text.RegularExpressions.Regex(
            "^(?:" + System.Text.RegularExpressions.Regex.Escape("." + name + ".tmp-") + "|" + System.Text.RegularExpressions.Regex.Escape(name + ".old-") +
            ")(?:(?<pid>[0-9]+)-[0-9a-f]{8}|[0-9a-f]{7,8})$");
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(parent))
            {
                var match = pattern.Match(Path.GetFileName(folder));
                if (!match.Success) continue;
                if (match.Groups["pid"].Success && Descent.Notebooks.AtomicFile.ProcessIsRunning(int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture)))
                    continue;
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Moves <paramref name="staging"/> into place as <paramref name="target"/>, replacing what was there.</summary>
    public static void Commit(string staging, string target)
    {
        var full = Resolve(target);
        CheckReplaceable(full);
        if (!Directory.Exists(full))
        {
            Directory.Move(staging, full);
            return;
        }
        if (OperatingSystem.IsLinux() && TryExchange(staging, full))
        {
            Directory.Delete(staging, recursive: true); // now holds the previous site
            return;
        }
        var old = full + $".old-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24];
        Directory.Move(full, old);
        Directory.Move(staging, full);
        Directory.Delete(old, recursive: true);
    }

    /// <summary>Removes a staging folder after a failure, leaving the target as it was.</summary>
    public static void Abandon(string staging)
    {
        try { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void CheckReplaceable(string full)
    {
        if (File.Exists(full))
            throw new IOException($"The output '{full}' is a file; give --out a folder.");
        if (!Directory.Exists(full) || File.Exists(Path.Combine(full, Marker)) || !Directory.EnumerateFileSystemEntries(full).Any())
            return;
        throw new IOException($"The output folder '{full}' already exists and was not written by descent export (it has no {Marker} file). "
            + "Refusing to replace it: choose another --out, or empty or remove that folder first.");
    }

    private static bool TryExchange(string a, string b)
    {
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException) { return false; }
        catch (DllNotFoundException) { return false; }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath, uint flags);
}
