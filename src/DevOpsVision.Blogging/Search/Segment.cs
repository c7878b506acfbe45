using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>The fields every post is indexed in, in position order.</summary>
internal static class SearchFields
{
    public const int Title = 0;
    public const int Excerpt = 1;
    public const int Tags = 2;
    public const int Categories = 3;
    public const int Body = 4;
    public const int Count = 5;
    public const int AllMask = (1 << Count) - 1;
    public const int BodyMask = 1 << Body;

    /// <summary>Positions hold the field in their high bits, so a phrase never spans two fields.</summary>
    public const int PositionShift = 22;
    public const int MaxPosition = (1 << PositionShift) - 16;

    public static readonly string[] Names = ["title", "excerpt", "tags", "categories", "body"];
}

/// <summary>
/// An immutable part of the index: a sorted term dictionary in one char array, and per term block-packed streams
/// of postings (document deltas, field bits, per-field frequencies) and positions, all in flat arrays.
/// </summary>
/// <remarks>
/// Each stream is a run of blocks of up to 128 values packed at one bit width (frame of reference, as Lucene packs
/// its postings). Per posting: the document delta minus one, the field bits XOR the body bit (0 for the common
/// body-only posting), then for each field present its frequency minus one. Positions: per posting and field in
/// order, the first as an offset from the field's base, the rest as gaps minus one. A block of zeros takes one byte.
/// A postings block may be packed below its largest value's width, its few larger values kept apart as exceptions
/// (patched frame of reference): one title word in a block of body-only postings would otherwise widen all 128
/// field-bit values from 0 to 5 bits. Positions are read a value at a time, so their blocks are never patched.
/// </remarks>
internal sealed class Segment
{
    /// <summary>The index terms (stems), sorted ordinally.</summary>
    public required TermTable Terms { get; init; }

    /// <summary>The words as written (folded, not stemmed), sorted; for typo tolerance, prefixes and completions.</summary>
    public required TermTable Surfaces { get; init; }

    /// <summary>For each surface word, the id of its term.</summary>
    public required int[] SurfaceTerms { get; init; }

    public required int[] DocFreqs { get; init; }

    /// <summary>Per term, where its document-delta stream starts in <see cref="Postings"/> (the field-bit and frequency streams follow).</summary>
    public required int[] PostingStarts { get; init; }

    public required int[] MaskStarts { get; init; }

    public required int[] FrequencyStarts { get; init; }

    public required byte[] Postings { get; init; }

    public required int[] PositionStarts { get; init; }

    public required byte[] Positions { get; init; }

    public required Post[] Posts { get; init; }

    /// <summary>Per document, <see cref="SearchFields.Count"/> field lengths in terms.</summary>
    public required int[] FieldLengths { get; init; }

    public int TermCount => DocFreqs.Length;

    public int DocCount => Posts.Length;

    public long[] Dates { get; private set; } = [];

    public short[] Years { get; private set; } = [];

    /// <summary>1 when <see cref="Dates"/> never decrease from one document to the next, -1 when they never increase, else 0.</summary>
    private int _dateOrder;

    /// <summary>
    /// The documents that can be dated within [<paramref name="from"/>, <paramref name="to"/>) (UTC ticks), as a range
    /// of ids: exact when the documents are in date order (a blog's posts, newest first, usually are), else all of them.
    /// </summary>
    public (int Start, int End) DateWindow(long from, long to)
    {
        long[] dates = Dates;
        if (_dateOrder == 0 || dates.Length == 0)
        {
            return (0, dates.Length);
        }

        // Ascending: from the first date at or after from to the first at or after to. Descending: from the first
        // date before to, to the first before from.
        return _dateOrder > 0
            ? (FirstIndex(dates, from, ascending: true), FirstIndex(dates, to, ascending: true))
            : (FirstIndex(dates, to, ascending: false), FirstIndex(dates, from, ascending: false));
    }

    /// <summary>In dates sorted one way, the first index at or after <paramref name="value"/> (ascending) or before it (descending).</summary>
    private static int FirstIndex(long[] dates, long value, bool ascending)
    {
        int lo = 0, hi = dates.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ascending ? dates[mid] >= value : dates[mid] < value)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>The fewest terms any document has in its body: a bound for the best score a body frequency can reach.</summary>
    public int ShortestBody { get; private set; }

    /// <summary>The earliest year of <see cref="Years"/> (0 without documents): with <see cref="YearSpan"/>, sizes a count per year.</summary>
    public int FirstYear { get; private set; }

    /// <summary>How many years <see cref="Years"/> spans, first to last.</summary>
    public int YearSpan { get; private set; }

    public string[] CategoryNames { get; private set; } = [];

    public int[] DocCategoryStarts { get; private set; } = [];

    public int[] DocCategoryIds { get; private set; } = [];

    public string[] TagNames { get; private set; } = [];

    public int[] DocTagStarts { get; private set; } = [];

    public int[] DocTagIds { get; private set; } = [];

    public ReadOnlySpan<char> Term(int id) => Terms.Term(id);

