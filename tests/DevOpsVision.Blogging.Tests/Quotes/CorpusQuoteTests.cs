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

    /// <summary>
    /// Extraction reuses a thread's working objects from one post to the next: what a post's quotes are must not depend
    /// on which posts the thread read before it, nor on whether it was read by a thread that had read none.
    /// </summary>
    [Fact]
    public void Quotes_DoNotDependOnThePostsReadBefore()
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        string[] paths = [.. Directory.GetFiles(TestPaths.Corpus(string.Empty), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        var texts = paths.ToDictionary(p => p, File.ReadAllText);
        string Describe(string path) => string.Join("\n", (parser.Parse(PostFile.FromText(Path.GetFileName(path), texts[path])).Post?.Quotes ?? [])
            .Select(q => $"{q.Kind} {q.Text} | {string.Join(", ", q.People)} | {q.Work} | {q.AttributionRaw} | {q.AttributionRule} | {q.Confidence:F3} | {q.Location.Line}:{q.Location.Column}"));

        var forward = paths.ToDictionary(p => p, Describe);
        var backward = paths.Reverse().ToDictionary(p => p, Describe);
        Assert.True(forward.Values.Count(v => v.Length > 0) > 100, "too few posts with quotes to compare");
        foreach (string path in paths)
        {
            Assert.True(forward[path] == backward[path], $"{path}: forward\n{forward[path]}\nbackward\n{backward[path]}");
        }

        // A fresh thread starts with nothing reused.
        foreach (string path in paths.Where((_, i) => i % 25 == 0))
        {
            string fresh = string.Empty;
            var thread = new Thread(() => fresh = Describe(path));
            thread.Start();
            thread.Join();
            Assert.Equal(forward[path], fresh);
        }
    }
}
