using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Descent.Notebooks.Scripting;
using Microsoft.CodeAnalysis;

namespace Descent.Notebooks.Execution;

/// <summary>Builds <see cref="CellError"/>s: compile diagnostics with the offending line, and stack traces trimmed to the notebook's frames.</summary>
internal static partial class ErrorReport
{
    public static CellError Compilation(IEnumerable<Diagnostic> diagnostics, string cellPath, string cellCode)
    {
        var cellLines = cellCode.Split('\n');
        var list = new List<CellDiagnostic>();
        foreach (var d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20))
        {
            var span = d.Location.GetLineSpan();
            int line = span.StartLinePosition.Line + 1, column = span.StartLinePosition.Character + 1;
            bool inCell = !d.Location.IsInSource || span.Path == cellPath;
            string source = "";
            if (d.Location.IsInSource)
            {
                if (inCell) source = line - 1 < cellLines.Length ? cellLines[line - 1].TrimEnd('\r') : "";
                else
                {
                    var text = d.Location.SourceTree!.GetText();
                    source = line - 1 < text.Lines.Count ? text.Lines[line - 1].ToString() : "";
                }
            }
            else
            {
                line = 0;
                column = 0;
            }
            list.Add(new CellDiagnostic(d.Id, d.GetMessage(CultureInfo.InvariantCulture), line, column, source, inCell ? null : span.Path));
        }
        var traceback = new List<string>();
        foreach (var d in list)
        {
            traceback.Add(d.ToString());
            if (d.Line > 0)
            {
                var prefix = d.Line.ToString(CultureInfo.InvariantCulture) + " | ";
                traceback.Add("    " + prefix + d.SourceLine);
                traceback.Add("    " + new string(' ', prefix.Length) + Caret(d.SourceLine, d.Column));
            }
        }
        var first = list.FirstOrDefault();
        return new CellError(CellErrorKind.Compilation, "CompilationError", first?.ToString() ?? "The cell did not compile.", traceback, list);
    }

    private static string Caret(string line, int column)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < column - 1 && i < line.Length; i++) sb.Append(line[i] == '\t' ? '\t' : ' ');
        return sb.Append('^').ToString();
    }

    public static CellError Directive(string message) =>
        new(CellErrorKind.Directive, "DirectiveError", message, [$"DirectiveError: {message}"]);

    public static CellError Stopped(CellStoppedException e, bool timeout, string message)
    {
        var where = NotebookFrames(e).FirstOrDefault();
        var text = where is null ? message : $"{message} It was running {where.Trim()}.";
        return new CellError(timeout ? CellErrorKind.Timeout : CellErrorKind.Interrupted,
            timeout ? "TimeoutError" : "Interrupted", text, [$"{(timeout ? "TimeoutError" : "Interrupted")}: {text}"], exception: e);
    }

    public static CellError Abandoned(bool timeout, string message) =>
        new(timeout ? CellErrorKind.Timeout : CellErrorKind.Interrupted, timeout ? "TimeoutError" : "Interrupted", message,
            [$"{(timeout ? "TimeoutError" : "Interrupted")}: {message}"]);

    public static CellError Runtime(Exception exception)
    {
        var e = Unwrap(exception);
        var traceback = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        traceback.AddRange(NotebookFrames(e));
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
            traceback.AddRange(NotebookFrames(inner).Select(f => "  " + f));
        }
        return new CellError(CellErrorKind.Runtime, e.GetType().FullName ?? e.GetType().Name, e.Message, traceback, exception: e);
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
            else if (e is TargetInvocationException { InnerException: { } t }) e = t;
            else return e;
        }
    }

    /// <summary>The stack, from the throw point to the outermost notebook frame, without runtime plumbing.</summary>
    public static List<string> NotebookFrames(Exception e)
    {
        var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames();
        int last = -1;
        for (int i = 0; i < frames.Length; i++)
            if (IsNotebookFrame(frames[i])) last = i;
        var lines = new List<string>();
        int end = last >= 0 ? last : Math.Min(frames.Length - 1, 9);
        for (int i = 0; i <= end; i++)
        {
            var f = frames[i];
            var method = f.GetMethod();
            if (method is null || IsPlumbing(method)) continue;
            lines.Add("   at " + Describe(f, method));
        }
        return Collapse(lines);
    }

    /// <summary>
    /// Deep recursion gives a frame repeated hundreds of thousands of times: a run of the same frame (or the same two or
    /// three frames, for mutual recursion) is shown once with its count, and a stack still too long keeps its two ends.
    /// </summary>
    private static List<string> Collapse(List<string> lines)
    {
        const int maxLines = 60;
        var result = new List<string>();
        int i = 0;
        while (i < lines.Count)
        {
            bool collapsed = false;
            for (int period = 1; period <= 3 && !collapsed; period++)
            {
                int repeats = 1;
                while (i + (repeats + 1) * period <= lines.Count && Same(lines, i, i + repeats * period, period)) repeats++;
                if (repeats < 4) continue;
                result.AddRange(lines.Skip(i).Take(period));
                result.Add(period == 1
                    ? $"   ... the frame above, {repeats - 1:N0} more times"
                    : $"   ... the {period} frames above, {repeats - 1:N0} more times");
                i += repeats * period;
                collapsed = true;
            }
            if (!collapsed) result.Add(lines[i++]);
        }
        if (result.Count <= maxLines) return result;
        return [.. result.Take(maxLines - 11), $"   ... {result.Count - maxLines + 1:N0} frames left out ...", .. result.Skip(result.Count - 10)];
    }

    private static bool Same(List<string> lines, int a, int b, int count)
    {
        for (int k = 0; k < count; k++)
            if (!string.Equals(lines[a + k], lines[b + k], StringComparison.Ordinal)) return false;
        return true;
    }

    private static bool IsNotebookFrame(StackFrame frame) => frame.GetMethod()?.DeclaringType is { } t && IsSubmissionType(t);

    private static bool IsSubmissionType(Type t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t.Name.StartsWith("Submission#", StringComparison.Ordinal);
    }

    private static bool IsPlumbing(MethodBase method)
    {
        var ns = method.DeclaringType?.Namespace ?? "";
        return ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
               || ns.StartsWith("System.Threading", StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
               || ns.StartsWith("Descent.Notebooks", StringComparison.Ordinal)
               || method.DeclaringType == typeof(System.Runtime.ExceptionServices.ExceptionDispatchInfo);
    }

    private static string Describe(StackFrame frame, MethodBase method)
    {
        var type = method.DeclaringType;
        string name;
        if (type is not null && IsSubmissionType(type))
        {
            name = NotebookMethodName(type, method);
        }
        else
        {
            var parameters = string.Join(", ", method.GetParameters().Select(p => $"{Formatting.Formatter.TypeName(p.ParameterType)} {p.Name}"));
            name = $"{(type is null ? "" : Formatting.Formatter.TypeName(type) + ".")}{method.Name}({parameters})";
            if (type?.Namespace is { Length: > 0 } ns) name = ns + "." + name;
        }
        var file = frame.GetFileName();
        int line = frame.GetFileLineNumber();
        return file is { Length: > 0 } && line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{name} in {file}, line {line}")
            : name;
    }

    private static string NotebookMethodName(Type type, MethodBase method)
    {
        // Walk out of compiler-generated types (state machines, closures) to the user's declaring type.
        string? stateMachineOf = null;
        var t = type;
        while (t.Name.StartsWith('<') && t.DeclaringType is not null)
        {
            stateMachineOf ??= GeneratedName(t.Name);
            t = t.DeclaringType;
        }
        var methodName = method.Name;
        string display;
        if (methodName == "MoveNext" && stateMachineOf is not null) display = stateMachineOf;
        else display = GeneratedName(methodName) ?? methodName;
        if (display is "<Initialize>" or "Initialize" || methodName == "<Initialize>") display = "<cell>";
        var owner = t.Name.StartsWith("Submission#", StringComparison.Ordinal) ? "" : t.Name + ".";
        if (display == "<cell>") return display;
        var parameters = string.Join(", ", method.GetParameters().Select(p => $"{Formatting.Formatter.TypeName(p.ParameterType)} {p.Name}"));
        return display == "lambda" ? $"{owner}lambda" : $"{owner}{display}({parameters})";
    }

    /// <summary>Names the compiler gives: <c>&lt;Fib&gt;d__3</c> (state machine), <c>&lt;&lt;Initialize&gt;&gt;g__Fib|0_0</c> (local function), <c>b__0_0</c> (lambda).</summary>
    private static string? GeneratedName(string name)
    {
        var local = LocalFunction().Match(name);
        if (local.Success) return local.Groups[1].Value;
        if (Lambda().IsMatch(name)) return "lambda";
        var machine = StateMachine().Match(name);
        if (machine.Success) return machine.Groups[1].Value == "<Initialize>" ? "<cell>" : machine.Groups[1].Value;
        return null;
    }

    [GeneratedRegex(@"g__([^|]+)\|")]
    private static partial Regex LocalFunction();

    [GeneratedRegex(@"b__\d+")]
    private static partial Regex Lambda();

    [GeneratedRegex(@"^<(.+)>d__\d+$")]
    private static partial Regex StateMachine();
}
