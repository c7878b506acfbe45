using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// The bit-packed streams every posting and position is stored in: whatever the values, a stream must read back
/// exactly as written, and a block with a few large values among small ones must not be packed at the large width.
/// </summary>
public class PackedStreamTests
{
    public static TheoryData<string, int> Streams()
    {
        var data = new TheoryData<string, int>();
        foreach (string shape in (string[])["zeros", "rare-outliers", "small-and-huge", "uniform-12-bits", "full-32-bits", "one-per-block", "every-width"])
        {
            foreach (int length in (int[])[1, 5, 127, 128, 129, 256, 1_000])
            {
                data.Add(shape, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Stream_ReadsBackAsWritten_BlockByBlock(string shape, int length)
    {
        uint[] values = Values(shape, length, seed: length);
        byte[] stream = Write(values, new PackedWriter());
        var reader = new PackedReader(stream, 0);
        var block = new uint[PackedWriter.BlockSize];
        int read = 0;
        while (read < values.Length)
        {
            int count = reader.ReadBlock(block);
            Assert.Equal(Math.Min(PackedWriter.BlockSize, values.Length - read), count);
            Assert.Equal(values.AsSpan(read, count).ToArray(), block.AsSpan(0, count).ToArray());
            read += count;
        }

        Assert.Equal(stream.Length - 8, reader.NextBlockStart);
    }

    [Fact]
    public void BlocksOfEveryWidth_ReadBackAsWritten_WholeBlocksAndTails()
    {
        // Each width from 1 to 32 bits, four full blocks and a short one: whole blocks are unpacked eight values at a
        // time where the machine allows, and the values near the stream's end (whose wide reads would leave the array)
        // one at a time; both must give back every value, whatever its bits.
        var random = new Random(32);
        for (int width = 1; width <= 32; width++)
        {
            uint top = width == 32 ? uint.MaxValue : (1u << width) - 1;
            var values = new uint[(4 * PackedWriter.BlockSize) + 37];
            for (int i = 0; i < values.Length; i++)
            {
                // Every block, the short last one too, holds its width's largest value, so it is packed at that width.
                values[i] = i % 61 == 0 || i % PackedWriter.BlockSize == 0 ? top : (uint)random.NextInt64(0, (long)top + 1);
            }

            byte[] stream = Write(values, PackedWriter.WithoutExceptions());
            var reader = new PackedReader(stream, 0);
            var block = new uint[PackedWriter.BlockSize];
            int read = 0;
            while (read < values.Length)
            {
                int count = reader.ReadBlock(block);
                for (int i = 0; i < count; i++)
                {
                    Assert.True(values[read + i] == block[i], $"width {width}, value {read + i}: wrote {values[read + i]}, read {block[i]}");
                }

                read += count;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void StreamWithoutExceptions_ReadsBackAsWritten_ValueByValue_AndSkipping(string shape, int length)
    {
        uint[] values = Values(shape, length, seed: length + 1);
        byte[] stream = Write(values, PackedWriter.WithoutExceptions());
        var reader = new PackedReader(stream, 0);
        foreach (uint value in values)
        {
            Assert.Equal(value, reader.Next());
        }

        // Skipping runs that start and end inside blocks and across them lands on the right value.
        var skipping = new PackedReader(stream, 0);
        int at = 0;
        for (int step = 1; at < values.Length; step = (step * 7 % 200) + 1)
        {
            Assert.Equal(values[at], skipping.Next());
            int skip = Math.Min(step, values.Length - at - 1);
            skipping.Skip(skip);
            at += skip + 1;
        }
    }

    [Fact]
    public void Block_WithOneLargeValue_KeepsItAsAnException_NotAtItsWidth()
    {
        // 128 body-only postings' field bits and one title word: 0 everywhere but one 5-bit value.
        var values = new uint[PackedWriter.BlockSize];
        values[77] = 0b10001;
        byte[] patched = Write(values, new PackedWriter());
        byte[] plain = Write(values, PackedWriter.WithoutExceptions());
        Assert.Equal(1 + (128 * 5 / 8), plain.Length - 8);
        Assert.True(patched.Length - 8 <= 5, $"{patched.Length - 8} bytes");

        // Doc gaps of 1–3 with one gap of 100,000: 2 bits each and one exception, not 17 bits each.
        var random = new Random(7);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (uint)random.Next(4);
        }

        values[3] = 100_000;
        byte[] gaps = Write(values, new PackedWriter());
        Assert.True(gaps.Length - 8 < 40, $"{gaps.Length - 8} bytes");
        var reader = new PackedReader(gaps, 0);
        var block = new uint[PackedWriter.BlockSize];
        Assert.Equal(PackedWriter.BlockSize, reader.ReadBlock(block));
        Assert.Equal(values, block);
    }

    [Fact]
    public void Block_OfEvenWidths_IsPackedAtItsLargestWidth_WhenExceptionsWouldCostMore()
    {
        // Every value 9 or 10 bits wide: exceptions would cost more than the one bit they save.
        var random = new Random(3);
        var values = new uint[PackedWriter.BlockSize];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (uint)random.Next(256, 1024);
        }

        Assert.Equal(Write(values, PackedWriter.WithoutExceptions()).Length, Write(values, new PackedWriter()).Length);
    }

    [Fact]
    public void ManyWritersSharingAPool_EachReadsBackAsWritten()
    {
        // A build's writers take turns: their pending values and short streams share the pool's chunks,
        // 2,000 writers of up to 700 values fill several chunks of each kind.
        var random = new Random(2026);
        var pool = new PackedPool();
        const int writerCount = 2_000;
        var writers = new PackedWriter[writerCount];
        var written = new List<uint>[writerCount];
        for (int w = 0; w < writerCount; w++)
        {
            writers[w] = w % 3 == 0 ? PackedWriter.WithoutExceptions() : new PackedWriter();
            written[w] = [];
        }

        var targets = new int[writerCount];
        for (int w = 0; w < writerCount; w++)
        {
            targets[w] = random.Next(4) == 0 ? random.Next(129, 700) : random.Next(1, 129);
        }

        for (int round = 0; round < 700; round++)
        {
            for (int w = 0; w < writerCount; w++)
            {
                if (written[w].Count < targets[w])
                {
                    uint value = random.Next(10) == 0 ? (uint)random.NextInt64(0, 1L << 32) : (uint)random.Next(16);
                    writers[w].Add(value, pool);
                    written[w].Add(value);
                }
            }
        }

        for (int w = 0; w < writerCount; w++)
        {
            writers[w].Finish(pool);
        }

        for (int w = 0; w < writerCount; w++)
        {
            var stream = new byte[writers[w].Length + 8];
            writers[w].CopyTo(stream, 0, pool);
            var reader = new PackedReader(stream, 0);
            var block = new uint[PackedWriter.BlockSize];
            var read = new List<uint>();
            while (read.Count < written[w].Count)
            {
                read.AddRange(block.AsSpan(0, reader.ReadBlock(block)).ToArray());
            }

            Assert.Equal(written[w], read);
            Assert.Equal(stream.Length - 8, reader.NextBlockStart);
        }
    }

    private static byte[] Write(uint[] values, PackedWriter writer)
    {
        var pool = new PackedPool();
        foreach (uint value in values)
        {
            writer.Add(value, pool);
        }

        writer.Finish(pool);
        var stream = new byte[writer.Length + 8];
        writer.CopyTo(stream, 0, pool);
        return stream;
    }

    private static uint[] Values(string shape, int length, int seed)
    {
        var random = new Random(seed);
        var values = new uint[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = shape switch
            {
                "zeros" => 0,
                "rare-outliers" => random.Next(50) == 0 ? (uint)random.Next(1, 32) : 0,
                "small-and-huge" => random.Next(20) == 0 ? uint.MaxValue - (uint)random.Next(1000) : (uint)random.Next(8),
                "uniform-12-bits" => (uint)random.Next(4096),
                "full-32-bits" => (uint)random.NextInt64(0, 1L << 32),
                "one-per-block" => i % PackedWriter.BlockSize == 64 ? (uint)random.NextInt64(1, 1L << 32) : (uint)random.Next(2),
                "every-width" => (uint)(random.NextInt64(0, 1L << 32) >> (i % 33)),
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            };
        }

        return values;
    }
}
