using System.Globalization;
using System.Text;

namespace DevOpsVision.Blogging.Text;

/// <summary>Turns titles, file names and terms into URL segments.</summary>
internal static class Slug
{
    /// <summary>The longest slug produced; longer ones are cut at a dash so every file system can store them.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// Lower-cases, folds diacritics to ASCII (letters of other scripts are kept), drops apostrophes and
    /// collapses every other run of non-alphanumerics into one dash.
    /// </summary>
    public static string Create(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string decomposed = IsAscii(text) ? text : UnicodeNormal.Normalize(text, NormalizationForm.FormD);
        var builder = new StringBuilder(Math.Min(decomposed.Length, MaxLength + 8));
        bool pendingDash = false;
        foreach (char c in decomposed)
        {
            if (builder.Length >= MaxLength)
            {
                break;
            }

            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    AppendPending(builder, ref pendingDash);
                    builder.Append(char.ToLowerInvariant(c));
                }
                else if (c != '\'')
                {
                    pendingDash = true;
                }

                continue;
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            string? folded = Fold(c);
            if (folded is not null)
            {
                AppendPending(builder, ref pendingDash);
                builder.Append(folded);
            }
            else if (char.IsLetterOrDigit(c))
            {
                AppendPending(builder, ref pendingDash);
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is not '\u2019' and not '\u2018')
            {
                pendingDash = true;
            }
        }

        if (builder.Length > MaxLength)
        {
            builder.Length = MaxLength;
        }

        // A cut may leave a dash or half a word's dash at the end.
        while (builder.Length > 0 && builder[^1] == '-')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The identity of a name that ignores case, diacritics and surrounding or repeated white space:
    /// "DevOps" and "devops", "Café" and "cafe" are one name.
    /// </summary>
    public static string Fold(string text)
    {
        string decomposed = IsAscii(text) ? text : UnicodeNormal.Normalize(text, NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        bool pendingSpace = false;
        foreach (char c in decomposed)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (c >= 128 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            string? folded = c >= 128 ? Fold(c) : null;
            if (folded is not null)
            {
                builder.Append(folded);
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static void AppendPending(StringBuilder builder, ref bool pendingDash)
    {
        if (pendingDash && builder.Length > 0)
        {
            builder.Append('-');
        }

        pendingDash = false;
    }

    private static bool IsAscii(string text)
    {
        foreach (char c in text)
        {
            if (c >= 128)
            {
                return false;
            }
        }

        return true;
    }

    // Letters that have no decomposition into a base letter plus a mark.
    private static string? Fold(char c) => c switch
    {
        'ß' => "ss",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'ø' or 'Ø' => "o",
        'đ' or 'Đ' or 'ð' or 'Ð' => "d",
        'ł' or 'Ł' => "l",
        'þ' or 'Þ' => "th",
        'ı' => "i",
        _ => null,
    };
}
