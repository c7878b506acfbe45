using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;
using Microsoft.Extensions.DependencyInjection;
using static DevOpsVision.Blogging.Tests.Search.SearchIndexTests;

namespace DevOpsVision.Blogging.Tests.Search;

public class IncrementalIndexTests
{
    private static string[] Slugs(PostSearchIndex index, string query) => [.. index.Search(new SearchRequest(query) { PageSize = 100 }).Hits.Select(h => h.Post.Slug)];

    [Fact]
    public void Apply_AddsUpdatesAndRemoves_WithoutChangingTheOldIndex()
    {
        PostSearchIndex v1 = PostSearchIndex.Build([MakePost("a", "Alpha", "terraform modules"), MakePost("b", "Beta", "ansible playbooks")]);
        PostSearchIndex v2 = v1.Apply([MakePost("c", "Gamma", "terraform state"), MakePost("a", "Alpha", "pulumi programs")], ["b.md"]);

        Assert.Equal(["c"], Slugs(v2, "terraform"));
        Assert.Equal(["a"], Slugs(v2, "pulumi"));
        Assert.Empty(Slugs(v2, "ansible"));
        Assert.Equal(2, v2.Count);

        // Readers of the old index still see the old posts.
        Assert.Equal(["a"], Slugs(v1, "terraform"));
        Assert.Equal(["b"], Slugs(v1, "ansible"));
        Assert.Equal(2, v1.Count);
    }

    [Fact]
    public void Apply_ManyUpdates_MergesAndRanksLikeAFullBuild()
    {
        IReadOnlyList<Post> posts = SearchCorpora.Otel;
        PostSearchIndex index = PostSearchIndex.Build(posts.Take(100));
        for (int start = 100; start < posts.Count; start += 20)
        {
            index = index.Apply(posts.Skip(start).Take(20), []);
        }

        // Replace ten posts with themselves and remove five: the order of the rest must not change.
        index = index.Apply(posts.Take(10), [.. posts.Skip(10).Take(5).Select(p => p.SourcePath)]);
        PostSearchIndex full = PostSearchIndex.Build(posts.Where((_, i) => i < 10 || i >= 15));
        Assert.True(index.SegmentCount <= 9, $"{index.SegmentCount} segments");
        Assert.Equal(full.Count, index.Count);
        foreach (string query in (string[])["collector", "kubernetes operator", "\"semantic conventions\"", "trac*", "java agent", "metrics -logs"])
        {
            SearchResults expected = full.Search(new SearchRequest(query) { PageSize = 20 });
            SearchResults actual = index.Search(new SearchRequest(query) { PageSize = 20 });
            Assert.Equal(expected.TotalCount, actual.TotalCount);
            Assert.Equal(expected.Hits.Select(h => h.Post.Slug).Take(5), actual.Hits.Select(h => h.Post.Slug).Take(5));
        }
    }

    [Fact]
    public void Apply_OneChange_SharesTheUnchangedSegment()
    {
        Post[] posts = [.. Enumerable.Range(0, 50).Select(i => MakePost($"p{i}", $"Post {i}", $"body {i} kubernetes"))];
        PostSearchIndex v1 = PostSearchIndex.Build(posts);
        PostSearchIndex v2 = v1.Apply([MakePost("p7", "Post 7", "body seven terraform")], []);
        Assert.Equal(2, v2.SegmentCount);
        Assert.Same(v1.Segments[0], v2.Segments[0]);
        Assert.Equal(49, v2.Search(new SearchRequest("kubernetes") { PageSize = 100 }).TotalCount);
        Assert.Equal(50, v1.Search(new SearchRequest("kubernetes") { PageSize = 100 }).TotalCount);
        Assert.Equal("p7", v2.Search("terraform").Hits.Single().Post.Slug);
    }

