using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Descent.Notebooks.Directives;
using Descent.Notebooks.Formatting;
using Descent.Notebooks.Model;
using Descent.Notebooks.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace Descent.Notebooks.Execution;

/// <summary>
/// A C# kernel's state: cells submitted one after another continue one Roslyn script state (variables, methods,
/// types and usings carry over), with the C# kernel's default imports, <c>display</c>/<c>.Display()</c>, directives,
/// formatters, console capture, a per-cell time limit and interruption. One cell runs at a time.
/// The CLI runner, the site exporter and the Jupyter kernel all execute through this class.
/// </summary>
public sealed class NotebookSession : IDisposable
{
    private readonly int _guardSlot = CellGuard.Allocate();
    private readonly InteractiveAssemblyLoader _loader = new();
    private readonly object _displayLock = new();
    private readonly Dictionary<string, DisplayDataOutput> _displays = [];
    private readonly List<(string Id, string? Version)> _packages = [];
    private readonly List<string> _sources = [];
    private readonly HashSet<string> _referencedPaths = new(StringComparer.Ordinal);
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private int _executionCount;
    private int _busy;
    private volatile bool _interruptRequested;
    private CancellationTokenSource? _cellCancellation;
    private CellContext? _active;
    private CellContext? _last;
    private bool _disposed;

    /// <summary>Starts a session (cheap: Roslyn loads on the first cell, or in <see cref="WarmUpAsync"/>).</summary>
    public NotebookSession(SessionOptions? options = null)
    {
        Options = options ?? new SessionOptions();
        Formatter = new Formatter(Options.Formatting);
        WorkingDirectory = Options.WorkingDirectory is { } dir ? Path.GetFullPath(dir) : null;
        Restorer = new NuGetRestorer(Options.NuGetCacheDirectory);
        _options = ScriptEnvironment.CreateOptions();
        ConsoleRouter.EnsureInstalled();
    }

    /// <summary>The settings this session was created with.</summary>
    public SessionOptions Options { get; }

    /// <summary>The formatter outputs go through (register custom formatters here).</summary>
    public Formatter Formatter { get; }

    /// <summary>The folder cells run in and relative paths start from; null when the session leaves the current directory alone.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>The execution count of the last cell run (0 before the first).</summary>
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <summary>True while a cell runs.</summary>
    public bool IsBusy => Volatile.Read(ref _busy) != 0;

    /// <summary>
    /// The Roslyn state after the last cell that compiled (null before the first). Its <c>Script.GetCompilation()</c>
    /// is what completion and inspection look at; immutable, so safe to read while a cell runs.
    /// </summary>
    public ScriptState<object>? ScriptState => Volatile.Read(ref _state);

    /// <summary>The options the next cell compiles with: references (framework, engine, <c>#r</c>'d), imports, language version.</summary>
    public ScriptOptions ScriptOptions => Volatile.Read(ref _options);

    /// <summary>The compilation of the last cell that compiled (with all earlier submissions behind it), or null.</summary>
    public Compilation? Compilation => ScriptState?.Script.GetCompilation();

    /// <summary>Every metadata reference the next cell compiles against.</summary>
    public ImmutableArray<MetadataReference> References => ScriptOptions.MetadataReferences;

    /// <summary>The namespaces and static classes every cell imports (usings a cell adds itself are in its compilation).</summary>
    public ImmutableArray<string> Imports => ScriptOptions.Imports;

    /// <summary>
    /// A script that would continue this session's state with <paramref name="code"/> (directive lines blanked out,
    /// positions unchanged), for completion, inspection and completeness checks. It is never run by the session.
    /// </summary>
    public Script<object> CreateSubmission(string code)
    {
        var plain = CellDirectives.Parse(code).Code;
        var state = ScriptState;
        return state is null
            ? CSharpScript.Create(plain, ScriptOptions, globalsType: null, assemblyLoader: _loader)
            : state.Script.ContinueWith(plain, ScriptOptions);
    }

