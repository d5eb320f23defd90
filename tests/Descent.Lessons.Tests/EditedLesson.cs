using System.Text.Json.Nodes;

namespace Descent.Lessons.Tests;

/// <summary>
/// A lesson as a student leaves it after a "Try it": a copy with some cells' code replaced, run through the engine up to
/// a given cell, so the numbers a "What you should see" states can be pinned. The copy is written under
/// <c>artifacts/try-it/</c> with the library's <c>#r</c> made absolute.
/// </summary>
internal static class EditedLesson
{
    public static Task<LessonRun> Run(string lesson, string upToId, params (string Id, string Code)[] edits)
    {
        var nb = JsonNode.Parse(File.ReadAllText(Path.Combine(Lessons.NotebooksFolder, lesson + ".ipynb")))!;
        var cells = nb["cells"]!.AsArray();
        int Index(string id) =>
            cells.Select((c, i) => (Id: c!["id"]?.GetValue<string>(), i)).FirstOrDefault(p => p.Id == id, (null, -1)).i is var i and >= 0
                ? i
                : throw new ArgumentException($"{lesson} has no cell {id}.");
        int last = Index(upToId);
        while (cells.Count > last + 1) cells.RemoveAt(cells.Count - 1);
        foreach (var (id, code) in edits)
            cells[Index(id)]!["source"] = new JsonArray(JsonValue.Create(code));
        var setup = cells.First(c => c!["cell_type"]!.GetValue<string>() == "code")!;
        string library = Path.Combine(Lessons.RepositoryRoot, "lib") + "/";
        setup["source"] = new JsonArray(JsonValue.Create(
            string.Concat(setup["source"]!.AsArray().Select(s => s!.GetValue<string>())).Replace("\"../lib/", "\"" + library, StringComparison.Ordinal)));
        string key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(upToId + "\n" + string.Join("\n", edits.Select(e => e.Id + "=" + e.Code)))))[..12];
        string dir = Path.Combine(Lessons.RepositoryRoot, "artifacts", "try-it");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{lesson}-{key}.ipynb");
        Lessons.Write(path, nb.ToJsonString());
        return Lessons.RunFile(path);
    }
}
