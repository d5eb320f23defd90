namespace Descent.Notebooks.Desktop;

/// <summary>
/// The process has one current directory, but each notebook runs in its own folder. Cells whose sessions use the
/// same folder may run together; a cell needing another folder waits until the others have finished.
/// </summary>
internal static class WorkingDirectoryGate
{
    private static readonly object Gate = new();
    private static string? s_directory;
    private static string? s_previous;
    private static int s_holders;

    public static void Enter(string directory)
    {
        lock (Gate)
        {
            while (s_holders > 0 && !string.Equals(s_directory, directory, StringComparison.Ordinal))
                Monitor.Wait(Gate);
            if (s_holders == 0 || s_directory is null)
            {
                s_previous = CurrentDirectoryOrNull();
                s_directory = directory;
                Environment.CurrentDirectory = directory;
            }
            s_holders++;
        }
    }

    /// <summary>The process's current directory, or null if it has been deleted.</summary>
    public static string? CurrentDirectoryOrNull()
    {
        try
        {
            return Environment.CurrentDirectory;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static void Exit()
    {
        lock (Gate)
        {
            s_holders--;
            if (s_holders == 0)
            {
                // Give the process its directory back, so a notebook folder deleted later (a test's temporary one)
                // does not leave the process in a directory that no longer exists.
                if (s_previous is not null && Directory.Exists(s_previous))
                {
                    try { Environment.CurrentDirectory = s_previous; } catch (IOException) { }
                }
                s_directory = null;
                Monitor.PulseAll(Gate);
            }
        }
    }
}