    /// <summary>Computes what is derived from the posts rather than stored: dates, years and facet ids.</summary>
    public Segment Complete()
    {
        int count = Posts.Length;
        Dates = new long[count];
        Years = new short[count];
        int firstYear = int.MaxValue, lastYear = int.MinValue, shortest = int.MaxValue;
        bool ascending = true, descending = true;
        for (int i = 0; i < count; i++)
        {
            long date = Posts[i].Date.UtcTicks;
            short year = (short)Posts[i].Date.Year;
            Dates[i] = date;
            Years[i] = year;
            firstYear = Math.Min(firstYear, year);
            lastYear = Math.Max(lastYear, year);
            shortest = Math.Min(shortest, FieldLengths[(i * SearchFields.Count) + SearchFields.Body]);
            if (i > 0)
            {
                ascending &= date >= Dates[i - 1];
                descending &= date <= Dates[i - 1];
            }
        }

        (FirstYear, YearSpan, ShortestBody) = count > 0 ? (firstYear, lastYear - firstYear + 1, shortest) : (0, 0, 0);
        _dateOrder = ascending ? 1 : descending ? -1 : 0;

        (CategoryNames, DocCategoryStarts, DocCategoryIds) = Facets(Posts, static p => p.Categories);
        (TagNames, DocTagStarts, DocTagIds) = Facets(Posts, static p => p.Tags);
        return this;
    }

    private static (string[] Names, int[] Starts, int[] Ids) Facets(Post[] posts, Func<Post, IReadOnlyList<string>> values)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var starts = new int[posts.Length + 1];
        var docIds = new List<int>(posts.Length * 2);
        for (int i = 0; i < posts.Length; i++)
        {
            starts[i] = docIds.Count;
            foreach (string value in values(posts[i]))
            {
                if (!ids.TryGetValue(value, out int id))
                {
                    id = names.Count;
                    ids[value] = id;
                    names.Add(value);
                }

                docIds.Add(id);
            }
        }

        starts[posts.Length] = docIds.Count;
        return ([.. names], starts, [.. docIds]);
    }

    public int Find(ReadOnlySpan<char> term) => Terms.Find(term);

    public int FieldLength(int doc, int field) => FieldLengths[(doc * SearchFields.Count) + field];
}

/// <summary>A sorted list of strings in one char array: binary search, prefix ranges.</summary>
internal sealed class TermTable(char[] chars, int[] starts)
{
    public char[] Chars { get; } = chars;

    public int[] Starts { get; } = starts;

    public int Count => Starts.Length - 1;

    public ReadOnlySpan<char> Term(int id) => Chars.AsSpan(Starts[id], Starts[id + 1] - Starts[id]);

    public static TermTable From(string[] sorted)
    {
        int total = 0;
        foreach (string term in sorted)
        {
            total += term.Length;
        }

        var chars = new char[total];
        var starts = new int[sorted.Length + 1];
        int at = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            starts[i] = at;
            sorted[i].CopyTo(chars.AsSpan(at));
            at += sorted[i].Length;
        }

