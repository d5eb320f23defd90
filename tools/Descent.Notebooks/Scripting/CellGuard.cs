using System.ComponentModel;

namespace Descent.Notebooks.Scripting;

/// <summary>
/// The check the engine writes at the top of every loop body and method body of a cell before compiling it,
/// so that a runaway cell (<c>while (true) {}</c>) can be stopped: .NET cannot abort a thread, but the cell's
/// own code reads a volatile flag once per iteration and throws <see cref="CellStoppedException"/> when an
/// interrupt or the cell's time limit has set it. Each session has its own slot, so sessions do not stop each other.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellGuard
{
    private sealed class Slot
    {
        public volatile bool Stop;
        public volatile string Reason = "";
        public volatile bool IsTimeout;
    }

    private static readonly object Gate = new();
    private static Slot[] s_slots = new Slot[16];
    private static int s_count;

    /// <summary>Throws <see cref="CellStoppedException"/> if the session owning <paramref name="slot"/> asked its cell to stop.</summary>
    public static void Check(int slot)
    {
        var s = Volatile.Read(ref s_slots)[slot];
        if (s.Stop) Throw(s);
    }

    /// <summary>
    /// What the engine writes at the top of every method, local function, accessor and block lambda body of a cell:
    /// <see cref="Check"/>, and a stop before the thread's stack is full, so that runaway recursion throws
    /// <see cref="InsufficientExecutionStackException"/> (an ordinary cell error) instead of a stack overflow, which .NET
    /// cannot catch and which ends the process.
    /// </summary>
    public static void Enter(int slot)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) ThrowTooDeep();
        var s = Volatile.Read(ref s_slots)[slot];
        if (s.Stop) Throw(s);
    }

    private static void ThrowTooDeep() => throw new InsufficientExecutionStackException(
        "The recursion went too deep (infinite recursion?): the call was stopped before the stack overflowed, which would have ended the process. Check the recursion's base case.");

    private static void Throw(Slot s) => throw new CellStoppedException(s.Reason, s.IsTimeout);

    internal static int Allocate()
    {
        lock (Gate)
        {
            if (s_count == s_slots.Length)
            {
                var grown = new Slot[s_slots.Length * 2];
                Array.Copy(s_slots, grown, s_slots.Length);
                Volatile.Write(ref s_slots, grown);
            }
            s_slots[s_count] = new Slot();
            return s_count++;
        }
    }

    internal static void RequestStop(int slot, string reason, bool isTimeout)
    {
        var s = Volatile.Read(ref s_slots)[slot];
        s.Reason = reason;
        s.IsTimeout = isTimeout;
        s.Stop = true;
    }

    internal static void Reset(int slot) => Volatile.Read(ref s_slots)[slot].Stop = false;

    internal static bool IsStopRequested(int slot) => Volatile.Read(ref s_slots)[slot].Stop;
}
