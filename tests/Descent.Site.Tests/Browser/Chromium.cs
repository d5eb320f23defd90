namespace Descent.Site.Tests.Browser;

/// <summary>Debian's Chromium, the browser the site is checked in; never a browser Playwright downloads.</summary>
internal static class Chromium
{
    /// <summary>The browser binary.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Headless, offline and quiet: no sandbox (containers), no GPU, no QUIC, no background traffic.</summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Whether the browser is installed.</summary>
    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Under CI (DESCENT_REQUIRE_TOOLS=1) a missing browser fails the tests instead of skipping them.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable("DESCENT_REQUIRE_TOOLS") == "1";

    /// <summary>Why browser tests are skipped, or null when they run.</summary>
    public static string? SkipReason => IsInstalled || IsRequired
        ? null
        : $"{ExecutablePath} is not installed (apt-get install chromium); set DESCENT_REQUIRE_TOOLS=1 to make this a failure.";
}

/// <summary>
/// A fact that needs Chromium: skipped without it, unless DESCENT_REQUIRE_TOOLS=1 makes its absence a failure. A skippable
/// fact, so that a test can also skip from inside (NbformatValidator does when python3-nbformat is missing).
/// </summary>
public sealed class BrowserFactAttribute : SkippableFactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium is missing and not required.</summary>
    public BrowserFactAttribute() => Skip = Chromium.SkipReason;
}

/// <summary>A theory that needs Chromium: skipped without it, unless DESCENT_REQUIRE_TOOLS=1 makes its absence a failure.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium is missing and not required.</summary>
    public BrowserTheoryAttribute() => Skip = Chromium.SkipReason;
}
