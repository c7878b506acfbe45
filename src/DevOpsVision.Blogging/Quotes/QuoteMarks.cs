namespace DevOpsVision.Blogging.Quotes;

/// <summary>How a post's quotation marks pair, from its language.</summary>
internal enum MarkReading
{
    /// <summary>Decide per paragraph from the marks it uses.</summary>
    Auto,

    /// <summary>“…” and ‘…’; « » and „ also open and close.</summary>
    English,

    /// <summary>„…“, ‚…‘ and »…«.</summary>
    German,

    /// <summary>« … » and “…”.</summary>
    French,

    /// <summary>”…”, ’…’ and »…».</summary>
    Swedish,
}

/// <summary>A paired quotation: the indexes of its opening and closing marks (the closing index is the text's length when unclosed).</summary>
internal readonly record struct MarkSpan(int Open, int Close, bool Unclosed, char OpenMark)
{
    public int ContentStart => Open + 1;

    public int ContentEnd => Close;
}

/// <summary>
/// Pairs quotation marks in one paragraph in a single pass with a stack: marks of a different family nest,
/// the same directed mark nests by depth, straight marks are told apart from inch marks and apostrophes by
/// their neighbours. Linear in the text's length whatever the marks.
/// </summary>
internal static class QuoteMarks
{
    private const int None = 0;
    private const int Opens = 1;
    private const int Closes = 2;
    private const int Either = 3;

    private const int MaxStack = 32;

    public static MarkReading ReadingFor(string? language)
    {
        if (string.IsNullOrEmpty(language))
        {
            return MarkReading.Auto;
        }

        ReadOnlySpan<char> code = language.AsSpan();
        int dash = code.IndexOfAny('-', '_');
        if (dash > 0)
        {
            code = code[..dash];
        }

        return code switch
        {
            _ when code.Equals("de", StringComparison.OrdinalIgnoreCase) || code.Equals("cs", StringComparison.OrdinalIgnoreCase)
                || code.Equals("da", StringComparison.OrdinalIgnoreCase) => MarkReading.German,
            _ when code.Equals("fr", StringComparison.OrdinalIgnoreCase) || code.Equals("it", StringComparison.OrdinalIgnoreCase)
                || code.Equals("es", StringComparison.OrdinalIgnoreCase) || code.Equals("ru", StringComparison.OrdinalIgnoreCase) => MarkReading.French,
            _ when code.Equals("sv", StringComparison.OrdinalIgnoreCase) || code.Equals("fi", StringComparison.OrdinalIgnoreCase) => MarkReading.Swedish,
            _ => MarkReading.English,
        };
    }

    /// <summary>Every double (and CJK) quotation mark: a post with none of these reads single marks as quotation marks.</summary>
    public static readonly System.Buffers.SearchValues<char> DoubleMarks = System.Buffers.SearchValues.Create("\"“”„‟«»‹›「」『』〝〞〟");

    /// <summary>Every quotation mark, single ones included.</summary>
    public static readonly System.Buffers.SearchValues<char> AllMarks = System.Buffers.SearchValues.Create("\"'“”„‟‘’‚«»‹›「」『』〝〞〟");

    public static bool IsMark(char c) => AllMarks.Contains(c);

