using Descent.Notebooks.Execution;

namespace Descent.Notebooks.Scripting;

/// <summary>
/// The functions a cell sees without qualification (the engine imports this class with <c>using static</c>, as the
/// .NET Interactive C# kernel imported <c>Microsoft.DotNet.Interactive.Kernel</c>): <c>display(...)</c> and <c>HTML(...)</c>.
/// </summary>
public static class NotebookKernel
{
    /// <summary>
    /// Shows <paramref name="value"/> as an output of the running cell, formatted by the engine's formatters
    /// (restricted to <paramref name="mimeTypes"/> when given; a string shown as <c>text/html</c> is taken as markup).
    /// Returns a handle whose <see cref="DisplayHandle.Update"/> replaces the output.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a running cell.</exception>
#pragma warning disable IDE1006 // lower-case names, as notebooks spell them
    public static DisplayHandle display(object? value, params string[] mimeTypes) => CellContext.RequireCurrent().Display(value, mimeTypes);
#pragma warning restore IDE1006

    /// <summary>Wraps markup so that it is shown as <c>text/html</c>.</summary>
    public static HtmlContent HTML(string html) => new(html);
}
