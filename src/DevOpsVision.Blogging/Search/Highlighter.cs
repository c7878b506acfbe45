using System.Text;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Makes HTML snippets: re-analyzes a post's text to find where query terms occur, picks the window with the most
/// distinct matches, HTML-escapes it and wraps matches in <c>&lt;mark&gt;</c>. Nothing else is markup.
/// </summary>
internal sealed class Highlighter : ITokenSink
{
    private const int MaxScannedCharacters = 200_000;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _terms;
    private readonly int _termCount;
    private readonly List<(int Start, int Length, int Term)> _spans = [];

    public Highlighter(Dictionary<string, int> terms)
    {
        _terms = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _termCount = terms.Count;
    }

    public void OnToken(ReadOnlySpan<char> term, int position, int start, int length)
    {
        if (_terms.TryGetValue(term, out int id))
        {
            _spans.Add((start, length, id));
        }
    }

    /// <summary>The whole text, escaped, with every match marked.</summary>
    public string MarkAll(string text, ITextAnalyzer analyzer)
    {
        _spans.Clear();
        analyzer.Analyze(text.AsSpan(0, Math.Min(text.Length, MaxScannedCharacters)), this);
        var builder = new StringBuilder(text.Length + (_spans.Count * 13));
        Render(builder, text, 0, text.Length);
        return builder.ToString();
    }

    /// <summary>The best passage of about <paramref name="length"/> characters.</summary>
    public string Snippet(string text, ITextAnalyzer analyzer, int length)
    {
        _spans.Clear();
        analyzer.Analyze(text.AsSpan(0, Math.Min(text.Length, MaxScannedCharacters)), this);
        int start = 0;
        if (_spans.Count > 0)
        {
            start = _spans[BestWindow(length)].Start;
            // Show a little context before the first match, starting at a word.
            int back = Math.Max(0, start - (length / 5));
            if (back > 0)
            {
                int space = text.IndexOfAny([' ', '\n', '\t'], back, start - back);
                back = space >= 0 ? space + 1 : start;
            }

            start = back;
        }

        int end = Math.Min(text.Length, start + length);
        if (end < text.Length)
        {
            int space = text.LastIndexOfAny([' ', '\n', '\t'], end - 1, end - start);
            if (space > start + (length / 2))
            {
                end = space;
            }
        }

        var builder = new StringBuilder(length + 64);
        if (start > 0)
        {
            builder.Append('…');
        }

        Render(builder, text, start, end);
        if (end < text.Length)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    private int BestWindow(int length)
    {
        Span<int> counts = _termCount <= 256 ? stackalloc int[_termCount] : new int[_termCount];
        int distinct = 0, best = 0, bestScore = -1, left = 0;
        for (int right = 0; right < _spans.Count; right++)
        {
            if (counts[_spans[right].Term]++ == 0)
            {
                distinct++;
            }

            while (_spans[right].Start + _spans[right].Length - _spans[left].Start > length)
            {
                if (--counts[_spans[left].Term] == 0)
                {
                    distinct--;
                }

                left++;
            }

            int score = (distinct * 1000) + (right - left + 1);
            if (score > bestScore)
            {
                bestScore = score;
                best = left;
            }
        }

        return best;
    }

    private void Render(StringBuilder builder, string text, int start, int end)
    {
        int at = start;
        bool space = false;
        foreach ((int spanStart, int spanLength, _) in _spans)
        {
            if (spanStart < at || spanStart + spanLength > end)
            {
                continue;
            }

            Escape(builder, text.AsSpan(at, spanStart - at), ref space);
            builder.Append("<mark>");
            space = false;
            Escape(builder, text.AsSpan(spanStart, spanLength), ref space);
            builder.Append("</mark>");
            at = spanStart + spanLength;
        }

        Escape(builder, text.AsSpan(at, end - at), ref space);
    }

    private static void Escape(StringBuilder builder, ReadOnlySpan<char> text, ref bool space)
    {
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    builder.Append(' ');
                    space = true;
                }

                continue;
            }

            space = false;
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '"':
                    builder.Append("&quot;");
                    break;
                case '\'':
                    builder.Append("&#39;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }
}
