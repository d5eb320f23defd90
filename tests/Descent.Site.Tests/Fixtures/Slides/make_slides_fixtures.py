"""Writes the present-mode fixtures (executed; outputs written here, as the engine prints them for this code).
01-slides-metadata: Jupyter slideshow metadata on every kind of cell. 02-slides-headings: none (the fallback)."""
import json

META = {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"name": "polyglot-notebook"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}}
count = 0


def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def md(cid, text, slide=None):
    meta = {"slideshow": {"slide_type": slide}} if slide else {}
    return {"cell_type": "markdown", "id": cid, "metadata": meta, "source": lines(text)}


def code(cid, text, printed, slide=None):
    global count
    count += 1
    meta = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}
    if slide: meta["slideshow"] = {"slide_type": slide}
    return {"cell_type": "code", "execution_count": count, "id": cid, "metadata": meta,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": lines(printed)}], "source": lines(text)}


def write(name, cells):
    nb = {"cells": cells, "metadata": META, "nbformat": 4, "nbformat_minor": 5}
    with open(name, "w", encoding="utf-8") as f:
        f.write(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


write("01-slides-metadata.ipynb", [
    md("m1", "# Slides with metadata\n\nThe title slide. Its prose is shown whole: the author chose the slide.", "slide"),
    md("n1", "NOTE-ONE: start by asking who has run a notebook before.", "notes"),
    code("c1", 'Console.WriteLine("OUTPUT-ONE");', "OUTPUT-ONE\n", "-"),
    md("m2", "## The second slide\n\nWhat does one step do?\n\n<details><summary>Answer</summary>\nANSWER-TWO: it moves against the gradient.\n</details>", "slide"),
    md("f1", "STEP-ONE appears on the first key press.", "fragment"),
    code("c2", 'Console.WriteLine("OUTPUT-TWO");', "OUTPUT-TWO\n", "-"),
    md("f2", "STEP-TWO appears on the second.", "fragment"),
    md("s1", "SKIPPED-CELL: read on the page, never presented.", "skip"),
    md("m3", "## A subslide\n\nIt follows the second slide.", "subslide"),
    md("n3", "NOTE-THREE: the subslide's note, with $\\alpha = 0.1$.", "notes"),
    md("m4", "## The last slide\n\nTry it: predict first.\n\n<details><summary>What you should see</summary>\nSEE-FOUR: the loss falls.\n</details>", "slide"),
    code("c4", 'Console.WriteLine("OUTPUT-FOUR");', "OUTPUT-FOUR\n"),
])

count = 0
write("02-slides-headings.ipynb", [
    md("h1", "# Slides from headings\n\nPROMPT-ONE is the first sentence. HIDDEN-PROSE-ONE follows it and is not presented.\n\nA second paragraph, HIDDEN-PROSE-TWO."),
    code("d1", 'Console.WriteLine("HEAD-OUTPUT-ONE");', "HEAD-OUTPUT-ONE\n"),
    md("h2", "## Part A\n\nPROMPT-A asks a question, e.g. this one. HIDDEN-PROSE-A is the rest.\n\n<details><summary>Answer</summary>\nANSWER-A is here.\n</details>"),
    code("d2", 'Console.WriteLine("HEAD-OUTPUT-A");', "HEAD-OUTPUT-A\n"),
    md("h3", "More prose, HIDDEN-PROSE-A2, in a cell without a heading.\n\n## Part B\n\nPROMPT-B closes it. HIDDEN-PROSE-B."),
    code("d3", 'Console.WriteLine("HEAD-OUTPUT-B");', "HEAD-OUTPUT-B\n"),
])
