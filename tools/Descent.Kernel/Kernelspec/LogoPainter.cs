namespace Descent.Kernel.Kernelspec;

/// <summary>
/// Draws the kernel's logo at any size: a ball rolling down a parabola towards its minimum, on a rounded
/// dark-blue tile — gradient descent in one picture. Shapes are signed-distance functions, anti-aliased by
/// 4 × 4 supersampling, so the 32 and 64 pixel logos are both crisp and deterministic.
/// </summary>
internal static class LogoPainter
{
    private readonly record struct Rgba(double R, double G, double B, double A);

    private static readonly Rgba Tile = new(0x1F, 0x3A, 0x5F, 1);
    private static readonly Rgba Curve = new(0xE8, 0xEE, 0xF5, 1);
    private static readonly Rgba Ball = new(0xF2, 0x8C, 0x28, 1);
    private static readonly Rgba Minimum = new(0x7F, 0xD1, 0xAE, 1);

    /// <summary>The logo as a PNG file of <paramref name="size"/> × <paramref name="size"/> pixels.</summary>
    public static byte[] Png(int size) => PngWriter.Encode(size, size, Paint(size));

    /// <summary>The logo as RGBA bytes.</summary>
    public static byte[] Paint(int size)
    {
        const int samples = 4;
        var rgba = new byte[size * size * 4];
        for (int py = 0; py < size; py++)
        for (int px = 0; px < size; px++)
        {
            double r = 0, g = 0, b = 0, a = 0;
            for (int sy = 0; sy < samples; sy++)
            for (int sx = 0; sx < samples; sx++)
            {
                double x = (px + (sx + 0.5) / samples) / size, y = (py + (sy + 0.5) / samples) / size;
                var c = Sample(x, y, 1.0 / size);
                r += c.R * c.A; g += c.G * c.A; b += c.B * c.A; a += c.A;
            }
            int i = (py * size + px) * 4;
            const double n = samples * samples;
            rgba[i] = (byte)Math.Round(a > 0 ? r / a : 0);
            rgba[i + 1] = (byte)Math.Round(a > 0 ? g / a : 0);
            rgba[i + 2] = (byte)Math.Round(a > 0 ? b / a : 0);
            rgba[i + 3] = (byte)Math.Round(255 * a / n);
        }
        return rgba;
    }

    // The colour at (x, y) in unit coordinates (y down); pixel is the size of one pixel, to keep lines visible.
    private static Rgba Sample(double x, double y, double pixel)
    {
        if (RoundedSquare(x, y, 0.2) > 0) return new Rgba(0, 0, 0, 0);
        var colour = Tile;
        // The valley (y grows downwards): y = 0.76 - 1.9 (x - 0.5)^2, a band of half-width max(0.035, 1.2 px).
        double fx = Valley(x), slope = -3.8 * (x - 0.5);
        double distance = Math.Abs(y - fx) / Math.Sqrt(1 + slope * slope);
        if (x > 0.12 && x < 0.88 && distance < Math.Max(0.035, 1.2 * pixel)) colour = Curve;
        if (Circle(x, y, 0.5, Valley(0.5), 0.05) <= 0) colour = Minimum;
        // The ball, resting on the left slope on its way down.
        const double bx = 0.27, radius = 0.105;
        if (Circle(x, y, bx, Valley(bx) - radius - 0.045, radius) <= 0) colour = Ball;
        return colour;
    }

    private static double Valley(double x) => 0.76 - 1.9 * (x - 0.5) * (x - 0.5);

    private static double Circle(double x, double y, double cx, double cy, double r) =>
        Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) - r;

    private static double RoundedSquare(double x, double y, double radius)
    {
        double qx = Math.Abs(x - 0.5) - (0.5 - radius), qy = Math.Abs(y - 0.5) - (0.5 - radius);
        return Math.Sqrt(Math.Max(qx, 0) * Math.Max(qx, 0) + Math.Max(qy, 0) * Math.Max(qy, 0))
               + Math.Min(Math.Max(qx, qy), 0) - radius;
    }
}
