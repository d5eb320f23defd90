using System.Collections.Immutable;
using Descent.Notebooks.Editing;
using Descent.Notebooks.Submissions;
using Microsoft.CodeAnalysis;

namespace Descent.Kernel.Tests.Editing;

/// <summary>Two compiled (not run) submissions and the assistant over them, shared by the tests.</summary>
public sealed class ScriptChainFixture : IDisposable
{
    public static readonly ImmutableArray<string> Imports = ["System", "System.Collections.Generic", "System.Linq"];

    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. new[] { typeof(object), typeof(Enumerable), typeof(List<>) }.Select(t => t.Assembly.Location).Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll")),
    ];

    public ScriptChainFixture()
    {
        var chain = new SubmissionChain();
        chain.Append(chain.CreateCompilation("double learningRate = 0.1;\nint Square(int x) => x * x;", "cell 1", References, Imports));
        chain.Append(chain.CreateCompilation("var losses = new List<double>();", "cell 2", References, Imports));
        var second = chain.Last;
        Assistant = new CodeAssistant(() => new EditingContext(second, References, Imports));
    }

    public CodeAssistant Assistant { get; }

    public void Dispose() => Assistant.Dispose();
}

/// <summary>Completion and inspection against a real chain of script submissions.</summary>
public sealed class CodeAssistantTests(ScriptChainFixture fixture) : IClassFixture<ScriptChainFixture>
{
    private readonly CodeAssistant _assistant = fixture.Assistant;

    private List<string> Texts(string code) => _assistant.Complete(code, code.Length).Items.Select(i => i.Text).ToList();

    [Fact]
    public void Members_of_Math_are_completed_after_the_dot()
    {
        const string code = "var y = Math.";
        var list = _assistant.Complete(code, code.Length);
        var texts = list.Items.Select(i => i.Text).ToList();
        Assert.Contains("Sqrt", texts);
        Assert.Contains("Max", texts);
        Assert.Contains("PI", texts);
        Assert.DoesNotContain("learningRate", texts);
        Assert.Equal(code.Length, list.SpanStart);
        Assert.Equal(code.Length, list.SpanEnd);
        Assert.Equal("method", list.Items.First(i => i.Text == "Sqrt").Kind);
        Assert.Equal("constant", list.Items.First(i => i.Text == "PI").Kind);
    }

    [Fact]
    public void Typed_prefix_filters_and_sets_the_replaced_span()
    {
        const string code = "Math.Sq";
        var list = _assistant.Complete(code, code.Length);
        Assert.Equal(["Sqrt"], list.Items.Select(i => i.Text));
        Assert.Equal(5, list.SpanStart);
        Assert.Equal(7, list.SpanEnd);
        Assert.Contains("Math.Sqrt(double", list.Items[0].Description);
    }

    [Fact]
    public void Earlier_cells_variables_and_methods_are_completed()
    {
        Assert.Contains("learningRate", Texts("var step = learn"));
        Assert.Contains("Square", Texts("Squ"));
        Assert.Contains("losses", Texts("los"));
    }

    [Fact]
    public void Members_of_an_earlier_cells_variable_are_completed()
    {
        var texts = Texts("losses.");
        Assert.Contains("Add", texts);
        Assert.Contains("Count", texts);
        Assert.Contains("Average", texts); // LINQ extension method, from the imports
    }

    [Fact]
    public void Locals_of_the_cell_being_edited_are_completed()
    {
        Assert.Contains("momentum", Texts("var momentum = 0.9;\nvar v = mom"));
    }

    [Fact]
    public void Types_are_completed_from_the_imports()
    {
        Assert.Contains("Dictionary", Texts("var d = new Dictio"));
    }

    [Fact]
    public void Notebook_directives_do_not_break_completion()
    {
        Assert.Contains("Sqrt", Texts("#!time\n#r \"nuget: MathNet.Numerics, 5.0.0\"\nMath.Sq"));
    }

    [Fact]
    public void Inspect_shows_the_signature_and_the_framework_documentation()
    {
        const string code = "var r = Math.Sqrt(2.0);";
        var help = _assistant.Inspect(code, code.IndexOf("Sqrt", StringComparison.Ordinal) + 2)!;
        Assert.Equal("double Math.Sqrt(double d)", help.Signatures[0]);
        Assert.Contains("square root", help.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(help.Details, d => d.StartsWith("d:", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_inside_the_argument_list_shows_the_called_method_and_its_overloads()
    {
        const string code = "Math.Max(1, ";
        var help = _assistant.Inspect(code, code.Length)!;
        Assert.Contains(help.Signatures, s => s.StartsWith("int Math.Max(int val1, int val2)", StringComparison.Ordinal));
        Assert.Contains(help.Signatures, s => s.StartsWith("double Math.Max(double val1, double val2)", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_of_an_earlier_cells_variable_names_its_type()
    {
        var help = _assistant.Inspect("learningRate * 2", 3)!;
        Assert.Equal("(notebook variable) double learningRate", help.Signatures[0]);
    }

    [Fact]
    public void Inspect_right_after_an_identifier_finds_it()
    {
        const string code = "Math";
        var help = _assistant.Inspect(code, code.Length)!;
        Assert.Equal("static class System.Math", help.Signatures[0]);
    }

    [Fact]
    public void Inspect_on_nothing_returns_null()
    {
        Assert.Null(_assistant.Inspect("   ", 1));
        Assert.Null(_assistant.Inspect("1 + 2", 2));
    }

    [Fact]
    public void Completion_works_before_any_cell_has_run()
    {
        using var fresh = new CodeAssistant(() => new EditingContext(null, ScriptChainFixture.References, ScriptChainFixture.Imports));
        const string code = "Math.Ab";
        Assert.Equal(["Abs"], fresh.Complete(code, code.Length).Items.Select(i => i.Text));
    }
}
