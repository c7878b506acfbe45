using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

public class PostingReaderTests
{
    /// <summary>
    /// The block reader the scoring loop uses must see exactly what the posting cursor sees: every document, its fields
    /// and their frequencies, for every term, including the long lists whose frequency blocks straddle posting blocks.
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
        int multiBlockTerms = 0;
        foreach (Segment segment in index.Segments)
        {
            for (int term = 0; term < segment.TermCount; term++)
            {
                var cursor = new PostingCursor(segment, term);
                var reader = new PostingBlockReader(segment, term);
                int postings = 0, blocks = 0, count;
                while ((count = reader.Next(docs, masks, frequencies)) > 0)
                {
                    blocks++;
                    int at = 0;
                    for (int i = 0; i < count; i++)
                    {
                        Assert.True(cursor.MoveNext());
                        Assert.Equal(cursor.Doc, (int)docs[i]);
                        Assert.Equal(cursor.FieldMask, (int)masks[i]);
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
