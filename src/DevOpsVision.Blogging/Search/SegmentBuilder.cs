using System.Runtime.InteropServices;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Builds a <see cref="Segment"/>: analyzes each post's fields once (from <see cref="Post.Title"/>,
/// <see cref="Post.ExcerptText"/>, tags, categories and <see cref="Post.PlainText"/>; no Markdown is parsed), and
/// appends each term's postings and positions to that term's growing byte buffer.
/// </summary>
internal sealed class SegmentBuilder : ITokenSink, EnglishTextAnalyzer.ICachedTokenSink
{
    private const int ValueGap = 16;

    private readonly ITextAnalyzer _analyzer;
    private readonly EnglishTextAnalyzer? _english;
    private readonly EnglishTextAnalyzer.WordCache? _words;
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly List<string> _terms = [];
    private readonly Dictionary<string, int> _surfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _surfaceLookup;
    private string _text = string.Empty;
    private TermState[] _state = new TermState[1024];
    private readonly PackedPool _pool = new();

    // Hot per-term fields kept apart from the writers, so the per-token path touches small arrays only.
    private int[] _seenInDoc = new int[1024];
    private string?[] _lastSurface = new string?[1024];

    // The current document's tokens.
    private int[] _tokenTerms = new int[1024];
    private int[] _tokenPositions = new int[1024];
    private int _tokenCount;
    private int _field;
    private int _positionBase;
    private int _lastPosition;
    private int _fieldLength;

    // Per distinct term of the current document.
    private int[] _slotOfTerm = new int[1024];
    private int[] _slotTerms = new int[256];
    private int[] _slotTf = new int[256 * SearchFields.Count];
    private int[] _slotStarts = new int[257];
    private int[] _sortedPositions = new int[1024];
    private int _doc;

    private readonly List<Post> _posts = [];
    private readonly List<int> _fieldLengths = [];

    private struct TermState
    {
        public PackedWriter Docs;
        public PackedWriter Masks;
        public PackedWriter Frequencies;
        public PackedWriter Positions;
        public int DocFreq;
        public int LastDoc;
    }

