using System.Globalization;

namespace DevOpsVision.Blogging.Search;

/// <summary>One part of a parsed query: a word (exact, prefix or typo-tolerant) or a phrase, maybe scoped or excluded.</summary>
internal sealed class QueryClause
{
    /// <summary>The words as typed, for corrections.</summary>
    public required string Text { get; init; }

    /// <summary>Analyzed terms; one for a word, several for a phrase (or a word the analyzer splits).</summary>
    public required string[] Terms { get; init; }

    /// <summary>Each term's position relative to the first, keeping the gaps of dropped stop words.</summary>
    public required int[] Offsets { get; init; }

    public bool IsPhrase => Terms.Length > 1;

    public bool Excluded { get; init; }

    public bool Prefix { get; init; }

    /// <summary>The word as typed, folded but not stemmed: what typo tolerance compares with the words of the posts.</summary>
    public string Folded { get; init; } = string.Empty;

    /// <summary>The folded word length that decides how many typos are allowed.</summary>
    public int TypedLength => Folded.Length;

    public int FieldMask { get; init; } = SearchFields.AllMask;
}

/// <summary>A parsed query, or the reason it could not be parsed.</summary>
internal sealed class ParsedQuery
{
    public List<QueryClause> Clauses { get; } = [];

    public long? FromTicks { get; set; }

    public long? ToTicks { get; set; }

    public string? Error { get; set; }
}

/// <summary>Parses the query language of <see cref="SearchRequest"/>. Never throws: a malformed query gets an error message.</summary>
internal static class QueryParser
{
    private sealed class TermCollector : ITokenSink
    {
        public List<string> Terms { get; } = [];

        public List<int> Positions { get; } = [];

        public void OnToken(ReadOnlySpan<char> term, int position, int start, int length)
        {
            Terms.Add(term.ToString());
            Positions.Add(position);
        }
    }

    public static ParsedQuery Parse(string query, ITextAnalyzer analyzer, SearchOptions options)
    {
        var result = new ParsedQuery();
        if (query.Length > options.MaxQueryLength)
        {
            result.Error = $"The query is {query.Length} characters long; at most {options.MaxQueryLength} are allowed.";
            return result;
        }

        int termCount = 0;
        int i = 0;
        while (i < query.Length)
        {
            if (char.IsWhiteSpace(query[i]))
            {
                i++;
                continue;
            }

            bool excluded = false;
            if (query[i] == '-' && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1]))
            {
                excluded = true;
                i++;
            }

            // field:value
            int mask = SearchFields.AllMask;
            int colon = FieldEnd(query, i);
            if (colon > i)
            {
                string field = query[i..colon].ToLowerInvariant();
                int valueStart = colon + 1;
                if (field is "date" or "year" or "after" or "before")
                {
                    int end = valueStart;
                    while (end < query.Length && !char.IsWhiteSpace(query[end]))
                    {
                        end++;
                    }

                    if (!ApplyDate(result, field, query[valueStart..end]))
                    {
                        result.Error ??= $"'{query[i..end]}' is not a date filter; write date:2021, date:2020-03..2021-06, after:2020-01-01 or before:2021.";
                        return result;
                    }

                    i = end;
                    continue;
                }

                int fieldMask = field switch
                {
                    "title" => 1 << SearchFields.Title,
                    "tag" or "tags" => 1 << SearchFields.Tags,
                    "category" or "categories" => 1 << SearchFields.Categories,
                    "excerpt" or "summary" => 1 << SearchFields.Excerpt,
                    "body" or "text" => 1 << SearchFields.Body,
                    _ => 0,
                };
                if (fieldMask != 0 && valueStart < query.Length && !char.IsWhiteSpace(query[valueStart]))
                {
                    mask = fieldMask;
                    i = valueStart;
                }
            }

            string text;
            bool phrase = false;
            if (query[i] == '"')
            {
                int close = query.IndexOf('"', i + 1);
                if (close < 0)
                {
                    result.Error = $"The quote at position {i + 1} is never closed; close the phrase with another \".";
                    return result;
                }

                text = query[(i + 1)..close];
                phrase = true;
                i = close + 1;
            }
            else
            {
                int end = i;
                while (end < query.Length && !char.IsWhiteSpace(query[end]) && query[end] != '"')
                {
                    end++;
                }

                text = query[i..end];
                i = end;
            }

            bool prefix = !phrase && text.EndsWith('*');
            if (prefix)
            {
                string stem = analyzer.Fold(text.AsSpan(0, text.Length - 1).TrimEnd('*'));
                if (stem.Length < 2)
                {
                    result.Error = $"'{text}' is too short for a prefix search; type at least 2 letters before the *.";
                    return result;
                }

                if (!Add(result, new QueryClause { Text = text, Terms = [stem], Offsets = [0], Prefix = true, Excluded = excluded, FieldMask = mask, Folded = stem }, ref termCount, options))
                {
                    return TooMany(result, options);
                }

                continue;
            }

