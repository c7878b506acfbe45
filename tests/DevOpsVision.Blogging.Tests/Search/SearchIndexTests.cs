using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

public class SearchIndexTests
{
    private static PostSearchIndex Sample => SearchCorpora.SampleIndex;

    internal static Post MakePost(string slug, string title, string body, string date = "2020-01-01", string[]? tags = null, string[]? categories = null, string? excerpt = null) => new()
    {
        SourcePath = slug + ".md",
        Slug = slug,
        Title = title,
        Date = DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        Html = "<p>" + body + "</p>",
        PlainText = body,
        ExcerptHtml = string.Empty,
        ExcerptText = excerpt ?? string.Empty,
        Tags = tags ?? [],
        Categories = categories ?? [],
        ContentHash = slug + body.GetHashCode(StringComparison.Ordinal),
    };

    private static readonly PostSearchIndex Small = PostSearchIndex.Build(
    [
        MakePost("k8s", "Running Kubernetes in production", "We deploy clusters with Terraform. Kubernetes upgrades are hard.", "2021-03-01", ["kubernetes"], ["Cloud"]),
        MakePost("state", "The state of DevOps", "The state of DevOps report says deployment frequency matters.", "2019-05-01", ["reports"], ["DevOps"]),
        MakePost("devops-state", "DevOps state machines", "A state machine for DevOps pipelines; the devops state is stored.", "2018-05-01", ["pipelines"], ["DevOps"]),
        MakePost("monitoring", "Monitoring and observability", "Observability is more than monitoring: traces, metrics and logs. <script>alert(1)</script>", "2022-07-01", ["observability"], ["Operations"]),
        MakePost("cafe", "Café culture", "Naïve teams drink coffee in the café.", "2020-02-01", ["culture"], ["Culture"]),
    ]);

    private static string[] Slugs(SearchResults results) => [.. results.Hits.Select(h => h.Post.Slug)];

    [Fact]
    public void Search_WordsMustAllMatch_BestFirst()
    {
        SearchResults results = Small.Search("devops state");
        Assert.True(results.IsValid);
        Assert.Equal(2, results.TotalCount);
        Assert.Equal(["devops-state", "state"], Slugs(results).Order());
    }

    [Fact]
    public void Search_TitleMatchesOutrankBodyMatches()
    {
        SearchResults results = Small.Search("kubernetes");
        Assert.Equal("k8s", Slugs(results)[0]);
        Assert.Equal("observability", Slugs(Small.Search("observability")).Length == 1 ? "observability" : "?");
    }

    [Fact]
    public void Search_Phrase_RespectsWordOrderAndStopWordGaps()
    {
        Assert.Equal(["state"], Slugs(Small.Search("\"state of devops\"")));
        Assert.Equal(["devops-state"], Slugs(Small.Search("\"devops state\"")));
    }

    [Fact]
    public void Search_Prefix_FindsCompletions()
    {
        Assert.Equal(["monitoring"], Slugs(Small.Search("observ*")));
        Assert.Contains("state", Slugs(Small.Search("deploym*")));
    }

    [Fact]
    public void Search_Typos_ToleratedByWordLength_ExactRanksFirst()
    {
        Assert.Equal(["k8s"], Slugs(Small.Search("kubrnetes")));
        Assert.Equal(["monitoring"], Slugs(Small.Search("observabilty")));
        Assert.Empty(Small.Search("cafx").Hits); // 4 letters: no typo allowed
        Assert.Empty(Small.Search(new SearchRequest("kubrnetes") { TypoTolerance = false }).Hits);
    }

    [Fact]
    public void Search_ExactBeatsFuzzy()
    {
        PostSearchIndex index = PostSearchIndex.Build(
        [
            MakePost("exact", "Notes", "terraform modules"),
            MakePost("fuzzy", "Notes", "terraforms modules"),
            MakePost("near", "Notes", "terrafirm modules"),
        ]);
        string[] slugs = Slugs(index.Search("terrafirm"));
        Assert.Equal("near", slugs[0]);
    }

    [Fact]
    public void Search_Exclusion_RemovesPosts()
    {
        Assert.Equal(["state"], Slugs(Small.Search("devops -machine")));
        Assert.Equal(["devops-state"], Slugs(Small.Search("devops -\"state of devops\"")));
    }

    [Fact]
    public void Search_FieldScopes()
    {
        Assert.Equal(["k8s"], Slugs(Small.Search("tag:kubernetes")));
        Assert.Equal(["devops-state", "state"], Slugs(Small.Search("category:devops")).Order());
        Assert.Equal(["devops-state"], Slugs(Small.Search("title:machines")));
        Assert.Empty(Small.Search("title:terraform").Hits);
    }

