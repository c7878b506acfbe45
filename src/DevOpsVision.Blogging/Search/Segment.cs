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

    /// <summary>Positions hold the field in their high bits, so a phrase never spans two fields.</summary>
    public const int PositionShift = 22;
    public const int MaxPosition = (1 << PositionShift) - 16;

    public static readonly string[] Names = ["title", "excerpt", "tags", "categories", "body"];
}

/// <summary>
/// An immutable part of the index: a sorted term dictionary in one char array, and per term a run of
/// delta-and-varint encoded postings (document, per-field frequencies) and of positions, all in flat arrays.
/// </summary>
/// <remarks>
/// Postings of a term: for each document, <c>varint((docDelta &lt;&lt; 1) | bodyOnly)</c>, then either the body
/// frequency, or a byte of field bits and one frequency per field present. Positions of a term: for each
/// posting, as many varints as its frequencies add up to, the first absolute, the rest as deltas.
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

    public required int[] PostingStarts { get; init; }

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
        for (int i = 0; i < count; i++)
        {
            Dates[i] = Posts[i].Date.UtcTicks;
            Years[i] = (short)Posts[i].Date.Year;
        }

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
    private readonly byte[] _postings;
    private readonly byte[] _positions;
    private readonly int _end;
    private int _offset;
    private int _positionOffset;
    private int _pendingPositions;

    public PostingCursor(Segment segment, int term)
    {
        _postings = segment.Postings;
        _positions = segment.Positions;
        _offset = segment.PostingStarts[term];
        _end = segment.PostingStarts[term + 1];
        _positionOffset = segment.PositionStarts[term];
        Doc = -1;
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
        if (_pendingPositions > 0)
        {
            SkipPositions();
        }

        if (_offset >= _end)
        {
            Doc = int.MaxValue;
            return false;
        }

        uint head = VarInt.Read(_postings, ref _offset);
        Doc += 1 + (int)(head >> 1);
        if ((head & 1) != 0)
        {
            Tf0 = Tf1 = Tf2 = Tf3 = 0;
            Tf4 = (int)VarInt.Read(_postings, ref _offset);
            FieldMask = 1 << SearchFields.Body;
        }
        else
        {
            int mask = _postings[_offset++];
            FieldMask = mask;
            Tf0 = (mask & 1) != 0 ? (int)VarInt.Read(_postings, ref _offset) : 0;
            Tf1 = (mask & 2) != 0 ? (int)VarInt.Read(_postings, ref _offset) : 0;
            Tf2 = (mask & 4) != 0 ? (int)VarInt.Read(_postings, ref _offset) : 0;
            Tf3 = (mask & 8) != 0 ? (int)VarInt.Read(_postings, ref _offset) : 0;
            Tf4 = (mask & 16) != 0 ? (int)VarInt.Read(_postings, ref _offset) : 0;
        }

        _pendingPositions = TotalTf;
        return true;
    }

    /// <summary>Reads the current document's positions (ascending); <paramref name="into"/> must hold <see cref="TotalTf"/> values.</summary>
    public int ReadPositions(Span<int> into)
    {
        int count = _pendingPositions;
        int i = 0;
        for (int field = 0; field < SearchFields.Count; field++)
        {
            int position = field << SearchFields.PositionShift;
            for (int n = Tf(field); n > 0; n--)
            {
                position += (int)VarInt.Read(_positions, ref _positionOffset);
                into[i++] = position;
            }
        }

        _pendingPositions = 0;
        return count;
    }

    private void SkipPositions()
    {
        int remaining = _pendingPositions;
        while (remaining > 0)
        {
            if ((_positions[_positionOffset++] & 0x80) == 0)
            {
                remaining--;
            }
        }

        _pendingPositions = 0;
    }
}

/// <summary>Unsigned LEB128 variable-length integers.</summary>
internal static class VarInt
{
    public static uint Read(ReadOnlySpan<byte> buffer, ref int offset)
    {
        uint b = buffer[offset++];
        if (b < 0x80)
        {
            return b;
        }

        uint value = b & 0x7F;
        int shift = 7;
        while (true)
        {
            b = buffer[offset++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }

    public static void Write(ref byte[] buffer, ref int length, uint value)
    {
        if (buffer.Length - length < 5)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, 16));
        }

        while (value >= 0x80)
        {
            buffer[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[length++] = (byte)value;
    }
}
