namespace DevOpsVision.Blogging.Quotes;

/// <summary>
/// The reporting patterns that tie a quotation to its speaker: <c>Q, said S</c>, <c>Q, S said</c>,
/// <c>S said: Q</c>, <c>As S put it, Q</c>, <c>According to S, Q</c>, <c>Q, according to S</c>. Built once
/// from the configured verbs, read as words on a short window around a quotation, so their cost does not grow with a paragraph.
/// </summary>
internal sealed class ReportingPatterns
{
    public const int Window = 160;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _verbWords;

    // For each ASCII first letter, the lengths of the verb words it starts: most words of a text are
    // ruled out by these bits without hashing them.
    private readonly uint[] _lengthsByFirstLetter = new uint[26];
    private readonly bool _otherFirstLetters;

    public ReportingPatterns(IEnumerable<string> verbs)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "according", "words" };
        foreach (string verb in verbs)
        {
            string head = verb.Trim().Split(' ', 2)[0].ToLowerInvariant();
            if (head.Length > 0)
            {
                words.UnionWith(Inflect(head));
            }
        }

        _verbWords = words.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (string word in words)
        {
            if (char.IsAsciiLetter(word[0]))
            {
                _lengthsByFirstLetter[(word[0] | 0x20) - 'a'] |= 1u << Math.Min(word.Length, 31);
            }
            else
            {
                _otherFirstLetters = true;
            }
        }
    }

    /// <summary>Whether <paramref name="word"/> (not empty) is a reporting verb in any of its forms, "according" or "words", in any case.</summary>
    private bool IsVerbWord(ReadOnlySpan<char> word)
    {
        char first = word[0];
        if (char.IsAsciiLetter(first))
        {
            if ((_lengthsByFirstLetter[(first | 0x20) - 'a'] & (1u << Math.Min(word.Length, 31))) == 0)
            {
                return false;
            }
        }
        else if (!_otherFirstLetters)
        {
            return false;
        }

        return _verbWords.Contains(word);
    }

    /// <summary>A speaker named right after a quotation ("…,” said Jane Roe.", "…,” she wrote", "…, according to S").</summary>
    public string? SpeakerAfter(string text, int from)
    {
        int length = Math.Min(Window, text.Length - from);
        if (length <= 0)
        {
            return null;
        }

        ReadOnlySpan<char> window = text.AsSpan(from, length).TrimStart();
        if (!window.IsEmpty && window[0] is ',' or ';')
        {
            window = window[1..].TrimStart();
        }

        while (!window.IsEmpty && window[0] is '—' or '–' or '-')
        {
            window = window[1..].TrimStart();
        }

        Span<Range> tokens = stackalloc Range[8];
        int count = ReadWords(window, tokens, forward: true);
        if (count == 0)
        {
            return null;
        }

        // "said Jane Roe", "put it Jane Roe"
        int next = VerbAt(window, tokens, count, 0);
        if (next > 0)
        {
            return SpeakerFrom(window, tokens, next, count);
        }

        // "according to Jane Roe"
        if (count >= 3 && Is(window[tokens[0]], "according") && Is(window[tokens[1]], "to"))
        {
            return SpeakerFrom(window, tokens, 2, count);
        }

        // "Jane Roe said", "she wrote", "the report notes"
        int end = SpeakerEnd(window, tokens, count, 0);
        if (end <= 0)
        {
            return null;
        }

        int verb = end;
        while (verb < count && IsModal(window[tokens[verb]]))
        {
            verb++;
        }

        return verb < count && VerbAt(window, tokens, count, verb) > 0 ? Join(window, tokens, 0, end) : null;
    }

    /// <summary>A speaker named right before a quotation ("Jane Roe said: “", "According to S, “", "As S put it, “").</summary>
    public string? SpeakerBefore(string text, int to)
    {
        int start = Math.Max(0, to - Window);
        if (to <= start)
        {
            return null;
        }

        ReadOnlySpan<char> window = text.AsSpan(start, to - start).TrimEnd();
        if (!window.IsEmpty && window[^1] is ',' or ':')
        {
            window = window[..^1].TrimEnd();
        }

        Span<Range> tokens = stackalloc Range[10];
        int count = ReadWords(window, tokens, forward: false);
        if (count == 0)
        {
            return null;
        }

        // The words were read backwards; put them in reading order.
        tokens[..count].Reverse();
        int i = count - 1;
        if (Is(window[tokens[i]], "as") && i > 0)
        {
            i--;
        }

        ReadOnlySpan<char> word = window[tokens[i]];
        if (i > 0 && word.Length > 3 && word.EndsWith("ly", StringComparison.Ordinal) && char.IsLower(word[0]) && !IsVerbWord(word))
        {
            i--;
        }

        if (i > 0 && IsObject(window[tokens[i]]) && !(Is(window[tokens[i]], "it") && i > 0 && IsPut(window[tokens[i - 1]])))
        {
            i--;
        }

        int verb = -1;
        if (Is(window[tokens[i]], "it") && i > 0 && IsPut(window[tokens[i - 1]]))
        {
            verb = i - 1;
        }
        else if (IsReportingVerb(window[tokens[i]]))
        {
            verb = i;
        }

        if (verb < 0)
        {
            // "According to Jane Roe", "in the words of Jane Roe"
            for (int k = 0; k + 2 < count; k++)
            {
                if ((Is(window[tokens[k]], "according") && Is(window[tokens[k + 1]], "to"))
                    || (k + 3 < count && Is(window[tokens[k]], "words") && Is(window[tokens[k + 1]], "of")))
                {
                    int first = Is(window[tokens[k]], "words") ? k + 2 : k + 2;
                    int end = SpeakerEnd(window, tokens, count, first);
                    return end > first ? Join(window, tokens, first, end) : null;
                }
            }

            return null;
        }

        int speakerEnd = verb;
        while (speakerEnd > 0 && IsModal(window[tokens[speakerEnd - 1]]))
        {
            speakerEnd--;
        }

        // The speaker is the run of words right before the verb.
        int speakerStart = speakerEnd;
        while (speakerStart > 0 && speakerEnd - speakerStart < 4 && IsNameWord(window, tokens, speakerStart - 1, speakerEnd))
        {
            speakerStart--;
        }

        if (speakerStart == speakerEnd && speakerEnd > 0)
        {
            ReadOnlySpan<char> single = window[tokens[speakerEnd - 1]];
            if (IsPronoun(single))
            {
                return single.ToString();
            }

            if (speakerEnd > 1 && IsWorkNoun(single) && Is(window[tokens[speakerEnd - 2]], "the"))
            {
                return Join(window, tokens, speakerEnd - 2, speakerEnd);
            }

            return null;
        }

        return speakerStart < speakerEnd ? Join(window, tokens, speakerStart, speakerEnd) : null;
    }

    /// <summary>Reads up to tokens.Length words next to one end of the window, stopping at punctuation that ends a clause.</summary>
    private static int ReadWords(ReadOnlySpan<char> window, Span<Range> tokens, bool forward)
    {
        int count = 0;
        int i = forward ? 0 : window.Length - 1;
        while (count < tokens.Length && (forward ? i < window.Length : i >= 0))
        {
            char c = window[i];
            if (char.IsWhiteSpace(c))
            {
                i += forward ? 1 : -1;
                continue;
            }

            if (!IsWordChar(c))
            {
                break;
            }

            int edge = i;
            while ((forward ? i < window.Length : i >= 0) && IsWordChar(window[i]))
            {
                i += forward ? 1 : -1;
            }

            Range range = forward ? new Range(edge, i) : new Range(i + 1, edge + 1);
            ReadOnlySpan<char> word = window[range];

            // A full stop ends the clause unless it closes an initial ("J.") or a short title.
            if (forward && word.Length > 3 && word[^1] == '.')
            {
                tokens[count++] = new Range(range.Start, range.End.Value - 1);
                break;
            }

            if (!forward && word.Length > 3 && word[^1] == '.')
            {
                break;
            }

            tokens[count++] = range;
        }

        return count;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '\'' or '’' or '-';

    private int VerbAt(ReadOnlySpan<char> window, Span<Range> tokens, int count, int index)
    {
        ReadOnlySpan<char> word = window[tokens[index]];
        if (IsPut(word))
        {
            return index + 1 < count && Is(window[tokens[index + 1]], "it") ? index + 2 : -1;
        }

        return IsReportingVerb(word) ? index + 1 : -1;
    }

    private bool IsReportingVerb(ReadOnlySpan<char> word) =>
        char.IsLower(word[0]) && !Is(word, "according") && !Is(word, "words") && IsVerbWord(word);

    /// <summary>The end of a speaker starting at index: a pronoun, "the report", or one to four capitalised words.</summary>
    private static int SpeakerEnd(ReadOnlySpan<char> window, Span<Range> tokens, int count, int index)
    {
        if (index >= count)
        {
            return -1;
        }

        ReadOnlySpan<char> word = window[tokens[index]];
        if (IsPronoun(word))
        {
            return index + 1;
        }

        if (Is(word, "the") && index + 1 < count && IsWorkNoun(window[tokens[index + 1]]))
        {
            return index + 2;
        }

        int end = index;
        while (end < count && end - index < 4 && IsNameWord(window, tokens, end, count))
        {
            end++;
        }

        return end > index && !IsParticle(window[tokens[end - 1]]) ? end : -1;
    }

    private static string? SpeakerFrom(ReadOnlySpan<char> window, Span<Range> tokens, int index, int count)
    {
        int end = SpeakerEnd(window, tokens, count, index);
        return end > index ? Join(window, tokens, index, end) : null;
    }

    private static bool IsNameWord(ReadOnlySpan<char> window, Span<Range> tokens, int index, int limit)
    {
        ReadOnlySpan<char> word = window[tokens[index]];
        return char.IsUpper(word[0]) || (IsParticle(word) && index + 1 < limit && char.IsUpper(window[tokens[index + 1]][0]));
    }

    private static string Join(ReadOnlySpan<char> window, Span<Range> tokens, int start, int end) =>
        window[tokens[start].Start.Value..tokens[end - 1].End.Value].ToString();

    private static bool Is(ReadOnlySpan<char> word, string value) => word.Equals(value, StringComparison.OrdinalIgnoreCase);

    private static bool IsPut(ReadOnlySpan<char> word) => Is(word, "put") || Is(word, "puts");

    public static bool IsPronoun(ReadOnlySpan<char> word) =>
        Is(word, "he") || Is(word, "she") || Is(word, "they") || Is(word, "we") || word is "I" || Is(word, "it");

    private static bool IsObject(ReadOnlySpan<char> word) =>
        Is(word, "me") || Is(word, "us") || Is(word, "them") || Is(word, "him") || Is(word, "her") || Is(word, "it") || Is(word, "this") || Is(word, "that");

    private static bool IsModal(ReadOnlySpan<char> word) =>
        Is(word, "has") || Is(word, "had") || Is(word, "have") || Is(word, "once") || Is(word, "then") || Is(word, "later") || Is(word, "also")
        || Is(word, "might") || Is(word, "may") || Is(word, "would") || Is(word, "could") || Is(word, "will") || Is(word, "must");

    private static bool IsWorkNoun(ReadOnlySpan<char> word) =>
        Is(word, "author") || Is(word, "authors") || Is(word, "report") || Is(word, "book") || Is(word, "study") || Is(word, "survey") || Is(word, "paper");

    private static bool IsParticle(ReadOnlySpan<char> word) =>
        word is "de" or "van" or "von" or "der" or "da" or "di" or "du" or "le" or "la";

    /// <summary>The last speaker a paragraph names with a reporting verb ("Tim Campbell, engineer at X, shared that …").</summary>
    public string? SpeakerIn(string text)
    {
        // Read back from the last reporting verb: "Tim Campbell, engineer at X, shared" or "Jane Roe has said".
        int verbEnd = LastVerbWordEnd(text.AsSpan());
        if (verbEnd < 0)
        {
            return null;
        }

        int verbStart = verbEnd;
        while (verbStart > 0 && char.IsLetter(text[verbStart - 1]))
        {
            verbStart--;
        }

        ReadOnlySpan<char> before = text.AsSpan(Math.Max(0, verbStart - Window), Math.Min(Window, verbStart)).TrimEnd();
        if (!before.IsEmpty && before[^1] == ',')
        {
            // An apposition: the speaker stands before its opening comma.
            int comma = before[..^1].LastIndexOf(',');
            if (comma < 0 || before.Length - comma > 80)
            {
                return null;
            }

            before = before[..comma].TrimEnd();
        }

        Span<Range> tokens = stackalloc Range[8];
        int count = ReadWords(before, tokens, forward: false);
        if (count == 0)
        {
            return null;
        }

        tokens[..count].Reverse();
        int end = count;
        while (end > 0 && IsModal(before[tokens[end - 1]]))
        {
            end--;
        }

        int start = end;
        while (start > 0 && end - start < 4 && IsNameWord(before, tokens, start - 1, end))
        {
            start--;
        }

        if (start < end)
        {
            return Join(before, tokens, start, end);
        }

        return end > 0 && IsPronoun(before[tokens[end - 1]]) ? before[tokens[end - 1]].ToString() : null;
    }

    private int LastVerbWordEnd(ReadOnlySpan<char> text)
    {
        int i = text.Length;
        while (i > 0)
        {
            while (i > 0 && !char.IsLetter(text[i - 1]))
            {
                i--;
            }

            int end = i;
            while (i > 0 && char.IsLetter(text[i - 1]))
            {
                i--;
            }

            if (end > i && end - i <= 12 && IsVerbWord(text[i..end]))
            {
                return end;
            }
        }

        return -1;
    }

    /// <summary>Whether a reporting verb appears in the text near a quotation (same or next sentence).</summary>
    public bool HasCue(string text, int start, int end) =>
        end > start && HasVerbWord(text.AsSpan(start, end - start));

    /// <summary>
    /// Whether a window holds a reporting verb (or "according", "words") as a whole word: a bit test per word, a hash lookup for the few that pass it,
    /// so the patterns only run where they can match.
    /// </summary>
    private bool HasVerbWord(ReadOnlySpan<char> window)
    {
        int i = 0;
        while (i < window.Length)
        {
            while (i < window.Length && !char.IsLetter(window[i]))
            {
                i++;
            }

            int start = i;
            while (i < window.Length && char.IsLetter(window[i]))
            {
                i++;
            }

            if (i > start && i - start <= 12 && IsVerbWord(window[start..i]))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Inflect(string verb)
    {
        yield return verb;
        switch (verb)
        {
            case "say":
                yield return "says";
                yield return "said";
                yield return "saying";
                yield break;
            case "write":
                yield return "writes";
                yield return "wrote";
                yield return "written";
                yield return "writing";
                yield break;
            case "tell":
                yield return "tells";
                yield return "told";
                yield return "telling";
                yield break;
            case "put":
                yield return "puts";
                yield return "putting";
                yield break;
        }

        bool endsWithE = verb.EndsWith('e');
        yield return verb.EndsWith('s') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal) ? verb + "es"
            : verb.EndsWith('y') && verb.Length > 2 && !"aeiou".Contains(verb[^2], StringComparison.Ordinal) ? verb[..^1] + "ies" : verb + "s";
        yield return endsWithE ? verb + "d"
            : verb.EndsWith('y') && verb.Length > 2 && !"aeiou".Contains(verb[^2], StringComparison.Ordinal) ? verb[..^1] + "ied" : verb + "ed";
        yield return endsWithE ? verb[..^1] + "ing" : verb + "ing";
    }
}
