using System.Reflection;
using System.Text.RegularExpressions;

namespace Descent.Site.Assets;

/// <summary>
/// The shared files every page uses, written once under <c>assets/</c>: plotly.js (the copy embedded in Plotly.NET),
/// KaTeX's script, stylesheet and woff2 fonts (the npm package pinned in MathAssets/package-lock.json, embedded in
/// this assembly at build time), and the site's own stylesheet and script. A site with the browser runtime also gets
/// the page side of it: the code editor (CodeMirror, pinned in EditorAssets/package-lock.json and bundled at build time)
/// and notebook.js, which turns the code cells into editors and runs them in the runtime's worker. Nothing comes from
/// the network.
/// </summary>
internal static partial class SiteAssets
{
    /// <summary>The plotly.js resource inside the Plotly.NET assembly.</summary>
    public const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";

    /// <summary>Site-relative path of plotly.js.</summary>
    public const string PlotlyPath = "assets/plotly-2.28.0.min.js";
    /// <summary>Site-relative path of KaTeX's script.</summary>
    public const string KatexScriptPath = "assets/katex/katex.min.js";
    /// <summary>Site-relative path of KaTeX's stylesheet.</summary>
    public const string KatexStylePath = "assets/katex/katex.min.css";
    /// <summary>Site-relative path of the site's stylesheet.</summary>
    public const string SiteStylePath = "assets/site.css";
    /// <summary>Site-relative path of the site's script (typesets formulas, draws charts).</summary>
    public const string SiteScriptPath = "assets/site.js";
    /// <summary>Site-relative path of present mode's script (lesson pages).</summary>
    public const string PresentScriptPath = "assets/present.js";
    /// <summary>Site-relative path of the code editor (CodeMirror 6, one bundled script; runtime sites only).</summary>
    public const string EditorScriptPath = "assets/editor.js";
    /// <summary>Site-relative path of the code editor's licences (runtime sites only).</summary>
    public const string EditorLicencePath = "assets/editor.LICENSE.txt";
    /// <summary>Site-relative path of the runnable page's script (editors, run buttons, status, download; runtime sites only).</summary>
    public const string NotebookScriptPath = "assets/notebook.js";
    /// <summary>Site-relative path of the browser runtime's worker, which the exporter's caller puts in the site.</summary>
    public const string RuntimeWorkerPath = "assets/runtime/worker.js";

    /// <summary>The assets only a site with the browser runtime needs.</summary>
    private static readonly HashSet<string> RuntimeOnly = new(StringComparer.Ordinal) { EditorScriptPath, EditorLicencePath, NotebookScriptPath };

    /// <summary>Every shared asset: site-relative path and content.</summary>
    /// <param name="includesRuntime">Whether the site has the browser runtime (then the editor and notebook.js are included).</param>
    public static IEnumerable<(string Path, byte[] Content)> All(bool includesRuntime = false)
    {
        var own = typeof(SiteAssets).Assembly;
        foreach (var name in own.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (!includesRuntime && RuntimeOnly.Contains(name)) continue;
            var content = Read(own, name);
            if (name == KatexStylePath) content = System.Text.Encoding.UTF8.GetBytes(Woff2Only(System.Text.Encoding.UTF8.GetString(content)));
            yield return (name, content);
        }
        yield return (PlotlyPath, Read(typeof(Plotly.NET.GenericChart).Assembly, PlotlyResource));
    }

    /// <summary>
    /// KaTeX's stylesheet lists woff2, woff and ttf for every font; the site ships only woff2 (every browser in use
    /// reads it), so the other two are dropped from the rules and no rule names a file that is not there.
    /// </summary>
    internal static string Woff2Only(string css) => OtherFontFormats().Replace(css, "");

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource '{name}' is missing from {assembly.GetName().Name}; rebuild Descent.Site (its build installs the pinned KaTeX package with npm).");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    [GeneratedRegex(@",url\([^)]*\.(?:woff|ttf)\) format\(""(?:woff|truetype)""\)")]
    private static partial Regex OtherFontFormats();
}
