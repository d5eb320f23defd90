using Descent.Notebooks.Editing;

namespace Descent.Kernel.Tests.Editing;

public class SubmissionParserTests
{
    [Theory]
    [InlineData("var x = 1;")]
    [InlineData("x * x")]
    [InlineData("for (int i = 0; i < 3; i++) { Console.WriteLine(i); }")]
    [InlineData("")]
    [InlineData("#!time\nvar x = 1;")]
    [InlineData("#r \"nuget: MathNet.Numerics, 5.0.0\"\nvar v = 1;")]
    public void Complete_code_is_complete(string code) =>
        Assert.Equal(SubmissionStatus.Complete, CodeAssistant.IsComplete(code).Status);

    [Theory]
    [InlineData("for (int i = 0; i < 3; i++) {", "    ")]
    [InlineData("void F() {\n    if (true) {", "        ")]
    [InlineData("var y = Math.Max(1,", "")]
    [InlineData("for (int i = 1; i <= 4; i++)", "")]
    [InlineData("var total = 0;\nfor (int i = 1; i <= 4; i++)\n{", "    ")]
    [InlineData("var s = \"\"\"\nraw", "")]
    public void Half_written_code_is_incomplete_with_an_indent(string code, string indent)
    {
        var result = CodeAssistant.IsComplete(code);
        Assert.Equal(SubmissionStatus.Incomplete, result.Status);
        Assert.Equal(indent, result.Indent);
    }

    [Theory]
    [InlineData("var x = (1 + 2));")]
    [InlineData("}")]
    [InlineData("int 3x = 4;")]
    public void Broken_code_that_more_lines_cannot_fix_is_invalid(string code) =>
        Assert.Equal(SubmissionStatus.Invalid, CodeAssistant.IsComplete(code).Status);

    [Fact]
    public void Directive_mask_keeps_every_position()
    {
        const string code = "#!time\n#i \"nuget: https://x\"\nvar a = 1;";
        string masked = DirectiveMask.Apply(code);
        Assert.Equal(code.Length, masked.Length);
        Assert.Equal("      \n                     \nvar a = 1;", masked);
    }
}