    /// <summary>Finds the outermost quotations of a paragraph.</summary>
    /// <param name="text">The paragraph.</param>
    /// <param name="reading">The language reading; <see cref="MarkReading.Auto"/> decides from the paragraph.</param>
    /// <param name="singles">Whether single marks quote.</param>
    /// <param name="emitNested">Whether quotations inside another are returned too.</param>
    /// <param name="result">Receives the spans, in order of their opening marks.</param>
    public static void Find(string text, MarkReading reading, bool singles, bool emitNested, List<MarkSpan> result)
    {
        result.Clear();
        if (reading == MarkReading.Auto)
        {
            reading = Guess(text);
        }

        Span<int> stackIndex = stackalloc int[MaxStack];
        Span<int> stackFamily = stackalloc int[MaxStack];
        int depth = 0;
        int start = result.Count;
        for (int i = 0; i < text.Length; i++)
        {
            // Jump from mark to mark: a vectorized search instead of testing every character.
            int next = text.AsSpan(i).IndexOfAny(AllMarks);
            if (next < 0)
            {
                break;
            }

            i += next;

            (int role, int family) = Classify(text, i, reading, singles, depth > 0 ? stackFamily[..depth] : []);
            if (role == None)
            {
                continue;
            }

            int match = -1;
            if (role is Closes or Either)
            {
                for (int d = depth - 1; d >= 0; d--)
                {
                    if (stackFamily[d] == family)
                    {
                        match = d;
                        break;
                    }
                }
            }

            if (match >= 0 && (role == Closes || IsClosingPosition(text, i)))
            {
                int open = stackIndex[match];
                depth = match;
                result.Add(new MarkSpan(open, i, false, text[open]));

                continue;
            }

            if (role is Opens or Either && depth < MaxStack && (role == Opens || IsOpeningPosition(text, i)))
            {
                stackIndex[depth] = i;
                stackFamily[depth] = family;
                depth++;
            }
        }

        if (depth > 0 && StartsQuotation(text, stackIndex[0]))
        {
            // A mark left open where a quotation starts runs to the paragraph's end; any other open mark is
            // dropped, and the pairs inside it stand on their own.
            int open = stackIndex[0];
            result.Add(new MarkSpan(open, text.Length, true, text[open]));
        }

        if (!emitNested && result.Count - start > 1)
        {
            result.Sort(static (a, b) => a.Open.CompareTo(b.Open));
            int write = start;
            int lastClose = -1;
            for (int read = start; read < result.Count; read++)
            {
                if (result[read].Open > lastClose)
                {
                    result[write++] = result[read];
                    lastClose = result[read].Close;
                }
            }

            result.RemoveRange(write, result.Count - write);
        }
        else
        {
            result.Sort(static (a, b) => a.Open.CompareTo(b.Open));
        }
    }

    /// <summary>Whether a mark stands where a quotation can start: the paragraph's start or after a colon.</summary>
    private static bool StartsQuotation(string text, int index)
    {
        int i = index - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i < 0 || text[i] == ':';
    }

    private static MarkReading Guess(string text)
    {
        int low9 = text.IndexOf('„', StringComparison.Ordinal);
        if (low9 >= 0)
        {
            return MarkReading.German;
        }

        int left = text.IndexOf('«', StringComparison.Ordinal);
        int right = text.IndexOf('»', StringComparison.Ordinal);
        if (right >= 0 && (left < 0 || right < left))
        {
            return left < 0 && text.IndexOf('»', right + 1) > right ? MarkReading.Swedish : MarkReading.German;
        }

        if (text.IndexOf('“', StringComparison.Ordinal) < 0)
        {
            int first = text.IndexOf('”', StringComparison.Ordinal);
            if (first >= 0 && text.IndexOf('”', first + 1) > first)
            {
                return MarkReading.Swedish;
            }
        }

        return MarkReading.English;
    }

