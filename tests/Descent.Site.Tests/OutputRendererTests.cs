using System.Text.Json.Nodes;
using Descent.Notebooks.Model;
using Descent.Site.Html;
using Descent.Site.Markdown;
using Descent.Site.Outputs;


namespace Descent.Site.Tests;

public class OutputRendererTests
{
    private static OutputRenderer Renderer()
    {
        var safety = new HtmlSafety();
        return new OutputRenderer(safety, new MarkdownRenderer(safety, [], _ => null, null), "t");
    }

    private static string Render(string outputsJson, List<string>? warnings = null) =>
        Renderer().RenderAll(JsonNode.Parse(outputsJson)!.AsArray().Select(o => CellOutput.FromJson(o!.AsObject())).ToList(), warnings ?? []);

    [Fact]
    public void TextOutputsAreEscaped()
    {
        var html = Render("""
[{"output_type":"stream","name":"stdout","text":["<b>x</b> & <script>alert(1)</script>\n"]},
                              {"output_type":"execute_result","execution_count":1,"metadata":{},"data":{"text/plain":["<i>5</i>"]}}]
""");
        Assert.Contains("&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;i&gt;5&lt;/i&gt;", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void ConsecutiveStreamOutputsAreMergedAndCarriageReturnsOverwrite()
    {
        var html = Render("""
[{"output_type":"stream","name":"stdout","text":"a\n"},{"output_type":"stream","name":"stdout","text":"10%\r50%\r100%\n"}]
""");
        Assert.Equal("<pre class=\"output output-stream\">a\n100%\n</pre>\n", html);
    }

    [Fact]
    public void HtmlOutputsLoseScriptsAndExternalLoadsButKeepTables()
    {
        var warnings = new List<string>();
        var html = Render("""
[{"output_type":"display_data","metadata":{},"data":{"text/html":"<table><tr><td onclick=\"x()\">1</td></tr></table><script>alert(1)</script><img src=\"https://example.com/t.png\">","text/plain":"t"}}]
""", warnings);
        Assert.Contains("<table><tbody><tr><td>1</td></tr></tbody></table>", html);
        Assert.DoesNotContain("script", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("example.com", html);
        Assert.Equal(2, warnings.Count);
    }

    [Fact]
    public void APlotlyFigureBecomesAContainerAndInertJsonThatCannotCloseItsScript()
    {
        var html = Render("""
[{"output_type":"display_data","metadata":{},"data":{
            "application/vnd.plotly.v1+json":{"data":[{"type":"scatter","x":[1,2],"y":[3.25,4]}],"layout":{"title":{"text":"</script><script>alert(1)</script>"}}},
            "text/html":"<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script>"}}]
""");
        Assert.Contains("<div class=\"chart\" id=\"chart-t-1\" data-figure=\"chart-t-1-figure\"", html);
        Assert.Contains("<script type=\"application/json\" id=\"chart-t-1-figure\">{\"data\":[{\"type\":\"scatter\",\"x\":[1,2],\"y\":[3.25,4]}]", html);
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.Equal(2, html.Split("</script>").Length); // exactly one closing tag: the JSON's own
        Assert.Contains("\\u003C/script\\u003E", html);
    }

    [Fact]
    public void AChartsAccessibleLabelIsItsTitleAsPlainText()
    {
        // The library wraps titles for a phone with "<br>" and a zero-width space, and writes scripts as <sup>/<sub>: a
        // screen reader must hear none of that markup.
        var html = Render("""
[{"output_type":"display_data","metadata":{},"data":{"application/vnd.plotly.v1+json":{"data":[],"layout":{"title":{"text":
            "α = 0.55: without momentum and<br>\u200Bwith it, L(θ<sub>0</sub>) ≤ 10<sup>−3</sup> &amp; more<br><sup>a second line</sup>"}}}}}]
""");
        Assert.Contains("aria-label=\"Interactive chart: α = 0.55: without momentum and with it, L(θ₀) ≤ 10⁻³ &amp; more — a second line\"", html);
    }

    [Fact]
    public void ASliderChartsAccessibleLabelLeavesOutTheLineNamingThePosition()
    {
        string Step(string g) => $$"""{"label":"{{g}}","method":"update","args":[{"visible":[true]},{"title.text":"One direction, αλ = 0.25:<br>\u200Bchoose γ<br><sup>γ = {{g}}</sup>"}]}""";
        var html = Render("""
[{"output_type":"display_data","metadata":{},"data":{"application/vnd.plotly.v1+json":{"data":[],"layout":{
            "title":{"text":"One direction, αλ = 0.25:<br>\u200Bchoose γ<br><sup>γ = 0.25</sup>"},
            "sliders":[{"steps":[STEPS]}]}}}}]
""".Replace("STEPS", string.Join(",", new[] { "0.05", "0.25", "0.9" }.Select(Step)), StringComparison.Ordinal));
        Assert.Contains("aria-label=\"Interactive chart: One direction, αλ = 0.25: choose γ\"", html);
    }

    [Fact]
    public void ErrorsShowTypeMessageAndTracebackWithoutAnsiCodes()
    {
        var html = Render("""
[{"output_type":"error","ename":"System.DivideByZeroException","evalue":"Attempted to divide by zero.",
            "traceback":["\u001b[31mSystem.DivideByZeroException: Attempted to divide by zero.\u001b[0m","   at cell 5, line 2 <here>"]}]
""");
        Assert.Equal("<div class=\"output output-error\" role=\"alert\"><pre><strong class=\"ename\">System.DivideByZeroException</strong>: Attempted to divide by zero.\n   at cell 5, line 2 &lt;here&gt;</pre></div>\n", html);
    }

    [Fact]
    public void ImagesLatexAndMarkdownOutputsRender()
    {
        var html = Render("""
[{"output_type":"display_data","metadata":{},"data":{"image/png":"iVBORw0KGgo=\n"}},
                              {"output_type":"display_data","metadata":{},"data":{"text/latex":"$$x^2$$"}},
                              {"output_type":"display_data","metadata":{},"data":{"text/markdown":"**bold** $y$"}}]
""");
        Assert.Contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\"", html);
        Assert.Contains("<span class=\"math math-display\">x^2</span>", html);
        Assert.Contains("<strong>bold</strong> <span class=\"math math-inline\">y</span>", html);
    }

    [Theory]
    // The attack found in review: data that closes the attribute and adds a handler, or redirects the page.
    [InlineData("image/png", "x\" onerror=\"alert(1)")]
    [InlineData("image/png", "iVBORw0KGgo=\" onerror=\"location='https://evil.example'")]
    [InlineData("image/jpeg", "\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">")]
    [InlineData("image/gif", "R0lGODlh\"><script>alert(1)</script>")]
    // Valid base64, but not an image of the declared type.
    [InlineData("image/png", "PHN2Zz48L3N2Zz4=")]
    [InlineData("image/gif", "iVBORw0KGgo=")]
    public void ImageDataThatIsNotBase64OfTheDeclaredTypeIsLeftOutWithAWarning(string mime, string data)
    {
        var warnings = new List<string>();
        var outputs = new JsonArray(new JsonObject
        {
            ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { [mime] = data },
        });
        var html = Renderer().RenderAll(outputs.Select(o => CellOutput.FromJson(o!.AsObject())).ToList(), warnings);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<meta", html);
        Assert.DoesNotContain("evil", html);
        Assert.Contains("output-unsupported", html);
        Assert.Contains($"an {mime} output is not base64-encoded {mime} data; it is left out", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("image/png", "iVBORw0KGgo=", "iVBORw0KGgo=")]
    [InlineData("image/png", "iVBO\nRw0K\nGgo=\n", "iVBORw0KGgo=")]
    [InlineData("image/jpeg", "/9j/4AAQ", "/9j/4AAQ")]
    [InlineData("image/gif", "R0lGODlhAQABAAAAACw=", "R0lGODlhAQABAAAAACw=")]
    public void ValidImagesAreReencodedIntoTheImgElement(string mime, string data, string expected)
    {
        var warnings = new List<string>();
        var outputs = new JsonArray(new JsonObject
        {
            ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { [mime] = data },
        });
        var html = Renderer().RenderAll(outputs.Select(o => CellOutput.FromJson(o!.AsObject())).ToList(), warnings);
        Assert.Contains($"<img src=\"data:{mime};base64,{expected}\" alt=\"cell output\">", html);
        Assert.Empty(warnings);
    }

    [Fact]
    public void HtmlOutputsCannotLayThemselvesOverThePageNorReferToFilesOutsideTheSite()
    {
        var warnings = new List<string>();
        var html = Render("""
[{"output_type":"display_data","metadata":{},"data":{"text/html":"<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999;background:white\">Log in again</div><img src=\"../../home/teacher/secret.png\"><img src=\"/etc/x.png\"><img src=\"file:///etc/passwd\"><img src=\"figures/ok.png\"><img srcset=\"a.png 1x, ../../b.png 2x\">"}}]
""", warnings);
        Assert.DoesNotContain("position", html);
        Assert.DoesNotContain("z-index", html);
        Assert.Matches("style=\"[^\"]*background", html); // the rest of the style stays
        Assert.DoesNotContain("secret.png", html);
        Assert.DoesNotContain("/etc/", html);
        Assert.DoesNotContain("file:", html);
        Assert.DoesNotContain("b.png", html);
        Assert.Contains("src=\"figures/ok.png\"", html);
        Assert.Contains(warnings, w => w.Contains("secret.png", StringComparison.Ordinal) && w.Contains("points outside the site's folder", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("/etc/x.png", StringComparison.Ordinal) && w.Contains("points outside the site's folder", StringComparison.Ordinal));
    }

    [Fact]
    public void ChartNumbersLoseFloatingPointNoiseButKeepTenSignificantDigits()
    {
        var figure = JsonNode.Parse("""{"data":[{"x":[1.1724999999999999,5.0464000000000055,5.32634408,3,1e-300,123456789012345]}]}""")!;
        var compact = FigureJson.Compact(figure).ToJsonString();
        Assert.Equal("""{"data":[{"x":[1.1725,5.0464,5.32634408,3,1e-300,123456789012345]}]}""", compact);
    }
}
