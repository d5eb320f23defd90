using System.Text.Json.Nodes;
using Descent.Notebooks.Formatting;
using Descent.Notebooks.Model;
using Descent.Notebooks.Running;

namespace Descent.Lessons.Tests;

/// <summary>
/// Runs a lesson a second time, in a session of its own, and checks that it shows exactly what the shared execution
/// (<see cref="Lessons.Run"/>) showed: every random draw in a lesson is seeded, so two executions must print the same
/// text and draw the same figures, number for number. (The HTML of a chart carries a random element id, so charts are
/// compared by their figure JSON.)
/// </summary>
internal static class SecondExecution
{
    /// <summary>Fails, naming the first cell that differs, unless a second execution of the lesson shows the same outputs.</summary>
    public static async Task AssertSameOutputs(string name)
    {
        var first = await Lessons.Run(name);
        first.AssertClean();
        var second = await NotebookRunner.RunFileAsync(first.Path, new NotebookRunOptions { BuildReferencedProjects = false });
        Assert.True(second.Succeeded, $"{name}: the second execution failed at code cell {second.FirstFailure?.CodeCellNumber}.");

        // Both as saved to disk (the shared execution is read back from .executed-lessons/, whose JSON has sorted keys).
        var before = Shown(Notebook.Parse(first.Executed.ToJson()));
        var after = Shown(Notebook.Parse(second.Notebook.ToJson()));
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
            Assert.True(before[i].Text == after[i].Text,
                $"{name}, cell \"{before[i].Id}\" showed something else the second time:\n{before[i].Text}\n---\n{after[i].Text}");
    }

    /// <summary>Each code cell's outputs as one comparable text: streams, plain text, and figure JSON.</summary>
    private static List<(string Id, string Text)> Shown(Notebook notebook) =>
        notebook.CodeCells.Select(c => (c.Id ?? "", string.Join("\n", c.Outputs.Select(Describe)))).ToList();

    private static string Describe(CellOutput output) => output switch
    {
        StreamOutput s => $"{s.Name}: {s.Text}",
        DisplayDataOutput d => Bundle(d.Data),
        ExecuteResultOutput r => Bundle(r.Data),
        ErrorOutput e => $"error: {e.EName}: {e.EValue}",
        _ => output.OutputType,
    };

    private static string Bundle(MimeBundle data) =>
        data.GetJson(PlotlyFormatter.MimeType) is JsonNode figure ? figure.ToJsonString() : data.GetText("text/plain") ?? "";
}
