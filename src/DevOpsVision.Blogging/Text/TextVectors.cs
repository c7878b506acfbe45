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

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

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

    public int VocabularySize => _idf.Length;

    public static TextVectors Build(IReadOnlyList<(string Title, string Text)> texts, int termsPerText)
    {
        // Count each text's tokens in parallel; only tokens new to a text allocate a string.
        var counts = new (string[] Tokens, int[] Counts)[texts.Count];
        Parallel.For(0, texts.Count, i => counts[i] = Count(texts[i].Title, texts[i].Text));

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequency = new List<int>();
        var ids = new int[texts.Count][];
        for (int i = 0; i < counts.Length; i++)
        {
            string[] tokens = counts[i].Tokens;
            var textIds = new int[tokens.Length];
            for (int t = 0; t < tokens.Length; t++)
            {
                ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(vocabulary, tokens[t], out bool exists);
                if (!exists)
                {
                    id = documentFrequency.Count;
                    documentFrequency.Add(0);
                }

                documentFrequency[id]++;
                textIds[t] = id;
            }

            ids[i] = textIds;
        }

        var idf = new float[documentFrequency.Count];
        for (int id = 0; id < idf.Length; id++)
        {
            idf[id] = (float)(Math.Log((1.0 + texts.Count) / (1.0 + documentFrequency[id])) + 1.0);
        }

        var vectors = new SparseVector[texts.Count];
        Parallel.For(0, texts.Count, i => vectors[i] = Weigh(ids[i], counts[i].Counts, idf, termsPerText));
        return new TextVectors(vocabulary, idf, vectors, termsPerText);
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

        // Keep the heaviest terms (ties by id, so the result never depends on hash order).
        int[] order = new int[ids.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) =>
        {
            int byWeight = weights[y].CompareTo(weights[x]);
            return byWeight != 0 ? byWeight : ids[x].CompareTo(ids[y]);
        });
        int length = Math.Min(keep, order.Length);
        var keptIds = new int[length];
        var keptWeights = new float[length];
        double norm = 0;
        for (int i = 0; i < length; i++)
        {
            keptIds[i] = ids[order[i]];
            keptWeights[i] = weights[order[i]];
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
        for (int r = 0; r < TitleRepeat; r++)
        {
            AddTokens(title, buffer, lookup);
        }

        AddTokens(text, buffer, lookup);
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

    private static void AddTokens(ReadOnlySpan<char> text, Span<char> buffer, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            int length = 0;
            bool hasLetter = false;
            bool tooLong = false;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                char c = text[i++];
                hasLetter |= char.IsLetter(c);
                if (length < buffer.Length)
                {
                    buffer[length++] = char.ToLowerInvariant(c);
                }
                else
                {
                    tooLong = true;
                }
            }

            if (length < 3 || !hasLetter || tooLong)
            {
                continue;
            }

            ReadOnlySpan<char> token = buffer[..length];
            if (StopWordLookup.Contains(token))
            {
                continue;
            }

            lookup[token] = lookup.TryGetValue(token, out int count) ? count + 1 : 1;
        }
    }
}
