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
        // A word is counted at its first letter or digit; white space ends it. ASCII characters take a
        // branch-free path (word and space flags from a table), since word boundaries are unpredictable.
        ReadOnlySpan<byte> flags = AsciiFlags;
        int count = 0;
        int inWord = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 128)
            {
                int bits = flags[c];
                int word = bits >> 1;
                count += word & (inWord ^ 1);
                inWord = word | (inWord & ((bits & 1) ^ 1));
                continue;
            }

            CharKind kind = Classify(c);
            if (kind == CharKind.Space)
            {
                inWord = 0;
            }
            else if (kind == CharKind.Word)
            {
                count += inWord ^ 1;
                inWord = 1;
            }
            else if (kind == CharKind.Cjk)
            {
                // Each ideograph is a word; Latin letters after it start another.
                count++;
                inWord = 0;
            }
        }

        return count;
    }

    /// <summary>Bit 0: white space; bit 1: letter or digit.</summary>
    private static ReadOnlySpan<byte> AsciiFlags =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    ];

    private enum CharKind : byte
    {
        Other = 0,
        Space = 1,
        Word = 2,
        Cjk = 3,
    }

    private static CharKind Classify(char c) =>
        char.IsWhiteSpace(c) ? CharKind.Space
            : IsCjk(c) ? CharKind.Cjk
            : char.IsLetterOrDigit(c) ? CharKind.Word
            : CharKind.Other;

    private static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF') // Hiragana, Katakana
            or (>= '\u3400' and <= '\u4DBF') // CJK Extension A
            or (>= '\u4E00' and <= '\u9FFF') // CJK Unified Ideographs
            or (>= '\uF900' and <= '\uFAFF'); // CJK Compatibility Ideographs

    /// <summary>Minutes to read <paramref name="words"/> at <paramref name="wordsPerMinute"/>, rounded up; zero only for no words.</summary>
    public static TimeSpan ReadingTime(int words, int wordsPerMinute) =>
        words == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(Math.Max(1, (words + wordsPerMinute - 1) / wordsPerMinute));
}
