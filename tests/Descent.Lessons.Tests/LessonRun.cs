using System.Text;
using Descent.Notebooks.Model;
using Descent.Testing;

namespace Descent.Lessons.Tests;

/// <summary>One executed lesson: its cells' outputs, ready to assert on.</summary>
public sealed class LessonRun
{
    internal LessonRun(ExecutedNotebook result)
    {
        Path = result.SourcePath;
        Result = result;
        CodeCells = result.Cells.Where(c => c.CodeCellNumber is not null).Select(c => new LessonCell(c, result.Notebook.Cells[c.Index])).ToList();
    }

    /// <summary>The notebook file.</summary>
    public string Path { get; }

    /// <summary>The file name without .ipynb.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The engine's result (the executed notebook, per-cell status, build error).</summary>
    public ExecutedNotebook Result { get; }

    /// <summary>The executed notebook.</summary>
    public Notebook Executed => Result.Notebook;

    /// <summary>True if the build and every cell ran clean.</summary>
    public bool Succeeded => Result.Succeeded;

    /// <summary>Total time, building included.</summary>
    public TimeSpan Elapsed => Result.Elapsed;

    /// <summary>The code cells, in order.</summary>
    public IReadOnlyList<LessonCell> CodeCells { get; }

    /// <summary>
    /// The <paramref name="number"/>-th code cell, counting from 1 (markdown cells are not counted; in a clean run this
    /// is the cell shown as <c>[number]</c> in VS Code and Jupyter).
    /// </summary>
    public LessonCell Cell(int number)
    {
        if (number < 1 || number > CodeCells.Count)
            throw new ArgumentOutOfRangeException(nameof(number), number, $"{Name} has code cells 1 to {CodeCells.Count}.");
        return CodeCells[number - 1];
    }

    /// <summary>The cell at a 0-based index among all cells (markdown included), if it is a code cell.</summary>
    public LessonCell CellAt(int index) =>
        CodeCells.FirstOrDefault(c => c.Index == index)
        ?? throw new ArgumentOutOfRangeException(nameof(index), index, $"Cell {index} of {Name} is not a code cell.");

    /// <summary>The one code cell whose source contains <paramref name="snippet"/> (robust against cells being added above it).</summary>
    /// <exception cref="InvalidOperationException">No cell, or more than one, contains the snippet.</exception>
    public LessonCell CellContaining(string snippet)
    {
        var matches = CodeCells.Where(c => c.Source.Contains(snippet, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidOperationException($"No code cell of {Name} contains \"{snippet}\"."),
            _ => throw new InvalidOperationException(
                $"Code cells {string.Join(", ", matches.Select(m => m.Number))} of {Name} all contain \"{snippet}\"; use a longer snippet."),
        };
    }

    /// <summary>Fails with the build error or the first failing cell's traceback if the lesson did not run clean.</summary>
    public void AssertClean()
    {
        if (Succeeded) return;
        Assert.Fail(Describe());
    }

    /// <summary>What went wrong, for assertion messages.</summary>
    public string Describe()
    {
        if (Result.BuildError is { } build) return $"{Name}: the library did not build:\n{build}";
        if (Result.FirstFailure is not { } failure) return $"{Name} ran clean in {Elapsed.TotalSeconds:0.0} s.";
        var sb = new StringBuilder($"{Name}: code cell {failure.CodeCellNumber} failed ({failure.Status}):\n");
        foreach (var line in failure.Traceback) sb.AppendLine(line);
        sb.AppendLine("source:");
        sb.Append(Executed.Cells[failure.Index].Source);
        return sb.ToString();
    }
}