        starts[sorted.Length] = at;
        return new TermTable(chars, starts);
    }

    /// <summary>The id of a term, or -1.</summary>
    public int Find(ReadOnlySpan<char> term)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = Term(mid).SequenceCompareTo(term);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>The first term id at or after <paramref name="term"/> in ordinal order.</summary>
    public int LowerBound(ReadOnlySpan<char> term)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Term(mid).SequenceCompareTo(term) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first term id after <paramref name="from"/> that does not start with <paramref name="prefix"/>.</summary>
    public int PrefixEnd(ReadOnlySpan<char> prefix, int from)
    {
        int lo = from, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            ReadOnlySpan<char> term = Term(mid);
            if (term.StartsWith(prefix) || term.SequenceCompareTo(prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

}

/// <summary>Reads one term's postings (and, on request, positions) in document order.</summary>
internal struct PostingCursor
{
    private PackedReader _docs;
    private PackedReader _masks;
    private PackedReader _frequencies;
    private PackedReader _positions;
    private Block _docBlock;
    private Block _maskBlock;
    private Block _frequencyBlock;
    private int _remaining;
    private int _index;
    private int _count;
    private int _frequencyIndex;
    private int _frequencyCount;
    private int _pendingPositions;
    private long _skipPositions;

    public PostingCursor(Segment segment, int term)
    {
        _docs = new PackedReader(segment.Postings, segment.PostingStarts[term]);
        _masks = new PackedReader(segment.Postings, segment.MaskStarts[term]);
        _frequencies = new PackedReader(segment.Postings, segment.FrequencyStarts[term]);
        _positions = new PackedReader(segment.Positions, segment.PositionStarts[term]);
        _remaining = segment.DocFreqs[term];
        Doc = -1;
    }

    /// <summary>128 decoded values of a stream.</summary>
    [System.Runtime.CompilerServices.InlineArray(PackedWriter.BlockSize)]
    private struct Block
    {
        private uint _first;
    }

    public int Doc;
    public int Tf0;
    public int Tf1;
    public int Tf2;
    public int Tf3;
    public int Tf4;
    public int FieldMask;

    public readonly int TotalTf => Tf0 + Tf1 + Tf2 + Tf3 + Tf4;

    public readonly int Tf(int field) => field switch
    {
        0 => Tf0,
        1 => Tf1,
        2 => Tf2,
        3 => Tf3,
        _ => Tf4,
    };

    public bool MoveNext()
    {
        // Positions are skipped only when some are read: scoring a term never walks its positions.
        _skipPositions += _pendingPositions;
        _pendingPositions = 0;

        if (_index == _count)
        {
            if (_remaining == 0)
            {
                Doc = int.MaxValue;
                return false;
            }

            // Document deltas and field bits have one value per posting, so their blocks line up.
            _count = _docs.ReadBlock(_docBlock);
            _masks.ReadBlock(_maskBlock);
            _remaining -= _count;
            _index = 0;
        }

        Doc += 1 + (int)_docBlock[_index];
        int mask = (int)_maskBlock[_index++] ^ (1 << SearchFields.Body);
        FieldMask = mask;
        if (mask == 1 << SearchFields.Body)
        {
            Tf0 = Tf1 = Tf2 = Tf3 = 0;
            Tf4 = NextFrequency();
            _pendingPositions = Tf4;
            return true;
        }

        Tf0 = (mask & 1) != 0 ? NextFrequency() : 0;
        Tf1 = (mask & 2) != 0 ? NextFrequency() : 0;
        Tf2 = (mask & 4) != 0 ? NextFrequency() : 0;
        Tf3 = (mask & 8) != 0 ? NextFrequency() : 0;
        Tf4 = (mask & 16) != 0 ? NextFrequency() : 0;
        _pendingPositions = TotalTf;
        return true;
    }

    private int NextFrequency()
    {
        if (_frequencyIndex == _frequencyCount)
        {
            _frequencyCount = _frequencies.ReadBlock(_frequencyBlock);
            _frequencyIndex = 0;
        }

        return 1 + (int)_frequencyBlock[_frequencyIndex++];
    }

    /// <summary>Reads the current document's positions (ascending); <paramref name="into"/> must hold <see cref="TotalTf"/> values.</summary>
    public int ReadPositions(Span<int> into)
    {
        if (_skipPositions > 0)
        {
            _positions.Skip(_skipPositions);
            _skipPositions = 0;
        }

        int count = _pendingPositions;
        int i = 0;
        for (int field = 0; field < SearchFields.Count; field++)
        {
            int n = Tf(field);
            if (n > 0)
            {
                i = _positions.ReadPositions(field, n, into, i);
            }
        }

        _pendingPositions = 0;
        return count;
    }
}

/// <summary>
/// Reads one term's postings a block at a time, without positions: the scoring loop's reader. Holding a block in
/// arrays lets that loop keep its state in registers, where <see cref="PostingCursor"/> pays for its fields on every posting.
/// </summary>
internal struct PostingBlockReader
{
    /// <summary>The most frequency values one block can hold: every field of every posting.</summary>
    public const int MaxFrequencies = PackedWriter.BlockSize * SearchFields.Count;

    private PackedReader _docs;
    private PackedReader _masks;
    private PackedReader _frequencies;
    private int _remaining;
    private int _doc;
    private int _frequencyLeft;
    private int _frequencyAt;

    public PostingBlockReader(Segment segment, int term)
    {
        _docs = new PackedReader(segment.Postings, segment.PostingStarts[term]);
        _masks = new PackedReader(segment.Postings, segment.MaskStarts[term]);
        _frequencies = new PackedReader(segment.Postings, segment.FrequencyStarts[term]);
        _remaining = segment.DocFreqs[term];
        _doc = -1;
    }

    /// <summary>
    /// Decodes the next block: documents (ascending), field bits, the frequencies of the fields present (posting by
    /// posting in field order), and where each posting's first frequency is. <paramref name="docs"/>,
    /// <paramref name="masks"/> and <paramref name="offsets"/> hold <see cref="PackedWriter.BlockSize"/> values,
    /// <paramref name="frequencies"/> <see cref="MaxFrequencies"/>, and a spare <see cref="PackedWriter.BlockSize"/> for a
    /// block read whole. Returns how many postings it held, 0 at the end.
    /// </summary>
    public int Next(Span<uint> docs, Span<uint> masks, Span<uint> frequencies, Span<int> offsets) => Next(docs, masks, frequencies, offsets, out _);

    /// <summary><see cref="Next(Span{uint}, Span{uint}, Span{uint}, Span{int})"/>, also giving how many frequencies the block held.</summary>
    public int Next(Span<uint> docs, Span<uint> masks, Span<uint> frequencies, Span<int> offsets, out int frequencyCount)
    {
        frequencyCount = 0;
        if (_remaining == 0)
        {
            return 0;
        }

        int count = _docs.ReadBlock(docs);
        _masks.ReadBlock(masks);
        _remaining -= count;
        int doc = _doc;
        int wanted = 0;
        int i = VectorBlocks.Postings(docs, masks, offsets, count, ref doc, ref wanted);
        for (; i < count; i++)
        {
            doc += 1 + (int)docs[i];
            docs[i] = (uint)doc;
            uint mask = masks[i] ^ SearchFields.BodyMask;
            masks[i] = mask;
            offsets[i] = wanted;
            wanted += System.Numerics.BitOperations.PopCount(mask);
        }

        _doc = doc;

        // Frequency blocks do not line up with posting blocks: carry what the last call decoded beyond its own.
        int have = 0;
        if (_frequencyLeft > 0)
        {
            int take = Math.Min(_frequencyLeft, wanted);
            frequencies.Slice(_frequencyAt, take).CopyTo(frequencies);
            _frequencyAt += take;
            _frequencyLeft -= take;
            have = take;
        }

        while (have < wanted)
        {
            int read = _frequencies.ReadBlock(frequencies[have..]);
            int extra = have + read - wanted;
            if (extra > 0)
            {
                _frequencyAt = wanted;
                _frequencyLeft = extra;
            }

            have += read;
        }

        // Frequencies are stored less one.
        int v = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var one = System.Numerics.Vector<uint>.One;
            for (; v + System.Numerics.Vector<uint>.Count <= wanted; v += System.Numerics.Vector<uint>.Count)
            {
                Span<uint> slice = frequencies.Slice(v, System.Numerics.Vector<uint>.Count);
                (new System.Numerics.Vector<uint>(slice) + one).CopyTo(slice);
            }
        }

        for (; v < wanted; v++)
        {
            frequencies[v]++;
        }

        frequencyCount = wanted;
        return count;
    }
}

/// <summary>A term's postings decoded a block at a time, for walking several terms together document by document.</summary>
internal class BlockCursor
{
    private PostingBlockReader _reader;
    private int _count;
    private int _frequencyCount;

    /// <summary>The current block's documents, ascending.</summary>
    public uint[] Docs { get; } = new uint[PackedWriter.BlockSize];

    /// <summary>The current block's field bits.</summary>
    public uint[] Masks { get; } = new uint[PackedWriter.BlockSize];

    /// <summary>The current block's frequencies, posting by posting in field order.</summary>
    public uint[] Frequencies { get; } = new uint[PostingBlockReader.MaxFrequencies + PackedWriter.BlockSize];

    /// <summary>Where each posting's first frequency is in <see cref="Frequencies"/>.</summary>
    public int[] Offsets { get; } = new int[PackedWriter.BlockSize];

    /// <summary>How many postings the current block holds.</summary>
    public int Count => _count;

    /// <summary>How many frequencies the current block holds.</summary>
    protected int FrequencyCount => _frequencyCount;

    /// <summary>The current posting's place in the block.</summary>
    public int Index { get; private set; }

    /// <summary>The current document, <see cref="int.MaxValue"/> past the end.</summary>
    public int Doc { get; private set; }

    /// <summary>Starts on the term's first posting.</summary>
    public virtual void Reset(Segment segment, int term)
    {
        _reader = new PostingBlockReader(segment, term);
        _count = 0;
        _frequencyCount = 0;
        Load();
    }

    /// <summary>Moves to a posting of the current block, or to the next block when <paramref name="index"/> is past its end.</summary>
    public void MoveTo(int index)
    {
        if (index >= _count)
        {
            Load();
            return;
        }

        Index = index;
        Doc = (int)Docs[index];
    }

    /// <summary>Moves to the first posting at or after <paramref name="target"/>; a block that ends before it is passed over whole.</summary>
    public void AdvanceTo(int target)
    {
        while (Doc < target)
        {
            if ((int)Docs[_count - 1] < target)
            {
                Load();
                continue;
            }

            int i = Index + 1;
            while ((int)Docs[i] < target)
            {
                i++;
            }

            Index = i;
            Doc = (int)Docs[i];
        }
    }

    /// <summary>Decodes the next block and moves to its first posting.</summary>
    protected virtual void Load()
    {
        _count = _reader.Next(Docs, Masks, Frequencies, Offsets, out _frequencyCount);
        Index = 0;
        Doc = _count == 0 ? int.MaxValue : (int)Docs[0];
    }
}

/// <summary>
/// One phrase term's postings with their positions, a block at a time, for lining terms up document by document:
/// moving past a document or a whole block costs no position decoding. Where a posting's positions start is counted
/// from the block's frequencies only when they are read.
/// </summary>
internal sealed class PhraseTermCursor : BlockCursor
{
    private PackedReader _positions;

    // Positions before the current block in the term's stream, and how far into the block's frequencies the
    // positions before a posting have been summed.
    private long _blockStart;
    private int _summedTo;
    private long _summed;

    // The decoded block of the position stream: where it starts in the stream, and where the blocks passed end.
    private readonly uint[] _positionBlock = new uint[PackedWriter.BlockSize];
    private long _decodedStart;
    private long _decodedEnd;

    /// <summary>The positions <see cref="ReadPositions"/> read last; the array grows as needed.</summary>
    public int[] Positions { get; private set; } = new int[16];

    /// <inheritdoc />
    public override void Reset(Segment segment, int term)
    {
        _positions = new PackedReader(segment.Positions, segment.PositionStarts[term]);
        _blockStart = 0;
        _decodedStart = 0;
        _decodedEnd = 0;
        base.Reset(segment, term);
    }

    /// <summary>
    /// Reads the positions of the block's posting at <paramref name="index"/> into <see cref="Positions"/>, ascending,
    /// each with its field in the high bits, and returns how many. Within a block, postings are read in ascending order.
    /// </summary>
    public int ReadPositions(int index)
    {
        int first = Offsets[index];
        long next = PositionStart(first);
        int mask = (int)Masks[index];
        int total = PositionCount(mask, first);

        if (Positions.Length < total)
        {
            Positions = new int[Math.Max(total, Positions.Length * 2)];
        }

        int[] into = Positions;
        int read = 0, at = first;
        for (int rest = mask; rest != 0; rest &= rest - 1)
        {
            // A field's run: the first position from the field's base, the rest as gaps less one.
            int field = System.Numerics.BitOperations.TrailingZeroCount(rest);
            int position = (field << SearchFields.PositionShift) - 1;
            int n = (int)Frequencies[at++];
            if (next >= _decodedStart && next + n <= _decodedEnd)
            {
                // The whole run is in the block decoded last, which holds exactly [_decodedStart, _decodedEnd).
                uint[] block = _positionBlock;
                int k = (int)(next - _decodedStart);
                next += n;
                for (; n > 0; n--)
                {
                    position += 1 + (int)block[k++];
                    into[read++] = position;
                }

                continue;
            }

            for (; n > 0; n--)
            {
                position += 1 + (int)PositionAt(next++);
                into[read++] = position;
            }
        }

        return total;
    }

    /// <summary>
    /// The position values of the posting at <paramref name="index"/>, field run after field run (each run's first value
    /// from its field's base, the rest gaps less one), when they lie in one decoded block of the stream, as most do;
    /// otherwise (positions that cross a block, or a damaged posting) an empty span, and <see cref="ReadPositions"/>
    /// reads them. Either may follow for the same posting.
    /// </summary>
    public ReadOnlySpan<uint> Run(int index, out int mask)
    {
        mask = (int)Masks[index];
        int first = Offsets[index];
        long next = PositionStart(first);
        int total = PositionCount(mask, first);

        if (total <= 0 || next < _decodedStart)
        {
            return default;
        }

        if (next >= _decodedEnd)
        {
            PositionAt(next);
        }

        return next + total <= _decodedEnd ? _positionBlock.AsSpan((int)(next - _decodedStart), total) : default;
    }

    /// <summary>
    /// How many positions a posting with field bits <paramref name="mask"/> has: its frequencies from <paramref name="first"/>
    /// on, one a field. Every posting has a field; a damaged one without any has no positions rather than another's.
    /// </summary>
    private int PositionCount(int mask, int first)
    {
        if (mask == SearchFields.BodyMask)
        {
            return (int)Frequencies[first];
        }

        int total = 0;
        int fields = System.Numerics.BitOperations.PopCount((uint)mask);
        for (int f = 0; f < fields; f++)
        {
            total += (int)Frequencies[first + f];
        }

        return total;
    }

    /// <summary>
    /// Where the positions of the posting whose first frequency is at <paramref name="first"/> start in the stream: after
    /// those of the postings before it in the block, whose frequencies are summed as far as they are needed.
    /// </summary>
    private long PositionStart(int first)
    {
        long summed = _summed;
        for (int f = _summedTo; f < first; f++)
        {
            summed += Frequencies[f];
        }

        _summed = summed;
        _summedTo = Math.Max(_summedTo, first);
        return _blockStart + summed;
    }

    /// <summary>The term's position value at <paramref name="at"/> in its stream; blocks before it are passed over by their headers alone.</summary>
    private uint PositionAt(long at)
    {
        while (at >= _decodedEnd)
        {
            int count = _positions.NextBlock();
            long start = _decodedEnd;
            _decodedEnd += count;
            if (at < _decodedEnd)
            {
                _positions.DecodeLoaded(_positionBlock);
                _decodedStart = start;
            }
        }

        return _positionBlock[(int)(at - _decodedStart)];
    }

    protected override void Load()
    {
        // The block being left holds as many positions as its frequencies add up to (under 2^32: 128 postings of five
        // fields, each field's positions capped at SearchFields.MaxPosition).
        uint[] frequencies = Frequencies;
        int count = Math.Min(FrequencyCount, frequencies.Length);
        long total = 0;
        int f = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var sum = System.Numerics.Vector<uint>.Zero;
            for (; f + System.Numerics.Vector<uint>.Count <= count; f += System.Numerics.Vector<uint>.Count)
            {
                sum += new System.Numerics.Vector<uint>(frequencies, f);
            }

            total = System.Numerics.Vector.Sum(sum);
        }

        for (; f < count; f++)
        {
            total += frequencies[f];
        }

        _blockStart += total;
        _summedTo = 0;
        _summed = 0;
        base.Load();
    }
}

