using Descent.Notebooks.Execution;
using Descent.Notebooks.Scripting;

// In namespace System, as .NET Interactive had it, so `value.Display()` works in every cell without a using.
namespace System;

/// <summary><c>value.Display()</c> for notebook cells.</summary>
public static class NotebookDisplayExtensions
{
    /// <summary>
    /// Shows <paramref name="value"/> as an output of the running cell (restricted to <paramref name="mimeTypes"/>
    /// when given) and returns a handle whose <see cref="DisplayHandle.Update"/> replaces it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a running notebook cell.</exception>
    public static DisplayHandle Display(this object? value, params string[] mimeTypes) => CellContext.RequireCurrent().Display(value, mimeTypes);
}
