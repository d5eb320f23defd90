using System.Globalization;

namespace Descent;

/// <summary>
/// Argument checks shared by every public entry point. Each message says what was wrong and how to fix it.
/// </summary>
internal static class Guard
{
    private static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A learning rate must be finite and &gt; 0.</summary>
    public static void LearningRate(double alpha, string name)
    {
        if (!double.IsFinite(alpha) || alpha <= 0)
            throw new ArgumentOutOfRangeException(name, alpha,
                $"The learning rate {name} must be a finite number greater than 0, but it was {Show(alpha)}. " +
                "Pass a small positive value such as 0.1 or 0.01.");
    }

    /// <summary>A decay or momentum coefficient must lie in [0, 1).</summary>
    public static void UnitInterval(double value, string name, string meaning)
    {
        if (!double.IsFinite(value) || value < 0 || value >= 1)
            throw new ArgumentOutOfRangeException(name, value,
                $"The {meaning} {name} must be in [0, 1), but it was {Show(value)}. Typical values are 0.9 or 0.99.");
    }

    /// <summary>Every entry must be finite.</summary>
    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(
                    $"{name}[{i}] is {Show(values[i])}; every value must be a finite number. " +
                    "Check the data or starting point for NaN or infinity.", name);
    }

    /// <summary>A vector must have the expected length.</summary>
    public static void Length(int actual, int expected, string name, string what)
    {
        if (actual != expected)
            throw new ArgumentException(
                $"{name} has {actual} entries but {what} needs {expected}. Pass a vector of length {expected}.", name);
    }

    /// <summary>A count must be positive.</summary>
    public static void Positive(int value, string name, string meaning)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(name, value,
                $"The {meaning} {name} must be at least 1, but it was {value}.");
    }

    /// <summary>A constant such as δ, a clipping threshold or a tolerance must be finite and &gt; 0.</summary>
    public static void PositiveFinite(double value, string name, string meaning, string example)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value,
                $"The {meaning} {name} must be a finite number greater than 0, but it was {Show(value)}. " +
                $"Pass a small positive value such as {example}.");
    }

    /// <summary>A rate such as a decay constant k must be finite and &gt;= 0.</summary>
    public static void NonNegativeFinite(double value, string name, string meaning, string example)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value,
                $"The {meaning} {name} must be a finite number of at least 0, but it was {Show(value)}. " +
                $"Pass a value such as {example} (0 switches it off).");
    }

    /// <summary>A single number must be finite.</summary>
    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException(
                $"{name} is {Show(value)}; it must be a finite number. Check for NaN or infinity.", name);
    }

    /// <summary>An interval [min, max] must have finite ends with min &lt; max.</summary>
    public static void Interval(double min, double max, string name)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max)
            throw new ArgumentException(
                $"The interval {name} = [{Show(min)}, {Show(max)}] is not valid: both ends must be finite and the " +
                "left end smaller than the right end.", name);
    }

    /// <summary>A collection of data must not be empty.</summary>
    public static void NotEmpty(int count, string name, string what)
    {
        if (count == 0)
            throw new ArgumentException($"{name} is empty; {what} needs at least one row of data.", name);
    }

    /// <summary>Two data sets that pair up row by row must have the same number of rows.</summary>
    public static void SameRows(int xRows, int yLength, string xName, string yName)
    {
        if (xRows != yLength)
            throw new ArgumentException(
                $"{xName} has {xRows} rows but {yName} has {yLength} values; they must pair up one value per row. " +
                $"Check that {xName} and {yName} come from the same data.", yName);
    }
}
