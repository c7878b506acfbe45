using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DevOpsVision.Blogging.Text;

/// <summary>A sparse vector: term ids in ascending order with their weights.</summary>
internal readonly record struct SparseVector(int[] Ids, float[] Weights)
{
    public static readonly SparseVector Empty = new([], []);

    public bool IsEmpty => Ids.Length == 0;

    /// <summary>The dot product, by merging the two sorted id lists.</summary>
    public float Dot(SparseVector other)
    {
        int[] a = Ids, b = other.Ids;
        float[] wa = Weights, wb = other.Weights;
        int i = 0, j = 0;
        float sum = 0;
        while (i < a.Length && j < b.Length)
        {
            int diff = a[i] - b[j];
            if (diff == 0)
            {
                sum += wa[i++] * wb[j++];
            }
            else if (diff < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}

/// <summary>
/// TF-IDF vectors of a set of texts: each text keeps its most characteristic terms, L2-normalised, so the
/// dot product of two vectors is their cosine similarity.
/// </summary>
internal sealed class TextVectors
{
    private const int MaxTokenLength = 40;
    private const int TitleRepeat = 3;

    // How much of a text is read: the opening of a post says what it is about, and reading only that keeps
    // the cost per post bounded however long posts grow.
    private const int MaxCharacters = 2_500;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "even", "few", "for", "from", "further", "get", "got", "had", "has",
        "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "just", "like", "made", "make", "many", "may", "me", "might", "more", "most", "much", "must", "my", "new", "no",
        "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "two", "under", "until", "up", "us", "use", "used",
        "using", "very", "was", "way", "we", "well", "were", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "would", "you", "your", "yours", "however", "within", "without", "every", "still",
        "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "let", "lot", "lots", "really", "thing",
        "things", "want", "need", "take", "work", "time", "year", "years", "see", "know", "going", "first", "last",
    };

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(StopWords, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // For ASCII: 0 not part of a word, 1 digit, 2 lower-case letter, 3 upper-case letter.
    private static ReadOnlySpan<byte> AsciiClass =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    ];

    private readonly Dictionary<string, int> _vocabulary;
    private readonly float[] _idf;

    private TextVectors(Dictionary<string, int> vocabulary, float[] idf, SparseVector[] vectors, int termsPerText)
    {
        _vocabulary = vocabulary;
        _idf = idf;
        Vectors = vectors;
        TermsPerText = termsPerText;
    }

    /// <summary>One vector per text, in input order.</summary>
    public IReadOnlyList<SparseVector> Vectors { get; }

    public int TermsPerText { get; }

    public static TextVectors Build(IReadOnlyList<(string Title, string Text)> texts, int termsPerText)
    {
        // One vocabulary shared by all threads: a token's string is allocated once for the whole set.
        var shared = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var nextId = new StrongBox<int>(0);
        var countsById = new (int[] Ids, int[] Counts)[texts.Count];
        Parallel.For(
            0,
            texts.Count,
            () => new Dictionary<int, int>(512),
            (i, _, local) =>
            {
                local.Clear();
                CountIds(texts[i].Title, texts[i].Text, shared, nextId, local);
                var ids = new int[local.Count];
                var counts = new int[local.Count];
                int n = 0;
                foreach (KeyValuePair<int, int> entry in local)
                {
                    ids[n] = entry.Key;
                    counts[n++] = entry.Value;
                }

                countsById[i] = (ids, counts);
                return local;
            },
            static _ => { });

        // Ids were handed out in whatever order threads met the tokens; renumber them by token so the
        // vectors (and every result built on them) are the same on every run.
        var sortedTokens = new string[shared.Count];
        var oldIds = new int[shared.Count];
        int filled = 0;
        foreach (KeyValuePair<string, int> entry in shared)
        {
            sortedTokens[filled] = entry.Key;
            oldIds[filled++] = entry.Value;
        }

        Array.Sort(sortedTokens, oldIds, StringComparer.Ordinal);
        int[] renumber = new int[nextId.Value];
        var vocabulary = new Dictionary<string, int>(sortedTokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < sortedTokens.Length; i++)
        {
            renumber[oldIds[i]] = i;
            vocabulary[sortedTokens[i]] = i;
        }

        var documentFrequency = new int[sortedTokens.Length];
        foreach ((int[] ids, _) in countsById)
        {
            for (int t = 0; t < ids.Length; t++)
            {
                ids[t] = renumber[ids[t]];
                documentFrequency[ids[t]]++;
            }
        }

        var idf = new float[documentFrequency.Length];
        for (int id = 0; id < idf.Length; id++)
        {
            idf[id] = (float)(Math.Log((1.0 + texts.Count) / (1.0 + documentFrequency[id])) + 1.0);
        }

        var vectors = new SparseVector[texts.Count];
        Parallel.For(0, texts.Count, i => vectors[i] = Weigh(countsById[i].Ids, countsById[i].Counts, idf, termsPerText));
        return new TextVectors(vocabulary, idf, vectors, termsPerText);
    }

    private static void CountIds(string title, string text, System.Collections.Concurrent.ConcurrentDictionary<string, int> shared, StrongBox<int> nextId, Dictionary<int, int> counts)
    {
        System.Collections.Concurrent.ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup = shared.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[MaxTokenLength];
        for (int r = 0; r <= TitleRepeat; r++)
        {
            var reader = new TokenReader(r < TitleRepeat ? title : Opening(text), buffer);
            while (reader.Next(out ReadOnlySpan<char> token))
            {
                if (!lookup.TryGetValue(token, out int id))
                {
                    // Two threads may race to add a token: GetOrAdd keeps one id, and a lost id is only a gap.
                    id = shared.GetOrAdd(token.ToString(), static (_, counter) => Interlocked.Increment(ref counter.Value) - 1, nextId);
                }

                ref int count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, id, out _);
                count++;
            }
        }
    }

    /// <summary>The vector of a text that was not in the set, with the set's vocabulary and IDF.</summary>
    public SparseVector Vectorize(string title, string text)
    {
        (string[] tokens, int[] tokenCounts) = Count(title, text);
        var ids = new List<int>(tokens.Length);
        var counts = new List<int>(tokens.Length);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (_vocabulary.TryGetValue(tokens[i], out int id))
            {
                ids.Add(id);
                counts.Add(tokenCounts[i]);
            }
        }

        return Weigh([.. ids], [.. counts], _idf, TermsPerText);
    }

    private static SparseVector Weigh(int[] ids, int[] counts, float[] idf, int keep)
    {
        if (ids.Length == 0)
        {
            return SparseVector.Empty;
        }

        var weights = new float[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            weights[i] = (float)(1.0 + Math.Log(counts[i])) * idf[ids[i]];
        }

        // Keep the heaviest terms. Sorting (negated weight, id) pairs as one key keeps ties in id order.
        var keys = new long[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            // Weights are positive, and positive floats order as their bit patterns do.
            keys[i] = ((long)(int.MaxValue - BitConverter.SingleToInt32Bits(weights[i])) << 32) | (uint)ids[i];
        }

        int[] positions = new int[ids.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        Array.Sort(keys, positions);
        int length = Math.Min(keep, positions.Length);
        var keptIds = new int[length];
        var keptWeights = new float[length];
        double norm = 0;
        for (int i = 0; i < length; i++)
        {
            keptIds[i] = ids[positions[i]];
            keptWeights[i] = weights[positions[i]];
            norm += keptWeights[i] * keptWeights[i];
        }

        Array.Sort(keptIds, keptWeights);
        float scale = (float)(1.0 / Math.Sqrt(norm));
        for (int i = 0; i < length; i++)
        {
            keptWeights[i] *= scale;
        }

        return new SparseVector(keptIds, keptWeights);
    }

    private static (string[] Tokens, int[] Counts) Count(string title, string text)
    {
        var counts = new Dictionary<string, int>(256, StringComparer.Ordinal);
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[MaxTokenLength];
        for (int r = 0; r <= TitleRepeat; r++)
        {
            var reader = new TokenReader(r < TitleRepeat ? title : Opening(text), buffer);
            while (reader.Next(out ReadOnlySpan<char> token))
            {
                ref int count = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, token, out _);
                count++;
            }
        }

        var tokens = new string[counts.Count];
        var values = new int[counts.Count];
        int index = 0;
        foreach (KeyValuePair<string, int> entry in counts)
        {
            tokens[index] = entry.Key;
            values[index++] = entry.Value;
        }

        return (tokens, values);
    }

    private static ReadOnlySpan<char> Opening(string text)
    {
        if (text.Length <= MaxCharacters)
        {
            return text;
        }

        int cut = text.AsSpan(0, MaxCharacters).LastIndexOfAny(' ', '\n');
        return text.AsSpan(0, cut > 0 ? cut : MaxCharacters);
    }

    /// <summary>
    /// Reads lower-cased words of three or more letters and digits (with at least one letter), skipping stop
    /// words, into a caller's buffer; ASCII goes through a table, the rest through Unicode categories.
    /// </summary>
    private ref struct TokenReader(ReadOnlySpan<char> text, Span<char> buffer)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly Span<char> _buffer = buffer;
        private int _position;

        public bool Next(out ReadOnlySpan<char> token)
        {
            ReadOnlySpan<byte> ascii = AsciiClass;
            ReadOnlySpan<char> text = _text;
            int i = _position;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] < 128 ? ascii[text[i]] == 0 : !char.IsLetterOrDigit(text[i])))
                {
                    i++;
                }

                int length = 0;
                bool hasLetter = false;
                bool tooLong = false;
                while (i < text.Length)
                {
                    char c = text[i];
                    int kind = c < 128 ? ascii[c] : char.IsLetterOrDigit(c) ? (char.IsLetter(c) ? 4 : 1) : 0;
                    if (kind == 0)
                    {
                        break;
                    }

                    i++;
                    hasLetter |= kind != 1;
                    if (length == _buffer.Length)
                    {
                        tooLong = true;
                        continue;
                    }

                    _buffer[length++] = kind switch
                    {
                        3 => (char)(c | 0x20),
                        4 => char.ToLowerInvariant(c),
                        _ => c,
                    };
                }

                if (length < 3 || !hasLetter || tooLong)
                {
                    continue;
                }

                ReadOnlySpan<char> candidate = _buffer[..length];
                if (StopWordLookup.Contains(candidate))
                {
                    continue;
                }

                _position = i;
                token = candidate;
                return true;
            }

            _position = i;
            token = default;
            return false;
        }
    }
}