/// <summary>Reads a stream of bit-packed blocks (see <see cref="Segment"/>); the array has 8 bytes of padding at its end.</summary>
internal struct PackedReader(byte[] data, int start)
{
    private readonly byte[] _data = data;
    private int _next = start;
    private long _bit;
    private int _width;
    private int _left;
    private uint _mask;

    // The block's exceptions: where their indexes start, how many, and the width of their high bits.
    private int _exceptionsAt;
    private int _exceptionCount;
    private int _exceptionWidth;

    public uint Next()
    {
        if (_left == 0)
        {
            Load();
        }

        ulong word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan((int)(_bit >> 3), 8));
        uint value = (uint)(word >> (int)(_bit & 7)) & _mask;
        _bit += _width;
        _left--;
        return value;
    }

    /// <summary>
    /// Reads one field's run of <paramref name="count"/> positions of a posting (the first from the field's base, the
    /// rest as gaps minus one) into <paramref name="into"/> from <paramref name="at"/>, each with the field in its high bits.
    /// </summary>
    /// <returns>Where the next run goes in <paramref name="into"/>.</returns>
    public int ReadPositions(int field, int count, Span<int> into, int at)
    {
        int position = (field << SearchFields.PositionShift) + (int)Next();
        into[at++] = position;
        for (count--; count > 0; count--)
        {
            position += 1 + (int)Next();
            into[at++] = position;
        }

        return at;
    }

    /// <summary>Where the next block starts in the array: after <see cref="ReadBlock"/>, the end of the block just read.</summary>
    public readonly int NextBlockStart => _next;

    public void Skip(long count)
    {
        while (count > 0)
        {
            if (_left == 0)
            {
                Load();
            }

            int take = (int)Math.Min(count, _left);
            _bit += (long)take * _width;
            _left -= take;
            count -= take;
        }
    }

    /// <summary>Decodes the next whole block into <paramref name="into"/> and returns how many values it held.</summary>
    public int ReadBlock(Span<uint> into)
    {
        Load();
        return DecodeBlock(into);
    }

    /// <summary>Moves to the next block, reading only its header, and returns how many values it holds; <see cref="DecodeLoaded"/> decodes it.</summary>
    public int NextBlock()
    {
        Load();
        return _left;
    }

    /// <summary>Decodes the block <see cref="NextBlock"/> moved to into <paramref name="into"/>.</summary>
    public int DecodeLoaded(Span<uint> into) => DecodeBlock(into);

    private int DecodeBlock(Span<uint> into)
    {
        int count = _left;
        if (_width == 0)
        {
            into[..count].Clear();
        }
        else if (BitConverter.IsLittleEndian && ((_bit + ((long)(count - 1) * _width)) >> 3) + sizeof(ulong) <= _data.Length && count <= into.Length)
        {
            // Every eight-byte read of the block lies inside the array (checked once, above), so the loop reads without
            // a bounds check per value; native reads match the little-endian format only on a little-endian machine.
            ref byte data = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_data);
            ref uint target = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(into);
            long bit = _bit;
            int width = _width;
            uint mask = _mask;
            int i = 0;
            if (width <= VectorBlocks.MaxWidth && VectorBlocks.IsSupported)
            {
                // Eight values at a time with vector shuffles while the two sixteen-byte reads stay inside the array.
                i = VectorBlocks.Unpack8(ref data, _data.Length, bit, width, ref target, count);
                bit += (long)i * width;
            }

            // Narrow values (document gaps, field bits, frequencies mostly are) come four to a load: one eight-byte read
            // holds them all whatever bit it starts on, since 7 + 4 × 14 < 64.
            if (width <= 14)
            {
                for (; i + 4 <= count; i += 4)
                {
                    ulong word = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref System.Runtime.CompilerServices.Unsafe.Add(ref data, (nint)(bit >> 3))) >> (int)(bit & 7);
                    ref uint at = ref System.Runtime.CompilerServices.Unsafe.Add(ref target, i);
                    at = (uint)word & mask;
                    word >>= width;
                    System.Runtime.CompilerServices.Unsafe.Add(ref at, 1) = (uint)word & mask;
                    word >>= width;
                    System.Runtime.CompilerServices.Unsafe.Add(ref at, 2) = (uint)word & mask;
                    word >>= width;
                    System.Runtime.CompilerServices.Unsafe.Add(ref at, 3) = (uint)word & mask;
                    bit += 4 * width;
                }
            }

            for (; i < count; i++)
            {
                ulong word = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref System.Runtime.CompilerServices.Unsafe.Add(ref data, (nint)(bit >> 3)));
                System.Runtime.CompilerServices.Unsafe.Add(ref target, i) = (uint)(word >> (int)(bit & 7)) & mask;
                bit += width;
            }
        }
        else
        {
            ReadOnlySpan<byte> data = _data;
            long bit = _bit;
            int width = _width;
            uint mask = _mask;
            for (int i = 0; i < count; i++)
            {
                ulong word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(data[(int)(bit >> 3)..]);
                into[i] = (uint)(word >> (int)(bit & 7)) & mask;
                bit += width;
            }
        }

        if (_exceptionCount != 0)
        {
            Patch(into);
        }

        _left = 0;
        return count;
    }

    /// <summary>Puts each exception's high bits back above its low bits, which the block's packed values hold.</summary>
    private readonly void Patch(Span<uint> into)
    {
        ReadOnlySpan<byte> indexes = _data.AsSpan(_exceptionsAt, _exceptionCount);
        long bit = (long)(_exceptionsAt + _exceptionCount) * 8;
        int width = _exceptionWidth;
        uint mask = width == 32 ? uint.MaxValue : (1u << width) - 1;
        for (int e = 0; e < indexes.Length; e++)
        {
            ulong word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan((int)(bit >> 3), 8));
            into[indexes[e]] |= ((uint)(word >> (int)(bit & 7)) & mask) << _width;
            bit += width;
        }
    }

    private void Load()
    {
        byte header = _data[_next++];
        _width = header & 0x3F;
        int count = (header & 0x80) != 0 ? PackedWriter.BlockSize : _data[_next++];
        _exceptionCount = 0;
        if ((header & 0x40) != 0)
        {
            _exceptionCount = _data[_next++];
            _exceptionWidth = _data[_next++];
        }

        _bit = (long)_next * 8;
        _next += ((count * _width) + 7) >> 3;
        if (_exceptionCount != 0)
        {
            _exceptionsAt = _next;
            _next += _exceptionCount + (((_exceptionCount * _exceptionWidth) + 7) >> 3);
        }

        _left = count;
        _mask = _width == 32 ? uint.MaxValue : (1u << _width) - 1;
    }
}

