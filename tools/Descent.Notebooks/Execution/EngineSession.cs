using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Descent.Notebooks.Submissions;
using Descent.Notebooks.Directives;
using Descent.Notebooks.Formatting;
using Descent.Notebooks.Hosting;
using Descent.Notebooks.Model;
using Descent.Notebooks.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Descent.Notebooks.Execution;

/// <summary>
/// A C# kernel's state: cells submitted one after another continue one chain of script submissions (variables,
/// methods, types and usings carry over), with the C# kernel's default imports, <c>display</c>/<c>.Display()</c>,
/// directives, formatters, console capture, a per-cell time limit and interruption. One cell runs at a time.
/// What a cell means is decided here, the same for every host; what a host supplies (references, packages, files,
/// threads and time limits) comes from its <see cref="INotebookHost"/>. The desktop's <c>NotebookSession</c> (CLI
/// runner, site exporter, Jupyter kernel) and the browser's runtime are both this class over their own host.
/// </summary>
public class EngineSession : IDisposable
{
    private readonly int _guardSlot = CellGuard.Allocate();
    private readonly object _displayLock = new();
    private readonly Dictionary<string, DisplayDataOutput> _displays = [];
    private readonly List<PackageRequest> _packages = [];
    private readonly List<string> _sources = [];
    private readonly HashSet<MetadataReference> _referenced = [];
    private readonly SubmissionChain _chain;
    private ImmutableArray<MetadataReference> _references;
    private int _executionCount;
    private int _busy;
    private volatile bool _interruptRequested;
    private CancellationTokenSource? _cellCancellation;
    private CellContext? _active;
    private CellContext? _last;
    private bool _disposed;

    /// <summary>Starts a session over <paramref name="host"/> (cheap: Roslyn loads on the first cell, or in <see cref="WarmUpAsync"/>).</summary>
    public EngineSession(INotebookHost host, SessionOptions? options = null)
    {
        Host = host;
        Options = options ?? new SessionOptions();
        Formatter = new Formatter(Options.Formatting);
        _references = host.DefaultReferences;
        _chain = new SubmissionChain((context, name) => host.LoadAssembly(context, name), host.ConcurrentBuild);
        ConsoleRouter.EnsureInstalled();
    }

    /// <summary>What this session's host supplies.</summary>
    public INotebookHost Host { get; }

    /// <summary>The settings this session was created with.</summary>
    public SessionOptions Options { get; }

    /// <summary>The formatter outputs go through (register custom formatters here).</summary>
    public Formatter Formatter { get; }

    /// <summary>The execution count of the last cell run (0 before the first).</summary>
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <summary>True while a cell runs.</summary>
    public bool IsBusy => Volatile.Read(ref _busy) != 0;

    /// <summary>
    /// The compilation of the last cell that compiled (with all earlier submissions behind it), or null before the first:
    /// what completion and inspection look at. Immutable, so safe to read while a cell runs.
    /// </summary>
    public CSharpCompilation? Compilation => _chain.Last;

    /// <summary>Every metadata reference the next cell compiles against (the host's defaults and what <c>#r</c> added).</summary>
    public ImmutableArray<MetadataReference> References => ImmutableInterlocked.InterlockedCompareExchange(ref _references, default, default);

    /// <summary>The namespaces and static classes every cell imports (usings a cell adds itself are in its compilation).</summary>
    public ImmutableArray<string> Imports => ScriptEnvironment.DefaultImports;

    /// <summary>The value of a notebook variable (a top-level variable an earlier cell declared).</summary>
    public bool TryGetVariable(string name, out object? value) => _chain.TryGetVariable(name, out value);

    /// <summary>
    /// Compiles a cell exactly as <see cref="ExecuteAsync"/> would (its directives applied, every earlier cell's
    /// declarations and usings in scope) and, if it compiles, adds it to the chain without running it. For tools that
    /// read code rather than run it, such as the site's highlighter. Directive errors are ignored: the code is compiled anyway.
    /// </summary>
    public async Task<CSharpCompilation> CompileWithoutRunningAsync(string code, CancellationToken cancellationToken = default)
    {
        var parsed = CellDirectives.Parse(code);
        await ApplyDirectivesAsync(parsed, Host.BaseDirectory, loadedFile: null, Stopwatch.StartNew(), cancellationToken);
        var (compilation, failed) = ScriptEnvironment.Synchronized(() =>
        {
            var c = _chain.CreateCompilation(parsed.Code, "Cell", References, Imports, Host.ReferenceResolver);
            return (c, c.GetDiagnostics(cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error));
        });
        if (!failed) _chain.Append(compilation);
        return compilation;
    }

