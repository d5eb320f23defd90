using System.Text;

namespace Descent.Notebooks.Execution;

/// <summary>
/// Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> once per process with writers that send text
/// to the cell running on the current logical flow (an <see cref="AsyncLocal{T}"/>), so parallel sessions and
/// threads a cell starts each capture their own output; text written outside a cell goes to the real console.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly object Gate = new();
    private static bool s_installed;

    [ThreadStatic] private static int t_bypass;

    public static void EnsureInstalled()
    {
        if (Volatile.Read(ref s_installed)) return;
        lock (Gate)
        {
            if (s_installed) return;
            Console.SetOut(new RoutingWriter(Console.Out, "stdout"));
            Console.SetError(new RoutingWriter(Console.Error, "stderr"));
            Volatile.Write(ref s_installed, true);
        }
    }

    /// <summary>Inside the returned scope, console writes on this thread go to the real console (used around observer calls).</summary>
    public static BypassScope Bypass()
    {
        t_bypass++;
        return new BypassScope();
    }

    public readonly struct BypassScope : IDisposable
    {
        public void Dispose() => t_bypass--;
    }

    private sealed class RoutingWriter(TextWriter fallback, string name) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        private CellContext? Target => t_bypass > 0 ? null : CellContext.Current;

        public override void Write(char value)
        {
            if (Target is { } ctx) ctx.WriteStream(name, value.ToString());
            else fallback.Write(value);
        }

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (Target is { } ctx) ctx.WriteStream(name, value);
            else fallback.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            if (Target is { } ctx) ctx.WriteStream(name, new string(buffer, index, count));
            else fallback.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            if (Target is { } ctx) ctx.WriteStream(name, new string(buffer));
            else fallback.Write(buffer);
        }

        public override void WriteLine(string? value)
        {
            if (Target is { } ctx) ctx.WriteStream(name, (value ?? "") + NewLine);
            else fallback.WriteLine(value);
        }

        public override void WriteLine()
        {
            if (Target is { } ctx) ctx.WriteStream(name, NewLine);
            else fallback.WriteLine();
        }

        public override void Flush()
        {
            if (Target is { } ctx) ctx.FlushIfPending();
            else fallback.Flush();
        }
    }
}