    /// <summary>Loads and JIT-compiles Roslyn by compiling a throwaway script, so the first real cell is fast. Does not touch the state.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => ScriptEnvironment.WarmUpAsync(cancellationToken);

    /// <summary>
    /// Stops the running cell, if any: loops and method calls in the cell's code stop at their next check, a restore in
    /// progress is cancelled. The session stays usable. Safe to call from any thread, at any time.
    /// </summary>
    public void Interrupt()
    {
        if (!IsBusy) return;
        _interruptRequested = true;
        CellGuard.RequestStop(_guardSlot, "The cell was interrupted.", isTimeout: false);
        try { _cellCancellation?.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>
    /// Runs one cell: directives first, then the C# code, continuing the session's state. Outputs go to
    /// <paramref name="observer"/> as they happen and are returned in order. Never throws for a failing cell: its
    /// error is in the result (and was sent to the observer).
    /// </summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="observer">Receives outputs as they happen; may be null.</param>
    /// <param name="cancellationToken">Cancelling it interrupts the cell.</param>
    /// <param name="storeHistory">False: do not advance the execution count (Jupyter's <c>store_history</c>).</param>
    /// <exception cref="InvalidOperationException">Another cell of this session is running.</exception>
    public async Task<CellExecutionResult> ExecuteAsync(string code, IExecutionObserver? observer = null,
        CancellationToken cancellationToken = default, bool storeHistory = true)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException("A cell is already running in this session: wait for it to finish, or interrupt it.");
        var count = storeHistory ? Interlocked.Increment(ref _executionCount) : Math.Max(1, _executionCount);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var context = new CellContext(this, count, observer);
        using var cellCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _cellCancellation = cellCancellation;
        _interruptRequested = false;
        CellGuard.Reset(_guardSlot);
        Volatile.Write(ref _active, context);
        context.Enter();
        context.Started();
        CellStatus status = CellStatus.Ok;
        CellError? error = null;
        bool hasValue = false;
        object? value = null;
        try
        {
            using var registration = cancellationToken.Register(Interrupt);
            (status, error, hasValue, value) = await RunCellAsync(code, count, context, cellCancellation.Token, clock);
        }
        catch (OperationCanceledException) when (_interruptRequested || cancellationToken.IsCancellationRequested)
        {
            status = CellStatus.Interrupted;
            error = ErrorReport.Abandoned(false, "The cell was interrupted.");
            context.Error(error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            status = CellStatus.Error;
            error = ErrorReport.Runtime(e);
            context.Error(error);
        }
        finally
        {
            _cellCancellation = null;
            Volatile.Write(ref _active, null);
        }
        var outputs = context.Complete();
        Volatile.Write(ref _last, context);
        Volatile.Write(ref _busy, 0);
        clock.Stop();
        return new CellExecutionResult(count, status, outputs, error, startedAt, DateTimeOffset.UtcNow, clock.Elapsed, hasValue, value);
    }

    private async Task<(CellStatus, CellError?, bool, object?)> RunCellAsync(string code, int count, CellContext context,
        CancellationToken cancellationToken, Stopwatch clock)
    {
        (CellStatus, CellError?, bool, object?) Fail(CellError error)
        {
            if (error.Kind == CellErrorKind.Directive && _interruptRequested)
                error = ErrorReport.Abandoned(false, "The cell was interrupted while its directives ran.");
            context.Error(error);
            var failed = error.Kind switch
            {
                CellErrorKind.Interrupted => CellStatus.Interrupted,
                CellErrorKind.Timeout => CellStatus.TimedOut,
                _ => CellStatus.Error,
            };
            return (failed, error, false, null);
        }

        var cellPath = string.Create(CultureInfo.InvariantCulture, $"Cell In[{count}]");
        var parsed = CellDirectives.Parse(code);
        var (directiveError, loads, timeIt) = await ApplyDirectivesAsync(parsed, NotebookFolder, loadedFile: null, clock, cancellationToken);
        if (directiveError is not null) return Fail(directiveError);

        // #load: the files the cell loads and, depth first, the files they load (each once, before the file that loads it).
        var (planError, plan) = await PlanLoadsAsync(loads, cellPath, cancellationToken);
        if (planError is not null) return Fail(planError);
        foreach (var file in plan)
        {
            // A loaded file's own #load lines are already in the plan, and #!time in it is an error: only the error is of use here.
            var (loadError, _, _) = await ApplyDirectivesAsync(file.Directives, Path.GetDirectoryName(file.Path)!, file.Path, clock, cancellationToken);
            if (loadError is not null) return Fail(loadError);
            var outcome = await RunSubmissionAsync(file.Directives.Code, file.Path, cellPath, Remaining(CellLimit, clock), cancellationToken, count);
            if (outcome.Error is not null)
            {
                context.Error(outcome.Error);
                return (outcome.Status, outcome.Error, false, null);
            }
        }

        SubmissionOutcome main = string.IsNullOrWhiteSpace(parsed.Code)
            ? new SubmissionOutcome(CellStatus.Ok, null, false, null)
            : await RunSubmissionAsync(parsed.Code, cellPath, cellPath, Remaining(CellLimit, clock), cancellationToken, count);
        if (main.Error is not null)
        {
            context.Error(main.Error);
            return (main.Status, main.Error, false, null);
        }
        if (main.HasValue)
        {
            MimeBundle bundle;
            try
            {
                bundle = Formatter.Format(main.Value);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var formatError = ErrorReport.Runtime(e);
                context.Error(formatError);
                return (CellStatus.Error, formatError, false, null);
            }
            if (timeIt) Console.Out.Write(WallTime(clock));
            context.Result(bundle);
        }
        else if (timeIt)
        {
            Console.Out.Write(WallTime(clock));
        }
        return (CellStatus.Ok, null, main.HasValue, main.Value);
    }

    /// <summary>A file a cell <c>#load</c>s (directly or through another loaded file), parsed.</summary>
    private sealed record LoadedFile(string Path, CellDirectives Directives);

    /// <summary>
    /// The order the files of a cell's <c>#load</c> tree run in: depth first, each file after the files it loads
    /// (relative paths in a file resolve against its folder, as in C# scripting), each file once. A cycle
    /// (a.csx loads b.csx loads a.csx) or a missing file is an error, found before any loaded code runs.
    /// </summary>
    private static async Task<(CellError? Error, List<LoadedFile> Plan)> PlanLoadsAsync(IReadOnlyList<string> roots, string cellPath,
        CancellationToken cancellationToken)
    {
        var plan = new List<LoadedFile>();
        var planned = new HashSet<string>(PathComparer);
        var chain = new List<string>();

        async Task<CellError?> Visit(string file)
        {
            int inChain = chain.FindIndex(f => PathComparer.Equals(f, file));
            if (inChain >= 0)
                return ErrorReport.Directive(
                    $"#load cycle: {string.Join(" -> ", chain.Skip(inChain).Append(file))} (loaded from {cellPath}): " +
                    "a file cannot #load itself, directly or through the files it loads.");
            if (planned.Contains(file)) return null;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return ErrorReport.Directive($"#load: could not read {file}: {e.Message}");
            }
            var parsed = CellDirectives.Parse(text);
            chain.Add(file);
            foreach (var load in parsed.Directives.OfType<LoadDirective>())
            {
                var nested = Path.GetFullPath(load.Path, Path.GetDirectoryName(file)!);
                if (!File.Exists(nested))
                    return ErrorReport.Directive($"{file}: line {load.Line}: `{load.Text}`: no file at {nested}.");
                if (await Visit(nested) is { } error) return error;
            }
            chain.RemoveAt(chain.Count - 1);
            planned.Add(file);
            plan.Add(new LoadedFile(file, parsed));
            return null;
        }

        foreach (var root in roots)
            if (await Visit(root) is { } error) return (error, plan);
        return (null, plan);
    }

    private static string WallTime(Stopwatch clock) =>
        string.Create(CultureInfo.InvariantCulture, $"Wall time: {clock.Elapsed.TotalMilliseconds:0.###}ms\n");

    /// <summary>The cell's time limit, or null for none.</summary>
    private TimeSpan? CellLimit => Options.CellTimeout == Timeout.InfiniteTimeSpan ? null : Options.CellTimeout;

    /// <summary>The folder relative paths in a cell start from: the working directory (the notebook's folder), else the current directory.</summary>
    private string NotebookFolder => WorkingDirectory ?? WorkingDirectoryGate.CurrentDirectoryOrNull() ?? AppContext.BaseDirectory;

    private static TimeSpan? Remaining(TimeSpan? limit, Stopwatch clock) =>
        limit is { } l ? (l - clock.Elapsed > TimeSpan.Zero ? l - clock.Elapsed : TimeSpan.FromMilliseconds(1)) : null;

    // ---- Directives ----------------------------------------------------------------------------------------

    /// <summary>
    /// Applies the directives of a cell (<paramref name="loadedFile"/> null) or of a file it loads: relative paths start
    /// from <paramref name="baseDir"/>, and errors in a loaded file name it. Returns the files the cell #loads (a loaded
    /// file's own #load lines are planned by <see cref="PlanLoadsAsync"/>) and whether the cell asked for #!time.
    /// </summary>
    private async Task<(CellError? Error, List<string> Loads, bool TimeIt)> ApplyDirectivesAsync(CellDirectives parsed, string baseDir,
        string? loadedFile, Stopwatch clock, CancellationToken cancellationToken)
    {
        var loads = new List<string>();
        bool timeIt = false;
        string In(string message) => loadedFile is null ? message : $"{loadedFile}: {message}";
        if (parsed.Errors.Count > 0) return (ErrorReport.Directive(string.Join("\n", parsed.Errors.Select(In))), loads, false);
        var newReferences = new List<MetadataReference>();
        var packages = new List<PackageReferenceDirective>();
        foreach (var directive in parsed.Directives)
        {
            switch (directive)
            {
                case MagicDirective { Name: "#!csharp" or "#!c#" or "#!C#" }:
                    break;
                case MagicDirective { Name: "#!time" } t when loadedFile is not null:
                    // #!time times a whole cell (directives, loaded files and code) and prints after its output; a file
                    // has no output of its own to time, and a silently ignored line would look like it worked.
                    return (ErrorReport.Directive(In(
                        $"line {t.Line}: #!time times a whole cell, so it belongs in the cell that #loads this file, not in the file.")), loads, false);
                case MagicDirective { Name: "#!time" }:
                    timeIt = true;
                    break;
                case MagicDirective m:
                    return (ErrorReport.Directive(In(
                        $"line {m.Line}: unknown directive '{m.Name}': the Descent engine runs C# and understands {string.Join(", ", CellDirectives.SupportedMagics)}.")), loads, false);
                case PackageSourceDirective s:
                {
                    var source = NormalizeSource(s.Source, baseDir);
                    if (!_sources.Contains(source, IsUrl(source) ? StringComparer.Ordinal : PathComparer)) _sources.Add(source);
                    break;
                }
                case PackageReferenceDirective p:
                    packages.Add(p);
                    break;
                case AssemblyReferenceDirective a:
                {
                    var full = Path.GetFullPath(a.Path, baseDir);
                    if (!File.Exists(full))
                        return (ErrorReport.Directive(In($"line {a.Line}: `{a.Text}`: no file at {full}" +
                            (full.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                ? " (build the project that produces it first; `descent run` does so itself)." : "."))), loads, false);
                    if (_referencedPaths.Add(full)) newReferences.Add(MetadataReference.CreateFromFile(full));
                    break;
                }
                case LoadDirective when loadedFile is not null:
                    break; // planned, with the rest of the #load tree, by PlanLoadsAsync
                case LoadDirective l:
                {
                    var full = Path.GetFullPath(l.Path, baseDir);
                    if (!File.Exists(full))
                        return (ErrorReport.Directive($"line {l.Line}: `{l.Text}`: no file at {full}."), loads, false);
                    loads.Add(full);
                    break;
                }
            }
        }

        var toRestore = new List<(string Id, string? Version)>();
        var notes = new List<string>();
        foreach (var p in packages)
        {
            if (EnginePackages.SatisfiedByFormatters.Contains(p.PackageId, StringComparer.OrdinalIgnoreCase)) continue;
            if (EnginePackages.Find(p.PackageId) is { } builtIn)
            {
                if (p.Version is not null && !string.Equals(p.Version, builtIn.Version, StringComparison.OrdinalIgnoreCase))
                    notes.Add($"{p.PackageId} {p.Version} was asked for; the engine provides {builtIn.Version} and uses it.");
                foreach (var path in builtIn.AssemblyPaths)
                    if (_referencedPaths.Add(path)) newReferences.Add(MetadataReference.CreateFromFile(path));
                continue;
            }
            if (!_packages.Any(x => string.Equals(x.Id, p.PackageId, StringComparison.OrdinalIgnoreCase)))
            {
                _packages.Add((p.PackageId, p.Version));
                toRestore.Add((p.PackageId, p.Version));
            }
        }
        if (toRestore.Count > 0)
        {
            IReadOnlyList<string> restored;
            // A restore counts against the cell's time limit: past it the restore is cancelled (its dotnet restore
            // process tree killed) and the cell times out.
            using var restoreLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Remaining(CellLimit, clock) is { } left) restoreLimit.CancelAfter(left);
            try
            {
                restored = await Restorer.RestoreAsync(_packages.ToList(), _sources.ToList(), restoreLimit.Token);
            }
            catch (PackageRestoreException e)
            {
                foreach (var p in toRestore) _packages.Remove(p);
                return (ErrorReport.Directive(e.Message), loads, false);
            }
            catch (OperationCanceledException) when (restoreLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_interruptRequested)
            {
                foreach (var p in toRestore) _packages.Remove(p);
                var names = string.Join(", ", toRestore.Select(p => p.Version is null ? p.Id : $"{p.Id} {p.Version}"));
                return (ErrorReport.Abandoned(true,
                    $"Restoring {names} took longer than the cell's time limit of {Seconds(Options.CellTimeout)} and was stopped."), loads, false);
            }
            catch (OperationCanceledException)
            {
                foreach (var p in toRestore) _packages.Remove(p);
                return (ErrorReport.Directive("The restore was cancelled."), loads, false);
            }
            foreach (var path in restored)
            {
                var name = Path.GetFileName(path);
                // Assemblies the engine already carries are referenced from the engine, so types stay the same.
                var builtIn = EnginePackages.All.Values.SelectMany(x => x.AssemblyPaths).FirstOrDefault(x => string.Equals(Path.GetFileName(x), name, StringComparison.OrdinalIgnoreCase));
                var chosen = builtIn ?? path;
                if (_referencedPaths.Add(chosen)) newReferences.Add(MetadataReference.CreateFromFile(chosen));
            }
        }
        foreach (var note in notes) Console.Error.WriteLine($"warning: {note}");
        if (newReferences.Count > 0) Volatile.Write(ref _options, _options.AddReferences(newReferences));
        return (null, loads, timeIt);
    }