    [Fact]
    public void Update_FollowsTheGivenPosts()
    {
        Post a = MakePost("a", "Alpha", "terraform"), b = MakePost("b", "Beta", "ansible");
        PostSearchIndex v1 = PostSearchIndex.Build([a, b]);
        Assert.Same(v1, v1.Update([a, b]));
        PostSearchIndex v2 = v1.Update([a, MakePost("b", "Beta", "chef recipes"), MakePost("c", "Gamma", "terraform")]);
        Assert.Equal(["b"], Slugs(v2, "chef"));
        Assert.Equal(["a", "c"], Slugs(v2, "terraform").Order());
        Assert.Equal(3, v2.Count);
        PostSearchIndex v3 = v2.Update([a]);
        Assert.Equal(1, v3.Count);
        Assert.Empty(Slugs(v3, "chef"));
    }

    [Fact]
    public async Task Service_IndexesEachSnapshot_AndFollowsReloads()
    {
        var source = new InMemoryPostSource();
        source.Set("one.md", "---\ntitle: One\ndate: 2020-01-01\ntags: [kubernetes]\n---\nKubernetes clusters and Helm charts.\n");
        source.Set("two.md", "---\ntitle: Two\ndate: 2021-01-01\n---\nTerraform modules.\n");
        await using ServiceProvider provider = new ServiceCollection().AddBlogging().AddInMemorySource(source).Services.BuildServiceProvider();
        IBlog blog = provider.GetRequiredService<IBlog>();
        ISearchIndex search = provider.GetRequiredService<ISearchIndex>();

        BlogSnapshot first = await blog.GetSnapshotAsync();
        Assert.Equal("one", search.Search(first, new SearchRequest("helm")).Hits.Single().Post.Slug);
        Assert.Same(search.GetIndex(first), search.GetIndex(first));

        source.Set("two.md", "---\ntitle: Two\ndate: 2021-01-01\n---\nPulumi programs.\n");
        source.Set("three.md", "---\ntitle: Three\ndate: 2022-01-01\n---\nHelm releases.\n");
        source.Remove("one.md");
        BlogSnapshot second = await blog.ReloadAsync();

        Assert.Equal("three", search.Search(second, new SearchRequest("helm")).Hits.Single().Post.Slug);
        Assert.Equal("two", search.Search(second, new SearchRequest("pulumi")).Hits.Single().Post.Slug);
        Assert.Empty(search.Search(second, new SearchRequest("terraform")).Hits);
        Assert.Equal(["helm"], search.Suggest(second, "hel", 1));

        // The first snapshot's readers keep their consistent view.
        Assert.Equal("one", search.Search(first, new SearchRequest("helm")).Hits.Single().Post.Slug);
    }

    private sealed class MySearch : ISearchIndex
    {
        public PostSearchIndex GetIndex(BlogSnapshot snapshot) => throw new NotSupportedException();

        public SearchResults Search(BlogSnapshot snapshot, SearchRequest request) => throw new NotSupportedException();

        public IReadOnlyList<string> Suggest(BlogSnapshot snapshot, string text, int count = 8) => throw new NotSupportedException();
    }

    [Fact]
    public void AddBlogging_RegistersSearch_AndAUserRegistrationWins()
    {
        using (ServiceProvider provider = new ServiceCollection().AddBlogging().Services.BuildServiceProvider())
        {
            Assert.NotNull(provider.GetRequiredService<ISearchIndex>());
            Assert.Same(EnglishTextAnalyzer.Default, provider.GetRequiredService<ITextAnalyzer>());
        }

        var mine = new MySearch();
        var services = new ServiceCollection();
        services.AddSingleton<ISearchIndex>(mine);
        services.AddBlogging();
        using ServiceProvider custom = services.BuildServiceProvider();
        Assert.Same(mine, custom.GetRequiredService<ISearchIndex>());
    }

    [Fact]
    public void Options_BadSearchSettings_FailAtStartup()
    {
        using ServiceProvider provider = new ServiceCollection().AddBlogging(o => { o.Search.B = 2; o.Search.TitleWeight = -1; }).Services.BuildServiceProvider();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BlogOptions>>().Value);
        Assert.Contains("Blog:Search", error.Message, StringComparison.Ordinal);
    }
}
