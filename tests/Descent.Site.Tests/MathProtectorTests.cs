using Descent.Site.Markdown;

namespace Descent.Site.Tests;

public class MathProtectorTests
{
    private static IReadOnlyList<MathSpan> Spans(string markdown) => MathProtector.Protect(markdown).Spans;

    [Fact]
    public void InlineAndDisplayFormulasAreReplacedByPlaceholders()
    {
        var (text, spans) = MathProtector.Protect("The step $x_{t+1} = x_t - \\eta g_t$ and\n$$\n\\nabla f = 2x\n$$\ndone");
        Assert.Equal("The step @@0@@ and\n@@1@@\ndone", text);
        Assert.Equal(new MathSpan("x_{t+1} = x_t - \\eta g_t", false, "$x_{t+1} = x_t - \\eta g_t$"), spans[0]);
        Assert.Equal("\\nabla f = 2x", spans[1].Tex);
        Assert.True(spans[1].Display);
    }

    [Fact]
    public void EscapedDollarsAndPricesAreNotMath()
    {
        Assert.Empty(Spans("it costs \\$5, and $5 to $10 is a range"));
        Assert.Empty(Spans("a lone $ sign"));
        Assert.Empty(Spans("$5 to $10 is a range; code: `var p = \"$x$\";`"));
    }

    [Fact]
    public void CodeSpansAndFencedBlocksAreLeftAsWritten()
    {
        var source = "use `\"$x$\"` here\n```csharp\nvar s = $\"{a}$\";\n```\nthen $y$";
        var (text, spans) = MathProtector.Protect(source);
        Assert.Single(spans);
        Assert.Equal("y", spans[0].Tex);
        Assert.StartsWith("use `\"$x$\"` here\n```csharp\nvar s = $\"{a}$\";\n```\nthen @@0@@", text);
    }

    [Fact]
    public void AFormulaNeverSpansABlankLine()
    {
        Assert.Empty(Spans("$a\n\nb$"));
        Assert.Single(Spans("$a\nb$"));
    }

    [Fact]
    public void EnvironmentsAndDoubleBackslashDelimitersAreDisplayOrInline()
    {
        var spans = Spans("\\begin{aligned} a &= b \\\\ c &= d \\end{aligned} and \\\\(x\\\\) and \\\\[y\\\\]");
        Assert.Equal(3, spans.Count);
        Assert.Equal("\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", spans[0].Tex);
        Assert.True(spans[0].Display);
        Assert.Equal(("x", false), (spans[1].Tex, spans[1].Display));
        Assert.Equal(("y", true), (spans[2].Tex, spans[2].Display));
    }

    [Fact]
    public void RestorePutsEscapedTexInSpansAndOriginalTextInsideAttributes()
    {
        var (_, spans) = MathProtector.Protect("$a<b$ and $$c$$");
        var html = MathProtector.Restore("<p>@@0@@ <img alt=\"@@1@@\"></p>", spans);
        Assert.Equal("<p><span class=\"math math-inline\">a&lt;b</span> <img alt=\"$$c$$\"></p>", html);
    }

    [Fact]
    public void LiteralPlaceholderTextInTheSourceSurvives()
    {
        var (text, spans) = MathProtector.Protect("see @@0@@ and $x$");
        Assert.Equal("see @@0@@ and @@1@@", text);
        Assert.Equal("<p>see @@0@@ and <span class=\"math math-inline\">x</span></p>", MathProtector.Restore("<p>" + text + "</p>", spans));
    }
}
