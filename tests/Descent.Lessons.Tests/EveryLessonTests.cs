namespace Descent.Lessons.Tests;

/// <summary>Every notebook in notebooks/ executes clean, as `descent run` executes it.</summary>
public class EveryLessonTests
{
    private const string NoLessonsYet = "(no lessons yet)";

    public static TheoryData<string> LessonNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Lessons.Names) data.Add(name);
        if (data.Count == 0) data.Add(NoLessonsYet);
        return data;
    }

    [Theory]
    [MemberData(nameof(LessonNames))]
    public async Task Lesson_executes_clean(string name)
    {
        if (name == NoLessonsYet)
        {
            // Until the lessons exist, this row checks that the folder really holds none (a lesson we could not see would be untested).
            Assert.Empty(Directory.Exists(Lessons.NotebooksFolder) ? Directory.GetFiles(Lessons.NotebooksFolder, "*.ipynb") : []);
            return;
        }
        var lesson = await Lessons.Run(name);
        lesson.AssertClean();
        Assert.All(lesson.CodeCells, c => Assert.True(c.Stderr.Length == 0, $"{name} {c} wrote to stderr: {c.Stderr}"));
        Assert.All(lesson.CodeCells, c => Assert.Null(c.Error));
    }
}
