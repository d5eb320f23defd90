using Descent.Notebooks.Running;
using Xunit.Sdk;

namespace Descent.Lessons.Tests;

/// <summary>The fixture lesson tests use, checked on notebooks of its own (tests/Descent.Lessons.Tests/Fixtures).</summary>
public class LessonInfrastructureTests
{
    private static string Fixture(string name) => Path.Combine(Lessons.RepositoryRoot, "tests", "Descent.Lessons.Tests", "Fixtures", name);

    [Fact]
    public async Task A_lesson_runs_against_the_built_library_and_exposes_each_cells_outputs()
    {
        var lesson = await Lessons.RunFile(Fixture("library-lesson.ipynb"));
        lesson.AssertClean();
        Assert.Equal(6, lesson.CodeCells.Count);
        Assert.Empty(lesson.Cell(1).Outputs);
        Assert.Equal("5.0464000000000055", lesson.Cell(2).ResultText);
        Assert.Contains("5.0464000000000055", lesson.Cell(2).Text);
        Assert.Equal("x1 = 4.4\n", lesson.Cell(3).Stdout);
        Assert.Equal("x1 = 4.4", lesson.CellContaining("x1 =").Text);
        Assert.Equal(1, lesson.Cell(4).PlotlyCharts);
        Assert.Equal(3, lesson.Cell(4).Charts[0]["data"]![0]!["y"]!.AsArray().Count);
        Assert.Equal(["step 2"], lesson.Cell(5).DisplayTexts);
        Assert.Contains("2  2  5.0464000000000055", lesson.Cell(6).Text);
        Assert.Contains("<th>T</th><th>X</th>", lesson.Cell(6).Html[0]);
        Assert.All(lesson.CodeCells, c => Assert.Equal("", c.Stderr));
        Assert.Same(lesson.Cell(2), lesson.CellAt(2));
        Assert.True(lesson.Cell(2).Elapsed > TimeSpan.Zero);
        Assert.True(File.Exists(Path.Combine(Lessons.RepositoryRoot, "lib/Descent/bin/Release/net10.0/Descent.dll")));
    }

    [Fact]
    public async Task Each_notebook_runs_once_per_test_run()
    {
        var first = Lessons.RunFile(Fixture("library-lesson.ipynb"));
        var second = Lessons.RunFile(Fixture("library-lesson.ipynb"));
        Assert.Same(first, second);
        Assert.Same(await first, await second);
    }

    [Fact]
    public async Task A_failing_lesson_names_the_cell_and_the_exception_and_runs_nothing_after_it()
    {
        var lesson = await Lessons.RunFile(Fixture("failing-lesson.ipynb"));
        Assert.False(lesson.Succeeded);
        Assert.Equal(CellRunStatus.Error, lesson.Cell(2).Status);
        Assert.Equal("System.DivideByZeroException", lesson.Cell(2).Error!.EName);
        Assert.Equal(CellRunStatus.NotRun, lesson.Cell(3).Status);
        Assert.Empty(lesson.Cell(3).Outputs);
        var e = Assert.ThrowsAny<XunitException>(lesson.AssertClean);
        Assert.StartsWith("failing-lesson: code cell 2 failed (Error):\nSystem.DivideByZeroException: Attempted to divide by zero.", e.Message);
        Assert.Contains("at <cell> in Cell In[2], line 2", e.Message);
    }

    [Fact]
    public async Task Finding_cells_by_snippet_says_when_none_or_several_match()
    {
        var lesson = await Lessons.RunFile(Fixture("library-lesson.ipynb"));
        Assert.Equal(2, lesson.CellContaining("GradientDescent.Trajectory").Number);
        Assert.Equal("No code cell of library-lesson contains \"Adam\".", Assert.Throws<InvalidOperationException>(() => lesson.CellContaining("Adam")).Message);
        Assert.Contains("all contain \"guesses\"", Assert.Throws<InvalidOperationException>(() => lesson.CellContaining("guesses")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => lesson.Cell(7));
    }

    [Fact]
    public async Task A_try_it_runs_the_lesson_up_to_its_edited_cell()
    {
        var cell = await TryIt.Cell(Fixture("library-lesson.ipynb"), "x1 =").Replace("guesses[1]", "guesses[2]").Run();
        Assert.Equal("x1 = 5.0464000000000055", cell.Text);
        Assert.Equal(3, cell.Number);
        var byId = await TryIt.Cell(Fixture("library-lesson.ipynb"), "c3").WithSource("guesses.Length").Run();
        Assert.Equal("3", byId.ResultText);
    }

    [Fact]
    public async Task A_try_it_fails_when_its_edited_lesson_does_not_run_clean()
    {
        // Alone: only the set-up cell runs before it, so the cell misses `guesses`.
        var e = await Assert.ThrowsAnyAsync<XunitException>(() => TryIt.Cell(Fixture("library-lesson.ipynb"), "c3").Alone().Run());
        Assert.StartsWith("Try-it \"c3\" in library-lesson: the edited lesson did not run clean.", e.Message);
        Assert.Contains("guesses", e.Message);
    }

    [Fact]
    public async Task A_try_it_fails_clearly_when_its_cell_or_its_literal_is_not_there()
    {
        var lesson = TryIt.Cell(Fixture("library-lesson.ipynb"), "x1 =");
        Assert.Equal("Try-it \"Adam\" in library-lesson: no code cell has the id \"Adam\" or contains it in its source.",
            (await Assert.ThrowsAsync<InvalidOperationException>(() => TryIt.Cell(Fixture("library-lesson.ipynb"), "Adam").Run())).Message);
        Assert.Contains("all contain \"guesses\"; use its id or a longer snippet",
            (await Assert.ThrowsAsync<InvalidOperationException>(() => TryIt.Cell(Fixture("library-lesson.ipynb"), "guesses").Run())).Message);
        Assert.StartsWith("Try-it \"x1 =\" in library-lesson: \"guesses[7]\" must occur exactly once in the cell, but occurs nowhere.",
            (await Assert.ThrowsAsync<InvalidOperationException>(() => lesson.Replace("guesses[7]", "guesses[2]").Run())).Message);
        Assert.Contains("\"e\" must occur exactly once in the cell, but occurs more than once",
            (await Assert.ThrowsAsync<InvalidOperationException>(() => lesson.Replace("e", "E").Run())).Message);
        Assert.Throws<FileNotFoundException>(() => TryIt.Cell("99-no-such-lesson", "try-it"));
    }

    [Fact]
    public async Task Asking_for_a_missing_lesson_lists_the_lessons_there_are()
    {
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => Lessons.Run("99-no-such-lesson"));
        Assert.StartsWith($"No lesson 99-no-such-lesson.ipynb in {Lessons.NotebooksFolder}. Lessons: ", e.Message);
    }
}
