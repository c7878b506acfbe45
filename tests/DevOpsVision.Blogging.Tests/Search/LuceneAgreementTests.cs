using System.Globalization;
using System.Text.RegularExpressions;
using DevOpsVision.Blogging.Benchmarks;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;
using Xunit.Abstractions;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// With the same analysis, our top 10 agrees with Lucene.NET BM25's top 10 (every word required, per-field
/// disjunctions boosted by the same weights) on 50 queries per corpus made from title words. The bar (0.7) applies
/// to <see cref="SearchScoring.PerFieldBm25"/>, the same formula Lucene computes; the default BM25F saturates term
/// frequency once across fields and shares one idf, so it departs from Lucene on purpose (it ranks the judged
/// queries of <see cref="RelevanceTests"/> better) and is only held to 0.55.
/// </summary>
public partial class LuceneAgreementTests(ITestOutputHelper output)
{
    private static readonly string[] Skip = ["the", "and", "for", "with", "how", "what", "why", "our", "your", "you", "new", "from", "into", "are", "its", "was", "this", "that", "can", "not", "about", "medium"];

    public static List<string> Queries(IReadOnlyList<Post> posts)
    {
        var queries = new List<string>();
        for (int i = 0; queries.Count < 50 && i < posts.Count * 4; i++)
        {
            Post post = posts[(i * 7919) % posts.Count];
            string[] words = [.. TitleWord().Matches(post.Title).Select(m => m.Value.ToLowerInvariant()).Where(w => !Skip.Contains(w)).Distinct()];
            int take = queries.Count % 2 == 0 ? 1 : 2;
            if (words.Length < take)
            {
                continue;
            }

            string query = string.Join(' ', words.Skip(queries.Count % 3).Take(take));
            if (query.Split(' ').Length == take && !queries.Contains(query))
            {
                queries.Add(query);
            }
        }

        return queries;
    }

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex TitleWord();

    [Theory]
    [InlineData("18f")]
    [InlineData("otel")]
    public void Top10_OverlapsLuceneBm25(string corpus)
    {
        IReadOnlyList<Post> posts = SearchCorpora.Get(corpus);
        using var lucene = new LuceneSearch(posts);
        PostSearchIndex bm25f = SearchCorpora.Index(corpus);
        PostSearchIndex perField = PostSearchIndex.Build(posts, new SearchOptions { Scoring = SearchScoring.PerFieldBm25 });
        List<string> queries = Queries(posts);
        Assert.Equal(50, queries.Count);
        double sumF = 0, sumP = 0;
        foreach (string query in queries)
        {
            string[] expected = lucene.Search(query);
            sumF += Overlap(expected, Top(bm25f, query));
            sumP += Overlap(expected, Top(perField, query));
        }

        double f = sumF / queries.Count, p = sumP / queries.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus}: mean overlap@10 with Lucene BM25 over {queries.Count} queries: BM25F {f:F3}, per-field BM25 {p:F3}"));
        Assert.True(p >= 0.7, $"per-field overlap {p:F3}");
        Assert.True(f >= 0.55, $"BM25F overlap {f:F3}");
    }

    private static string[] Top(PostSearchIndex index, string query) =>
        [.. index.Search(new SearchRequest(query) { TypoTolerance = false, IncludeFacets = false, IncludeSnippets = false }).Hits.Select(h => h.Post.Slug)];

    /// <summary>|A ∩ B| / max(|A|, |B|): 1 when both lists hold the same posts.</summary>
    private static double Overlap(string[] a, string[] b)
    {
        int size = Math.Max(a.Length, b.Length);
        return size == 0 ? 1 : (double)a.Intersect(b).Count() / size;
    }
}