    public SegmentBuilder(ITextAnalyzer analyzer)
    {
        _analyzer = analyzer;
        if (analyzer is EnglishTextAnalyzer english)
        {
            _english = english;
            _words = new EnglishTextAnalyzer.WordCache(this);
        }
        _termLookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _surfaceLookup = _surfaces.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Below this many posts a segment is built on one thread. Measured on the corpus posts with two cores: 250 posts
    /// take as long either way, 500 are 24% faster in two ranges, 765 17%.
    /// </summary>
    private const int ParallelThreshold = 500;

    /// <summary>Builds one segment; a large one on every core, as consecutive ranges joined afterwards.</summary>
    public static Segment Build(IReadOnlyList<Post> posts, ITextAnalyzer analyzer) =>
        Build(posts, analyzer, posts.Count < ParallelThreshold ? 1 : Math.Min(Environment.ProcessorCount, 8));

    /// <summary>Builds one segment from <paramref name="parts"/> ranges of the posts, analyzed in parallel and joined in order.</summary>
    internal static Segment Build(IReadOnlyList<Post> posts, ITextAnalyzer analyzer, int parts)
    {
        parts = Math.Clamp(parts, 1, Math.Max(1, posts.Count));
        if (parts == 1)
        {
            return BuildRange(posts, 0, posts.Count, analyzer).Complete();
        }

        var segments = new Segment[parts];
        Parallel.For(0, parts, part =>
        {
            int from = (int)((long)posts.Count * part / parts), to = (int)((long)posts.Count * (part + 1) / parts);
            segments[part] = BuildRange(posts, from, to, analyzer);
        });

        Segment joined = segments[0];
        for (int part = 1; part < parts; part++)
        {
            joined = SegmentJoiner.Join(joined, segments[part]);
        }

        return joined.Complete();
    }

    private static Segment BuildRange(IReadOnlyList<Post> posts, int from, int to, ITextAnalyzer analyzer)
    {
        var builder = new SegmentBuilder(analyzer);
        for (int i = from; i < to; i++)
        {
            builder.Add(posts[i]);
        }

        return builder.Finish();
    }

    public void Add(Post post)
    {
        _tokenCount = 0;
        _posts.Add(post);
        AnalyzeField(SearchFields.Title, post.Title);
        AnalyzeField(SearchFields.Excerpt, post.ExcerptText);
        AnalyzeValues(SearchFields.Tags, post.Tags);
        AnalyzeValues(SearchFields.Categories, post.Categories);
        AnalyzeField(SearchFields.Body, post.PlainText);
        FlushDocument();
        _doc++;
    }

    private void AnalyzeField(int field, string text)
    {
        BeginField(field);
        _text = text;
        Analyze(text);
        _fieldLengths.Add(_fieldLength);
    }

    private void AnalyzeValues(int field, IReadOnlyList<string> values)
    {
        BeginField(field);
        foreach (string value in values)
        {
            _text = value;
            Analyze(value);
            _positionBase = _lastPosition + ValueGap;
        }

        _fieldLengths.Add(_fieldLength);
    }

    private void Analyze(string text)
    {
        if (_english is not null)
        {
            _english.Analyze(text, this, _words);
        }
        else
        {
            _analyzer.Analyze(text, this);
        }
    }

    private void BeginField(int field)
    {
        _field = field;
        _positionBase = field << SearchFields.PositionShift;
        _lastPosition = _positionBase;
        _fieldLength = 0;
    }

    public void OnToken(ReadOnlySpan<char> term, int position, int start, int length)
    {
        int local = (_positionBase & ((1 << SearchFields.PositionShift) - 1)) + position;
        if (local >= SearchFields.MaxPosition)
        {
            return;
        }

        AddToken(TermId(term), local, start, length);
    }

    void EnglishTextAnalyzer.ICachedTokenSink.OnCachedToken(EnglishTextAnalyzer.CachedWord word, int position, int start, int length)
    {
        int local = (_positionBase & ((1 << SearchFields.PositionShift) - 1)) + position;
        if (local >= SearchFields.MaxPosition)
        {
            return;
        }

        if (word.TermId < 0)
        {
            word.TermId = TermId(word.Stem);
        }

        // A folded word is written one or two ways; a term, shared by every word with its stem, in many.
        AddToken(word.TermId, local, start, length, ref word.LastSurface, ref word.OtherSurface);
    }

    private int TermId(ReadOnlySpan<char> term)
    {
        if (!_termLookup.TryGetValue(term, out int id))
        {
            string key = term.ToString();
            id = _terms.Count;
            _terms.Add(key);
            _termIds.Add(key, id);
            if (id == _state.Length)
            {
                Array.Resize(ref _state, _state.Length * 2);
                Array.Resize(ref _slotOfTerm, _state.Length);
                Array.Resize(ref _seenInDoc, _state.Length);
                Array.Resize(ref _lastSurface, _state.Length);
            }

            _state[id].LastDoc = -1;
            _state[id].Positions = PackedWriter.WithoutExceptions();
            _seenInDoc[id] = -1;
        }

        return id;
    }

    private void AddToken(int id, int local, int start, int length)
    {
        string? unused = null;
        AddToken(id, local, start, length, ref _lastSurface[id], ref unused);
    }

    // lastSurface, otherSurface: the last two ways the term or word was written ("Data" and "data");
    // only another spelling costs a lookup.
    private void AddToken(int id, int local, int start, int length, ref string? lastSurface, ref string? otherSurface)
    {
        // Remember every way a word is written: typo tolerance, prefixes and completions work on words
        // as written, since stems can be far from what a user types.
        if (length <= EnglishTextAnalyzer.MaxWordLength && start + length <= _text.Length)
        {
            ReadOnlySpan<char> raw = _text.AsSpan(start, length);
            if (lastSurface is null || !raw.SequenceEqual(lastSurface))
            {
                if (otherSurface is not null && raw.SequenceEqual(otherSurface))
                {
                    (lastSurface, otherSurface) = (otherSurface, lastSurface);
                }
                else
                {
                    if (!_surfaceLookup.TryGetValue(raw, out string? known, out _))
                    {
                        known = raw.ToString();
                        _surfaceLookup.Dictionary.Add(known, id);
                    }

                    otherSurface = lastSurface;
                    lastSurface = known;
                }
            }
        }

        if (_tokenCount == _tokenTerms.Length)
        {
            Array.Resize(ref _tokenTerms, _tokenTerms.Length * 2);
            Array.Resize(ref _tokenPositions, _tokenPositions.Length * 2);
        }

        int encoded = (_field << SearchFields.PositionShift) | local;
        _tokenTerms[_tokenCount] = id;
        _tokenPositions[_tokenCount++] = encoded;
        _lastPosition = encoded;
        _fieldLength++;
    }

    private void FlushDocument()
    {
        // Group the document's tokens by term: slots in first-seen order, per-field counts, then positions by slot.
        int slots = 0;
        for (int i = 0; i < _tokenCount; i++)
        {
            int term = _tokenTerms[i];
            int slot;
            if (_seenInDoc[term] != _doc)
            {
                _seenInDoc[term] = _doc;
                slot = slots++;
                _slotOfTerm[term] = slot;
                if (slot == _slotTerms.Length)
                {
                    Array.Resize(ref _slotTerms, slot * 2);
                    Array.Resize(ref _slotTf, slot * 2 * SearchFields.Count);
                }

                _slotTerms[slot] = term;
                _slotTf.AsSpan(slot * SearchFields.Count, SearchFields.Count).Clear();
            }
            else
            {
                slot = _slotOfTerm[term];
            }

            _slotTf[(slot * SearchFields.Count) + (_tokenPositions[i] >> SearchFields.PositionShift)]++;
        }

        if (_slotStarts.Length < slots + 1)
        {
            _slotStarts = new int[(slots * 2) + 1];
        }

        int running = 0;
        for (int s = 0; s < slots; s++)
        {
            _slotStarts[s] = running;
            ReadOnlySpan<int> tf = _slotTf.AsSpan(s * SearchFields.Count, SearchFields.Count);
            running += tf[0] + tf[1] + tf[2] + tf[3] + tf[4];
        }

        if (_sortedPositions.Length < _tokenCount)
        {
            _sortedPositions = new int[_tokenCount * 2];
        }

        for (int i = 0; i < _tokenCount; i++)
        {
            int slot = _slotOfTerm[_tokenTerms[i]];
            _sortedPositions[_slotStarts[slot]++] = _tokenPositions[i];
        }

        int positionStart = 0;
        for (int s = 0; s < slots; s++)
        {
            int term = _slotTerms[s];
            ref TermState state = ref _state[term];
            ReadOnlySpan<int> tf = _slotTf.AsSpan(s * SearchFields.Count, SearchFields.Count);
            int mask = 0;
            for (int f = 0; f < SearchFields.Count; f++)
            {
                if (tf[f] > 0)
                {
                    mask |= 1 << f;
                    state.Frequencies.Add((uint)(tf[f] - 1), _pool);
                }
            }

            state.Docs.Add((uint)(_doc - state.LastDoc - 1), _pool);
            state.Masks.Add((uint)(mask ^ (1 << SearchFields.Body)), _pool);
            state.LastDoc = _doc;
            state.DocFreq++;

            // Positions: the first of each field from the field's base, then gaps minus one.
            int count = tf[0] + tf[1] + tf[2] + tf[3] + tf[4];
            int previous = 0, field = -1;
            for (int p = 0; p < count; p++)
            {
                int position = _sortedPositions[positionStart + p];
                if (position >> SearchFields.PositionShift != field)
                {
                    field = position >> SearchFields.PositionShift;
                    state.Positions.Add((uint)(position - (field << SearchFields.PositionShift)), _pool);
                }
                else
                {
                    state.Positions.Add((uint)(position - previous - 1), _pool);
                }

                previous = position;
            }

            positionStart += count;
        }
    }

    public Segment Finish()
    {
        int termCount = _terms.Count;
        var order = new int[termCount];
        for (int i = 0; i < termCount; i++)
        {
            order[i] = i;
        }

        string[] sortedTerms = [.. _terms];
        sortedTerms.AsSpan().Sort(order.AsSpan(), default(OrdinalOrder));
        long postingBytes = 0, positionBytes = 0;
        var newId = new int[termCount];
        for (int i = 0; i < termCount; i++)
        {
            newId[order[i]] = i;
            ref TermState state = ref _state[order[i]];
            state.Docs.Finish(_pool);
            state.Masks.Finish(_pool);
            state.Frequencies.Finish(_pool);
            state.Positions.Finish(_pool);
            postingBytes += state.Docs.Length + state.Masks.Length + state.Frequencies.Length;
            positionBytes += state.Positions.Length;
        }

        // Eight bytes of padding: readers load whole 64-bit words.
        var docFreqs = new int[termCount];
        var postingStarts = new int[termCount + 1];
        var maskStarts = new int[termCount];
        var frequencyStarts = new int[termCount];
        var positionStarts = new int[termCount + 1];
        var postings = new byte[postingBytes + 8];
        var positions = new byte[positionBytes + 8];
        int pb = 0, qb = 0;
        for (int i = 0; i < termCount; i++)
        {
            ref TermState state = ref _state[order[i]];
            docFreqs[i] = state.DocFreq;
            postingStarts[i] = pb;
            state.Docs.CopyTo(postings, pb, _pool);
            pb += state.Docs.Length;
            maskStarts[i] = pb;
            state.Masks.CopyTo(postings, pb, _pool);
            pb += state.Masks.Length;
            frequencyStarts[i] = pb;
            state.Frequencies.CopyTo(postings, pb, _pool);
            pb += state.Frequencies.Length;
            positionStarts[i] = qb;
            state.Positions.CopyTo(positions, qb, _pool);
            qb += state.Positions.Length;
        }

        postingStarts[termCount] = pb;
        positionStarts[termCount] = qb;

        var folded = new Dictionary<string, int>(_surfaces.Count, StringComparer.Ordinal);
        foreach ((string raw, int id) in _surfaces)
        {
            string word = _analyzer.Fold(raw);
            if (word.Length > 0)
            {
                folded.TryAdd(word, newId[id]);
            }
        }

        string[] surfaceWords = [.. folded.Keys];
        int[] surfaceTerms = [.. folded.Values];
        surfaceWords.AsSpan().Sort(surfaceTerms.AsSpan(), default(OrdinalOrder));
        return new Segment
        {
            Terms = TermTable.From(sortedTerms),
            Surfaces = TermTable.From(surfaceWords),
            SurfaceTerms = surfaceTerms,
            DocFreqs = docFreqs,
            PostingStarts = postingStarts,
            MaskStarts = maskStarts,
            FrequencyStarts = frequencyStarts,
            Postings = postings,
            PositionStarts = positionStarts,
            Positions = positions,
            Posts = [.. _posts],
            FieldLengths = CollectionsMarshal.AsSpan(_fieldLengths).ToArray(),
        };
    }

    /// <summary>Ordinal order as a struct, so sorting calls it directly instead of through an interface.</summary>
    private readonly struct OrdinalOrder : IComparer<string>
    {
        public int Compare(string? x, string? y) => string.CompareOrdinal(x, y);
    }
}

/// <summary>
/// Joins two segments built from consecutive ranges of posts into the segment one builder would have made of both:
/// the second's documents follow the first's. Streams are copied as they are; only the first block of each of the
/// second segment's document-delta streams is packed again, since its first delta now follows the first segment's last document.
/// </summary>
internal static class SegmentJoiner
{
    public static Segment Join(Segment a, Segment b)
    {
        var terms = new List<string>(Math.Max(a.TermCount, b.TermCount));
        var fromA = new List<int>(terms.Capacity);
        var fromB = new List<int>(terms.Capacity);
        var aToJoined = new int[a.TermCount];
        var bToJoined = new int[b.TermCount];
        int i = 0, j = 0;
        while (i < a.TermCount || j < b.TermCount)
        {
            int order = i == a.TermCount ? 1 : j == b.TermCount ? -1 : a.Term(i).SequenceCompareTo(b.Term(j));
            int joined = terms.Count;
            if (order <= 0)
            {
                terms.Add(a.Term(i).ToString());
                aToJoined[i] = joined;
                fromA.Add(i++);
            }
            else
            {
                terms.Add(b.Term(j).ToString());
                fromA.Add(-1);
            }

            if (order >= 0)
            {
                bToJoined[j] = joined;
                fromB.Add(j++);
            }
            else
            {
                fromB.Add(-1);
            }
        }

        int count = terms.Count;
        var docFreqs = new int[count];
        var postingStarts = new int[count + 1];
        var maskStarts = new int[count];
        var frequencyStarts = new int[count];
        var positionStarts = new int[count + 1];
        var postings = new Bytes(a.Postings.Length + b.Postings.Length);
        var positions = new Bytes(a.Positions.Length + b.Positions.Length);
        var block = new uint[PackedWriter.BlockSize];
        for (int t = 0; t < count; t++)
        {
            int ia = fromA[t], ib = fromB[t];
            docFreqs[t] = (ia >= 0 ? a.DocFreqs[ia] : 0) + (ib >= 0 ? b.DocFreqs[ib] : 0);

            postingStarts[t] = postings.Length;
            if (ia >= 0)
            {
                postings.Append(a.Postings.AsSpan(a.PostingStarts[ia], a.MaskStarts[ia] - a.PostingStarts[ia]));
            }

            if (ib >= 0)
            {
                int lastInA = ia >= 0 ? LastDoc(a, ia, block) : -1;
                AppendShifted(b, ib, a.DocCount - lastInA - 1, postings, block);
            }

            maskStarts[t] = postings.Length;
            if (ia >= 0)
            {
                postings.Append(a.Postings.AsSpan(a.MaskStarts[ia], a.FrequencyStarts[ia] - a.MaskStarts[ia]));
            }

            if (ib >= 0)
            {
                postings.Append(b.Postings.AsSpan(b.MaskStarts[ib], b.FrequencyStarts[ib] - b.MaskStarts[ib]));
            }

            frequencyStarts[t] = postings.Length;
            if (ia >= 0)
            {
                postings.Append(a.Postings.AsSpan(a.FrequencyStarts[ia], a.PostingStarts[ia + 1] - a.FrequencyStarts[ia]));
            }

            if (ib >= 0)
            {
                postings.Append(b.Postings.AsSpan(b.FrequencyStarts[ib], b.PostingStarts[ib + 1] - b.FrequencyStarts[ib]));
            }

            positionStarts[t] = positions.Length;
            if (ia >= 0)
            {
                positions.Append(a.Positions.AsSpan(a.PositionStarts[ia], a.PositionStarts[ia + 1] - a.PositionStarts[ia]));
            }

            if (ib >= 0)
            {
                positions.Append(b.Positions.AsSpan(b.PositionStarts[ib], b.PositionStarts[ib + 1] - b.PositionStarts[ib]));
            }
        }

        postingStarts[count] = postings.Length;
        positionStarts[count] = positions.Length;
        (TermTable surfaces, int[] surfaceTerms) = JoinSurfaces(a, aToJoined, b, bToJoined);
        return new Segment
        {
            Terms = TermTable.From([.. terms]),
            Surfaces = surfaces,
            SurfaceTerms = surfaceTerms,
            DocFreqs = docFreqs,
            PostingStarts = postingStarts,
            MaskStarts = maskStarts,
            FrequencyStarts = frequencyStarts,
            Postings = postings.ToPaddedArray(),
            PositionStarts = positionStarts,
            Positions = positions.ToPaddedArray(),
            Posts = [.. a.Posts, .. b.Posts],
            FieldLengths = [.. a.FieldLengths, .. b.FieldLengths],
        };
    }

