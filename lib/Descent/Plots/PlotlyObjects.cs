using DynamicObj;
using Plotly.NET;

namespace Descent.Plots;

/// <summary>
/// Small helpers for filling Plotly.NET's dynamic objects with plotly.js attributes by name.
/// Every chart is written against the plotly.js reference (https://plotly.com/javascript/reference/),
/// so the JSON a chart produces reads exactly like that reference, and nothing else is added.
/// </summary>
internal static class PlotlyObjects
{
    /// <summary>Sets <paramref name="key"/> unless <paramref name="value"/> is null; returns the object for chaining.</summary>
    public static T With<T>(this T obj, string key, object? value) where T : DynamicObj.DynamicObj
    {
        if (value is not null) obj.SetProperty(key, value);
        return obj;
    }

    /// <summary>Sets <paramref name="key"/> unless <paramref name="value"/> is null; returns the object for chaining.</summary>
    public static Props With(this Props obj, string key, object? value)
    {
        if (value is not null) obj[key] = value;
        return obj;
    }

    /// <summary>A nested attribute object: <c>Obj(("color", "#000"), ("width", 2))</c>.</summary>
    public static Props Obj(params (string Key, object? Value)[] properties)
    {
        var obj = new Props();
        foreach (var (key, value) in properties) obj.With(key, value);
        return obj;
    }

    /// <summary>A trace of the given plotly.js type.</summary>
    public static Trace NewTrace(string type) => new Trace(type);

    /// <summary>The value of a property, or null.</summary>
    public static object? Get(this DynamicObj.DynamicObj obj, string key)
    {
        var value = obj.TryGetPropertyValue(key);
        return value is null ? null : value.Value;
    }

    /// <summary>Numbers for JSON: NaN and infinities become null (JSON has no NaN; plotly.js draws a gap).</summary>
    public static double?[] Finite(IEnumerable<double> values) =>
        values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    /// <summary>
    /// A value rounded to <paramref name="digits"/> significant digits, for dense grids (contour and surface z)
    /// whose full 17-digit precision would only add kilobytes. Non-finite values become null.
    /// </summary>
    public static double? Significant(double value, int digits = 4)
    {
        if (!double.IsFinite(value)) return null;
        if (value == 0) return 0;
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        int decimals = digits - magnitude;
        if (decimals >= 0 && decimals <= 15) return Math.Round(value, decimals);
        double scale = Math.Pow(10, magnitude - digits);
        return Math.Round(value / scale) * scale;
    }
}

/// <summary>
/// A nested plotly.js attribute object (marker, axis, slider step, ...). A plain dictionary: Newtonsoft writes it
/// directly, where Plotly.NET's typed dynamic objects cost milliseconds each to serialize (a slider with 80 steps
/// took seconds). Only the top-level Trace, Layout and Config are Plotly.NET objects.
/// </summary>
internal sealed class Props : Dictionary<string, object?>
{
}
