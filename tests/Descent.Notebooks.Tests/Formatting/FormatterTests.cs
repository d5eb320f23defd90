using System.Text.Json.Nodes;
using Descent.Notebooks.Formatting;
using Descent.Notebooks.Scripting;
using MathNet.Numerics.LinearAlgebra;

namespace Descent.Notebooks.Tests.Formatting;

public class FormatterTests
{
    private readonly Formatter _formatter = new();

    public record Point(double X, double Y);

    [Fact]
    public void Doubles_keep_round_trip_precision_in_text_and_html()
    {
        var bundle = _formatter.Format(5.0464000000000055);
        Assert.Equal("5.0464000000000055", bundle.GetText("text/plain"));
        Assert.Equal("<pre class=\"descent-plain\">5.0464000000000055</pre>", bundle.GetText("text/html"));
        Assert.Equal("0.1", _formatter.Format(0.1).GetText("text/plain"));
        Assert.Equal("1E-05", _formatter.Format(1e-5).GetText("text/plain"));
    }

    [Fact]
    public void Strings_are_plain_text_only_and_null_shows_as_null()
    {
        var bundle = _formatter.Format("a <b> c");
        Assert.Equal(["text/plain"], bundle.MimeTypes);
        Assert.Equal("a <b> c", bundle.GetText("text/plain"));
        Assert.Equal("<null>", _formatter.Format(null).GetText("text/plain"));
    }

    [Fact]
    public void A_string_shown_as_html_is_taken_as_markup()
    {
        var bundle = _formatter.Format("<b>bold</b>", ["text/html"]);
        Assert.Equal(["text/html"], bundle.MimeTypes);
        Assert.Equal("<b>bold</b>", bundle.GetText("text/html"));
        Assert.Equal("<i>x</i>", _formatter.Format(new HtmlContent("<i>x</i>")).GetText("text/html"));
    }

    [Fact]
    public void A_linq_query_is_captioned_by_what_it_yields_not_by_the_runtime_iterator()
    {
        double[] xs = [1, 2, 3];
        Assert.Contains("<div class=\"descent-caption\">IEnumerable&lt;AnonymousType&gt;</div>",
            _formatter.Format(xs.Select(x => new { x, square = x * x })).GetText("text/html"));
        Assert.Contains("<div class=\"descent-caption\">IEnumerable&lt;Double&gt;</div>",
            _formatter.Format(xs.Where(x => x > 1)).GetText("text/html"));
        Assert.Contains("<div class=\"descent-caption\">IEnumerable&lt;Point&gt;</div>",
            _formatter.Format(xs.Take(2).Select(x => new Point(x, x))).GetText("text/html"));
        Assert.Contains("<div class=\"descent-caption\">Double[]</div>", _formatter.Format(xs).GetText("text/html"));
        Assert.Contains("<div class=\"descent-caption\">List&lt;Point&gt;</div>",
            _formatter.Format(new List<Point> { new(1, 2) }).GetText("text/html"));
    }

    [Fact]
    public void A_long_vector_shows_its_first_rows_and_its_length()
    {
        var v = Vector<double>.Build.Dense(30, i => i + 0.5);
        var bundle = _formatter.Format(v);
        var text = bundle.GetText("text/plain")!.Split('\n');
        Assert.Equal("DenseVector 30-Double", text[0]);
        Assert.Equal("#   value", text[1]);
        Assert.Equal("0   0.5", text[2]);
        Assert.Equal("19  19.5", text[21]);
        Assert.Equal("… (first 20 of 30 elements)", text[22]);
        var html = bundle.GetText("text/html")!;
        Assert.Equal(20, CountOf(html, "<tr><td>"));
        Assert.Contains("<div class=\"descent-count\">first 20 of 30 elements</div>", html);
    }