    /// <summary>The last document of a term in a segment.</summary>
    private static int LastDoc(Segment segment, int term, uint[] block)
    {
        var reader = new PackedReader(segment.Postings, segment.PostingStarts[term]);
        int doc = -1;
        for (int remaining = segment.DocFreqs[term]; remaining > 0;)
        {
            int n = reader.ReadBlock(block);
            for (int k = 0; k < n; k++)
            {
                doc += 1 + (int)block[k];
            }

            remaining -= n;
        }

        return doc;
    }

    /// <summary>Appends a term's document-delta stream with <paramref name="shift"/> added to its first delta.</summary>
    private static void AppendShifted(Segment segment, int term, int shift, Bytes into, uint[] block)
    {
        int start = segment.PostingStarts[term];
        int end = segment.MaskStarts[term];
        var reader = new PackedReader(segment.Postings, start);
        int n = reader.ReadBlock(block);
        block[0] += (uint)shift;
        into.AppendBlock(block.AsSpan(0, n));
        into.Append(segment.Postings.AsSpan(reader.NextBlockStart, end - reader.NextBlockStart));
    }

    private static (TermTable Surfaces, int[] Terms) JoinSurfaces(Segment a, int[] aToJoined, Segment b, int[] bToJoined)
    {
        var words = new List<string>(a.Surfaces.Count + (b.Surfaces.Count / 4));
        var ids = new List<int>(words.Capacity);
        int i = 0, j = 0;
        while (i < a.Surfaces.Count || j < b.Surfaces.Count)
        {
            int order = i == a.Surfaces.Count ? 1 : j == b.Surfaces.Count ? -1 : a.Surfaces.Term(i).SequenceCompareTo(b.Surfaces.Term(j));
            if (order <= 0)
            {
                // A word in both maps to the same term: the first range's spelling and term, as one builder would keep.
                words.Add(a.Surfaces.Term(i).ToString());
                ids.Add(aToJoined[a.SurfaceTerms[i]]);
                i++;
                j += order == 0 ? 1 : 0;
            }
            else
            {
                words.Add(b.Surfaces.Term(j).ToString());
                ids.Add(bToJoined[b.SurfaceTerms[j]]);
                j++;
            }
        }

        return (TermTable.From([.. words]), [.. ids]);
    }

    /// <summary>A growing byte array.</summary>
    private sealed class Bytes(int capacity)
    {
        private byte[] _data = new byte[Math.Max(capacity, 16)];

        public int Length { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(_data.AsSpan(Length));
            Length += bytes.Length;
        }

        /// <summary>Appends the values packed as one block, as a <see cref="PackedWriter"/> packs them.</summary>
        public void AppendBlock(ReadOnlySpan<uint> values)
        {
            if (values.IsEmpty)
            {
                return;
            }

            int length = Length;
            PackedWriter.Pack(values, withoutExceptions: false, ref _data, ref length);
            Length = length;
        }

        /// <summary>The bytes with eight of padding: readers load whole 64-bit words.</summary>
        public byte[] ToPaddedArray()
        {
            var array = new byte[Length + 8];
            _data.AsSpan(0, Length).CopyTo(array);
            return array;
        }

        private void Reserve(int more)
        {
            if (_data.Length - Length < more)
            {
                Array.Resize(ref _data, Math.Max(_data.Length * 2, Length + more));
            }
        }
    }
}
