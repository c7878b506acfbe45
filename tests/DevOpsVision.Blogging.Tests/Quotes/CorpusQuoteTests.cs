using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Tests.Quotes;

/// <summary>Every post of both corpora goes through quote extraction without it failing.</summary>
public class CorpusQuoteTests
{
    [Theory]
    [InlineData("18f-blog")]
    [InlineData("otel-blog")]
    public void ExtractionNeverFailsOnTheCorpus(string corpus)
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        int posts = 0;
        int quotes = 0;
        foreach (string path in Directory.GetFiles(TestPaths.Corpus(corpus), "*.md", SearchOption.AllDirectories))
        {
            PostParseResult result = parser.Parse(PostFile.FromText(Path.GetFileName(path), File.ReadAllText(path)));
            Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.QuoteExtractionFailed);
            if (result.Post is { } post)
            {
                posts++;
                quotes += post.Quotes.Count;
                Assert.All(post.Quotes, q =>
                {
                    Assert.False(string.IsNullOrWhiteSpace(q.Text));
                    Assert.Equal(post.Slug, q.PostSlug);
                    Assert.InRange(q.Confidence, 0.0, 1.0);
                    Assert.True(q.Location.Line >= 1);
                });
            }
        }

        Assert.True(posts > 200);
        Assert.True(quotes > 100, $"{quotes} quotes in {posts} posts");
    }
}
