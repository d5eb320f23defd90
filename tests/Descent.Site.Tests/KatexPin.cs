using System.Text.Json;
using System.Text.RegularExpressions;

namespace Descent.Site.Tests;

/// <summary>The KaTeX version pinned in tools/Descent.Site/MathAssets and the version a site ships.</summary>
internal static partial class KatexPin
{
    /// <summary>The version the project pins (MathAssets/package.json and package-lock.json).</summary>
    public const string Pinned = "0.19.1";

    private static string MathAssets => Path.Combine(TestPaths.RepositoryRoot, "tools", "Descent.Site", "MathAssets");

    /// <summary>The version package.json asks for.</summary>
    public static string Declared()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(MathAssets, "package.json")));
        return json.RootElement.GetProperty("dependencies").GetProperty("katex").GetString()!;
    }

    /// <summary>The version package-lock.json locks (what <c>npm ci</c> installs and the build embeds).</summary>
    public static string Locked()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(MathAssets, "package-lock.json")));
        return json.RootElement.GetProperty("packages").GetProperty("node_modules/katex").GetProperty("version").GetString()!;
    }

    /// <summary>The versions a site's KaTeX files say they are: the script's <c>version</c> field and the stylesheet's .katex-version rule.</summary>
    public static (string Script, string Stylesheet) Shipped(string site)
    {
        var script = File.ReadAllText(Path.Combine(site, "assets", "katex", "katex.min.js"));
        var css = File.ReadAllText(Path.Combine(site, "assets", "katex", "katex.min.css"));
        return (Single(ScriptVersion().Matches(script), "katex.min.js"), Single(StylesheetVersion().Matches(css), "katex.min.css"));

        static string Single(MatchCollection matches, string file)
        {
            var versions = matches.Select(m => m.Groups[1].Value).Distinct().ToList();
            return versions.Count == 1 ? versions[0] : throw new InvalidOperationException($"{file} names {versions.Count} versions: {string.Join(", ", versions)}");
        }
    }

    [GeneratedRegex(@"\bversion:""([0-9]+\.[0-9]+\.[0-9]+[^""]*)""")]
    private static partial Regex ScriptVersion();

    [GeneratedRegex(@"\.katex-version:after\{content:""([^""]+)""\}")]
    private static partial Regex StylesheetVersion();
}
