namespace DevOpsVision.Blogging.Text;

/// <summary>Searches text in which quoted stretches are opaque.</summary>
internal static class QuotedText
{
    /// <summary>The first <paramref name="target"/> that is not between a pair of the <paramref name="quotes"/> characters, or -1.</summary>
    public static int IndexOutsideQuotes(ReadOnlySpan<char> text, char target, string quotes)
    {
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (quotes.Contains(c, StringComparison.Ordinal))
            {
                quote = c;
            }
            else if (c == target)
            {
                return i;
            }
        }

        return -1;
    }
}
