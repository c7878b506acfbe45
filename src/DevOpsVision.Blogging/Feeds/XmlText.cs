using System.Text;

namespace DevOpsVision.Blogging.Feeds;

/// <summary>Removes the characters XML 1.0 forbids (and the C1 controls feed validators reject), so no post can make a feed unreadable.</summary>
internal static class XmlText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        int bad = FirstBad(text, 0);
        if (bad < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, bad);
        for (int i = bad; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsAllowed(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Everything that may need removing, searched for with vectorized code; surrogates are checked for pairs.
    private static readonly System.Buffers.SearchValues<char> Suspicious = System.Buffers.SearchValues.Create(CreateSuspicious());

    private static string CreateSuspicious()
    {
        var builder = new StringBuilder();
        for (char c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                builder.Append(c);
            }
        }

        for (char c = '\u007F'; c <= '\u009F'; c++)
        {
            builder.Append(c);
        }

        for (char c = '\uD800'; c <= '\uDFFF'; c++)
        {
            builder.Append(c);
        }

        return builder.Append("\uFFFD\uFFFE\uFFFF").ToString();
    }

    private static int FirstBad(string text, int start)
    {
        int i = start;
        while (i < text.Length)
        {
            int found = text.AsSpan(i).IndexOfAny(Suspicious);
            if (found < 0)
            {
                return -1;
            }

            i += found;
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i += 2;
                continue;
            }

            return i;
        }

        return -1;
    }

    private static bool IsAllowed(char c) =>
        c switch
        {
            '\t' or '\n' or '\r' => true,
            < ' ' => false,
            >= '\u007F' and <= '\u009F' => false,
            >= '\uD800' and <= '\uDFFF' => false,
            '\uFFFE' or '\uFFFF' or '\uFFFD' => false,
            _ => true,
        };
}
