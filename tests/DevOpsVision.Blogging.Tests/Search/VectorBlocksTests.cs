using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// The vector steps of block decoding must give what the plain loops give, for any values: stored data may be damaged,
/// so field bits may have any bits set and document gaps may overflow, and a block may end in a partial group.
/// </summary>
public class VectorBlocksTests
{
    [Fact]
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