    /// <summary>Loads and JIT-compiles Roslyn by compiling a throwaway cell, so the first real cell is fast. Does not touch the state.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) =>
        ScriptEnvironment.WarmUpAsync(Host.DefaultReferences, Host.ReferenceResolver, Host.ConcurrentBuild, cancellationToken);

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
        var (directiveError, loads, timeIt) = await ApplyDirectivesAsync(parsed, Host.BaseDirectory, loadedFile: null, clock, cancellationToken);
        if (directiveError is not null) return Fail(directiveError);

        // #load: the files the cell loads and, depth first, the files they load (each once, before the file that loads it).
        var (planError, plan) = await PlanLoadsAsync(Host, loads, cellPath, cancellationToken);
        if (planError is not null) return Fail(planError);
        foreach (var file in plan)
        {
            // A loaded file's own #load lines are already in the plan, and #!time in it is an error: only the error is of use here.
            var (loadError, _, _) = await ApplyDirectivesAsync(file.Directives, Path.GetDirectoryName(file.Path)!, file.Path, clock, cancellationToken);
            if (loadError is not null) return Fail(loadError);
            var outcome = await RunSubmissionAsync(file.Directives.Code, file.Path, cellPath, Remaining(CellLimit, clock), cancellationToken);
            if (outcome.Error is not null)
            {
                context.Error(outcome.Error);
                return (outcome.Status, outcome.Error, false, null);
            }
        }

