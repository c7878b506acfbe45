using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// A search without facets takes a shorter path (postings go straight to the page; later words look only at posts the
/// earlier ones matched). It must answer exactly as the full path, which facets force.
/// </summary>
public class DirectPathTests
{
    private static readonly string[] Queries =
    [
        "collector", "kubernetes collector", "\"semantic conventions\"", "instrument*", "colector", "java agent metrics",
        "title:collector", "tag:kubernetes", "collector date:2023", "collector after:2022-06-01 before:2023-03-01",
        "kubernetes zebra", "\"open source\" community", "trac* collector", "colector kubernets", "logs -metrics",
        "the", "data", "research", "18f design research", "\"user research\" government", "cloud.gov", "zqxwv",
        "title:collector kubernetes", "tag:kubernetes collector", "collector kubernetes operator", "user research government team",
    ];

    public static TheoryData<string> Corpora => ["18f", "otel", "sample"];

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Search_WithoutFacets_AnswersAsWithFacets(string corpus)
    {
        AssertSameAnswers(SearchCorpora.Index(corpus), SearchCorpora.Get(corpus));
    }

    [Fact]
    public void Search_WithoutFacets_AnswersAsWithFacets_OverSeveralSegmentsWithDeletions()
    {
        IReadOnlyList<Post> posts = SearchCorpora.Otel;
        PostSearchIndex index = PostSearchIndex.Build(posts.Take(120));
        index = index.Apply(posts.Skip(120), [.. posts.Skip(30).Take(10).Select(p => p.SourcePath)]);
        index = index.Apply(posts.Take(5), []);
        Assert.True(index.SegmentCount > 1);
        AssertSameAnswers(index, posts);
    }

    [Fact]
    public void Search_WithoutFacets_BodyOnlyWords_OfEveryFrequencyAndLength_AnswerAsWithFacets()
    {
        // The page skips body-only postings whose best possible score (at the shortest body) is below its worst: with
        // the word only in bodies of many lengths and frequencies, any bound that is too low loses a real hit.
        var random = new Random(7);
        string[] filler = ["deploy", "cluster", "pipeline", "metrics", "release", "config", "runtime", "storage"];
        Post[] posts = [.. Enumerable.Range(0, 700).Select(i =>
        {
            int length = 3 + random.Next(400);
            var words = new List<string>(length);
            for (int w = 0; w < length; w++)
            {
                words.Add(filler[random.Next(filler.Length)]);
            }

            int tf = random.Next(100) < 70 ? 1 + random.Next(3) : 1 + random.Next(40);
            for (int t = 0; t < tf; t++)
            {
                words.Insert(random.Next(words.Count + 1), "alpha");
            }

            return SearchIndexTests.MakePost($"b{i:D3}", $"Post {i}", string.Join(' ', words), $"20{10 + (i % 12)}-03-04");
        })];
        PostSearchIndex index = PostSearchIndex.Build(posts);
        foreach (SearchRequest request in (SearchRequest[])
        [
            new("alpha"), new("alpha") { PageSize = 3 }, new("alpha") { Page = 4, PageSize = 25 }, new("alpha") { Year = 2015 },
            new("alpha deploy"), new("alpha date:2016"),
        ])
        {
            SearchResults full = index.Search(request);
            SearchResults direct = index.Search(request with { IncludeFacets = false });
            Assert.True(full.Hits.Count > 0, request.Query);
            Assert.Equal(full.TotalCount, direct.TotalCount);
            Assert.Equal(full.Hits.Select(h => (h.Post.Slug, h.Score)), direct.Hits.Select(h => (h.Post.Slug, h.Score)));
        }
    }

    private static void AssertSameAnswers(PostSearchIndex index, IReadOnlyList<Post> posts)
    {
        string category = posts.SelectMany(p => p.Categories).GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "none";
        string tag = posts.SelectMany(p => p.Tags).GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "none";
        int year = posts.Select(p => p.Date.Year).GroupBy(y => y).OrderByDescending(g => g.Count()).First().Key;
        int answered = 0;
        foreach (string query in Queries)
        {
            foreach (bool typos in (bool[])[true, false])
            {
                foreach (SearchRequest request in (SearchRequest[])
                [
                    new(query) { TypoTolerance = typos },
                    new(query) { TypoTolerance = typos, Page = 2, PageSize = 5 },
                    new(query) { TypoTolerance = typos, Category = category },
                    new(query) { TypoTolerance = typos, Tag = tag, PageSize = 50 },
                    new(query) { TypoTolerance = typos, Year = year },
                ])
                {
                    SearchResults full = index.Search(request);
                    SearchResults direct = index.Search(request with { IncludeFacets = false });
                    answered += full.Hits.Count > 0 ? 1 : 0;
                    string what = $"{query} (typos {typos}, page {request.Page}, category {request.Category}, tag {request.Tag}, year {request.Year})";
                    Assert.True(full.TotalCount == direct.TotalCount, $"{what}: {full.TotalCount} against {direct.TotalCount}");
                    Assert.True(full.MatchedAllTerms == direct.MatchedAllTerms, what);
                    Assert.True(full.DidYouMean == direct.DidYouMean, what);
                    Assert.True(
                        full.Hits.Select(h => (h.Post.Slug, h.Score)).SequenceEqual(direct.Hits.Select(h => (h.Post.Slug, h.Score))),
                        $"{what}: {string.Join(", ", full.Hits.Select(h => h.Post.Slug))} against {string.Join(", ", direct.Hits.Select(h => h.Post.Slug))}");
                }
            }
        }

        // The comparison means something only if many of the requests find posts.
        Assert.True(answered >= Queries.Length / 2, $"{answered} requests found posts");
    }
}
