using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;
using Lucene.Net.Search;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>Parses a document set once, for the search benchmarks (parsing is not what they measure).</summary>
public static class SearchDocuments
{
    public static IReadOnlyList<Post> Posts(string set)
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        IReadOnlyList<PostFile> files = BenchmarkDocuments.Load(set);
        var posts = new List<Post>(files.Count);
        foreach (PostFile file in files)
        {
            if (parser.Parse(file).Post is { } post)
            {
                posts.Add(post);
            }
        }

        return posts;
    }
}

/// <summary>
/// Indexing every post of a document set: <see cref="PostSearchIndex.Build"/> against Lucene.NET 4.8 (BM25,
/// RAMDirectory, the same five fields and the same analysis, writer committed and a reader opened). Both start
/// from the same parsed posts.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MedianRatioConfig))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6)]
public class SearchIndexingBenchmarks
{
    private IReadOnlyList<Post> _posts = null!;

    [Params(BenchmarkDocuments.Corpus, BenchmarkDocuments.Synthetic10000)]
    public string Documents { get; set; } = BenchmarkDocuments.Corpus;

    [GlobalSetup]
    public void Setup() => _posts = SearchDocuments.Posts(Documents);

    [Benchmark(Baseline = true, Description = "Lucene.NET index")]
    public long Lucene()
    {
        using var lucene = new LuceneSearch(_posts);
        return lucene.SizeInBytes;
    }

    [Benchmark(Description = "PostSearchIndex.Build")]
    public int Build() => PostSearchIndex.Build(_posts).Count;
}

/// <summary>The query classes of the search comparison.</summary>
public enum QueryClass
{
    OneTerm,
    TwoTerms,
    Phrase,
    Prefix,
    Fuzzy,
    Filtered,
}

/// <summary>
/// One query, top 10, against an index of the document set: <see cref="PostSearchIndex.Search(SearchRequest)"/>
/// (snippets and facets off, since Lucene computes neither; typo tolerance only for the fuzzy class) against
/// Lucene.NET's <c>IndexSearcher.Search</c> with the slugs of the hits loaded. Every word is required on both sides.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MedianRatioConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class SearchQueryBenchmarks
{
    private LuceneSearch _lucene = null!;
    private PostSearchIndex _index = null!;
    private Query _luceneQuery = null!;
    private Filter? _luceneFilter;
    private SearchRequest _request = null!;

    [Params(BenchmarkDocuments.Corpus, BenchmarkDocuments.Synthetic10000)]
    public string Documents { get; set; } = BenchmarkDocuments.Corpus;

    [ParamsAllValues]
    public QueryClass Query { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        IReadOnlyList<Post> posts = SearchDocuments.Posts(Documents);
        _lucene = new LuceneSearch(posts);
        _index = PostSearchIndex.Build(posts);
        bool corpus = Documents == BenchmarkDocuments.Corpus;
        (string one, string two, string phrase, string prefix, string fuzzy) = corpus
            ? ("collector", "kubernetes collector", "semantic conventions", "instrument", "colector")
            : ("latency", "pipeline latency", "production database", "deplo", "pipelnie");
        var from = new DateTimeOffset(corpus ? 2023 : 2017, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddYears(1);
        (_luceneQuery, _request) = Query switch
        {
            QueryClass.OneTerm => (_lucene.AllWords(one), Exact(one)),
            QueryClass.TwoTerms => (_lucene.AllWords(two), Exact(two)),
            QueryClass.Phrase => (_lucene.Phrase(phrase), Exact("\"" + phrase + "\"")),
            QueryClass.Prefix => (_lucene.Prefix(prefix), Exact(prefix + "*")),
            QueryClass.Fuzzy => (_lucene.Fuzzy(fuzzy, 1), Exact(fuzzy) with { TypoTolerance = true }),
            _ => (_lucene.AllWords(one), Exact(one) with { From = from, To = to }),
        };
        _luceneFilter = Query == QueryClass.Filtered ? LuceneSearch.DateRange(from, to) : null;
    }

    private static SearchRequest Exact(string query) => new(query) { TypoTolerance = false, IncludeFacets = false, IncludeSnippets = false };

    [GlobalCleanup]
    public void Cleanup() => _lucene.Dispose();

    [Benchmark(Baseline = true, Description = "Lucene.NET")]
    public int Lucene() => _lucene.Slugs(_lucene.Run(_luceneQuery, 10, _luceneFilter)).Length;

    [Benchmark(Description = "PostSearchIndex")]
    public int Ours() => _index.Search(_request).Hits.Count;
}