    private static (int Role, int Family) Classify(string text, int i, MarkReading reading, bool singles, ReadOnlySpan<int> open)
    {
        char c = text[i];
        switch (c)
        {
            case '「': return (Opens, 10);
            case '」': return (Closes, 10);
            case '『': return (Opens, 11);
            case '』': return (Closes, 11);
            case '〝': return (Opens, 12);
            case '〞' or '〟': return (Closes, 12);
            case '"':
                return StraightDouble(text, i, open);
            case '\'':
                return singles ? StraightSingle(text, i, open) : (None, 0);
        }

        switch (reading)
        {
            case MarkReading.German:
                return c switch
                {
                    '„' => (Opens, 1),
                    '“' => (Closes, 1),
                    '”' => (Closes, 1),
                    '»' => (Opens, 3),
                    '«' => (Closes, 3),
                    '›' => (Opens, 4),
                    '‹' => (Closes, 4),
                    '‚' => singles ? (Opens, 2) : (None, 0),
                    '‘' => singles && !InsideWord(text, i) ? (Closes, 2) : (None, 0),
                    _ => (None, 0),
                };
            case MarkReading.Swedish:
                return c switch
                {
                    '”' => (Either, 1),
                    '“' => (Opens, 1),
                    '»' => (Either, 3),
                    '«' => (Opens, 3),
                    '’' => singles && !InsideWord(text, i) ? (Either, 2) : (None, 0),
                    _ => (None, 0),
                };
            default:
                return c switch
                {
                    '“' or '„' or '‟' => (Opens, 1),
                    '”' => (Closes, 1),
                    '«' => (Opens, 3),
                    '»' => (Closes, 3),
                    '‹' => (Opens, 4),
                    '›' => (Closes, 4),
                    '‘' or '‚' => singles && !IsElision(text, i) ? (Opens, 2) : (None, 0),
                    '’' => singles ? CurlySingleClose(text, i) : (None, 0),
                    _ => (None, 0),
                };
        }
    }

    private static (int Role, int Family) StraightDouble(string text, int i, ReadOnlySpan<int> open)
    {
        bool pending = open.Contains(5);
        char before = i > 0 ? text[i - 1] : ' ';
        if (char.IsAsciiDigit(before) && !pending)
        {
            // 5'10": an inch mark, not a quotation.
            return (None, 0);
        }

        bool opening = IsOpeningPosition(text, i);
        bool closing = IsClosingPosition(text, i);
        if (pending && closing)
        {
            return (Closes, 5);
        }

        if (opening)
        {
            return (Opens, 5);
        }

        return closing ? (Closes, 5) : (None, 0);
    }

    private static (int Role, int Family) StraightSingle(string text, int i, ReadOnlySpan<int> open)
    {
        if (InsideWord(text, i) || IsElision(text, i))
        {
            return (None, 0);
        }

        bool pending = open.Contains(6);
        if (pending && IsClosingPosition(text, i) && !IsPluralPossessive(text, i))
        {
            return (Closes, 6);
        }

        return IsOpeningPosition(text, i) ? (Opens, 6) : (None, 0);
    }

    private static (int Role, int Family) CurlySingleClose(string text, int i)
    {
        if (InsideWord(text, i) || IsElision(text, i) || IsPluralPossessive(text, i))
        {
            return (None, 0);
        }

        return (Closes, 2);
    }

    private static bool InsideWord(string text, int i) =>
        i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetter(text[i + 1]);

    /// <summary>'90s, 'til: an apostrophe for left-out letters, not an opening mark.</summary>
    private static bool IsElision(string text, int i) =>
        i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));

    /// <summary>teams' work: an apostrophe after a plural, followed by a lower-case word.</summary>
    private static bool IsPluralPossessive(string text, int i)
    {
        if (i == 0 || text[i - 1] is not ('s' or 'S') || i + 2 >= text.Length || text[i + 1] != ' ')
        {
            return false;
        }

        return char.IsLower(text[i + 2]);
    }

    private static bool IsOpeningPosition(string text, int i)
    {
        char before = i > 0 ? text[i - 1] : ' ';
        char after = i + 1 < text.Length ? text[i + 1] : ' ';
        if (char.IsWhiteSpace(after))
        {
            return false;
        }

        return char.IsWhiteSpace(before) || before is '(' or '[' or '{' or '—' or '–' or '-' or ':' or '/' or '\u00A0' or '“' or '‘' or '«' or '„'
            || (char.IsPunctuation(before) && !char.IsLetterOrDigit(after) is false);
    }

    private static bool IsClosingPosition(string text, int i)
    {
        char before = i > 0 ? text[i - 1] : ' ';
        char after = i + 1 < text.Length ? text[i + 1] : ' ';
        if (char.IsWhiteSpace(before) && i > 0)
        {
            return false;
        }

        return char.IsWhiteSpace(after) || char.IsPunctuation(after) || char.IsSymbol(after) || i + 1 == text.Length;
    }
}
