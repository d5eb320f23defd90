using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Notebooks.Model;

/// <summary>
/// The metadata Polyglot Notebooks (VS Code) writes, and the older variants a reader must accept:
/// notebook <c>kernelspec</c> (<c>.net-csharp</c>), <c>language_info</c>, <c>polyglot_notebook.kernelInfo</c>;
/// cell <c>polyglot_notebook.kernelName</c>, <c>dotnet_interactive.language</c>, <c>vscode.languageId</c>.
/// </summary>
public static class PolyglotMetadata
{
    /// <summary>The kernel name Polyglot gives C# cells.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>Notebook metadata for a new C# notebook, as Polyglot Notebooks writes it.</summary>
    public static JsonObject NewNotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernelName,
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = CSharpKernelName }),
            },
        },
    };

    /// <summary>Cell metadata for a new C# code cell, as Polyglot Notebooks writes it.</summary>
    public static JsonObject NewCodeCellMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = CSharpKernelName },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernelName },
    };

    /// <summary>
    /// The language a cell's metadata names, normalised (<c>csharp</c>, <c>fsharp</c>, <c>markdown</c>...), or null.
    /// Reads <c>polyglot_notebook.kernelName</c>, then <c>dotnet_interactive.language</c>, then <c>vscode.languageId</c>.
    /// </summary>
    public static string? CellLanguage(JsonObject cellMetadata)
    {
        var name = Text(cellMetadata, "polyglot_notebook", "kernelName")
                   ?? Text(cellMetadata, "dotnet_interactive", "language")
                   ?? Text(cellMetadata, "vscode", "languageId");
        return Normalize(name);
    }

    /// <summary>
    /// The notebook's default cell language: <c>polyglot_notebook.kernelInfo.defaultKernelName</c>, else
    /// <c>kernelspec.language</c>, else <c>language_info.name</c> (ignoring Polyglot's <c>polyglot-notebook</c>); null if none.
    /// </summary>
    public static string? DefaultLanguage(JsonObject notebookMetadata)
    {
        var name = Text(notebookMetadata, "polyglot_notebook", "kernelInfo", "defaultKernelName")
                   ?? Text(notebookMetadata, "kernelspec", "language")
                   ?? Text(notebookMetadata, "language_info", "name");
        return Normalize(name);
    }

    /// <summary>True if the kernelspec names a .NET kernel (VS Code's test: the name starts with <c>.net-</c>).</summary>
    public static bool IsDotNetNotebook(JsonObject notebookMetadata) =>
        Text(notebookMetadata, "kernelspec", "name")?.StartsWith(".net-", StringComparison.Ordinal) == true;

    /// <summary>Maps the spellings in circulation (<c>C#</c>, <c>c#</c>, <c>csharp</c>, <c>.net-csharp</c>...) to one name.</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return null;
        var l = language.Trim().ToLowerInvariant();
        return l switch
        {
            "c#" or "csharp" or "cs" or ".net-csharp" or "dotnet-csharp" => CSharpKernelName,
            "f#" or "fsharp" or "fs" or ".net-fsharp" => "fsharp",
            "polyglot-notebook" or "dotnet-interactive" => null,
            "pwsh" or "powershell" or ".net-pwsh" => "pwsh",
            _ => l,
        };
    }

    private static string? Text(JsonObject root, params string[] path)
    {
        JsonNode? node = root;
        foreach (var key in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(key, out node)) return null;
        }
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }
}
