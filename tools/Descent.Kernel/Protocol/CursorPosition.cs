namespace Descent.Kernel.Protocol;

/// <summary>
/// Protocol 5.2+ cursor positions count Unicode code points; .NET strings index UTF-16 code units. A character
/// outside the Basic Multilingual Plane (a surrogate pair) is one code point but two code units.
/// </summary>
public static class CursorPosition
{
    /// <summary>The UTF-16 index of the code point offset <paramref name="codePoints"/>, clamped to the text.</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        int index = 0;
        for (int seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The code point offset of the UTF-16 index <paramref name="utf16Index"/>.</summary>
    public static int ToCodePoints(string text, int utf16Index)
    {
        int end = Math.Clamp(utf16Index, 0, text.Length), count = 0;
        for (int i = 0; i < end; i++, count++)
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        return count;
    }
}
