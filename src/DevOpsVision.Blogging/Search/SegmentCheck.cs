namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Checks a segment read from a file before any query reads it. The readers of the query path trust the streams (a
/// block holds at most 128 values, documents stay below the segment's count, every posting has a field, positions stay
/// within their field), as they may for segments this library built; a file may have been damaged or crafted and still
/// carry a matching checksum. Every stream is decoded once here; each block's header and extent are checked against
/// its stream's region before the query path's reader decodes it.
/// </summary>
internal static class SegmentCheck
{
    /// <summary>What is wrong with the segment, or null when every stream is whole and consistent.</summary>
    public static string? Problem(Segment segment)
    {
        if (!Offsets(segment.Terms.Starts, segment.Terms.Chars.Length))
        {
            return "its term table's offsets are out of order";
        }

        if (!Offsets(segment.Surfaces.Starts, segment.Surfaces.Chars.Length))
        {
            return "its word table's offsets are out of order";
        }

        foreach (int length in segment.FieldLengths)
        {
            if (length < 0)
            {
                return "a field length is negative";
            }
        }

        var docBlock = new uint[PackedWriter.BlockSize];
        var maskBlock = new uint[PackedWriter.BlockSize];
        var frequencies = new Walker(segment.Postings, new uint[PackedWriter.BlockSize]);
        var positions = new Walker(segment.Positions, new uint[PackedWriter.BlockSize]);
        int docCount = segment.DocCount;
        for (int term = 0; term < segment.TermCount; term++)
        {
            if (Postings(segment, term, docCount, docBlock, maskBlock, ref frequencies, ref positions) is { } problem)
            {
                return $"term {term} ('{Printable(segment.Term(term))}'): {problem}";
            }
        }

        return null;
    }

    // Runs once per load, over every value of the index: compiled optimized at once rather than waiting for tiering.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static string? Postings(Segment segment, int term, int docCount, uint[] docBlock, uint[] maskBlock, ref Walker frequencies, ref Walker positions)
    {
        int df = segment.DocFreqs[term];
        if (df < 1 || df > docCount)
        {
            return $"{df} postings in a segment of {docCount} posts";
        }

        int docsAt = segment.PostingStarts[term], masksAt = segment.MaskStarts[term], frequenciesAt = segment.FrequencyStarts[term];
        int end = segment.PostingStarts[term + 1];
        if (docsAt < 0 || docsAt > masksAt || masksAt > frequenciesAt || frequenciesAt > end
            || segment.PositionStarts[term] < 0 || segment.PositionStarts[term] > segment.PositionStarts[term + 1])
        {
            return "its streams' offsets are out of order";
        }

        var docs = new Walker(segment.Postings, docBlock);
        var masks = new Walker(segment.Postings, maskBlock);
        docs.Start(docsAt, masksAt);
        masks.Start(masksAt, frequenciesAt);
        frequencies.Start(frequenciesAt, end);
        positions.Start(segment.PositionStarts[term], segment.PositionStarts[term + 1]);
        long doc = -1;
        int read = 0;
        while (read < df)
        {
            int count = docs.NextBlock();
            if (count <= 0 || masks.NextBlock() != count || count > df - read)
            {
                return docs.Problem ?? masks.Problem ?? "its document and field-bit blocks do not match its posting count";
            }

            for (int i = 0; i < count; i++)
            {
                doc += 1L + docBlock[i];
                if (doc >= docCount)
                {
                    return $"a posting names post {doc} of {docCount}";
                }

                uint fields = maskBlock[i] ^ SearchFields.BodyMask;
                if (fields == 0 || fields > SearchFields.AllMask)
                {
                    return $"a posting has field bits {fields}";
                }

                for (uint rest = fields; rest != 0; rest &= rest - 1)
                {
                    if (!frequencies.Next(out uint frequency) || frequency >= SearchFields.MaxPosition)
                    {
                        return frequencies.Problem ?? $"a frequency of {frequency + 1L}";
                    }

                    // A field's run: the first position from the field's base, the rest gaps less one, all inside the field.
                    long position = -1;
                    for (long k = 0; k <= frequency; k++)
                    {
                        if (!positions.Next(out uint gap))
                        {
                            return positions.Problem ?? "its positions end early";
                        }

                        position += 1L + gap;
                        if (position >= SearchFields.MaxPosition)
                        {
                            return $"a position of {position} in a field";
                        }
                    }
                }
            }

            read += count;
        }

        if (!docs.BlocksAtEnd || !masks.BlocksAtEnd || !frequencies.AtEnd || !positions.AtEnd)
        {
            return "a stream holds more than its postings";
        }

        return null;
    }

    private static bool Offsets(int[] starts, int length)
    {
        if (starts.Length == 0 || starts[0] < 0)
        {
            return false;
        }

        for (int i = 1; i < starts.Length; i++)
        {
            if (starts[i] < starts[i - 1] || starts[i] > length)
            {
                return false;
            }
        }

        return true;
    }

    private static string Printable(ReadOnlySpan<char> term)
    {
        Span<char> copy = stackalloc char[Math.Min(term.Length, 40)];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = char.IsControl(term[i]) ? '?' : term[i];
        }

        return copy.ToString();
    }

    /// <summary>
    /// Reads a region of blocks as <see cref="PackedWriter"/> wrote them (see <see cref="Segment"/>), refusing any header
    /// the writer never makes and any block that would run past the region.
    /// </summary>
    private struct Walker(byte[] data, uint[] block)
    {
        private readonly byte[] _data = data;
        private readonly uint[] _block = block;
        private int _at;
        private int _end;
        private int _count;
        private int _index;

        /// <summary>Why the last read failed, or null when it ran out of blocks without damage.</summary>
        public string? Problem { get; private set; }

        /// <summary>Whether every value of the region has been read and nothing follows.</summary>
        public readonly bool AtEnd => _at == _end && _index == _count;

        /// <summary>Whether every block of the region has been decoded (for a walker read a block at a time).</summary>
        public readonly bool BlocksAtEnd => _at == _end;

        public void Start(int at, int end)
        {
            (_at, _end, _count, _index, Problem) = (at, Math.Min(end, _data.Length), 0, 0, null);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public bool Next(out uint value)
        {
            if (_index == _count && NextBlock() <= 0)
            {
                value = 0;
                return false;
            }

            value = _block[_index++];
            return true;
        }

        /// <summary>Decodes the next block into the walker's block and returns how many values it holds; 0 at the region's end or on damage.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public int NextBlock()
        {
            _count = _index = 0;
            if (_at >= _end)
            {
                return 0;
            }

            int headerAt = _at;
            int header = _data[_at++];
            int width = header & 0x3F;
            int count = PackedWriter.BlockSize;
            if ((header & 0x80) == 0)
            {
                if (_at >= _end)
                {
                    return Fail("a block ends in its header");
                }

                count = _data[_at++];
                if (count is 0 or >= PackedWriter.BlockSize)
                {
                    return Fail($"a block of {count} values");
                }
            }

            int exceptions = 0, exceptionWidth = 0;
            if ((header & 0x40) != 0)
            {
                if (_end - _at < 2)
                {
                    return Fail("a block ends in its header");
                }

                exceptions = _data[_at++];
                exceptionWidth = _data[_at++];
                if (exceptions == 0 || exceptions > count || exceptionWidth == 0 || width + exceptionWidth > 32)
                {
                    return Fail("a block's exceptions are impossible");
                }
            }

            if (width > 32)
            {
                return Fail($"a block of {width}-bit values");
            }

            long bytes = ((long)count * width + 7) >> 3;
            long exceptionBytes = exceptions == 0 ? 0 : exceptions + (((long)exceptions * exceptionWidth + 7) >> 3);
            if (bytes + exceptionBytes > _end - _at)
            {
                return Fail("a block runs past its stream");
            }

            for (int e = 0; e < exceptions; e++)
            {
                if (_data[_at + (int)bytes + e] >= count)
                {
                    return Fail("a block's exception is outside it");
                }
            }

            // The header and every byte are now known to be as the writer makes them, inside the region: the query
            // path's reader decodes the block (the array's eight bytes of padding cover its wide reads).
            var reader = new PackedReader(_data, headerAt);
            if (reader.ReadBlock(_block) != count || reader.NextBlockStart != _at + bytes + exceptionBytes)
            {
                return Fail("a block does not decode as its header says");
            }

            _at = reader.NextBlockStart;
            _count = count;
            return count;
        }

        private int Fail(string problem)
        {
            Problem = problem;
            _at = _end;
            return 0;
        }
    }
}
