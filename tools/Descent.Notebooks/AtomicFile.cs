using System.Text;

namespace Descent.Notebooks;

/// <summary>
/// Writes files so that a reader never sees a half-written one: the content goes to a temporary file in the
/// same folder, which then replaces the target by a rename.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="contents"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>, atomically.</summary>
    public static void WriteAllText(string path, string contents) => WriteAllBytes(path, Utf8NoBom.GetBytes(contents));

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/>, atomically. Creates the folder if needed. An existing
    /// file keeps its permissions; a symbolic link stays a link and the file it points to is updated; a file without
    /// write permission for its owner is refused, never replaced. Temporary files that a killed process left behind
    /// beside the target are removed.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The file is read-only (or the folder cannot be written).</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        if (new FileInfo(full).LinkTarget is not null)
            full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        UnixFileMode? mode = null;
        if (!OperatingSystem.IsWindows() && File.Exists(full))
        {
            mode = File.GetUnixFileMode(full);
            if ((mode & UnixFileMode.UserWrite) == 0)
                throw new UnauthorizedAccessException(
                    $"{path} is read-only (mode {Convert.ToString((int)mode, 8)}); it was left as it was. Make it writable (chmod u+w) or write elsewhere.");
        }
        RemoveLeftovers(folder, Path.GetFileName(full));
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, m);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>Deletes <c>.NAME.PID.GUID.tmp</c> files beside the target whose writing process no longer runs.</summary>
    private static void RemoveLeftovers(string folder, string name)
    {
        try
        {
            foreach (var temp in Directory.EnumerateFiles(folder, $".{name}.*.tmp"))
            {
                var parts = Path.GetFileName(temp)[(name.Length + 2)..].Split('.');
                if (parts.Length == 3 && int.TryParse(parts[0], out var pid) && !ProcessIsRunning(pid)) File.Delete(temp);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>True while a process with this id runs (the check a leftover's cleanup needs: its writer is gone).</summary>
    public static bool ProcessIsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