    [Fact]
    public void A_matrix_is_a_table_with_row_and_column_headers()
    {
        var m = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 2.0 }, { 3.0, 4.25 } });
        var bundle = _formatter.Format(m);
        Assert.Equal("DenseMatrix 2x2-Double\n   0  1\n0  1  2\n1  3  4.25", bundle.GetText("text/plain"));
        Assert.Contains("<th></th><th>0</th><th>1</th>", bundle.GetText("text/html"));
        Assert.Contains("2 rows", bundle.GetText("text/html"));
    }

    [Fact]
    public void Records_become_a_table_with_one_column_per_property()
    {
        var points = Enumerable.Range(0, 25).Select(i => new Point(i, i * 0.1)).ToList();
        var bundle = _formatter.Format(points);
        var lines = bundle.GetText("text/plain")!.Split('\n');
        Assert.Equal("List<Point>", lines[0]);
        Assert.Equal("#   X   Y", lines[1]);
        Assert.Equal("3   3   0.30000000000000004", lines[5]);
        Assert.Equal("… (first 20 of 25 rows)", lines[^1]);
        Assert.Contains("<th>#</th><th>X</th><th>Y</th>", bundle.GetText("text/html"));
    }

    [Fact]
    public void Tuples_become_a_table_with_item_columns()
    {
        var bundle = _formatter.Format(new[] { (1, 2.5), (2, 3.5) });
        Assert.Equal("ValueTuple<Int32, Double>[]\n#  Item1  Item2\n0  1      2.5\n1  2      3.5", bundle.GetText("text/plain"));
    }

    [Fact]
    public void Sequences_of_numbers_print_as_a_list_with_a_count_when_cut()
    {
        Assert.Equal("[1, 2, 3]", _formatter.Format(new List<int> { 1, 2, 3 }).GetText("text/plain"));
        var endless = Enumerable.Range(0, int.MaxValue);
        var text = _formatter.Format(endless).GetText("text/plain")!;
        Assert.StartsWith("[0, 1, 2,", text);
        Assert.EndsWith(", 19, … (more than 100000 items)]", text);
    }

    [Fact]
    public void Dictionaries_are_key_value_tables()
    {
        var bundle = _formatter.Format(new Dictionary<string, double> { ["eta"] = 0.1, ["steps"] = 100 });
        Assert.Equal("Dictionary<String, Double>\nkey    value\neta    0.1\nsteps  100", bundle.GetText("text/plain"));
    }

    [Fact]
    public void Other_objects_get_text_and_html()
    {
        var bundle = _formatter.Format(new Point(1, 2));
        Assert.Equal("Point { X = 1, Y = 2 }", bundle.GetText("text/plain"));
        Assert.Equal("<pre class=\"descent-plain\">Point { X = 1, Y = 2 }</pre>", bundle.GetText("text/html"));
        var anonymous = _formatter.Format(new { Eta = 0.5 });
        Assert.Equal("{ Eta = 0.5 }", anonymous.GetText("text/plain"));
    }

    [Fact]
    public void A_plotly_chart_gives_figure_json_and_an_html_fallback_with_a_configurable_loader()
    {
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 });
        var bundle = _formatter.Format(chart);
        var figure = (JsonObject)bundle.GetJson(PlotlyFormatter.MimeType)!;
        Assert.Equal(new[] { 1.0, 2.0 }, figure["data"]![0]!["x"]!.AsArray().Select(x => x!.GetValue<double>()));
        Assert.NotNull(figure["layout"]);
        Assert.Equal("Plotly chart (1 trace)", bundle.GetText("text/plain"));
        var html = bundle.GetText("text/html")!;
        Assert.Contains("Plotly", html);
        Assert.Contains("newPlot(id, figure.data", html);
        Assert.Contains("https://cdn.plot.ly/plotly-2.28.0.min.js", html);
        Assert.Contains("window.require", html);

        var local = new Formatter(new FormatterOptions { PlotlyScriptUrl = "assets/plotly.min.js" }).Format(chart).GetText("text/html")!;
        Assert.Contains("\"assets/plotly.min.js\"", local);
        Assert.DoesNotContain("cdn.plot.ly", local);
        var none = new Formatter(new FormatterOptions { PlotlyScriptUrl = null }).Format(chart).GetText("text/html")!;
        Assert.DoesNotContain("http", none.Replace("http://www.w3.org", ""));
        Assert.DoesNotContain("createElement('script')", none);
    }

    [Fact]
    public void Chart_json_inside_html_cannot_close_the_script_element()
    {
        var figure = new JsonObject { ["data"] = new JsonArray(), ["layout"] = new JsonObject { ["title"] = "</script><script>alert(1)</script>" } };
        var html = PlotlyHtml.Render(figure, "plot-1", null);
        Assert.Equal(1, CountOf(html, "</script>"));
        Assert.Contains("<\\/script>", html);
    }

    [Fact]
    public void Custom_formatters_take_precedence()
    {
        var formatter = new Formatter();
        formatter.Register<Point>((p, _) => Descent.Notebooks.Model.MimeBundle.PlainText($"({p.X}; {p.Y})"));
        Assert.Equal("(1; 2)", formatter.Format(new Point(1, 2)).GetText("text/plain"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
