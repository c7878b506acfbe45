using System.Buffers;
using System.Globalization;
using System.Text.Json;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Writes the compact JSON index read by <c>search-client.js</c>: <c>{"format", "analyzer", "fields", "weights",
/// "k1", "b", "avg", "docs": [[slug, title, date, excerpt]], "lengths": [per doc, per field],
/// "terms": {term: [docDelta, fieldBits, tf per present field, ...]}}</c>. Live posts only, numbered in source-path order.
/// </summary>
internal static class JsonExport
{
    public const int Format = 1;

    private static readonly Lazy<string> Script = new(() =>
    {
        using Stream stream = typeof(JsonExport).Assembly.GetManifestResourceStream("DevOpsVision.Blogging.Search.search-client.js")
            ?? throw new InvalidOperationException("The embedded search client is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string ClientScript => Script.Value;

    public static void Write(PostSearchIndex index, Stream stream)
    {
        SearchOptions o = index.Options;
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteNumber("format", Format);
        json.WriteString("analyzer", index.Analyzer.Name);
        json.WriteStartArray("fields");
        foreach (string name in SearchFields.Names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteStartArray("weights");
        foreach (double weight in (double[])[o.TitleWeight, o.ExcerptWeight, o.TagWeight, o.CategoryWeight, o.BodyWeight])
        {
            json.WriteNumberValue(weight);
        }

        json.WriteEndArray();
        json.WriteNumber("k1", o.K1);
        json.WriteNumber("b", o.B);
        json.WriteStartArray("avg");
        for (int f = 0; f < SearchFields.Count; f++)
        {
            json.WriteNumberValue(Math.Round((double)index.LengthSums[f] / Math.Max(1, index.Count), 3));
        }

        json.WriteEndArray();

        // Live documents in source-path order, so the file depends on the posts alone and not on how the index
        // grew: an index updated segment by segment exports the same bytes as one built from scratch.
        var live = new List<(int Segment, int Doc, Post Post)>(index.Count);
        for (int s = 0; s < index.Segments.Length; s++)
        {
            Segment segment = index.Segments[s];
            for (int d = 0; d < segment.DocCount; d++)
            {
                if (index.IsLive(s, d))
                {
                    live.Add((s, d, segment.Posts[d]));
                }
            }
        }

        live.Sort(static (x, y) => string.CompareOrdinal(x.Post.SourcePath, y.Post.SourcePath));
        var newId = new int[index.TotalDocs];
        Array.Fill(newId, -1);
        for (int i = 0; i < live.Count; i++)
        {
            newId[index.Bases[live[i].Segment] + live[i].Doc] = i;
        }

        json.WriteStartArray("docs");
        foreach ((_, _, Post post) in live)
        {
            json.WriteStartArray();
            json.WriteStringValue(post.Slug);
            json.WriteStringValue(post.Title);
            json.WriteStringValue(post.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStringValue(post.ExcerptText.Length > 300 ? post.ExcerptText[..300] + "…" : post.ExcerptText);
            json.WriteEndArray();
        }

        json.WriteEndArray();

        // Millions of small numbers: formatted into one buffer per array and written raw, since the writer's
        // per-value bookkeeping would cost more than the formatting.
        var numbers = new NumberArray();
        foreach ((int s, int d, _) in live)
        {
            for (int f = 0; f < SearchFields.Count; f++)
            {
                numbers.Add(index.Segments[s].FieldLength(d, f));
            }
        }

        json.WritePropertyName("lengths");
        json.WriteRawValue(numbers.Finish(), skipInputValidation: true);

        // Terms merged across the segments' sorted tables in ordinal order, then written in ranges on every core: the
        // terms are most of the file, and each range's JSON is joined in order, so the bytes do not depend on the split.
        var terms = new List<(string Term, (int Segment, int Id)[] Parts)>();
        var parts = new List<(int Segment, int Id)>();
        var next = new int[index.Segments.Length];
        while (NextTerm(index.Segments, next, parts) is { } term)
        {
            terms.Add((term, [.. parts]));
        }

        int ranges = terms.Count < 2_000 ? 1 : Math.Min(Environment.ProcessorCount * 2, 16);
        var chunks = new ArrayBufferWriter<byte>[ranges];
        Parallel.For(0, ranges, range =>
        {
            int from = (int)((long)terms.Count * range / ranges), to = (int)((long)terms.Count * (range + 1) / ranges);
            chunks[range] = WriteTerms(index, newId, terms, from, to);
        });

        json.WritePropertyName("terms");
        json.WriteRawValue(JoinObjects(chunks), skipInputValidation: true);
        json.WriteEndObject();
    }

    /// <summary>Writes terms [from, to) as one JSON object.</summary>
    private static ArrayBufferWriter<byte> WriteTerms(PostSearchIndex index, int[] newId, List<(string Term, (int Segment, int Id)[] Parts)> terms, int from, int to)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        var numbers = new NumberArray();
        var postings = new List<(int Doc, int Start, int Count)>();
        var data = new List<int>();
        var docs = new uint[PackedWriter.BlockSize];
        var masks = new uint[PackedWriter.BlockSize];
        var frequencies = new uint[PostingBlockReader.MaxFrequencies + PackedWriter.BlockSize];
        var offsets = new int[PackedWriter.BlockSize];
        for (int t = from; t < to; t++)
        {
            (string term, (int Segment, int Id)[] parts) = terms[t];

            // A term's postings in the new numbering: field bits and term frequencies per document, then by document.
            postings.Clear();
            data.Clear();
            foreach ((int s, int id) in parts)
            {
                var reader = new PostingBlockReader(index.Segments[s], id);
                int docBase = index.Bases[s];
                int count;
                while ((count = reader.Next(docs, masks, frequencies, offsets)) > 0)
                {
                    int at = 0;
                    for (int i = 0; i < count; i++)
                    {
                        int mask = (int)masks[i];
                        int fields = System.Numerics.BitOperations.PopCount((uint)mask);
                        int doc = newId[docBase + (int)docs[i]];
                        if (doc >= 0)
                        {
                            int start = data.Count;
                            data.Add(mask);
                            for (int f = 0; f < fields; f++)
                            {
                                data.Add((int)frequencies[at + f]);
                            }

                            postings.Add((doc, start, data.Count - start));
                        }

                        at += fields;
                    }
                }
            }

            if (postings.Count == 0)
            {
                continue;
            }

            if (!InDocumentOrder(postings))
            {
                postings.Sort(static (x, y) => x.Doc.CompareTo(y.Doc));
            }

            int last = -1;
            foreach ((int doc, int start, int count) in postings)
            {
                numbers.Add(doc - last);
                last = doc;
                for (int i = 0; i < count; i++)
                {
                    numbers.Add(data[start + i]);
                }
            }

            json.WritePropertyName(term);
            json.WriteRawValue(numbers.Finish(), skipInputValidation: true);
        }

        json.WriteEndObject();
        json.Flush();
        return buffer;
    }

    /// <summary>Joins JSON objects into one: their members in order, the empty ones left out.</summary>
    private static ReadOnlySpan<byte> JoinObjects(ArrayBufferWriter<byte>[] objects)
    {
        int length = 2;
        foreach (ArrayBufferWriter<byte> o in objects)
        {
            length += o.WrittenCount - 1;
        }

        var joined = new byte[length];
        joined[0] = (byte)'{';
        int at = 1;
        foreach (ArrayBufferWriter<byte> o in objects)
        {
            ReadOnlySpan<byte> members = o.WrittenSpan[1..^1];
            if (members.IsEmpty)
            {
                continue;
            }

            if (at > 1)
            {
                joined[at++] = (byte)',';
            }

            members.CopyTo(joined.AsSpan(at));
            at += members.Length;
        }

        joined[at++] = (byte)'}';
        return joined.AsSpan(0, at);
    }

    /// <summary>The next term in ordinal order over all segments, with the segments and ids that hold it; null at the end.</summary>
    private static string? NextTerm(Segment[] segments, int[] next, List<(int Segment, int Id)> parts)
    {
        parts.Clear();
        ReadOnlySpan<char> smallest = default;
        bool any = false;
        for (int s = 0; s < segments.Length; s++)
        {
            if (next[s] >= segments[s].TermCount)
            {
                continue;
            }

            ReadOnlySpan<char> term = segments[s].Term(next[s]);
            int order = any ? term.SequenceCompareTo(smallest) : -1;
            if (order < 0)
            {
                parts.Clear();
                smallest = term;
                any = true;
            }

            if (order <= 0)
            {
                parts.Add((s, next[s]));
            }
        }

        if (!any)
        {
            return null;
        }

        foreach ((int s, _) in parts)
        {
            next[s]++;
        }

        return smallest.ToString();
    }

    /// <summary>A JSON array of integers, formatted straight to UTF-8 and reused from one array to the next.</summary>
    private sealed class NumberArray
    {
        private byte[] _buffer = new byte[4096];
        private int _length = 1;

        public NumberArray() => _buffer[0] = (byte)'[';

        public void Add(int value)
        {
            if (_buffer.Length - _length < 12)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            if (_length > 1)
            {
                _buffer[_length++] = (byte)',';
            }

            value.TryFormat(_buffer.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture);
            _length += written;
        }

        /// <summary>The array so far, closed; the next <see cref="Add"/> starts a new one.</summary>
        public ReadOnlySpan<byte> Finish()
        {
            if (_buffer.Length == _length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            _buffer[_length++] = (byte)']';
            int length = _length;
            _length = 1;
            return _buffer.AsSpan(0, length);
        }
    }

    private static bool InDocumentOrder(List<(int Doc, int Start, int Count)> postings)
    {
        for (int i = 1; i < postings.Count; i++)
        {
            if (postings[i].Doc < postings[i - 1].Doc)
            {
                return false;
            }
        }

        return true;
    }
}
