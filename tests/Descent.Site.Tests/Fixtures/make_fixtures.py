#!/usr/bin/env python3
"""Writes the executed fixture lessons the site tests export (run once; the .ipynb files are committed).

They are hand-made executed notebooks in the nbformat 4 layout the engine writes: outputs included, so the
exporter can be tested without executing anything."""
import json, math

def md(cid, text):
    return {"cell_type": "markdown", "id": cid, "metadata": {}, "source": text.splitlines(True)}

def code(cid, n, text, outputs):
    return {"cell_type": "code", "execution_count": n, "id": cid,
            "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}},
            "outputs": outputs, "source": text.splitlines(True)}

def nb(cells):
    return {"cells": cells, "metadata": {
        "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"name": "polyglot-notebook"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}},
        "nbformat": 4, "nbformat_minor": 5}

def quartic(x): return (x**4 - 15*x**3 + 80*x**2 - 180*x + 144) / 10
def dquartic(x): return (4*x**3 - 45*x**2 + 160*x - 180) / 10

def gd(x0, eta, n):
    xs = [x0]
    for _ in range(n):
        xs.append(xs[-1] - eta * dquartic(xs[-1]))
    return xs

grid = [1 + i * 5.75 / 100 for i in range(101)]
etas = [0.1, 0.3, 1.0]
traces = [{"type": "scatter", "mode": "lines", "x": grid, "y": [quartic(x) for x in grid], "name": "f(x)",
           "line": {"color": "#888"}, "visible": True}]
for k, eta in enumerate(etas):
    path = gd(4.0, eta, 12)
    traces.append({"type": "scatter", "mode": "lines+markers", "x": path, "y": [quartic(x) for x in path],
                   "name": f"eta = {eta}", "visible": k == 0})
steps = []
for k, eta in enumerate(etas):
    visible = [True] + [j == k for j in range(len(etas))]
    steps.append({"method": "restyle", "label": str(eta), "args": [{"visible": visible}]})
figure = {"data": traces, "layout": {"title": {"text": "Gradient descent on the quartic"},
          "xaxis": {"title": {"text": "x"}}, "yaxis": {"title": {"text": "f(x)"}},
          "sliders": [{"active": 0, "currentvalue": {"prefix": "learning rate: "}, "steps": steps}],
          "height": 420}}
axis = [-2 + 4 * i / 14 for i in range(15)]
surface = {"data": [{"type": "surface", "x": axis, "y": axis, "z": [[a * a + 2 * b * b for a in axis] for b in axis], "showscale": False}],
           "layout": {"title": {"text": "L on a grid"}, "height": 420, "scene": {"xaxis": {"title": {"text": "theta0"}}, "yaxis": {"title": {"text": "theta1"}}}}}
chart_fallback = ('<div id="plotly-fallback"></div><script type="text/javascript">'
                  'var s=document.createElement("script");s.src="https://cdn.plot.ly/plotly-2.28.0.min.js";</script>')

table_html = ('<table><thead><tr><th>t</th><th>x</th><th>f(x)</th></tr></thead><tbody>'
              + ''.join(f'<tr><td>{t}</td><td>{x:.8f}</td><td>{quartic(x):.8f}</td></tr>' for t, x in enumerate(gd(4.0, 0.3, 4)))
              + '</tbody></table><p>5 rows</p><script>document.title = "pwned";</script>'
              + '<img src="https://example.com/tracker.png" alt="tracker">')

lesson1 = nb([
    md("m1", "# Fixture 01: descending the quartic\n\n"
             "## Learning goals\n\n"
             "- Read the update $x_{t+1} = x_t - \\eta f'(x_t)$ as a step against the slope.\n"
             "- See how the learning rate $\\eta$ changes the path.\n\n"
             "Follows the Data 100 deck, part 1.\n"),
    md("m2", "## The function\n\n"
             "The quartic is $f(x) = \\frac{x^4 - 15x^3 + 80x^2 - 180x + 144}{10}$, and its derivative is\n\n"
             "$$\nf'(x) = \\frac{4x^3 - 45x^2 + 160x - 180}{10}.\n$$\n\n"
             "Emphasis next to math stays math: *slope* $a_1 * b_2 * c_3$ and __bold__ $x_{i,j}$ with a_b outside.\n"
             "A literal dollar: it costs \\$5, and $5 to $10 is a price range, not math.\n"
             "Code is left alone: `var price = \"$x$\";`.\n\n"
             "| step $t$ | $x_t$ | $\\lvert f'(x_t) \\rvert$ |\n|---|---|---|\n| 0 | 4 | 0.4 |\n| 1 | 4.4 | 0.6464 |\n\n"
             "See also [the next lesson](02-fixture-failing.ipynb#the-failure) and [a reference](https://en.wikipedia.org/wiki/Gradient_descent).\n"),
    md("m3", "### Question\n\nWhere does $f'(x) = 0$?\n\n"
             "<details><summary>Answer</summary>\n\n"
             "At the roots of $4x^3 - 45x^2 + 160x - 180$: $x \\approx 2.3927480$, $3.5309066$ and $5.3263455$.\n\n"
             "</details>\n\n"
             "<details><summary>Why the middle one is a maximum</summary>\n"
             "The second derivative $f''(3.53) < 0$ there.\n"
             "</details>\n"),
    code("c1", 1, "// the derivative at 4, as the slide prints it\nFunc<double, double> df = x => (4*x*x*x - 45*x*x + 160*x - 180) / 10;\ndf(4)",
         [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/plain": ["-0.4"]}}]),
    code("c2", 2, "Console.WriteLine(\"step 1: 4 -> 4.4\");\nConsole.WriteLine(\"<b>not bold</b> & <script>alert(1)</script>\");",
         [{"output_type": "stream", "name": "stdout", "text": ["step 1: 4 -> 4.4\n"]},
          {"output_type": "stream", "name": "stdout", "text": ["<b>not bold</b> & <script>alert(1)</script>\n"]}]),
    code("c3", 3, "var path = Descent.GradientDescent(x0: 4, eta: 0.3, steps: 4);\npath.Display();",
         [{"output_type": "display_data", "metadata": {}, "data": {"text/html": table_html, "text/plain": ["[4, 4.12, ...]"]}}]),
    md("m4", "## The path for three learning rates\n\nMove the slider: each step shows the path for one $\\eta$.\n"),
    code("c4", 4, "#!time\nvar chart = Plots.PathsBySlider(etas: new[] { 0.1, 0.3, 1.0 });\nchart",
         [{"output_type": "execute_result", "execution_count": 4, "metadata": {},
           "data": {"application/vnd.plotly.v1+json": figure, "text/html": chart_fallback, "text/plain": ["Plotly.NET.GenericChart"]}},
          {"output_type": "stream", "name": "stdout", "text": ["Wall time: 12.3 ms\n"]}]),
    md("m5", "## A cell that fails\n\nThe engine keeps going when errors are allowed; the error shows where it happened.\n"),
    code("c5", 5, "int zero = 0;\n1 / zero",
         [{"output_type": "error", "ename": "System.DivideByZeroException", "evalue": "Attempted to divide by zero.",
           "traceback": ["\u001b[31mSystem.DivideByZeroException: Attempted to divide by zero.\u001b[0m", "   at Submission#5.<<Initialize>>d__0.MoveNext() in cell 5: line 2"]}]),
    md("m6", "## Summary\n\nThe step is $-\\eta f'(x)$; next: [lesson 2](02-fixture-failing.ipynb).\n"),
])

lesson2 = nb([
    md("m1", "# Fixture 02: a lesson that stops\n\n**Learning goals**\n\n1. See a failing cell reported where it happened.\n\n"),
    code("c1", 1, "var eta = 0.3;\neta * 2", [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/plain": ["0.6"]}}]),
    md("m4b", "## The same function as a surface\n\nA 3-D chart (WebGL) next to the 2-D one: $L(\\theta_0, \\theta_1) = \\theta_0^2 + 2\\theta_1^2$.\n"),
    code("c1b", 2, "Plots.Surface((a, b) => a * a + 2 * b * b)",
         [{"output_type": "execute_result", "execution_count": 2, "metadata": {},
           "data": {"application/vnd.plotly.v1+json": surface, "text/plain": ["Plotly chart (1 trace)"]}}]),
    md("m2", "## The failure\n\nThe next cell throws."),
    code("c2", 3, "throw new InvalidOperationException(\"the learning rate is too large: 5\");",
         [{"output_type": "error", "ename": "System.InvalidOperationException", "evalue": "the learning rate is too large: 5",
           "traceback": ["System.InvalidOperationException: the learning rate is too large: 5", "   at cell 2, line 1"]}]),
    code("c3", None, "eta", []),
])

for name, book in [("01-fixture-lesson.ipynb", lesson1), ("02-fixture-failing.ipynb", lesson2)]:
    with open(name, "w") as f:
        json.dump(book, f, indent=1, ensure_ascii=False)
        f.write("\n")