/// <summary>
/// The shared storage of many <see cref="PackedWriter"/>s of one build: their pending values, and the packed bytes of
/// writers that never filled a block, in chunks of 65,536. A build of thousands of terms, most of them rare, then makes
/// a few large arrays instead of two small ones per writer, which the garbage collector would trace, promote and copy
/// for the length of the build (on the corpus posts: 46 ms of collections per build before, 19 ms after).
/// </summary>
internal sealed class PackedPool
{
    // Chunks, not one growing array: growing by copying would allocate (and copy) the pool twice over.
    private const int ChunkShift = 16;
    private const int ChunkSize = 1 << ChunkShift;

    // A block packs into at most 514 bytes (512 of values, a header and a count): a tail chunk must have this much left.
    private const int MaxBlockBytes = 1024;

    private readonly List<uint[]> _pending = [];
    private int _pendingUsed = ChunkSize;
    private readonly List<byte[]> _tails = [];
    private int _tailUsed = ChunkSize;

    /// <summary>A region of <paramref name="capacity"/> pending values (at most a block), with <paramref name="keep"/> values copied from <paramref name="from"/>.</summary>
    public int Allocate(int capacity, int from, int keep)
    {
        if (_pendingUsed > ChunkSize - capacity)
        {
            _pending.Add(new uint[ChunkSize]);
            _pendingUsed = 0;
        }

        int start = ((_pending.Count - 1) << ChunkShift) + _pendingUsed;
        _pendingUsed += capacity;
        if (keep > 0)
        {
            Pending(from, keep).CopyTo(Pending(start, keep));
        }

        return start;
    }

