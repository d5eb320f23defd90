using System.Text.Json.Nodes;

namespace Descent.Lessons.Tests;

/// <summary>
/// A lesson as a student leaves it after a "Try it": a copy with some cells' code replaced, run through the engine up to
/// a given cell, so the numbers a "What you should see" states can be pinned. The copy is written under
/// <c>artifacts/try-it/</c> with the library's <c>#r</c> made absolute.
/// </summary>
internal static class TryItLesson
{
    public static Task<LessonRun> Run(string lesson, string upToId, params (string Id, string Code)[] edits)
    {
        var nb = JsonNode.Parse(File.ReadAllText(Path.Combine(Lessons.NotebooksFolder, lesson + ".ipynb")))!;
        var cells = nb["cells"]!.AsArray();
        int Index(string id)
        {
            for (int i = 0; i < cells.Count; i++)
                if (cells[i]!["id"]?.GetValue<string>() == id) return i;
            throw new ArgumentException($"{lesson} has no cell {id}.");
        }
        int last = Index(upToId);
        while (cells.Count > last + 1) cells.RemoveAt(cells.Count - 1);
        foreach (var (id, code) in edits)
            cells[Index(id)]!["source"] = new JsonArray(JsonValue.Create(code));
        var setup = cells.First(c => c!["cell_type"]!.GetValue<string>() == "code")!;
        string library = Path.Combine(Lessons.RepositoryRoot, "lib") + "/";
        setup["source"] = new JsonArray(JsonValue.Create(
            string.Concat(setup["source"]!.AsArray().Select(s => s!.GetValue<string>()))
                .Replace("\"../lib/", "\"" + library, StringComparison.Ordinal)));
        string key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            lesson + "\n" + upToId + "\n" + string.Join("\n", edits.Select(e => e.Id + "=" + e.Code)))))[..12];
        string dir = Path.Combine(Lessons.RepositoryRoot, "artifacts", "try-it");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{lesson}-{key}.ipynb");
        File.WriteAllText(path, nb.ToJsonString());
        return Lessons.RunFile(path);
    }

    /// <summary>The code of a lesson's cell, as committed.</summary>
    public static string Source(string lesson, string id)
    {
        var nb = JsonNode.Parse(File.ReadAllText(Path.Combine(Lessons.NotebooksFolder, lesson + ".ipynb")))!;
        var cell = nb["cells"]!.AsArray().Single(c => c!["id"]?.GetValue<string>() == id)!;
        return string.Concat(cell["source"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    /// <summary>Replaces exactly one occurrence of <paramref name="old"/>, so a test notices when the cell changes.</summary>
    public static string Edit(this string code, string old, string replacement)
    {
        int at = code.IndexOf(old, StringComparison.Ordinal);
        if (at < 0 || code.IndexOf(old, at + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"'{old}' must occur exactly once in:\n{code}");
        return code[..at] + replacement + code[(at + old.Length)..];
    }
}
