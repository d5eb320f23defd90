namespace Descent.Plots;

/// <summary>
/// The one look every chart shares: the Okabe–Ito colour-blind-safe palette, projector-sized fonts and
/// markers, and a slim plotly.js template (a few hundred bytes instead of Plotly.NET's ~8 KB default).
/// Use the colours when a lesson draws its own chart so it matches the rest.
/// </summary>
public static class HouseStyle
{
    /// <summary>Okabe–Ito blue, the first series colour.</summary>
    public const string Blue = "#0072B2";

    /// <summary>Okabe–Ito vermillion, the second series colour; also marks divergence.</summary>
    public const string Vermillion = "#D55E00";

    /// <summary>Okabe–Ito bluish green, the third series colour.</summary>
    public const string Green = "#009E73";

    /// <summary>Okabe–Ito orange, the fourth series colour; also tangents.</summary>
    public const string Orange = "#E69F00";

    /// <summary>Okabe–Ito reddish purple, the fifth series colour.</summary>
    public const string Purple = "#CC79A7";

    /// <summary>Okabe–Ito sky blue, the sixth series colour.</summary>
    public const string SkyBlue = "#56B4E9";

    /// <summary>Black, the seventh series colour.</summary>
    public const string Black = "#000000";

    /// <summary>Okabe–Ito yellow, the last series colour (weak on white: used only when seven are taken).</summary>
    public const string Yellow = "#F0E442";

    /// <summary>The colour of functions drawn as curves (dark grey, so coloured paths stand out on them).</summary>
    public const string Curve = "#3a3a3a";

    /// <summary>Series colours in the order charts use them: run i gets <c>Colors[i % 8]</c> in every chart.</summary>
    public static IReadOnlyList<string> Colors { get; } = [Blue, Vermillion, Green, Orange, Purple, SkyBlue, Black, Yellow];

    /// <summary>The colour of series <paramref name="i"/> (cycling through <see cref="Colors"/>).</summary>
    public static string ColorOf(int i) => Colors[((i % Colors.Count) + Colors.Count) % Colors.Count];

    /// <summary>Base font size in pixels (tick labels, legend): readable from the back of a classroom.</summary>
    public const int FontSize = 16;

    /// <summary>Chart title font size in pixels.</summary>
    public const int TitleSize = 21;

    /// <summary>Default chart height in pixels; the width follows the notebook's output area.</summary>
    public const int Height = 520;

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