    /// <summary>Restores <c>#r "nuget: ..."</c> packages the engine does not carry (replaceable by tests).</summary>
    internal NuGetRestorer Restorer { get; set; }

    /// <summary>The extra NuGet sources <c>#i</c> has added so far, normalised (see <see cref="NormalizeSource"/>), in order.</summary>
    internal IReadOnlyList<string> PackageSources => _sources.ToList();

    /// <summary>How file paths compare on this platform (case-insensitive on Windows and macOS).</summary>
    internal static StringComparer PathComparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>
    /// The canonical form of an <c>#i</c> source, so the same source written two ways is added once (and the restore
    /// cache key does not change): a URL in its absolute form (scheme and host lower-cased, escapes normalised); a
    /// local folder (relative to <paramref name="baseDir"/>, or a <c>file:</c> URL) as a full path without a trailing separator.
    /// </summary>
    internal static string NormalizeSource(string source, string baseDir)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri))
        {
            if (!uri.IsFile) return uri.AbsoluteUri;
            source = uri.LocalPath;
        }
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(source, baseDir));
    }

    private static bool IsUrl(string source) => Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile;

    // ---- Running a submission ------------------------------------------------------------------------------

    private sealed record SubmissionOutcome(CellStatus Status, CellError? Error, bool HasValue, object? Value);

    private async Task<SubmissionOutcome> RunSubmissionAsync(string code, string path, string cellPath, TimeSpan? limit, CancellationToken cancellationToken, int count)
    {
        var options = _options.WithFilePath(path);
        var previous = _state;
        Script<object> Create(string text) => previous is null
            ? CSharpScript.Create(text, options, globalsType: null, assemblyLoader: _loader)
            : previous.Script.ContinueWith(text, options);

        // Parse, rewrite and compile under the process-wide compilation gate (see ScriptEnvironment.Synchronized).
        var (runnable, diagnostics, hasValue) = ScriptEnvironment.Synchronized(() =>
        {
            var script = Create(code);
            var tree = script.GetCompilation().SyntaxTrees.Last();
            Script<object> candidate = script;
            ImmutableArray<Diagnostic> found;
            if (!tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
                && LoopGuardRewriter.Rewrite(tree, _guardSlot) is { } guarded)
            {
                candidate = Create(guarded);
                found = candidate.Compile(cancellationToken);
                if (found.Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    // Report the user's own code (exact columns); fall back to running unguarded if only the rewrite failed.
                    found = script.Compile(cancellationToken);
                    candidate = script;
                }
            }
            else
            {
                found = script.Compile(cancellationToken);
            }
            bool value = !found.Any(d => d.Severity == DiagnosticSeverity.Error) && HasTrailingValue(candidate.GetCompilation());
            return (candidate, found, value);
        });
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            return new SubmissionOutcome(CellStatus.Error, ErrorReport.Compilation(diagnostics, cellPath, code), false, null);

        var run = StartOnCellThread(runnable, previous, count, cancellationToken);
        var timeout = limit is { } l ? Task.Delay(l, CancellationToken.None) : Task.Delay(Timeout.Infinite, cancellationToken);
        var interrupted = Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny(run, timeout, interrupted);
        if (first != run)
        {
            bool isTimeout = !_interruptRequested && first == timeout;
            var message = isTimeout
                ? string.Create(CultureInfo.InvariantCulture, $"The cell exceeded its time limit of {Seconds(Options.CellTimeout)} and was stopped.")
                : "The cell was interrupted.";
            CellGuard.RequestStop(_guardSlot, message, isTimeout);
            try { _cellCancellation?.Cancel(); } catch (ObjectDisposedException) { }
            if (await Task.WhenAny(run, Task.Delay(Options.StopGracePeriod, CancellationToken.None)) != run)
            {
                return new SubmissionOutcome(isTimeout ? CellStatus.TimedOut : CellStatus.Interrupted, ErrorReport.Abandoned(isTimeout,
                    $"{message[..^1]}, but it did not reach a point where it can stop within {Seconds(Options.StopGracePeriod)} " +
                    "(it is blocked in a call such as Thread.Sleep, a lock or I/O). Its thread was abandoned; the session continues from the state before this cell."),
                    false, null);
            }
        }

        ScriptState<object> state;
        try
        {
            state = await run;
        }
        catch (CompilationErrorException e)
        {
            return new SubmissionOutcome(CellStatus.Error, ErrorReport.Compilation(e.Diagnostics, cellPath, code), false, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failure(e);
        }
        Volatile.Write(ref _state, state);
        if (state.Exception is { } exception) return Failure(exception);
        return new SubmissionOutcome(CellStatus.Ok, null, hasValue, hasValue ? state.ReturnValue : null);
    }

    /// <summary>True if the submission ends with an expression without a semicolon whose type is not void (Roslyn's submission result).</summary>
    private static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax root
            || root.Members.LastOrDefault() is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
            {
                Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement,
            })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private SubmissionOutcome Failure(Exception e)
    {
        var root = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
        if (root is CellStoppedException stopped)
            return new SubmissionOutcome(stopped.IsTimeout ? CellStatus.TimedOut : CellStatus.Interrupted,
                ErrorReport.Stopped(stopped, stopped.IsTimeout, stopped.Message), false, null);
        if (root is OperationCanceledException && _interruptRequested)
            return new SubmissionOutcome(CellStatus.Interrupted, ErrorReport.Abandoned(false, "The cell was interrupted."), false, null);
        return new SubmissionOutcome(CellStatus.Error, ErrorReport.Runtime(root), false, null);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0} ms");

    /// <summary>
    /// Runs the script on a dedicated thread (a large stack, so deep recursion in lessons is fine), in the session's
    /// working directory; the thread's logical flow carries the cell context, so console text and displays find the cell.
    /// </summary>
    private Task<ScriptState<object>> StartOnCellThread(Script<object> script, ScriptState<object>? previous, int count, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<ScriptState<object>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var directory = WorkingDirectory;
        var thread = new Thread(() =>
        {
            int released = 0;
            void Release()
            {
                if (directory is not null && Interlocked.Exchange(ref released, 1) == 0) WorkingDirectoryGate.Exit();
            }
            try
            {
                if (directory is not null) WorkingDirectoryGate.Enter(directory);
                var task = previous is null
                    ? script.RunAsync(globals: null, catchException: _ => true, cancellationToken)
                    : script.RunFromAsync(previous, catchException: _ => true, cancellationToken);
                task.ContinueWith(t =>
                {
                    Release();
                    if (t.IsFaulted) completion.TrySetException(t.Exception!.InnerExceptions);
                    else if (t.IsCanceled) completion.TrySetCanceled();
                    else completion.TrySetResult(t.Result);
                }, TaskContinuationOptions.ExecuteSynchronously);
            }
            catch (Exception e)
            {
                Release();
                completion.TrySetException(e);
            }
        }, maxStackSize: 64 * 1024 * 1024)
        {
            IsBackground = true,
            Name = string.Create(CultureInfo.InvariantCulture, $"descent cell {count}"),
        };
        thread.Start();
        return completion.Task;
    }

    // ---- Displays ------------------------------------------------------------------------------------------

    internal CellContext? ActiveContext => Volatile.Read(ref _active);

    internal void RegisterDisplay(DisplayDataOutput output)
    {
        lock (_displayLock) _displays[output.DisplayId!] = output;
    }

    internal void UpdateDisplay(string displayId, object? value, string[] mimeTypes)
    {
        var bundle = Formatter.Format(value, mimeTypes);
        lock (_displayLock)
        {
            if (!_displays.TryGetValue(displayId, out var output))
                throw new InvalidOperationException($"No display with id {displayId} in this session.");
            output.Data = bundle;
        }
        var target = CellContext.Current ?? ActiveContext ?? Volatile.Read(ref _last);
        target?.NotifyDisplayUpdate(displayId, bundle);
    }

    /// <summary>Releases the session. A cell still running keeps its thread until it ends.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Interrupt();
        _loader.Dispose();
    }
}