            var collector = new TermCollector();
            analyzer.Analyze(text, collector);
            if (collector.Terms.Count == 0)
            {
                continue;
            }

            // A phrase, or a word the analyzer splits ("node.js", "e-mail"), which must match as typed: either
            // costs as many words as it has, since it reads every one of their postings.
            if (!Add(result, Clause(text, collector, excluded, mask, analyzer), ref termCount, options))
            {
                return TooMany(result, options);
            }
        }

        return result;
    }

    /// <summary>Adds a clause unless it repeats one (a repeat adds nothing but work); false when the query holds too many words.</summary>
    private static bool Add(ParsedQuery result, QueryClause clause, ref int termCount, SearchOptions options)
    {
        foreach (QueryClause other in result.Clauses)
        {
            if (clause.Excluded == other.Excluded && clause.Prefix == other.Prefix && clause.FieldMask == other.FieldMask && clause.Folded == other.Folded
                && clause.Terms.AsSpan().SequenceEqual(other.Terms) && clause.Offsets.AsSpan().SequenceEqual(other.Offsets))
            {
                return true;
            }
        }

        termCount += clause.Terms.Length;
        if (termCount > options.MaxQueryTerms)
        {
            return false;
        }

        result.Clauses.Add(clause);
        return true;
    }

    private static ParsedQuery TooMany(ParsedQuery result, SearchOptions options)
    {
        result.Error = $"The query has more than {options.MaxQueryTerms} words and phrases; shorten it.";
        return result;
    }

    private static QueryClause Clause(string text, TermCollector collector, bool excluded, int mask, ITextAnalyzer analyzer)
    {
        int first = collector.Positions[0];
        var offsets = new int[collector.Positions.Count];
        for (int k = 0; k < offsets.Length; k++)
        {
            offsets[k] = collector.Positions[k] - first;
        }

        return new QueryClause
        {
            Text = text,
            Terms = [.. collector.Terms],
            Offsets = offsets,
            Excluded = excluded,
            FieldMask = mask,
            Folded = analyzer.Fold(text),
        };
    }

    /// <summary>The index of the colon ending a field name at <paramref name="start"/>, or -1.</summary>
    private static int FieldEnd(string query, int start)
    {
        int i = start;
        while (i < query.Length && i - start < 12 && char.IsAsciiLetter(query[i]))
        {
            i++;
        }

        return i > start && i < query.Length && query[i] == ':' ? i : -1;
    }

    private static bool ApplyDate(ParsedQuery result, string field, string value)
    {
        if (field is "date" or "year")
        {
            int dots = value.IndexOf("..", StringComparison.Ordinal);
            if (dots >= 0)
            {
                (long, long)? lower = dots == 0 ? (long.MinValue, long.MinValue) : Period(value[..dots]);
                (long, long)? upper = dots + 2 == value.Length ? (long.MaxValue, long.MaxValue) : Period(value[(dots + 2)..]);
                if (lower is null || upper is null)
                {
                    return false;
                }

                Narrow(result, lower.Value.Item1, upper.Value.Item2);
                return true;
            }

            if (Period(value) is not { } period)
            {
                return false;
            }

            Narrow(result, period.Start, period.End);
            return true;
        }

        if (Period(value) is not { } bound)
        {
            return false;
        }

        if (field == "after")
        {
            Narrow(result, bound.Start, long.MaxValue);
        }
        else
        {
            Narrow(result, long.MinValue, bound.Start);
        }

        return true;
    }

    private static void Narrow(ParsedQuery result, long from, long to)
    {
        result.FromTicks = result.FromTicks is { } f ? Math.Max(f, from) : from;
        result.ToTicks = result.ToTicks is { } t ? Math.Min(t, to) : to;
    }

    /// <summary>A year, month or day as a [start, end) range of UTC ticks.</summary>
    private static (long Start, long End)? Period(string value)
    {
        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        for (int k = 0; k < formats.Length; k++)
        {
            if (DateTime.TryParseExact(value, formats[k], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime start))
            {
                if (start.Year >= 9999)
                {
                    return (start.Ticks, long.MaxValue);
                }

                DateTime end = k switch
                {
                    0 => start.AddYears(1),
                    1 => start.AddMonths(1),
                    _ => start.AddDays(1),
                };
                return (start.Ticks, end.Ticks);
            }
        }

        return null;
    }
}