    /// <summary>A region's values; a region never crosses chunks.</summary>
    public Span<uint> Pending(int start, int count) => _pending[start >> ChunkShift].AsSpan(start & (ChunkSize - 1), count);

    public ref uint PendingAt(int index) => ref _pending[index >> ChunkShift][index & (ChunkSize - 1)];

    /// <summary>Packs one block into the tail chunks; returns where it starts.</summary>
    public int PackTail(ReadOnlySpan<uint> values, bool withoutExceptions, out int length)
    {
        if (_tailUsed > ChunkSize - MaxBlockBytes)
        {
            _tails.Add(new byte[ChunkSize]);
            _tailUsed = 0;
        }

        byte[] chunk = _tails[^1];
        int start = _tailUsed;
        PackedWriter.Pack(values, withoutExceptions, ref chunk, ref _tailUsed);
        length = _tailUsed - start;
        return ((_tails.Count - 1) << ChunkShift) + start;
    }

    public void CopyTail(int start, int length, byte[] target, int offset) =>
        Array.Copy(_tails[start >> ChunkShift], start & (ChunkSize - 1), target, offset, length);
}

/// <summary>
/// Collects a stream of values and packs them in blocks of 128, each at the bit width that takes the fewest bytes: that
/// of its largest value, or a narrower one with the values that do not fit kept as exceptions. Pending values live in a
/// <see cref="PackedPool"/>; so do the bytes of a writer that never filled a block.
/// </summary>
internal struct PackedWriter
{
    public const int BlockSize = 128;

