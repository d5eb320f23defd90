using System.Globalization;
using System.Numerics;

namespace Descent.Notebooks.Formatting;

/// <summary>
/// Plain text for single values: numbers with round-trip precision in the invariant culture (so
/// <c>5.0464000000000055</c> prints as the slide shows it), <c>&lt;null&gt;</c> for null, and the value's own
/// <c>ToString()</c> otherwise.
/// </summary>
public static class ValueText
{
    /// <summary>The text of a value.</summary>
    public static string Of(object? value) => value switch
    {
        null => "<null>",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        Complex c => $"({Of(c.Real)}, {Of(c.Imaginary)})",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>True for values shown as one piece of text: numbers, strings, booleans, characters, enums, dates, GUIDs...</summary>
    public static bool IsScalar(object? value) => value is null || IsScalarType(value.GetType());

    internal static bool IsScalarType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
               || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Complex)
               || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(BigInteger) || type == typeof(Half)
               || type == typeof(Int128) || type == typeof(UInt128) || type == typeof(Uri);
    }
}
