using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// The vector steps of block decoding must give what the plain loops give, for any values: stored data may be damaged,
/// so field bits may have any bits set and document gaps may overflow, and a block may end in a partial group.
/// </summary>
public class VectorBlocksTests
{
    /// <summary>A fact that runs where the machine decodes with vectors, and is reported skipped elsewhere.</summary>
    public sealed class VectorFactAttribute : FactAttribute
    {
        public VectorFactAttribute()
        {
            if (!VectorBlocks.IsSupported)
            {
                Skip = "This machine has no AVX2: blocks are decoded by the plain loops, which the stream tests cover.";
            }
        }
    }

    [VectorFact]
    public void Unpack_ReadsOnlyInsideTheArray_AndGivesEveryValue()
    {
        // Every width, every start near an array's end, several counts: the vector loop must stop before a sixteen-byte
        // read would pass the end (the exact number of groups pins the bound down), and give the values a bit-by-bit
        // reading gives.
        var random = new Random(24);
        var target = new uint[PackedWriter.BlockSize + 8];
        for (int width = 1; width <= VectorBlocks.MaxWidth; width++)
        {
            int half = (4 * width) >> 3;
            foreach (int length in (int[])[16, 17, 40, 100, 200, 400])
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                for (int start = 0; start < length; start += 1 + (start % 7))
                {
                    foreach (int count in (int[])[0, 7, 8, 9, 16, 64, 127, 128])
                    {
                        Array.Fill(target, 0xDEADBEEFu);
                        int done = VectorBlocks.Unpack8(ref data[0], length, (long)start * 8, width, ref target[0], count);

                        int groups = 0;
                        while ((groups + 1) * 8 <= count && start + (groups * width) + half + 16 <= length)
                        {
                            groups++;
                        }

                        Assert.Equal(groups * 8, done);
                        for (int i = 0; i < done; i++)
                        {
                            Assert.True(Reference(data, ((long)start * 8) + ((long)i * width), width) == target[i], $"width {width}, start {start}, value {i}");
                        }

                        Assert.Equal(0xDEADBEEFu, target[done]);
                    }
                }
            }
        }
    }

    private static uint Reference(byte[] data, long bit, int width)
    {
        uint value = 0;
        for (int b = 0; b < width; b++, bit++)
        {
            value |= (uint)((data[bit >> 3] >> (int)(bit & 7)) & 1) << b;
        }

        return value;
    }

    [VectorFact]
    public void PostingsStep_GivesWhatThePlainLoopGives_ForAnyValues()
    {
        var random = new Random(128);
        for (int round = 0; round < 2_000; round++)
        {
            int count = random.Next(0, PackedWriter.BlockSize + 1);
            var gaps = new uint[PackedWriter.BlockSize];
            var stored = new uint[PackedWriter.BlockSize];
            for (int i = 0; i < count; i++)
            {
                gaps[i] = (round % 4) switch
                {
                    0 => (uint)random.Next(8),
                    1 => (uint)random.Next(1 << 20),
                    2 => (uint)random.NextInt64(0, 1L << 32),
                    _ => random.Next(10) == 0 ? uint.MaxValue : 0,
                };
                stored[i] = (round % 3) switch
                {
                    0 => 0,
                    1 => (uint)random.Next(32),
                    _ => (uint)random.NextInt64(0, 1L << 32),
                };
            }

            int start = round % 5 == 0 ? int.MaxValue - random.Next(1000) : random.Next(-1, 100_000);

            // The plain loop, as the block reader ran it before vectors.
            var expectedDocs = (uint[])gaps.Clone();
            var expectedMasks = (uint[])stored.Clone();
            var expectedOffsets = new int[PackedWriter.BlockSize];
            int doc = start, wanted = 0;
            for (int i = 0; i < count; i++)
            {
                doc += 1 + (int)expectedDocs[i];
                expectedDocs[i] = (uint)doc;
                uint mask = expectedMasks[i] ^ SearchFields.BodyMask;
                expectedMasks[i] = mask;
                expectedOffsets[i] = wanted;
                wanted += System.Numerics.BitOperations.PopCount(mask);
            }

            var docs = (uint[])gaps.Clone();
            var masks = (uint[])stored.Clone();
            var offsets = new int[PackedWriter.BlockSize];
            int vectorDoc = start, vectorWanted = 0;
            int done = VectorBlocks.Postings(docs, masks, offsets, count, ref vectorDoc, ref vectorWanted);
            Assert.Equal(VectorBlocks.IsSupported ? count - (count % 8) : 0, done);
            for (int i = done; i < count; i++)
            {
                vectorDoc += 1 + (int)docs[i];
                docs[i] = (uint)vectorDoc;
                masks[i] ^= SearchFields.BodyMask;
                offsets[i] = vectorWanted;
                vectorWanted += System.Numerics.BitOperations.PopCount(masks[i]);
            }

            Assert.Equal(expectedDocs, docs);
            Assert.Equal(expectedMasks, masks);
            Assert.Equal(expectedOffsets, offsets);
            Assert.Equal(doc, vectorDoc);
            Assert.Equal(wanted, vectorWanted);
        }
    }
}
