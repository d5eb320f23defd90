using Microsoft.CodeAnalysis.Scripting;

namespace Descent.Notebooks.Editing;

/// <summary>
/// What the editing services need to know of a session: the last compiled submission (its chain of
/// <see cref="Script.Previous"/> scripts holds every earlier cell's variables, methods, usings and references),
/// or, before any cell has run, the options and globals type the first cell will be compiled with.
/// </summary>
/// <param name="LastSubmission">The most recent submission of the session, or null before the first cell.</param>
/// <param name="Options">The script options of the session (references, imports, resolvers).</param>
/// <param name="GlobalsType">The type whose members cells see as globals, or null.</param>
public sealed record EditingContext(Script? LastSubmission, ScriptOptions Options, Type? GlobalsType);
