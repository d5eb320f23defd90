using Descent.Site.Code;

namespace Descent.Site.Tests;

public class CSharpHighlighterTests
{
    [Fact]
    public void KeywordsLiteralsCommentsAndTypesGetTheirClasses()
    {
        var html = new CSharpHighlighter().Highlight(["// slope\nvar xs = new List<double> { 1.5 };\nstring s = \"a<b\";"], null).Single();
        Assert.Contains("<span class=\"c\">// slope</span>", html);
        Assert.Contains("<span class=\"k\">var</span>", html);
        Assert.Contains("<span class=\"t\">List</span>", html);
        Assert.Contains("<span class=\"n\">1.5</span>", html);
        Assert.Contains("<span class=\"s\">&quot;a&lt;b&quot;</span>", html);
    }

    [Fact]
    public void ADeclarationInOneCellIsRecognisedInTheNext()
    {
        var cells = new CSharpHighlighter().Highlight(["double Step(double x) => x - 0.3;\nrecord Point(double X);", "Step(4)\nnew Point(1)"], null);
        Assert.Contains("<span class=\"m\">Step</span>(", cells[1]);
        Assert.Contains("<span class=\"t\">Point</span>", cells[1]);
    }

    [Fact]
    public void NotebookMagicsAndNugetDirectivesAreShownAsDirectives()
    {
        var html = new CSharpHighlighter().Highlight(["#!time\n#r \"nuget: MathNet.Numerics, 5.0.0\"\n1 + 1"], null).Single();
        Assert.Contains("<span class=\"pp\">#!time</span>", html);
        Assert.Contains("nuget: MathNet.Numerics, 5.0.0", html);
        Assert.Contains("<span class=\"n\">1</span>", html);
    }

    [Fact]
    public void TheTextIsUnchangedApartFromEscaping()
    {
        const string source = "var a = 1 < 2 && 3 > 2; // <tag> & more\n\tConsole.WriteLine($\"{a}\");";
        var html = new CSharpHighlighter().Highlight([source], null).Single();
        Assert.Equal(source, Html.Html.ToPlainText(html));
    }

    [Fact]
    public void ACellAfterADirectiveOrAFailingCellIsStillClassifiedWithTheStateBeforeIt()
    {
        var cells = new CSharpHighlighter().Highlight([
            "#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\ndouble F(double x) => x * x;",
            "var broken = ;",
            "var y = F(2);\nvar list = new List<int>();"], null);
        Assert.Contains("<span class=\"pp\">#r &quot;nuget: Plotly.NET.CSharp, 0.14.0&quot;</span>", cells[0]);
        Assert.Contains("<span class=\"m\">F</span>(", cells[2]);
        Assert.Contains("<span class=\"k\">var</span>", cells[2]);
        Assert.Contains("<span class=\"t\">List</span>", cells[2]);
    }
}
