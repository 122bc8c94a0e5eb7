using System.Text;
using Instagram.Grains.Common.Errors;

namespace Instagram.Grains.Common.Text;

/// <summary>
/// The characters client text may not carry, defined once for the Api (which refuses them) and the search index
/// (which strips them from what is already stored). C0 controls and DEL are invisible, and PostgreSQL refuses a
/// NUL outright, failing the whole write it sits in. Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) reorder what is displayed after them, so a name or caption can read differently from what it is.
/// </summary>
/// <remarks>
/// Two strictnesses: single-line text (names, emails, search queries, place names) refuses every C0 control and
/// every bidi control, including the marks U+200E, U+200F and U+061C, which a name has no use for. Multi-line text
/// (captions, comments, bio) keeps line breaks (<c>\n</c>, <c>\r</c>) and the marks, which right-to-left writers
/// use to get punctuation right; it still refuses the embeddings, overrides and isolates, which spoof, and tabs.
/// </remarks>
public static class TextRules
{
    /// <summary>Whether <paramref name="value"/> carries none of the refused characters (null is fine).</summary>
    public static bool IsAllowed(string? value, bool multiLine = false)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var c in value)
        {
            if (IsRefused(c, multiLine))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="DomainException.InvalidInput"/> naming <paramref name="field"/> when the value is refused.</summary>
    public static void EnsureAllowed(string? value, string field, bool multiLine = false)
    {
        if (!IsAllowed(value, multiLine))
        {
            throw DomainException.InvalidInput(Describe(field, multiLine));
        }
    }

    /// <summary>The message for a refused value, the same whichever layer refuses it.</summary>
    public static string Describe(string field, bool multiLine) => multiLine
        ? $"'{field}' must not contain control characters other than line breaks, or bidirectional override characters."
        : $"'{field}' must not contain control characters or bidirectional formatting characters.";

    /// <summary>
    /// <paramref name="value"/> made safe to index: every C0 control and DEL becomes a space (a word break, as a
    /// line break in a caption is) and every bidi control disappears (it sits inside words).
    /// </summary>
    public static string Clean(string value)
    {
        if (IsAllowed(value))
        {
            return value;
        }

        var clean = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!IsBidiControl(c))
            {
                clean.Append(IsControl(c) ? ' ' : c);
            }
        }

        return clean.ToString();
    }

    private static bool IsRefused(char c, bool multiLine) => multiLine
        ? (IsControl(c) && c is not '\n' and not '\r') || IsBidiOverride(c)
        : IsControl(c) || IsBidiControl(c);

    private static bool IsControl(char c) => c is <= '\u001F' or '\u007F';

    private static bool IsBidiOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static bool IsBidiControl(char c) => IsBidiOverride(c) || c is '\u200E' or '\u200F' or '\u061C';
}
