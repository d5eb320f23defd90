using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Descent.Notebooks.Editing;

/// <summary>
/// What the editing services need to know of a session: the compilation of its last submission (its chain of
/// previous script compilations holds every earlier cell's variables, methods, usings and references), or, before any
/// cell has run, the references and imports the first cell will be compiled with.
/// </summary>
/// <param name="LastSubmission">The compilation of the most recent submission of the session, or null before the first cell.</param>
/// <param name="References">The references the next cell compiles against.</param>
/// <param name="Imports">The namespaces every cell imports.</param>
public sealed record EditingContext(CSharpCompilation? LastSubmission, ImmutableArray<MetadataReference> References, ImmutableArray<string> Imports);
