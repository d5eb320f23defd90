namespace Descent.Plots;

/// <summary>
/// The one look every chart shares: a colour-blind-safe palette (Okabe–Ito, checked for contrast), projector-sized fonts and
/// markers, and a slim plotly.js template (a few hundred bytes instead of Plotly.NET's ~8 KB default).
/// Use the colours when a lesson draws its own chart so it matches the rest.
/// </summary>
public static class HouseStyle
{
    // The series colours are checked (tests/Descent.Tests/Plots/PaletteTests.cs): each has at least 3:1 contrast against
    // white (WCAG's threshold for graphics, so a line reads on a projector), and every pair stays apart (CIE ΔE ≥ 12) for
    // normal vision and as seen with protanopia, deuteranopia and tritanopia. Okabe–Ito's orange (#E69F00), sky blue
    // (#56B4E9) and yellow (#F0E442) fail the contrast test, so the list keeps five Okabe–Ito colours and adds two of
    // Paul Tol's (wine, olive); the orange, sky blue and yellow below are darkened for the few single-purpose marks.

    /// <summary>Okabe–Ito blue, the first series colour.</summary>
    public const string Blue = "#0072B2";

    /// <summary>Okabe–Ito vermillion, the second series colour; also marks divergence.</summary>
    public const string Vermillion = "#D55E00";

    /// <summary>Okabe–Ito bluish green, the third series colour.</summary>
    public const string Green = "#009E73";

    /// <summary>Okabe–Ito reddish purple, the fourth series colour.</summary>
    public const string Purple = "#CC79A7";

    /// <summary>Black, the fifth series colour.</summary>
    public const string Black = "#000000";

    /// <summary>Paul Tol's wine, the sixth series colour.</summary>
    public const string Wine = "#882255";

    /// <summary>Paul Tol's olive, the seventh series colour.</summary>
    public const string Olive = "#999933";

    /// <summary>Okabe–Ito orange darkened to 4.3:1 against white: tangents (not a series colour).</summary>
    public const string Orange = "#B06A00";

    /// <summary>Okabe–Ito sky blue darkened to 4.5:1 against white: derivatives drawn dashed (not a series colour).</summary>
    public const string SkyBlue = "#2B7BBA";

    /// <summary>Okabe–Ito yellow darkened to 4.1:1 against white (plain yellow is unreadable on white; not a series colour).</summary>
    public const string Yellow = "#8C7E00";

    /// <summary>The colour of functions drawn as curves (dark grey, so coloured paths stand out on them).</summary>
    public const string Curve = "#3a3a3a";

    /// <summary>Series colours in the order charts use them: run i gets <c>Colors[i % 7]</c> in every chart.</summary>
    public static IReadOnlyList<string> Colors { get; } = [Blue, Vermillion, Green, Purple, Black, Wine, Olive];

    /// <summary>The colour of series <paramref name="i"/> (cycling through <see cref="Colors"/>).</summary>
    public static string ColorOf(int i) => Colors[((i % Colors.Count) + Colors.Count) % Colors.Count];

    /// <summary>Base font size in pixels (tick labels, legend): readable from the back of a classroom.</summary>
    public const int FontSize = 16;

    /// <summary>Chart title font size in pixels.</summary>
    public const int TitleSize = 19;

    /// <summary>Font size of the notes in a plot's corner (e.g. "GD, α = 0.55: diverged at t = 1").</summary>
    public const int NoteSize = FontSize - 1;

    /// <summary>Default chart height in pixels; the width follows the notebook's output area.</summary>
    public const int Height = 520;

    /// <summary>The tallest a chart is drawn (grids and sliders included), so it fits a laptop or projector screen.</summary>
    public const int MaxHeight = 600;

    /// <summary>The narrowest output area charts are laid out for (a phone's page): titles wrap and legend rows are counted for it.</summary>
    public const int NarrowWidth = 340;

    /// <summary>Marker size for the points of a path.</summary>
    public const int MarkerSize = 10;

    /// <summary>Line width for paths and traces.</summary>
    public const double LineWidth = 2.5;

    /// <summary>
    /// A light, colour-blind-safe sequential scale for contour and surface backgrounds: low values pale,
    /// high values darker blue-grey, so the coloured paths drawn on top stay the strongest marks.
    /// </summary>
    internal static readonly object[][] Landscape =
    [
        [0.0, "#ffffff"], [0.15, "#e8eef5"], [0.35, "#c9d6e5"], [0.6, "#9fb4cc"], [0.85, "#6f8aaa"], [1.0, "#4f6a8c"],
    ];

    /// <summary>The same scale for 3D surfaces, starting from a tint instead of white so the surface stands off the page.</summary>
    internal static readonly object[][] Relief =
    [
        [0.0, "#d3dde9"], [0.25, "#b7c7da"], [0.5, "#97aec8"], [0.75, "#7590b0"], [1.0, "#4f6a8c"],
    ];
}
