namespace DevOpsVision.Blogging.Search;

/// <summary>
/// The Porter2 (Snowball English) stemmer, working in place on a lower-case word in a buffer.
/// Follows the algorithm as defined at snowballstem.org/algorithms/english/stemmer.html.
/// </summary>
internal static class Porter2Stemmer
{
    /// <summary>Stems <paramref name="word"/> in place (lower-case letters, digits and apostrophes) and returns the stem's length.</summary>
    public static int Stem(Span<char> word)
    {
        int length = word.Length;
        if (Exception1(word, ref length))
        {
            return length;
        }

        if (length < 3)
        {
            return length;
        }

        // Prelude: drop an initial apostrophe; mark consonant-y as 'Y'.
        if (word[0] == '\'')
        {
            word[1..length].CopyTo(word);
            length--;
        }

        bool yFound = false;
        for (int i = 0; i < length; i++)
        {
            if (word[i] == 'y' && (i == 0 || IsVowel(word[i - 1])))
            {
                word[i] = 'Y';
                yFound = true;
            }
        }

        int p1 = MarkRegion1(word[..length]);
        int p2 = MarkRegion2(word[..length], p1);

        Step0(word, ref length);
        Step1a(word, ref length);
        if (!Exception2(word[..length]))
        {
            Step1b(word, ref length, p1);
            Step1c(word, ref length);
            Step2(word, ref length, p1);
            Step3(word, ref length, p1, p2);
            Step4(word, ref length, p2);
            Step5(word, ref length, p1, p2);
        }

        if (yFound)
        {
            for (int i = 0; i < length; i++)
            {
                if (word[i] == 'Y')
                {
                    word[i] = 'y';
                }
            }
        }

        return length;
    }

    /// <summary>Stems a word given as a string; for tests and query analysis.</summary>
    public static string Stem(string word)
    {
        char[] buffer = word.ToCharArray();
        return new string(buffer, 0, Stem(buffer));
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static int MarkRegion1(ReadOnlySpan<char> w)
    {
        if (w.StartsWith("gener") || w.StartsWith("arsen"))
        {
            return 5;
        }

        if (w.StartsWith("commun"))
        {
            return 6;
        }

        return AfterVowelConsonant(w, 0);
    }

    private static int MarkRegion2(ReadOnlySpan<char> w, int p1) => AfterVowelConsonant(w, p1);

    /// <summary>The position after the first non-vowel that follows a vowel, at or after <paramref name="start"/>.</summary>
    private static int AfterVowelConsonant(ReadOnlySpan<char> w, int start)
    {
        int i = start;
        while (i < w.Length && !IsVowel(w[i]))
        {
            i++;
        }

        while (i < w.Length && IsVowel(w[i]))
        {
            i++;
        }

        return i < w.Length ? i + 1 : w.Length;
    }

    private static bool EndsWith(Span<char> word, int length, string suffix) =>
        length >= suffix.Length && word.Slice(length - suffix.Length, suffix.Length).SequenceEqual(suffix);

    private static void Replace(Span<char> word, ref int length, int suffixLength, string replacement)
    {
        length -= suffixLength;
        replacement.CopyTo(word[length..]);
        length += replacement.Length;
    }

    /// <summary>Short syllable ending at <paramref name="end"/> (exclusive).</summary>
    private static bool EndsInShortSyllable(ReadOnlySpan<char> w, int end)
    {
        if (end >= 3)
        {
            char c = w[end - 1];
            return !IsVowel(c) && c is not ('w' or 'x' or 'Y') && IsVowel(w[end - 2]) && !IsVowel(w[end - 3]);
        }

        return end == 2 && IsVowel(w[0]) && !IsVowel(w[1]);
    }

    private static bool IsShort(ReadOnlySpan<char> w, int length, int p1) => p1 == length && EndsInShortSyllable(w, length);

    private static bool ContainsVowel(ReadOnlySpan<char> w) => w.IndexOfAny("aeiouy") >= 0;

    private static void Step0(Span<char> word, ref int length)
    {
        if (EndsWith(word, length, "'s'"))
        {
            length -= 3;
        }
        else if (EndsWith(word, length, "'s"))
        {
            length -= 2;
        }
        else if (EndsWith(word, length, "'"))
        {
            length -= 1;
        }
    }

    private static void Step1a(Span<char> word, ref int length)
    {
        if (EndsWith(word, length, "sses"))
        {
            length -= 2;
        }
        else if (EndsWith(word, length, "ied") || EndsWith(word, length, "ies"))
        {
            Replace(word, ref length, 3, length - 3 > 1 ? "i" : "ie");
        }
        else if (EndsWith(word, length, "us") || EndsWith(word, length, "ss"))
        {
            // unchanged
        }
        else if (EndsWith(word, length, "s"))
        {
            // Delete if the part before the letter preceding the s holds a vowel.
            if (length >= 3 && ContainsVowel(word[..(length - 2)]))
            {
                length--;
            }
        }
    }

    private static readonly string[] Step1bSuffixes = ["eedly", "ingly", "edly", "eed", "ing", "ed"];

    private static void Step1b(Span<char> word, ref int length, int p1)
    {
        string? found = null;
        foreach (string suffix in Step1bSuffixes)
        {
            if (EndsWith(word, length, suffix))
            {
                found = suffix;
                break;
            }
        }

        if (found is null)
        {
            return;
        }

        if (found is "eed" or "eedly")
        {
            if (length - found.Length >= p1)
            {
                Replace(word, ref length, found.Length, "ee");
            }

            return;
        }

        if (!ContainsVowel(word[..(length - found.Length)]))
        {
            return;
        }

        length -= found.Length;
        if (EndsWith(word, length, "at") || EndsWith(word, length, "bl") || EndsWith(word, length, "iz"))
        {
            word[length++] = 'e';
        }
        else if (length >= 2 && word[length - 1] == word[length - 2] && word[length - 1] is 'b' or 'd' or 'f' or 'g' or 'm' or 'n' or 'p' or 'r' or 't')
        {
            length--;
        }
        else if (IsShort(word, length, p1))
        {
            word[length++] = 'e';
        }
    }

    private static void Step1c(Span<char> word, ref int length)
    {
        if (length > 2 && word[length - 1] is 'y' or 'Y' && !IsVowel(word[length - 2]))
        {
            word[length - 1] = 'i';
        }
    }

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"), ("entli", "ent"), ("ation", "ate"),
        ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"),
        ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"),
        ("alli", "al"), ("bli", "ble"), ("ogi", "og"), ("li", string.Empty),
    ];

