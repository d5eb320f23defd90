using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Descent.Cli.Serving;

/// <summary>What <see cref="SiteServer"/> answers for a file: its content type, its cache policy, and which precompressed sibling to send.</summary>
internal static class ServingRules
{
    /// <summary>Every response but a fingerprinted runtime file: the browser may keep it but asks again (a 304 when unchanged).</summary>
    public const string Revalidate = "no-cache";

    /// <summary>A fingerprinted runtime file never changes under its name: a new build gives it a new name.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>The content type of a file the table does not know.</summary>
    public const string Unknown = "application/octet-stream";

    /// <summary>The precompressed siblings the .NET publish writes, best first: <c>file.br</c>, then <c>file.gz</c>.</summary>
    public static IReadOnlyList<(string Coding, string Suffix)> Precompressed { get; } = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>The usual web types (ASP.NET Core's table), with the site's own and the WebAssembly runtime's pinned here.</summary>
    public static FileExtensionContentTypeProvider ContentTypes { get; } = CreateContentTypes();

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        var map = types.Mappings;
        map[".html"] = "text/html";
        map[".css"] = "text/css";
        map[".js"] = "text/javascript";
        map[".mjs"] = "text/javascript";
        map[".json"] = "application/json";
        map[".map"] = "application/json";
        map[".ipynb"] = "application/x-ipynb+json";
        map[".csv"] = "text/csv";
        map[".svg"] = "image/svg+xml";
        map[".woff2"] = "font/woff2";
        map[".wasm"] = "application/wasm";
        foreach (var binary in new[] { ".dll", ".pdb", ".dat", ".blat", ".webcil" }) map[binary] = Unknown;
        return types;
    }

    /// <summary>The content type for a path, <see cref="Unknown"/> when the extension is not in the table.</summary>
    public static string ContentTypeOf(string path) => ContentTypes.TryGetContentType(path, out var type) ? type : Unknown;

    /// <summary>The Cache-Control value for a request path (the path asked for, not a precompressed sibling's).</summary>
    public static string CacheControlFor(string path) => IsFingerprintedRuntimeFile(path) ? Immutable : Revalidate;

    /// <summary>
    /// A file under a <c>_framework/</c> folder whose name carries a fingerprint: the part between its last two dots
    /// is 8 or more lowercase letters and digits, as in <c>dotnet.native.abcdefgh12.wasm</c>.
    /// </summary>
    public static bool IsFingerprintedRuntimeFile(string path)
    {
        var segments = path.Split('/');
        if (!segments[..^1].Contains("_framework", StringComparer.Ordinal)) return false;
        var name = segments[^1];
        var last = name.LastIndexOf('.');
        if (last <= 0) return false;
        var previous = name.LastIndexOf('.', last - 1);
        if (previous < 0) return false;
        var fingerprint = name.AsSpan(previous + 1, last - previous - 1);
        if (fingerprint.Length < 8) return false;
        foreach (var c in fingerprint)
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }

    /// <summary>Whether an Accept-Encoding header allows a content coding (named, or through <c>*</c>, with a quality above 0).</summary>
    public static bool Accepts(IList<StringWithQualityHeaderValue> acceptEncoding, string coding)
    {
        double? wildcard = null;
        foreach (var entry in acceptEncoding)
        {
            var quality = entry.Quality ?? 1;
            if (entry.Value.Equals(coding, StringComparison.OrdinalIgnoreCase)) return quality > 0;
            if (entry.Value.Equals("*", StringComparison.Ordinal)) wildcard = quality;
        }
        return wildcard > 0;
    }
}