        SubmissionOutcome main = string.IsNullOrWhiteSpace(parsed.Code)
            ? new SubmissionOutcome(CellStatus.Ok, null, false, null)
            : await RunSubmissionAsync(parsed.Code, cellPath, cellPath, Remaining(CellLimit, clock), cancellationToken);
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
    private static async Task<(CellError? Error, List<LoadedFile> Plan)> PlanLoadsAsync(INotebookHost host, IReadOnlyList<string> roots,
        string cellPath, CancellationToken cancellationToken)
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
            var read = await host.ReadSourceAsync(file, cancellationToken);
            if (read.Error is { } readError) return ErrorReport.Directive($"#load: could not read {file}: {readError}");
            var parsed = CellDirectives.Parse(read.Value!);
            chain.Add(file);
            foreach (var load in parsed.Directives.OfType<LoadDirective>())
            {
                var nested = host.FullPath(load.Path, Path.GetDirectoryName(file)!);
                if (!host.FileExists(nested))
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
                    var resolved = Host.ResolveAssembly(a, baseDir);
                    if (resolved.Error is { } referenceError)
                        return (ErrorReport.Directive(In($"line {a.Line}: `{a.Text}`: {referenceError}")), loads, false);
                    if (_referenced.Add(resolved.Value!)) newReferences.Add(resolved.Value!);
                    break;
                }
                case LoadDirective when loadedFile is not null:
                    break; // planned, with the rest of the #load tree, by PlanLoadsAsync
                case LoadDirective l:
                {
                    var full = Host.FullPath(l.Path, baseDir);
                    if (!Host.FileExists(full))
                        return (ErrorReport.Directive($"line {l.Line}: `{l.Text}`: no file at {full}."), loads, false);
                    loads.Add(full);
                    break;
                }
            }
        }

        var toRestore = new List<PackageRequest>();
        var notes = new List<string>();
        foreach (var p in packages)
        {
            if (SatisfiedByFormatters.Contains(p.PackageId, StringComparer.OrdinalIgnoreCase)) continue;
            if (Host.FindPackage(p.PackageId) is { } builtIn)
            {
                if (p.Version is not null && !string.Equals(p.Version, builtIn.Version, StringComparison.OrdinalIgnoreCase))
                    notes.Add($"{p.PackageId} {p.Version} was asked for; {Host.Name} provides {builtIn.Version} and uses it.");
                foreach (var reference in builtIn.References)
                    if (_referenced.Add(reference)) newReferences.Add(reference);
                continue;
            }
            if (!_packages.Any(x => string.Equals(x.Id, p.PackageId, StringComparison.OrdinalIgnoreCase)))
            {
                var request = new PackageRequest(p.PackageId, p.Version);
                _packages.Add(request);
                toRestore.Add(request);
            }
        }
        if (toRestore.Count > 0)
        {
            IReadOnlyList<MetadataReference> restored;
            // A restore counts against the cell's time limit: past it the restore is cancelled and the cell times out.
            using var restoreLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Remaining(CellLimit, clock) is { } left) restoreLimit.CancelAfter(left);
            try
            {
                restored = await Host.RestoreAsync(_packages.ToList(), _sources.ToList(), Remaining(CellLimit, clock), restoreLimit.Token);
            }
            catch (PackageUnavailableException e)
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
            foreach (var reference in restored)
                if (_referenced.Add(reference)) newReferences.Add(reference);
        }
        foreach (var note in notes) Console.Error.WriteLine($"warning: {note}");
        if (newReferences.Count > 0) ImmutableInterlocked.Update(ref _references, r => r.AddRange(newReferences));
        return (null, loads, timeIt);
    }

    /// <summary>
    /// Packages satisfied by a built-in feature rather than an assembly: <c>Plotly.NET.Interactive</c> (the engine's
    /// own chart formatter renders Plotly.NET charts, so the package is not needed and not loaded).
    /// </summary>
    public static IReadOnlyCollection<string> SatisfiedByFormatters { get; } = ["Plotly.NET.Interactive"];

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

    private async Task<SubmissionOutcome> RunSubmissionAsync(string code, string path, string cellPath, TimeSpan? limit, CancellationToken cancellationToken)
    {
        var references = References;
        // Parse, rewrite and compile under the process-wide compilation gate (see ScriptEnvironment.Synchronized).
        var (loaded, hasValue) = ScriptEnvironment.Synchronized(() =>
        {
            var compilation = _chain.CreateCompilation(code, path, references, Imports, Host.ReferenceResolver);
            var tree = compilation.SyntaxTrees.Last();
            LoadedSubmission? result = null;
            if (!tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
                && LoopGuardRewriter.Rewrite(tree, _guardSlot) is { } guarded)
            {
                var guardedTree = CSharpSyntaxTree.ParseText(guarded, SubmissionChain.ParseOptions, path, System.Text.Encoding.UTF8);
                result = _chain.Load(_chain.CreateCompilation(guardedTree, references, Imports, Host.ReferenceResolver), cancellationToken);
                // Report the user's own code (exact columns); fall back to running unguarded if only the rewrite failed.
                if (!result.Succeeded) result = null;
            }
            result ??= _chain.Load(compilation, cancellationToken);
            return (result, result.Succeeded && SubmissionChain.HasTrailingValue(result.Compilation));
        });
        if (!loaded.Succeeded)
            return new SubmissionOutcome(CellStatus.Error, ErrorReport.Compilation(loaded.Errors, cellPath, code), false, null);

        SubmissionRun? run = null;
        var outcome = await Host.RunAsync(() =>
        {
            run = _chain.Start(loaded);
            return run.Task;
        }, limit, (message, isTimeout) =>
        {
            CellGuard.RequestStop(_guardSlot, message, isTimeout);
            try { _cellCancellation?.Cancel(); } catch (ObjectDisposedException) { }
        }, cancellationToken);

        if (outcome.End != HostRunEnd.Finished)
        {
            bool isTimeout = outcome.End == HostRunEnd.AbandonedAtTimeLimit;
            return new SubmissionOutcome(isTimeout ? CellStatus.TimedOut : CellStatus.Interrupted,
                ErrorReport.Abandoned(isTimeout, outcome.Message ?? (isTimeout ? "The cell exceeded its time limit." : "The cell was interrupted.")), false, null);
        }
        // The cell's code ran (to its end, or to an exception it threw): later cells continue from its state.
        if (run is not null) _chain.Commit(run);
        try
        {
            var value = await outcome.Task;
            return new SubmissionOutcome(CellStatus.Ok, null, hasValue, hasValue ? value : null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failure(e);
        }
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

    /// <summary>A duration for messages: "120 s", "500 ms".</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0} ms");

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
    public virtual void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Interrupt();
        GC.SuppressFinalize(this);
    }
}
