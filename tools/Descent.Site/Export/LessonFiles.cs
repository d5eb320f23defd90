namespace Descent.Site.Export;

/// <summary>Which notebooks an export publishes: the files and folders given, or every notebook in notebooks/.</summary>
public static class LessonFiles
{
    /// <summary>The notebooks named by <paramref name="inputs"/> (files, or folders whose *.ipynb are taken in name order).</summary>
    /// <param name="inputs">Files or folders; when empty, <paramref name="defaultFolder"/>.</param>
    /// <param name="defaultFolder">The folder used when no input is given (normally <c>notebooks</c>).</param>
    /// <exception cref="FileNotFoundException">An input does not exist, or a folder holds no notebook.</exception>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> inputs, string defaultFolder)
    {
        var given = inputs.Count > 0 ? inputs : [defaultFolder];
        var result = new List<string>();
        foreach (var input in given)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.GetFiles(input, "*.ipynb").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new FileNotFoundException($"The folder '{input}' holds no notebook (*.ipynb).");
                result.AddRange(found);
            }
            else if (File.Exists(input))
            {
                if (!input.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                    throw new FileNotFoundException($"'{input}' is not a notebook: give .ipynb files or folders that hold them.", input);
                result.Add(input);
            }
            else
            {
                throw new FileNotFoundException(inputs.Count == 0
                    ? $"There is no '{defaultFolder}' folder here: run descent export from the repository root, or name the notebooks to export."
                    : $"'{input}' does not exist.", input);
            }
        }
        return result.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }
}
