namespace DevOpsVision.Blogging.Text;

/// <summary>Counts words the way readers perceive them, including in scripts written without spaces.</summary>
internal static class WordCounter
{
    /// <summary>
    /// Counts white-space separated tokens that hold a letter or digit; in Chinese and Japanese text,
    /// which has no spaces between words, each ideograph or kana counts as one word.
    /// </summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        int count = 0;
        bool inToken = false;
        bool tokenHasWordChar = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (inToken && tokenHasWordChar)
                {
                    count++;
                }

                inToken = false;
                tokenHasWordChar = false;
                continue;
            }

            if (IsCjk(c))
            {
                // The Latin part before the ideograph is a word of its own.
                if (inToken && tokenHasWordChar)
                {
                    count++;
                }

                count++;
                inToken = false;
                tokenHasWordChar = false;
                continue;
            }

            inToken = true;
            if (!tokenHasWordChar && char.IsLetterOrDigit(c))
            {
                tokenHasWordChar = true;
            }
        }

        if (inToken && tokenHasWordChar)
        {
            count++;
        }

        return count;
    }

    private static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF') // Hiragana, Katakana
            or (>= '\u3400' and <= '\u4DBF') // CJK Extension A
            or (>= '\u4E00' and <= '\u9FFF') // CJK Unified Ideographs
            or (>= '\uF900' and <= '\uFAFF'); // CJK Compatibility Ideographs

    /// <summary>Minutes to read <paramref name="words"/> at <paramref name="wordsPerMinute"/>, rounded up; zero only for no words.</summary>
    public static TimeSpan ReadingTime(int words, int wordsPerMinute) =>
        words == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(Math.Max(1, (words + wordsPerMinute - 1) / wordsPerMinute));
}