    [Fact]
    public void Search_DateFilters()
    {
        Assert.Equal(["state"], Slugs(Small.Search("devops date:2019")));
        Assert.Equal(["state"], Slugs(Small.Search("devops after:2019-01-01")));
        Assert.Equal(["devops-state"], Slugs(Small.Search("devops before:2019")));
        Assert.Equal(["k8s", "monitoring"], Slugs(Small.Search("date:2021..2022")).Order());
        Assert.Equal(["cafe"], Slugs(Small.Search(new SearchRequest("") { From = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero) })));
    }

    [Fact]
    public void Search_DiacriticsAndCaseFold()
    {
        Assert.Equal(["cafe"], Slugs(Small.Search("CAFE naive")));
    }

    [Fact]
    public void Search_Snippet_IsEscapedWithMarks()
    {
        SearchHit hit = Small.Search("monitoring alert").Hits.Single();
        Assert.Contains("<mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", hit.Snippet, StringComparison.Ordinal);
        Assert.Equal("<mark>Monitoring</mark> and observability", hit.TitleHtml);
        string stripped = hit.Snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
        Assert.DoesNotContain('<', stripped);
    }

    [Fact]
    public void Search_Snippet_PicksTheBestWindow()
    {
        string body = string.Join(' ', Enumerable.Repeat("filler words about nothing much.", 40)) + " Here blue green deployments explained. " + string.Join(' ', Enumerable.Repeat("more filler text.", 40));
        PostSearchIndex index = PostSearchIndex.Build([MakePost("long", "Long post", body)]);
        string snippet = index.Search("blue green").Hits.Single().Snippet;
        Assert.Contains("<mark>blue</mark> <mark>green</mark> deployments", snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length < 400);
    }

    [Fact]
    public void Search_FacetsAndPaging()
    {
        PostSearchIndex index = PostSearchIndex.Build(Enumerable.Range(0, 25).Select(i =>
            MakePost($"p{i:D2}", $"Post {i}", "common words here", $"{2010 + (i % 3)}-01-0{1 + (i % 9)}", [i % 2 == 0 ? "even" : "odd"], ["All"])));
        SearchResults page1 = index.Search(new SearchRequest("common") { PageSize = 10 });
        SearchResults page3 = index.Search(new SearchRequest("common") { PageSize = 10, Page = 3 });
        Assert.Equal(25, page1.TotalCount);
        Assert.Equal(10, page1.Hits.Count);
        Assert.Equal(5, page3.Hits.Count);
        Assert.Empty(Slugs(page1).Intersect(Slugs(page3)));
        Assert.Equal(new SearchFacet("even", 13), page1.Tags[0]);
        Assert.Equal(new SearchFacet("All", 25), page1.Categories.Single());
        Assert.Equal(["2012", "2011", "2010"], page1.Years.Select(y => y.Value));
        Assert.Equal([8, 8, 9], page1.Years.Select(y => y.Count));

        // Years counted over several segments, one post moved to another year.
        PostSearchIndex changed = index.Apply([MakePost("late", "Late", "common words", "2015-06-01"), MakePost("p00", "Post 0", "common words here", "2009-01-01")], []);
        Assert.True(changed.SegmentCount > 1);
        Assert.Equal(["2015:1", "2012:8", "2011:8", "2010:8", "2009:1"], changed.Search("common").Years.Select(y => $"{y.Value}:{y.Count}"));
        Assert.Equal(13, index.Search(new SearchRequest("common") { Tag = "EVEN" }).TotalCount);
        Assert.Equal(9, index.Search(new SearchRequest("common") { Year = 2010 }).TotalCount);
    }

    [Fact]
    public void Search_NoPostHoldsAllWords_FallsBackToMostWords()
    {
        SearchResults results = Small.Search("kubernetes coffee");
        Assert.False(results.MatchedAllTerms);
        Assert.Equal(2, results.TotalCount);
    }

    [Fact]
    public void DidYouMean_ProposesACorrection()
    {
        SearchResults results = Small.Search(new SearchRequest("kubrnetes") { TypoTolerance = false });
        Assert.Equal(0, results.TotalCount);
        Assert.Equal("kubernetes", results.DidYouMean);
        Assert.Null(Small.Search("kubernetes").DidYouMean);
    }

    [Fact]
    public void Suggest_CompletesTheLastWord()
    {
        Assert.Contains("observability", Small.Suggest("observ"));
        Assert.Contains("running kubernetes", Small.Suggest("running kube"));
        Assert.Empty(Small.Suggest(""));
    }

    [Theory]
    [InlineData("\"unclosed phrase")]
    [InlineData("*")]
    [InlineData("a*")]
    [InlineData("date:yesterday")]
    [InlineData("date:2020-13")]
    public void Search_MalformedQuery_ReturnsAnError(string query)
    {
        SearchResults results = Small.Search(query);
        Assert.False(results.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(results.Error));
        Assert.Empty(results.Hits);
    }

    [Fact]
    public void Search_SampleBlog_FindsThePostAboutTheExam()
    {
        SearchResults results = Sample.Search("aws exam");
        Assert.Equal("aws-devops-engineer-pro-exam-experiences", results.Hits[0].Post.Slug);
        Assert.Contains("<mark>", results.Hits[0].Snippet, StringComparison.Ordinal);
    }
}
