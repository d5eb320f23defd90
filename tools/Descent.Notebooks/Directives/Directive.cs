namespace Descent.Notebooks.Directives;

/// <summary>A directive line of a cell, handled by the engine before Roslyn sees the code.</summary>
/// <param name="Line">1-based line inside the cell.</param>
/// <param name="Text">The line as written (trimmed).</param>
public abstract record Directive(int Line, string Text);

/// <summary><c>#r "nuget: Id, Version"</c>: a NuGet package (version optional).</summary>
public sealed record PackageReferenceDirective(int Line, string Text, string PackageId, string? Version) : Directive(Line, Text);

/// <summary><c>#r "path/to/library.dll"</c>: an assembly, relative to the working directory or absolute.</summary>
public sealed record AssemblyReferenceDirective(int Line, string Text, string Path) : Directive(Line, Text);

/// <summary><c>#i "nuget: source"</c>: an extra NuGet source (a feed URL or a local folder) for later restores.</summary>
public sealed record PackageSourceDirective(int Line, string Text, string Source) : Directive(Line, Text);

/// <summary><c>#load "file.csx"</c>: a C# script file run before the cell's code.</summary>
public sealed record LoadDirective(int Line, string Text, string Path) : Directive(Line, Text);

/// <summary><c>#!name args</c>: a Polyglot magic command (<c>#!csharp</c>, <c>#!c#</c> and <c>#!time</c> are understood).</summary>
public sealed record MagicDirective(int Line, string Text, string Name, string Arguments) : Directive(Line, Text);
