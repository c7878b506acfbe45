using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        int inWord = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref ushort first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            for (; i <= text.Length - 64; i += 64)
            {
                if (!TryCountAsciiChunk(ref first, i, ref count, ref inWord))
                {
                    CountScalar(text.Slice(i, 64), ref count, ref inWord);
                }
            }
        }

        CountScalar(text[i..], ref count, ref inWord);
        return count;
    }

    private static void CountScalar(ReadOnlySpan<char> text, ref int count, ref int inWord)
    {
        // A word is counted at its first letter or digit; white space ends it. ASCII characters take a
        // branch-free path (word and space flags from a table), since word boundaries are unpredictable.
        ReadOnlySpan<byte> flags = AsciiFlags;
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
    }

    /// <summary>
    /// Counts the words of the 64 characters at <paramref name="offset"/> at once, if they are all ASCII;
    /// returns false, having changed nothing, if they are not.
    /// </summary>
    /// <remarks>
    /// The chunk becomes two bit masks, letters and digits (W) and white space (S); everything else
    /// (punctuation) leaves the state as it was. A word starts at a W whose nearest W or S before it is an S,
    /// or is the text's start. Such positions are found without a loop: a seed just after each S that lands on
    /// punctuation is carried by an addition through its run of punctuation to the next W or S.
    /// </remarks>
    private static bool TryCountAsciiChunk(ref ushort first, int offset, ref int count, ref int inWord)
    {
        Vector256<ushort> a = Vector256.LoadUnsafe(ref first, (nuint)offset);
        Vector256<ushort> b = Vector256.LoadUnsafe(ref first, (nuint)(offset + 16));
        Vector256<ushort> c = Vector256.LoadUnsafe(ref first, (nuint)(offset + 32));
        Vector256<ushort> d = Vector256.LoadUnsafe(ref first, (nuint)(offset + 48));
        if (((a | b | c | d) & Vector256.Create((ushort)0xFF80)) != Vector256<ushort>.Zero)
        {
            return false;
        }

        Vector256<byte> low = Vector256.Narrow(a, b);
        Vector256<byte> high = Vector256.Narrow(c, d);
        ulong words = WordMask(low) | ((ulong)WordMask(high) << 32);
        ulong spaces = SpaceMask(low) | ((ulong)SpaceMask(high) << 32);

        ulong significant = words | spaces;
        ulong punctuation = ~significant;
        ulong afterSpace = (spaces << 1) | (uint)(inWord ^ 1);
        ulong carried = ((afterSpace & punctuation) + punctuation) & significant;
        count += BitOperations.PopCount(words & ((afterSpace & significant) | carried));
        if (significant != 0)
        {
            inWord = (int)((words >> (63 - BitOperations.LeadingZeroCount(significant))) & 1);
        }

        return true;
    }

    private static uint WordMask(Vector256<byte> chars)
    {
        Vector256<byte> digit = Vector256.LessThan(chars - Vector256.Create((byte)'0'), Vector256.Create((byte)10));
        Vector256<byte> letter = Vector256.LessThan((chars | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
        return (digit | letter).ExtractMostSignificantBits();
    }

    private static uint SpaceMask(Vector256<byte> chars)
    {
        Vector256<byte> control = Vector256.LessThan(chars - Vector256.Create((byte)'\t'), Vector256.Create((byte)5));
        Vector256<byte> space = Vector256.Equals(chars, Vector256.Create((byte)' '));
        return (control | space).ExtractMostSignificantBits();
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
