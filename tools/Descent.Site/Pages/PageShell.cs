using System.Text;
using Descent.Site.Assets;

namespace Descent.Site.Pages;

/// <summary>
/// The frame every page shares: head (stylesheets, a Content-Security-Policy that lets the page load only files of
/// the site itself), header, and the scripts at the end of the body. All paths are relative, so the site works opened
/// from disk, copied to a USB stick, or served from any folder.
/// </summary>
internal static class PageShell
{
    /// <summary>
    /// Nothing may load from another host: scripts only from the site's files (no inline script; chart figures are
    /// inert JSON), styles from the site's files plus inline style attributes (KaTeX and plotly.js position with them),
    /// images from the site or data: URIs, no connections, frames, plugins or forms.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; " +
        "base-uri 'none'; form-action 'none'";

    /// <summary>
    /// A lesson page with the browser runtime: the same, plus exactly what the runtime needs. Its module worker comes
    /// from the site (worker-src 'self'), compiles WebAssembly (script-src 'wasm-unsafe-eval'; never 'unsafe-eval'),
    /// and the page and worker fetch the site's own files: the runtime's files and the lesson's notebook, for
    /// "Download my notebook" (connect-src 'self').
    /// </summary>
    public const string RuntimeContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; worker-src 'self'; " +
        "base-uri 'none'; form-action 'none'";

    /// <summary>Writes a whole page.</summary>
    /// <param name="title">The window title (plain text; escaped here).</param>
    /// <param name="bodyClass">The body's class.</param>
    /// <param name="body">The page's content, between the header and the scripts.</param>
    /// <param name="needsPlotly">Whether to load plotly.js (pages with charts only).</param>
    /// <param name="runtime">
    /// Whether the page runs its code cells in the browser runtime: it then gets <see cref="RuntimeContentSecurityPolicy"/>,
    /// plotly.js (a cell run in the browser may draw a chart), the code editor and notebook.js.
    /// </param>
    /// <param name="present">Whether the page has present mode (lesson pages): it then loads present.js.</param>
    public static string Page(string title, string bodyClass, string header, string body, bool needsPlotly, bool runtime = false, bool present = false)
    {
        var sb = new StringBuilder(body.Length + 2048);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(runtime ? RuntimeContentSecurityPolicy : ContentSecurityPolicy).Append("\">\n");
        sb.Append("<meta name=\"generator\" content=\"descent export\">\n");
        sb.Append("<title>").Append(Html.Html.Escape(title)).Append("</title>\n");
        sb.Append("<link rel=\"stylesheet\" href=\"").Append(SiteAssets.KatexStylePath).Append("\">\n");
        sb.Append("<link rel=\"stylesheet\" href=\"").Append(SiteAssets.SiteStylePath).Append("\">\n");
        sb.Append("</head>\n<body class=\"").Append(bodyClass).Append("\">\n");
        sb.Append("<a class=\"skip-link\" href=\"#main\">Skip to the content</a>\n");
        sb.Append(header);
        sb.Append(body);
        sb.Append("<script src=\"").Append(SiteAssets.KatexScriptPath).Append("\"></script>\n");
        if (needsPlotly || runtime) sb.Append("<script src=\"").Append(SiteAssets.PlotlyPath).Append("\"></script>\n");
        sb.Append("<script src=\"").Append(SiteAssets.SiteScriptPath).Append("\"></script>\n");
        if (present) sb.Append("<script src=\"").Append(SiteAssets.PresentScriptPath).Append("\"></script>\n");
        if (runtime)
        {
            sb.Append("<script src=\"").Append(SiteAssets.EditorScriptPath).Append("\"></script>\n");
            sb.Append("<script src=\"").Append(SiteAssets.NotebookScriptPath).Append("\"></script>\n");
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }
}
