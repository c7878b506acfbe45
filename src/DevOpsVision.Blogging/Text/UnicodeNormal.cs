using System.Text;

namespace DevOpsVision.Blogging.Text;

/// <summary>Unicode normalization that cannot be made to throw by a post's text.</summary>
internal static class UnicodeNormal
{
    /// <summary>
    /// <paramref name="text"/> in <paramref name="form"/>. <see cref="string.Normalize(NormalizationForm)"/> throws on
    /// U+FFFE and on a surrogate without its pair, which valid UTF-8 and YAML escapes can both carry into a tag or a
    /// title; such characters name nothing, so they are dropped first.
    /// </summary>
    public static string Normalize(string text, NormalizationForm form)
    {
        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            string valid = WithoutInvalid(text);
            try
            {
                return valid.Normalize(form);
            }
            catch (ArgumentException)
            {
                return valid;
            }
        }
    }

    private static string WithoutInvalid(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