    private int _pendingStart;
    private int _capacity;
    private int _count;
    private byte[]? _packed;
    private int _length;
    private int _tailStart;
    private bool _withoutExceptions;

    /// <summary>A writer whose blocks are always packed at their largest value's width, for a stream read a value at a time.</summary>
    public static PackedWriter WithoutExceptions() => new() { _withoutExceptions = true };

    /// <summary>How many packed bytes the writer holds (complete after <see cref="Finish"/>).</summary>
    public readonly int Length => _length;

    public void Add(uint value, PackedPool pool)
    {
        if (_count == _capacity)
        {
            if (_count == BlockSize)
            {
                FlushBlock(pool);
            }
            else
            {
                int capacity = _capacity == 0 ? 4 : _capacity * 2;
                _pendingStart = pool.Allocate(capacity, _pendingStart, _count);
                _capacity = capacity;
            }
        }

        pool.PendingAt(_pendingStart + _count++) = value;
    }

    /// <summary>Packs what is pending: into the writer's own bytes if it has filled a block, else into the pool's tail.</summary>
    public void Finish(PackedPool pool)
    {
        if (_count == 0)
        {
            return;
        }

        if (_packed is null)
        {
            _tailStart = pool.PackTail(pool.Pending(_pendingStart, _count), _withoutExceptions, out _length);
            _count = 0;
        }
        else
        {
            FlushBlock(pool);
        }
    }

