using Descent.Notebooks.Model;

namespace Descent.Notebooks.Tests;

/// <summary>Builds small notebooks in the format Polyglot Notebooks writes.</summary>
internal static class NotebookFiles
{
    public static Notebook Make(params string[] codeCells)
    {
        var notebook = Notebook.CreateNew();
        notebook.AddMarkdown("# A test notebook");
        foreach (var code in codeCells) notebook.AddCode(code);
        return notebook;
    }

    public static string Write(string path, params string[] codeCells)
    {
        Make(codeCells).Save(path);
        return path;
    }
}
