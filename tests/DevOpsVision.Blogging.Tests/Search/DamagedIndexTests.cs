using System.Buffers.Binary;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// An index file whose checksum matches but whose contents are damaged (written by another tool, or crafted) must be
/// refused on load with <see cref="SearchIndexFormatException"/>, or, if it loads, answer every query without an
/// exception from inside the engine.
/// </summary>
public class DamagedIndexTests
{
    private static readonly string[] Queries =
    [
        "collector", "kubernetes operator", "\"semantic conventions\"", "\"open source telemetry data\"", "trac*", "colector",
        "java agent -spring", "title:collector", "tag:collector", "date:2023 demo", "metrics logs traces",
    ];

    [Fact]
    public void DamagedBodies_AreRefusedOrAnswerEveryQuery()
    {
        IReadOnlyList<Post> posts = [.. SearchCorpora.Otel.Take(60)];
        byte[] bytes;
        using (var stream = new MemoryStream())
        {
            PostSearchIndex.Build(posts).Save(stream);
            bytes = stream.ToArray();
        }

        var random = new Random(2026);
        int refused = 0, loaded = 0;
        for (int round = 0; round < 600; round++)
        {
            byte[] damaged = (byte[])bytes.Clone();
            int changes = 1 + random.Next(4);
            for (int c = 0; c < changes; c++)
            {
                // Past the header, before the checksum; some rounds set a byte to a value a field can hardly hold.
                int at = 20 + random.Next(damaged.Length - 24);
                damaged[at] = round % 3 == 0 ? (byte)0xFF : (byte)random.Next(256);
            }

            Reseal(damaged);
            PostSearchIndex index;
            try
            {
                index = PostSearchIndex.Load(new MemoryStream(damaged), posts);
            }
            catch (SearchIndexFormatException)
            {
                refused++;
                continue;
            }

            loaded++;
            foreach (string query in Queries)
            {
                foreach (bool facets in (bool[])[false, true])
                {
                    var request = new SearchRequest(query) { IncludeFacets = facets, IncludeSnippets = facets };
                    try
                    {
                        index.Search(request);
                    }
                    catch (Exception e)
                    {
                        Assert.Fail($"round {round}: '{query}' (facets {facets}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                    }
                }
            }
        }

        Assert.True(refused > 50 && loaded > 50, $"{refused} refused, {loaded} loaded");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SegmentsThisLibraryBuilds_PassTheCheck(int parts)
    {
        // Whole, and built in ranges and joined (whose streams have short blocks in the middle).
        List<Post> posts = [.. SearchCorpora.EighteenF, .. SearchCorpora.Otel];
        Assert.Null(SegmentCheck.Problem(SegmentBuilder.Build(posts, EnglishTextAnalyzer.Default, parts)));
    }

    [Fact]
    public void EachKindOfDamage_IsNamed()
    {
        static Segment Built() => SegmentBuilder.Build([.. SearchCorpora.Otel.Take(40)], EnglishTextAnalyzer.Default, parts: 1);

        Segment segment = Built();
        int term = segment.Find("collector");
        Assert.True(term >= 0);

        // A documents block of 200 values: its header says the count is in the next byte.
        byte[] postings = (byte[])segment.Postings.Clone();
        postings[segment.PostingStarts[term]] = 5;
        postings[segment.PostingStarts[term] + 1] = 200;
        Assert.Contains("a block of 200 values", Damaged(segment, postings: postings), StringComparison.Ordinal);

        // More postings than the segment has posts.
        int[] docFreqs = (int[])segment.DocFreqs.Clone();
        docFreqs[term] = segment.DocCount + 1;
        Assert.Contains($"{segment.DocCount + 1} postings in a segment of {segment.DocCount} posts", Damaged(segment, docFreqs: docFreqs), StringComparison.Ordinal);

        // A term's streams overlapping the next term's.
        int[] maskStarts = (int[])segment.MaskStarts.Clone();
        maskStarts[term] = segment.PostingStarts[term + 1] + 1;
        Assert.Contains("offsets are out of order", Damaged(segment, maskStarts: maskStarts), StringComparison.Ordinal);

        // A position stream cut short: the term's positions end inside its last posting.
        int[] positionStarts = (int[])segment.PositionStarts.Clone();
        positionStarts[term + 1] = positionStarts[term] + 1;
        Assert.NotNull(Damaged(segment, positionStarts: positionStarts));

        int[] lengths = (int[])segment.FieldLengths.Clone();
        lengths[3] = -1;
        Assert.Contains("field length is negative", Damaged(segment, fieldLengths: lengths), StringComparison.Ordinal);

        Assert.Contains("'collector'", Damaged(segment, docFreqs: docFreqs), StringComparison.Ordinal);
    }

    [Fact]
    public void PostingsThatBreakTheQueryPathsAssumptions_AreNamed()
    {
        // One term in three posts, its streams written as the builder writes them: first as it would, then damaged.
        Assert.Null(SegmentCheck.Problem(OneTerm(gaps: [0, 1], masks: [0, 0], frequencies: [0, 1], positions: [4, 2, 0], docCount: 3)));
        Assert.Contains("names post 5 of 3", SegmentCheck.Problem(OneTerm([0, 4], [0, 0], [0, 1], [4, 2, 0], 3)), StringComparison.Ordinal);
        Assert.Contains("field bits 0", SegmentCheck.Problem(OneTerm([0, 1], [0, SearchFields.BodyMask], [0, 1], [4, 2, 0], 3)), StringComparison.Ordinal);
        Assert.Contains("field bits 48", SegmentCheck.Problem(OneTerm([0, 1], [0, 32], [0, 1], [4, 2, 0], 3)), StringComparison.Ordinal);
        Assert.Contains("a position of", SegmentCheck.Problem(OneTerm([0, 1], [0, 0], [0, 1], [4, SearchFields.MaxPosition, 0], 3)), StringComparison.Ordinal);
        Assert.Contains("positions end early", SegmentCheck.Problem(OneTerm([0, 1], [0, 0], [0, 1], [4, 2], 3)), StringComparison.Ordinal);
        Assert.Contains("more than its postings", SegmentCheck.Problem(OneTerm([0, 1], [0, 0], [0, 1], [4, 2, 0, 7], 3)), StringComparison.Ordinal);
        Assert.Contains("frequency", SegmentCheck.Problem(OneTerm([0, 1], [0, 0], [0, SearchFields.MaxPosition], [4, 2, 0], 3)), StringComparison.Ordinal);
    }

    private static Segment OneTerm(uint[] gaps, uint[] masks, uint[] frequencies, uint[] positions, int docCount)
    {
        var pool = new PackedPool();
        byte[] Stream(uint[] values, PackedWriter writer)
        {
            foreach (uint value in values)
            {
                writer.Add(value, pool);
            }

            writer.Finish(pool);
            var bytes = new byte[writer.Length];
            writer.CopyTo(bytes, 0, pool);
            return bytes;
        }

        byte[] docs = Stream(gaps, new PackedWriter()), fields = Stream(masks, new PackedWriter()), counts = Stream(frequencies, new PackedWriter());
        byte[] places = Stream(positions, PackedWriter.WithoutExceptions());
        byte[] postings = [.. docs, .. fields, .. counts, .. new byte[8]];
        return new Segment
        {
            Terms = TermTable.From(["x"]),
            Surfaces = TermTable.From(["x"]),
            SurfaceTerms = [0],
            DocFreqs = [gaps.Length],
            PostingStarts = [0, docs.Length + fields.Length + counts.Length],
            MaskStarts = [docs.Length],
            FrequencyStarts = [docs.Length + fields.Length],
            Postings = postings,
            PositionStarts = [0, places.Length],
            Positions = [.. places, .. new byte[8]],
            Posts = [.. SearchCorpora.Otel.Take(docCount)],
            FieldLengths = new int[docCount * SearchFields.Count],
        };
    }

    private static string? Damaged(Segment segment, byte[]? postings = null, int[]? docFreqs = null, int[]? maskStarts = null, int[]? positionStarts = null, int[]? fieldLengths = null) =>
        SegmentCheck.Problem(new Segment
        {
            Terms = segment.Terms,
            Surfaces = segment.Surfaces,
            SurfaceTerms = segment.SurfaceTerms,
            DocFreqs = docFreqs ?? segment.DocFreqs,
            PostingStarts = segment.PostingStarts,
            MaskStarts = maskStarts ?? segment.MaskStarts,
            FrequencyStarts = segment.FrequencyStarts,
            Postings = postings ?? segment.Postings,
            PositionStarts = positionStarts ?? segment.PositionStarts,
            Positions = segment.Positions,
            Posts = segment.Posts,
            FieldLengths = fieldLengths ?? segment.FieldLengths,
        });

    /// <summary>Writes the CRC-32 of the damaged body where the file keeps it, as a tool that rewrote the file would.</summary>
    private static void Reseal(byte[] file)
    {
        int length = (int)BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20 + length), Crc32.Compute(file.AsSpan(20, length)));
    }
}
