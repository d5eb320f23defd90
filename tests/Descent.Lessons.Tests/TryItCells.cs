using System.Text.Json.Nodes;

namespace Descent.Lessons.Tests;

/// <summary>
/// A lesson's Try-it, run as the student runs it: a copy of the lesson with only the cells the Try-it needs (in the
/// lesson's order, the set-up cell always first), one cell edited as the Try-it says, run through the engine.
/// </summary>
internal static class TryItCells
{
    /// <summary>Runs the copy and returns it; read the edited cell with <c>CellWithId(<paramref name="editedCell"/>)</c>.</summary>
    /// <param name="lesson">The lesson's file name without .ipynb.</param>
    /// <param name="cellIds">The ids of the cells to keep besides "setup" (those the edited cell depends on, and itself).</param>
    /// <param name="editedCell">The id of the cell the Try-it edits.</param>
    /// <param name="find">Text the cell contains (exactly once).</param>
    /// <param name="replace">What the Try-it replaces it by.</param>
    public static Task<LessonRun> Run(string lesson, string[] cellIds, string editedCell, string find, string replace)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(Lessons.NotebooksFolder, lesson + ".ipynb")))!;
        var keep = new HashSet<string>(cellIds) { "setup", editedCell };
        var cells = new JsonArray();
        foreach (var cell in notebook["cells"]!.AsArray().ToList())
        {
            string id = (string)cell!["id"]!;
            if (!keep.Contains(id)) continue;
            string source = string.Concat(cell["source"]!.AsArray().Select(l => (string)l!));
            if (id == "setup")
                source = source.Replace("\"../lib/", $"\"{Lessons.RepositoryRoot.Replace('\\', '/')}/lib/", StringComparison.Ordinal);
            if (id == editedCell)
            {
                int at = source.IndexOf(find, StringComparison.Ordinal);
                if (at < 0 || source.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
                    throw new InvalidOperationException($"Cell {id} of {lesson} must contain '{find}' exactly once.");
                source = source.Replace(find, replace, StringComparison.Ordinal);
            }
            var copy = cell.DeepClone();
            copy["source"] = new JsonArray(source);
            cells.Add(copy);
        }
        notebook["cells"] = cells;
        string key = $"{editedCell}-{(uint)string.Join("|", replace, string.Join(",", cellIds)).GetHashCode():x8}";
        var folder = Path.Combine(Lessons.RepositoryRoot, "artifacts", "edited-lessons");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{lesson}-{key}.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return Lessons.RunFile(path);
    }
}