    private void FlushBlock(PackedPool pool)
    {
        _packed ??= new byte[64];
        Pack(pool.Pending(_pendingStart, _count), _withoutExceptions, ref _packed, ref _length);
        _count = 0;
    }

    public readonly void CopyTo(byte[] target, int offset, PackedPool pool)
    {
        if (_packed is not null)
        {
            Array.Copy(_packed, 0, target, offset, _length);
        }
        else if (_length > 0)
        {
            pool.CopyTail(_tailStart, _length, target, offset);
        }
    }

    /// <summary>Appends one block of up to 128 values to <paramref name="target"/> at <paramref name="length"/>, growing it as needed.</summary>
    internal static void Pack(ReadOnlySpan<uint> pending, bool withoutExceptions, ref byte[] target, ref int length)
    {
        int count = pending.Length;
        uint all = 0;
        for (int i = 0; i < count; i++)
        {
            all |= pending[i];
        }

        int largest = 32 - System.Numerics.BitOperations.LeadingZeroCount(all);
        int width = largest, exceptionCount = 0;
        int bytes = ((count * largest) + 7) >> 3;

        // Exceptions cost at least four bytes (count, width, an index, high bits): a block of four bytes or fewer has nothing to gain.
        if (!withoutExceptions && bytes > 4)
        {
            // How many values need each bit width, to price every narrower packing with its exceptions.
            Span<int> needing = stackalloc int[33];
            needing.Clear();
            for (int i = 0; i < count; i++)
            {
                needing[32 - System.Numerics.BitOperations.LeadingZeroCount(pending[i])]++;
            }

            int above = 0;
            for (int w = largest - 1; w >= 0; w--)
            {
                above += needing[w + 1];
                int cost = (((count * w) + 7) >> 3) + 2 + above + (((above * (largest - w)) + 7) >> 3);
                if (cost < bytes)
                {
                    (bytes, width, exceptionCount) = (cost, w, above);
                }
            }
        }

        // Header, count, exception count and width: at most four bytes besides the packed ones.
        if (target.Length - length < bytes + 4)
        {
            Array.Resize(ref target, Math.Max(target.Length * 2, length + bytes + 4));
        }

        int exceptionWidth = largest - width;
        int header = width | (count == BlockSize ? 0x80 : 0) | (exceptionCount != 0 ? 0x40 : 0);
        target[length++] = (byte)header;
        if (count != BlockSize)
        {
            target[length++] = (byte)count;
        }

        if (exceptionCount != 0)
        {
            target[length++] = (byte)exceptionCount;
            target[length++] = (byte)exceptionWidth;
        }

        uint lowMask = width == 32 ? uint.MaxValue : (1u << width) - 1;
        var bits = new BitAppender();
        for (int i = 0; i < count; i++)
        {
            bits.Append(target, ref length, pending[i] & lowMask, width);
        }

        bits.Finish(target, ref length);
        if (exceptionCount != 0)
        {
            for (int i = 0; i < count; i++)
            {
                if (pending[i] > lowMask)
                {
                    target[length++] = (byte)i;
                }
            }

            for (int i = 0; i < count; i++)
            {
                if (pending[i] > lowMask)
                {
                    bits.Append(target, ref length, pending[i] >> width, exceptionWidth);
                }
            }

            bits.Finish(target, ref length);
        }
    }

    /// <summary>Packs values of a given bit width into bytes, lowest bits first.</summary>
    private struct BitAppender
    {
        private ulong _accumulator;
        private int _bits;

        public void Append(byte[] target, ref int length, uint value, int width)
        {
            _accumulator |= (ulong)value << _bits;
            _bits += width;
            while (_bits >= 8)
            {
                target[length++] = (byte)_accumulator;
                _accumulator >>= 8;
                _bits -= 8;
            }
        }

        /// <summary>Writes the last, partly filled byte, and starts afresh.</summary>
        public void Finish(byte[] target, ref int length)
        {
            if (_bits > 0)
            {
                target[length++] = (byte)_accumulator;
                _accumulator = 0;
                _bits = 0;
            }
        }
    }
}
