namespace Descent.Notebooks.Execution;

/// <summary>
/// The process has one current directory, but each notebook runs in its own folder. Cells whose sessions use the
/// same folder may run together; a cell needing another folder waits until the others have finished.
/// </summary>
internal static class WorkingDirectoryGate
{
    private static readonly object Gate = new();
    private static string? s_directory;
    private static int s_holders;

    public static void Enter(string directory)
    {
        lock (Gate)
        {
            while (s_holders > 0 && !string.Equals(s_directory, directory, StringComparison.Ordinal))
                Monitor.Wait(Gate);
            if (s_holders == 0 || s_directory is null)
            {
                s_directory = directory;
                Environment.CurrentDirectory = directory;
            }
            s_holders++;
        }
    }

    public static void Exit()
    {
        lock (Gate)
        {
            s_holders--;
            if (s_holders == 0) Monitor.PulseAll(Gate);
        }
    }
}
