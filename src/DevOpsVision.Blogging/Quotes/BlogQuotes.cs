using System.Collections.Frozen;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>The quotations of a snapshot's published posts: all of them, deduplicated, by work, by person and by post.</summary>
public sealed class BlogQuotes
{
    private readonly FrozenDictionary<string, IReadOnlyList<Quote>> _byWork;
    private readonly FrozenDictionary<string, IReadOnlyList<Quote>> _byPerson;
    private readonly FrozenDictionary<string, IReadOnlyList<Quote>> _byPost;

    /// <summary>Gathers the quotes of a snapshot's published posts, newest post first, each post's quotes in reading order.</summary>
    /// <param name="snapshot">The blog snapshot.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    public BlogQuotes(BlogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var all = new List<Quote>();
        var distinct = new List<Quote>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byWork = new Dictionary<string, List<Quote>>(StringComparer.OrdinalIgnoreCase);
        var byPerson = new Dictionary<string, List<Quote>>(StringComparer.OrdinalIgnoreCase);
        var byPost = new Dictionary<string, IReadOnlyList<Quote>>(StringComparer.Ordinal);
        foreach (Post post in snapshot.Posts)
        {
            if (post.Quotes.Count == 0)
            {
                continue;
            }

            byPost[post.Slug] = post.Quotes;
            foreach (Quote quote in post.Quotes)
            {
                all.Add(quote);

                // The same words quoted in two posts are one quote for a reader browsing quotes.
                if (seen.Add(TextKey(quote.DedupeKey)))
                {
                    distinct.Add(quote);
                }

                if (quote.Work is { Length: > 0 } work)
                {
                    Add(byWork, work, quote);
                }

                foreach (string person in quote.People)
                {
                    Add(byPerson, person, quote);
                }
            }
        }

        All = all;
        Distinct = distinct;
        _byWork = Freeze(byWork);
        _byPerson = Freeze(byPerson);
        _byPost = byPost.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every quote, newest post first.</summary>
    public IReadOnlyList<Quote> All { get; }

    /// <summary>Every quote once: a quotation repeated in a post or across posts is kept where it first appears.</summary>
    public IReadOnlyList<Quote> Distinct { get; }

    /// <summary>The works quotes are from, with their quotes (distinct per work).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Quote>> ByWork => _byWork;

    /// <summary>The people quotes are from, with their quotes (distinct per person).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Quote>> ByPerson => _byPerson;

    /// <summary>The quotes of one post.</summary>
    /// <param name="slug">The post's slug.</param>
    /// <returns>The post's quotes in reading order; empty when it has none or does not exist.</returns>
    public IReadOnlyList<Quote> ForPost(string slug) =>
        slug is not null && _byPost.TryGetValue(slug, out IReadOnlyList<Quote>? quotes) ? quotes : [];

    /// <summary>
    /// The quote of the day: the same for everyone on a given date, different from day to day, and stable
    /// while the blog's quotes do not change.
    /// </summary>
    /// <param name="date">The day.</param>
    /// <returns>A quote, or <see langword="null"/> when the blog has none.</returns>
    public Quote? QuoteOfTheDay(DateOnly date)
    {
        if (Distinct.Count == 0)
        {
            return null;
        }

        // Consecutive days walk the quotes in a fixed shuffled order (a multiplicative step coprime with the
        // count), so a quote does not come back before every other one has had its day.
        long count = Distinct.Count;
        long step = StepCoprimeTo(count);
        long index = (long)((ulong)((date.DayNumber * step) + 7919) % (ulong)count);
        return Distinct[(int)index];
    }

    private static long StepCoprimeTo(long count)
    {
        long step = 2654435761 % count;
        while (step == 0 || Gcd(step, count) != 1)
        {
            step = (step + 1) % count;
            if (count == 1)
            {
                return 1;
            }
        }

        return step;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static string TextKey(string dedupeKey)
    {
        int bar = dedupeKey.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? dedupeKey : dedupeKey[(bar + 1)..];
    }

    private static void Add(Dictionary<string, List<Quote>> map, string key, Quote quote)
    {
        if (!map.TryGetValue(key, out List<Quote>? list))
        {
            map[key] = list = [];
        }

        string text = TextKey(quote.DedupeKey);
        foreach (Quote existing in list)
        {
            if (TextKey(existing.DedupeKey) == text)
            {
                return;
            }
        }

        list.Add(quote);
    }

    private static FrozenDictionary<string, IReadOnlyList<Quote>> Freeze(Dictionary<string, List<Quote>> map)
    {
        var result = new Dictionary<string, IReadOnlyList<Quote>>(map.Count, StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, List<Quote>> pair in map)
        {
            result[pair.Key] = pair.Value;
        }

        return result.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