    private static void Step2(Span<char> word, ref int length, int p1)
    {
        foreach ((string suffix, string replacement) in Step2Rules)
        {
            if (!EndsWith(word, length, suffix))
            {
                continue;
            }

            int start = length - suffix.Length;
            if (start < p1)
            {
                return;
            }

            if (suffix == "ogi")
            {
                if (start > 0 && word[start - 1] == 'l')
                {
                    Replace(word, ref length, 3, "og");
                }
            }
            else if (suffix == "li")
            {
                if (start > 0 && word[start - 1] is 'c' or 'd' or 'e' or 'g' or 'h' or 'k' or 'm' or 'n' or 'r' or 't')
                {
                    length -= 2;
                }
            }
            else
            {
                Replace(word, ref length, suffix.Length, replacement);
            }

            return;
        }
    }

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ative", string.Empty), ("ical", "ic"), ("ness", string.Empty), ("ful", string.Empty),
    ];

    private static void Step3(Span<char> word, ref int length, int p1, int p2)
    {
        foreach ((string suffix, string replacement) in Step3Rules)
        {
            if (!EndsWith(word, length, suffix))
            {
                continue;
            }

            int start = length - suffix.Length;
            if (start < p1 || (suffix == "ative" && start < p2))
            {
                return;
            }

            Replace(word, ref length, suffix.Length, replacement);
            return;
        }
    }

    private static readonly string[] Step4Suffixes =
    [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic",
    ];

    private static void Step4(Span<char> word, ref int length, int p2)
    {
        foreach (string suffix in Step4Suffixes)
        {
            if (!EndsWith(word, length, suffix))
            {
                continue;
            }

            int start = length - suffix.Length;
            if (start < p2)
            {
                return;
            }

            if (suffix == "ion")
            {
                if (start > 0 && word[start - 1] is 's' or 't')
                {
                    length = start;
                }
            }
            else
            {
                length = start;
            }

            return;
        }
    }

    private static void Step5(Span<char> word, ref int length, int p1, int p2)
    {
        if (length == 0)
        {
            return;
        }

        char last = word[length - 1];
        int start = length - 1;
        if (last == 'e')
        {
            if (start >= p2 || (start >= p1 && !EndsInShortSyllable(word, start)))
            {
                length--;
            }
        }
        else if (last == 'l' && start >= p2 && start > 0 && word[start - 1] == 'l')
        {
            length--;
        }
    }

    private static bool Exception1(Span<char> word, ref int length)
    {
        ReadOnlySpan<char> w = word[..length];
        string? replacement = w switch
        {
            "skis" => "ski",
            "skies" => "sky",
            "dying" => "die",
            "lying" => "lie",
            "tying" => "tie",
            "idly" => "idl",
            "gently" => "gentl",
            "ugly" => "ugli",
            "early" => "earli",
            "only" => "onli",
            "singly" => "singl",
            "sky" or "news" or "howe" or "atlas" or "cosmos" or "bias" or "andes" => string.Empty,
            _ => null,
        };
        if (replacement is null)
        {
            return false;
        }

        if (replacement.Length > 0)
        {
            replacement.CopyTo(word);
            length = replacement.Length;
        }

        return true;
    }

    private static bool Exception2(ReadOnlySpan<char> w) =>
        w is "inning" or "outing" or "canning" or "herring" or "earring" or "proceed" or "exceed" or "succeed";
}
