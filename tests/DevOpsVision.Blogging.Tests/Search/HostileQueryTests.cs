using DevOpsVision.Blogging.Benchmarks;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// Queries meant to hurt: each returns a result (maybe an error message) and never throws; work is bounded by
/// caps (query length, terms, expansions, fuzzy word length). Their speed is measured in SearchBenchmarks.
/// </summary>
public class HostileQueryTests
{
    private static readonly Lazy<PostSearchIndex> Index = new(() =>
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        return PostSearchIndex.Build(SyntheticBlog.Create(2_000).Select(f => parser.Parse(f).Post!));
    });

    public static TheoryData<string, bool> Queries() => new()
    {
        { new string('a', 10_000), false },
        { string.Join(' ', Enumerable.Range(0, 1_000).Select(i => "word" + i)), false },
        { "*", false },
        { "**", false },
        { new string('x', 200), true },
        { "\"unbalanced quote", false },
        { "\"\"", true },
        { "-", true },
        { "title:", true },
        { "title:\"", false },
        { "date:..", true },
        { "date:2020..x", false },
        { "date:9999", true },
        { "date:0001..9999", true },
        { "-the -a", true },
        { "the of and", true },
        { "\u0000\uFFFF\uD800 \uDC00", true },
        { "ka* lo* mi* ne* ru* sa*", true },
        { string.Concat(Enumerable.Repeat("kalo", 50)), true },
        { string.Join(" ", Enumerable.Repeat("\"the devops pipeline\"", 30)), true },
        { string.Join(" ", Enumerable.Range(0, 20).Select(i => $"\"devops pipeline{i}\"")), false },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void HostileQuery_ReturnsAResult_NeverThrows(string query, bool valid)
    {
        SearchResults results = Index.Value.Search(query);
        Assert.Equal(valid, results.IsValid);
        if (!valid)
        {
            Assert.False(string.IsNullOrWhiteSpace(results.Error));
        }

        Assert.True(results.Hits.Count <= results.PageSize);
    }

    [Fact]
    public void Prefix_ExpansionsAreCapped()
    {
        var options = new SearchOptions { MaxExpansions = 3 };
        PostSearchIndex index = PostSearchIndex.Build(Enumerable.Range(0, 20).Select(i => SearchIndexTests.MakePost($"p{i}", "T", $"prefix{i:D2}word")), options);
        Assert.Equal(3, index.Search(new SearchRequest("prefix*") { PageSize = 100 }).TotalCount);
    }

    [Fact]
    public void Paging_FarBeyondTheResults_IsEmpty()
    {
        SearchResults results = Index.Value.Search(new SearchRequest("devops") { Page = 1_000_000, PageSize = 100 });
        Assert.True(results.IsValid);
        Assert.Empty(results.Hits);
        Assert.True(results.TotalCount > 0);
    }
}
