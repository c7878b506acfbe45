using System.Buffers.Binary;
using System.Text;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// The binary index format: <c>"DVSEARCH"</c>, a format version (int32), the body length (int64), the body, and a
/// CRC-32 of the body. The body holds the analyzer's name and, per segment, its flat arrays, each document's
/// source path and content hash, and its deletion bits. Little-endian throughout.
/// </summary>
internal static class IndexFile
{
    public const int FormatVersion = 2;
    private static readonly byte[] Magic = "DVSEARCH"u8.ToArray();

    public static void Write(PostSearchIndex index, Stream stream)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(index.Analyzer.Name);
            writer.Write(index.Segments.Length);
            for (int s = 0; s < index.Segments.Length; s++)
            {
                Segment segment = index.Segments[s];
                WriteArray(writer, segment.Terms.Chars);
                WriteArray(writer, segment.Terms.Starts);
                WriteArray(writer, segment.Surfaces.Chars);
                WriteArray(writer, segment.Surfaces.Starts);
                WriteArray(writer, segment.SurfaceTerms);
                WriteArray(writer, segment.DocFreqs);
                WriteArray(writer, segment.PostingStarts);
                WriteArray(writer, segment.MaskStarts);
                WriteArray(writer, segment.FrequencyStarts);
                WriteArray(writer, segment.Postings);
                WriteArray(writer, segment.PositionStarts);
                WriteArray(writer, segment.Positions);
                WriteArray(writer, segment.FieldLengths);
                writer.Write(segment.DocCount);
                foreach (Post post in segment.Posts)
                {
                    writer.Write(post.SourcePath);
                    writer.Write(post.ContentHash);
                }

                WriteArray(writer, index.Deleted[s] ?? []);
            }
        }

        byte[] bytes = body.GetBuffer();
        int length = (int)body.Length;
        Span<byte> header = stackalloc byte[20];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(header[12..], length);
        stream.Write(header);
        stream.Write(bytes, 0, length);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32.Compute(bytes.AsSpan(0, length)));
        stream.Write(checksum);
    }

    public static PostSearchIndex Read(Stream stream, IReadOnlyList<Post> posts, SearchOptions options, ITextAnalyzer analyzer)
    {
        Span<byte> header = stackalloc byte[20];
        if (stream.ReadAtLeast(header, 20, throwOnEndOfStream: false) < 20 || !header[..8].SequenceEqual(Magic))
        {
            throw new SearchIndexFormatException("The data is not a search index: it does not start with DVSEARCH.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
        {
            throw new SearchIndexFormatException($"The search index has format version {version}; this library reads version {FormatVersion}. Rebuild the index.");
        }

        long length = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        if (length is < 0 or > int.MaxValue - 64)
        {
            throw new SearchIndexFormatException($"The search index is corrupt: its body length {length} is impossible.");
        }

        byte[] body = new byte[length + 4];
        if (stream.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) < body.Length)
        {
            throw new SearchIndexFormatException("The search index is truncated.");
        }

        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan((int)length));
        if (Crc32.Compute(body.AsSpan(0, (int)length)) != expected)
        {
            throw new SearchIndexFormatException("The search index is corrupt: its checksum does not match its contents.");
        }

        try
        {
            return ReadBody(new MemoryStream(body, 0, (int)length, writable: false), posts, options, analyzer);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new SearchIndexFormatException("The search index is corrupt: " + e.Message, e);
        }
    }

    private static PostSearchIndex ReadBody(Stream body, IReadOnlyList<Post> posts, SearchOptions options, ITextAnalyzer analyzer)
    {
        using var reader = new BinaryReader(body, Encoding.UTF8);
        string analyzerName = reader.ReadString();
        if (analyzerName != analyzer.Name)
        {
            throw new SearchIndexFormatException($"The search index was built with the analyzer '{analyzerName}', not '{analyzer.Name}'. Rebuild the index.");
        }

        var byPath = new Dictionary<string, Post>(posts.Count, StringComparer.Ordinal);
        foreach (Post post in posts)
        {
            byPath[post.SourcePath] = post;
        }

        int segmentCount = reader.ReadInt32();
        if (segmentCount is < 0 or > 1_000)
        {
            throw new SearchIndexFormatException($"The search index is corrupt: {segmentCount} segments.");
        }

        var segments = new Segment[segmentCount];
        var deleted = new ulong[]?[segmentCount];
        var attached = new HashSet<string>(StringComparer.Ordinal);
        for (int s = 0; s < segmentCount; s++)
        {
            char[] termChars = ReadArray<char>(reader);
            int[] termStarts = ReadArray<int>(reader);
            char[] surfaceChars = ReadArray<char>(reader);
            int[] surfaceStarts = ReadArray<int>(reader);
            int[] surfaceTerms = ReadArray<int>(reader);
            int[] docFreqs = ReadArray<int>(reader);
            int[] postingStarts = ReadArray<int>(reader);
            int[] maskStarts = ReadArray<int>(reader);
            int[] frequencyStarts = ReadArray<int>(reader);
            byte[] postings = ReadArray<byte>(reader);
            int[] positionStarts = ReadArray<int>(reader);
            byte[] positions = ReadArray<byte>(reader);
            int[] fieldLengths = ReadArray<int>(reader);
            int docCount = reader.ReadInt32();
            int terms = docFreqs.Length;
            if (termStarts.Length != terms + 1 || postingStarts.Length != terms + 1 || positionStarts.Length != terms + 1
                || maskStarts.Length != terms || frequencyStarts.Length != terms
                || postings.Length < 8 || positions.Length < 8
                || surfaceStarts.Length != surfaceTerms.Length + 1 || (surfaceTerms.Length > 0 && surfaceStarts[^1] != surfaceChars.Length)
                || Array.Exists(surfaceTerms, t => (uint)t >= (uint)terms)
                || docCount < 0 || fieldLengths.Length != docCount * SearchFields.Count
                || (terms > 0 && (termStarts[terms] != termChars.Length || postingStarts[terms] != postings.Length - 8 || positionStarts[terms] != positions.Length - 8)))
            {
                throw new SearchIndexFormatException($"The search index is corrupt: segment {s} has inconsistent array lengths.");
            }

            var bits = new ulong[(docCount + 63) / 64];
            var segmentPosts = new Post[docCount];
            for (int d = 0; d < docCount; d++)
            {
                string path = reader.ReadString();
                string hash = reader.ReadString();
                if (byPath.TryGetValue(path, out Post? post) && post.ContentHash == hash && attached.Add(path))
                {
                    segmentPosts[d] = post;
                }
                else
                {
                    // Gone or changed since the index was saved: keep a placeholder, deleted.
                    segmentPosts[d] = Placeholder(path, hash);
                    bits[d >> 6] |= 1UL << d;
                }
            }

            ulong[] saved = ReadArray<ulong>(reader);
            for (int w = 0; w < saved.Length && w < bits.Length; w++)
            {
                bits[w] |= saved[w];
            }

            for (int d = 0; d < docCount; d++)
            {
                if (PostSearchIndex.IsSet(bits, d))
                {
                    attached.Remove(segmentPosts[d].SourcePath);
                }
            }

            segments[s] = new Segment
            {
                Terms = new TermTable(termChars, termStarts),
                Surfaces = new TermTable(surfaceChars, surfaceStarts),
                SurfaceTerms = surfaceTerms,
                DocFreqs = docFreqs,
                PostingStarts = postingStarts,
                MaskStarts = maskStarts,
                FrequencyStarts = frequencyStarts,
                Postings = postings,
                PositionStarts = positionStarts,
                Positions = positions,
                Posts = segmentPosts,
                FieldLengths = fieldLengths,
            };
            if (SegmentCheck.Problem(segments[s]) is { } problem)
            {
                throw new SearchIndexFormatException($"The search index is corrupt: segment {s}, {problem}.");
            }

            segments[s].Complete();
            deleted[s] = ContainsAny(bits) ? bits : null;
        }

        PostSearchIndex index = PostSearchIndex.FromSegments(segments, deleted, options, analyzer);
        return index.Update(posts);
    }

    private static bool ContainsAny(ulong[] bits)
    {
        foreach (ulong word in bits)
        {
            if (word != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static Post Placeholder(string path, string hash) => new()
    {
        SourcePath = path,
        Slug = string.Empty,
        Title = string.Empty,
        Date = DateTimeOffset.MinValue,
        Html = string.Empty,
        PlainText = string.Empty,
        ExcerptHtml = string.Empty,
        ExcerptText = string.Empty,
        ContentHash = hash,
    };

    private static void WriteArray<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static T[] ReadArray<T>(BinaryReader reader)
        where T : unmanaged
    {
        int count = reader.ReadInt32();
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (count < 0 || (long)count * size > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new SearchIndexFormatException($"The search index is corrupt: an array of {count} items does not fit in the data.");
        }

        var values = new T[count];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}

/// <summary>CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320).</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
