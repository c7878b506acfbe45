using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

public class PostingReaderTests
{
    /// <summary>
    /// The block reader the scoring loop uses must see exactly what the posting cursor sees: every document, its fields
    /// and their frequencies (and where each posting's first frequency is), for every term, including the long lists
    /// whose frequency blocks straddle posting blocks.
    /// </summary>
    [Theory]
    [InlineData("18f")]
    [InlineData("otel")]
    public void BlockReader_ReadsEveryPostingAsTheCursorDoes(string corpus)
    {
        PostSearchIndex index = SearchCorpora.Index(corpus);
        var docs = new uint[128];
        var masks = new uint[128];
        var frequencies = new uint[PostingBlockReader.MaxFrequencies + 128];
        var offsets = new int[128];
        int multiBlockTerms = 0;
        foreach (Segment segment in index.Segments)
        {
            for (int term = 0; term < segment.TermCount; term++)
            {
                var cursor = new PostingCursor(segment, term);
                var reader = new PostingBlockReader(segment, term);
                int postings = 0, blocks = 0, count;
                while ((count = reader.Next(docs, masks, frequencies, offsets)) > 0)
                {
                    blocks++;
                    int at = 0;
                    for (int i = 0; i < count; i++)
                    {
                        Assert.True(cursor.MoveNext());
                        Assert.Equal(cursor.Doc, (int)docs[i]);
                        Assert.Equal(cursor.FieldMask, (int)masks[i]);
                        Assert.Equal(at, offsets[i]);
                        for (int field = 0; field < SearchFields.Count; field++)
                        {
                            int expected = cursor.Tf(field);
                            Assert.Equal(expected, (masks[i] & (1u << field)) != 0 ? (int)frequencies[at++] : 0);
                        }

                        postings++;
                    }
                }

                Assert.False(cursor.MoveNext());
                Assert.Equal(segment.DocFreqs[term], postings);
                multiBlockTerms += blocks > 1 ? 1 : 0;
            }
        }

        Assert.True(multiBlockTerms > 10, $"only {multiBlockTerms} terms span several blocks");
    }
}

public class SegmentJoinTests
{
    /// <summary>
    /// A large index is built in ranges on every core and joined: the result must be the segment one builder makes of
    /// all the posts, with every posting, frequency and position of every term where that builder would put it.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void SegmentBuiltInRangesAndJoined_EqualsOneBuilt_PostingByPosting(int parts)
    {
        List<Post> posts = [.. SearchCorpora.EighteenF, .. SearchCorpora.Otel];
        Segment one = SegmentBuilder.Build(posts, EnglishTextAnalyzer.Default, parts: 1);
        Segment joined = SegmentBuilder.Build(posts, EnglishTextAnalyzer.Default, parts);

        Assert.Equal(one.TermCount, joined.TermCount);
        Assert.Equal(one.Terms.Chars, joined.Terms.Chars);
        Assert.Equal(one.Terms.Starts, joined.Terms.Starts);
        Assert.Equal(one.DocFreqs, joined.DocFreqs);
        Assert.Equal(one.Surfaces.Chars, joined.Surfaces.Chars);
        Assert.Equal(one.SurfaceTerms, joined.SurfaceTerms);
        Assert.Equal(one.FieldLengths, joined.FieldLengths);
        Assert.Equal(one.Posts, joined.Posts);
        Assert.Equal(one.Dates, joined.Dates);
        Assert.Equal(one.DocTagIds, joined.DocTagIds);
        int[] expected = new int[4096], actual = new int[4096];
        for (int term = 0; term < one.TermCount; term++)
        {
            var a = new PostingCursor(one, term);
            var b = new PostingCursor(joined, term);
            while (a.MoveNext())
            {
                Assert.True(b.MoveNext());
                Assert.Equal(a.Doc, b.Doc);
                Assert.Equal(a.FieldMask, b.FieldMask);
                Assert.Equal(a.TotalTf, b.TotalTf);
                if (a.TotalTf > expected.Length)
                {
                    expected = new int[a.TotalTf];
                    actual = new int[a.TotalTf];
                }

                int n = a.ReadPositions(expected);
                Assert.Equal(n, b.ReadPositions(actual));
                Assert.True(expected.AsSpan(0, n).SequenceEqual(actual.AsSpan(0, n)), $"positions of {one.Term(term)} in {a.Doc}");
            }

            Assert.False(b.MoveNext());
        }
    }

    [Fact]
    public void IndexBuiltInRanges_AnswersAsOneBuiltOnOneThread()
    {
        List<Post> posts = [.. SearchCorpora.Otel];
        PostSearchIndex one = PostSearchIndex.FromSegments([SegmentBuilder.Build(posts, EnglishTextAnalyzer.Default, parts: 1)], [null], new SearchOptions(), EnglishTextAnalyzer.Default);
        PostSearchIndex joined = PostSearchIndex.FromSegments([SegmentBuilder.Build(posts, EnglishTextAnalyzer.Default, parts: 4)], [null], new SearchOptions(), EnglishTextAnalyzer.Default);
        foreach (string query in (string[])["collector", "\"semantic conventions\"", "trac*", "kubernets", "java agent -spring", "tag:collector"])
        {
            var request = new SearchRequest(query) { PageSize = 20 };
            SearchResults expected = one.Search(request), actual = joined.Search(request);
            Assert.Equal(expected.TotalCount, actual.TotalCount);
            Assert.Equal(expected.Hits.Select(h => (h.Post.Slug, h.Score, h.Snippet)), actual.Hits.Select(h => (h.Post.Slug, h.Score, h.Snippet)));
        }
    }
}
