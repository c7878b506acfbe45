using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using static DevOpsVision.Blogging.Tests.Taxonomy.TaxonomyFixture;

namespace DevOpsVision.Blogging.Tests.Taxonomy;

public class TaxonomyTests
{
    [Fact]
    public async Task SampleBlog_HasTheCategoriesAndArchivesOfThePublishedBlog()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddBlogging(o => o.TimeZone = "Europe/Stockholm")
            .AddFileSystemSource(TestPaths.SampleContent)
            .Services.BuildServiceProvider();
        BlogSnapshot snapshot = await provider.GetRequiredService<IBlog>().GetSnapshotAsync();

        BlogTaxonomy taxonomy = provider.GetRequiredService<ICategorizer>().GetTaxonomy(snapshot);

        Assert.Equal(["Book review", "Cloud", "DevOps"], taxonomy.CategoryRoots.Select(t => t.Name));
        Assert.Equal(5, taxonomy.Categories.Single(t => t.Name == "DevOps").PostCount);
        Assert.Equal(1, taxonomy.Categories.Single(t => t.Name == "Cloud").PostCount);
        Assert.Equal(1, taxonomy.Categories.Single(t => t.Name == "Book review").PostCount);
        Assert.Equal("book-review", taxonomy.Categories.Single(t => t.Name == "Book review").Slug);
        Assert.Equal([2021, 2019, 2018, 2016], taxonomy.Archives.Select(y => y.Year));
        Assert.Equal(2, taxonomy.Archives.Single(y => y.Year == 2016).PostCount);
        Assert.Equal([6], taxonomy.Archives.Single(y => y.Year == 2016).Months.Select(m => m.Month));
        Assert.Same(taxonomy, provider.GetRequiredService<ICategorizer>().GetTaxonomy(snapshot));
    }

    [Fact]
    public void Terms_IgnoreCaseAndDiacritics_KeepFirstSpelling_AndReportMerges()
    {
        var (_, taxonomy) = Build([
            Post("a", "2020-01-01", "DevOps", "Café"),
            Post("b", "2020-02-01", "devops", "cafe"),
            Post("c", "2020-03-01", "DEVOPS", "CAFÉ"),
        ]);

        Term devops = Assert.Single(taxonomy.Categories);
        Assert.Equal("DevOps", devops.Name);
        Assert.Equal("devops", devops.Slug);
        Assert.Equal(["DevOps", "devops", "DEVOPS"], devops.Spellings);
        Assert.Equal(3, devops.PostCount);
        Term cafe = Assert.Single(taxonomy.Tags);
        Assert.Equal("Café", cafe.Name);
        Assert.Equal("cafe", cafe.Slug);
        Assert.Equal(4, taxonomy.Diagnostics.Count(d => d.Code == DiagnosticCodes.TermMerged && d.Severity == DiagnosticSeverity.Info));
    }

    [Fact]
    public void Categories_WithSlashes_AreHierarchicalAndCountsRollUp()
    {
        var (snapshot, taxonomy) = Build([
            Post("aws-1", "2020-01-01", "Cloud/AWS"),
            Post("aws-2", "2020-02-01", "Cloud/AWS, DevOps"),
            Post("azure", "2020-03-01", "Cloud / Azure"),
            Post("cloud", "2020-04-01", "Cloud"),
        ]);

        Term cloud = taxonomy.CategoryRoots.Single(t => t.Name == "Cloud");
        Assert.Equal(["AWS", "Azure"], cloud.Children.Select(c => c.Name));
        Assert.Equal(4, cloud.PostCount);
        Assert.Equal(1, cloud.OwnPostCount);
        Assert.True(taxonomy.TryGetCategory("/Cloud/AWS/", out Term? aws));
        Assert.Equal("cloud/aws", aws.Path);
        Assert.Equal(["aws-2", "aws-1"], aws.Posts.Select(p => p.Slug));
        Assert.Equal([cloud, aws], aws.Breadcrumbs);
        Assert.Equal(["AWS", "DevOps"], taxonomy.CategoriesOf(Get(snapshot, "aws-2")).Select(t => t.Name));
    }

    [Fact]
    public void YamlListOfCategories_StaysSeparateCategories()
    {
        var (_, taxonomy) = Build([("a.md", "---\ntitle: A\ndate: 2020-01-01\ncategories:\n  - Cloud\n  - AWS\n---\nBody.\n")]);

        Assert.Equal(["AWS", "Cloud"], taxonomy.CategoryRoots.Select(t => t.Name));
    }

    [Fact]
    public void Paging_ValidatesPageNumbers()
    {
        var posts = Enumerable.Range(1, 25).Select(i => Post($"p{i:D2}", $"2020-01-{i:D2}", "DevOps")).ToList();
        var (_, taxonomy) = Build(posts, o => o.Taxonomy.PageSize = 10);
        Term devops = taxonomy.Categories.Single();

        Assert.True(taxonomy.TryGetPage(devops.Posts, 1, out PostPage? first));
        Assert.Equal(["p25", "p24", "p23", "p22", "p21", "p20", "p19", "p18", "p17", "p16"], first.Posts.Select(p => p.Slug));
        Assert.Equal(3, first.TotalPages);
        Assert.False(first.HasPrevious);
        Assert.True(taxonomy.TryGetPage(devops.Posts, 3, out PostPage? last));
        Assert.Equal(5, last.Posts.Count);
        Assert.False(last.HasNext);
        Assert.False(taxonomy.TryGetPage(devops.Posts, 0, out _));
        Assert.False(taxonomy.TryGetPage(devops.Posts, 4, out _));
        Assert.True(taxonomy.TryGetPage([], 1, out PostPage? empty));
        Assert.Empty(empty.Posts);
    }

    [Fact]
    public void Archives_UseTheBlogTimeZone()
    {
        // 23:30 UTC on 31 January is already February in Stockholm.
        var (_, taxonomy) = Build([Post("late", "'2021-01-31T23:30:00Z'")], o => o.TimeZone = "Europe/Stockholm");

        ArchiveMonth month = Assert.Single(Assert.Single(taxonomy.Archives).Months);
        Assert.Equal((2021, 2), (month.Year, month.Month));
    }

    [Fact]
    public void Series_AreOrderedOldestFirstWithNeighbors()
    {
        var (snapshot, taxonomy) = Build([
            Post("part-2", "2020-02-01", extra: "series: Kubernetes 101\n"),
            Post("part-1", "2020-01-01", extra: "series: kubernetes 101\n"),
            Post("part-3", "2020-03-01", extra: "series: Kubernetes 101\n"),
            Post("other", "2020-02-15"),
        ]);

        PostSeries series = Assert.Single(taxonomy.Series);
        Assert.Equal("kubernetes 101", series.Name);
        Assert.Equal("kubernetes-101", series.Slug);
        Assert.Equal(["part-1", "part-2", "part-3"], series.Posts.Select(p => p.Slug));
        PostNeighbors middle = taxonomy.GetSeriesNeighbors(Get(snapshot, "part-2"));
        Assert.Equal("part-1", middle.Previous!.Slug);
        Assert.Equal("part-3", middle.Next!.Slug);
        Assert.Null(taxonomy.GetSeries(Get(snapshot, "other")));
    }

    [Fact]
    public void Neighbors_InBlogAndInCategory()
    {
        var (snapshot, taxonomy) = Build([
            Post("a", "2020-01-01", "X"),
            Post("b", "2020-02-01", "Y"),
            Post("c", "2020-03-01", "X"),
        ]);

        PostNeighbors inBlog = taxonomy.GetNeighbors(Get(snapshot, "b"));
        Assert.Equal(("a", "c"), (inBlog.Previous!.Slug, inBlog.Next!.Slug));
        Term x = taxonomy.Categories.Single(t => t.Name == "X");
        PostNeighbors inX = taxonomy.GetNeighbors(Get(snapshot, "c"), x);
        Assert.Equal("a", inX.Previous!.Slug);
        Assert.Null(inX.Next);
        Assert.Equal(new PostNeighbors(null, null), taxonomy.GetNeighbors(Get(snapshot, "b"), x));
    }

    [Fact]
    public void Related_SharedTagsAndTextRankFirst_AndUnrelatedPostsGetNone()
    {
        var (snapshot, taxonomy) = Build([
            Post("k8s-intro", "2020-01-01", "Cloud", "kubernetes, containers", "Kubernetes schedules containers onto nodes; pods, deployments and services."),
            Post("k8s-deep", "2020-02-01", "Cloud", "kubernetes", "Kubernetes pods and deployments: rolling updates of containers across nodes."),
            Post("terraform", "2020-03-01", "Cloud", "terraform", "Terraform plans infrastructure changes and applies them to providers."),
            Post("baking", "2020-04-01", "Life", "bread", "Sourdough bread needs flour, water, salt and patience."),
        ]);

        IReadOnlyList<RelatedPost> related = taxonomy.GetRelated(Get(snapshot, "k8s-intro"));
        Assert.Equal("k8s-deep", related[0].Post.Slug);
        Assert.Equal(["kubernetes"], related[0].SharedTags.Select(t => t.Name));
        Assert.Equal(["Cloud"], related[0].SharedCategories.Select(t => t.Name));
        Assert.True(related[0].ContentSimilarity > 0);
        Assert.DoesNotContain(related, r => r.Post.Slug == "baking");
        Assert.Empty(taxonomy.GetRelated(Get(snapshot, "baking")));
    }

    [Fact]
    public void Related_WeightsAreOptions()
    {
        var posts = new[]
        {
            Post("a", "2020-01-01", "", "x", "alpha beta gamma delta"),
            Post("b", "2020-02-01", "", "x", "nothing similar here at all"),
            Post("c", "2020-03-01", "", "", "alpha beta gamma delta"),
        };

        var (byTags, tagTaxonomy) = Build(posts, o => { o.Taxonomy.TagWeight = 5; o.Taxonomy.ContentWeight = 0.1; });
        var (byText, textTaxonomy) = Build(posts, o => { o.Taxonomy.TagWeight = 0.1; o.Taxonomy.ContentWeight = 5; });

        Assert.Equal("b", tagTaxonomy.GetRelated(Get(byTags, "a"))[0].Post.Slug);
        Assert.Equal("c", textTaxonomy.GetRelated(Get(byText, "a"))[0].Post.Slug);
    }

    [Fact]
    public void Output_IsDeterministic()
    {
        var posts = Enumerable.Range(0, 40).Select(i => Post($"p{i:D2}", $"2020-01-{(i % 5) + 1:D2}", i % 2 == 0 ? "A, B" : "B", i % 3 == 0 ? "x, y" : "y", $"word{i % 4} shared text {i % 7}")).ToList();

        var (s1, t1) = Build(posts);
        var (s2, t2) = Build(Enumerable.Reverse(posts));

        Assert.Equal(s1.Posts.Select(p => p.Slug), s2.Posts.Select(p => p.Slug));
        foreach (Post post in s1.Posts)
        {
            Post other = Get(s2, post.Slug);
            Assert.Equal(t1.GetRelated(post).Select(r => (r.Post.Slug, r.Score)), t2.GetRelated(other).Select(r => (r.Post.Slug, r.Score)));
        }

        Assert.Equal(t1.Categories.Select(c => (c.Path, c.PostCount)), t2.Categories.Select(c => (c.Path, c.PostCount)));
    }

    [Fact]
    public void Suggestions_ComeFromSimilarPosts_AndNothingBelowTheThreshold()
    {
        var posts = new List<(string, string)>();
        for (int i = 0; i < 6; i++)
        {
            posts.Add(Post($"k{i}", $"2020-01-{i + 1:D2}", "Containers", "kubernetes", $"Kubernetes cluster pods deployments helm chart number {i}."));
            posts.Add(Post($"b{i}", $"2020-02-{i + 1:D2}", "Kitchen", "baking", $"Bread dough flour oven sourdough loaf batch {i}."));
        }

        var (snapshot, taxonomy) = Build(posts);
        var newPost = new MarkdownPostParser(new BlogOptions()).Parse(PostFile.FromText("new.md", "---\ntitle: Helm charts for a kubernetes cluster\ndate: 2021-01-01\n---\nDeploying pods with helm.\n")).GetPostOrThrow();
        var unrelated = new MarkdownPostParser(new BlogOptions()).Parse(PostFile.FromText("x.md", "---\ntitle: Quantum\ndate: 2021-01-01\n---\nEntanglement of photons.\n")).GetPostOrThrow();

        TermSuggestion category = taxonomy.Suggest(newPost, TermKind.Category)[0];
        Assert.Equal("Containers", category.Term.Name);
        Assert.InRange(category.Confidence, 0.1, 1.0);
        Assert.Equal("kubernetes", taxonomy.Suggest(newPost, TermKind.Tag)[0].Term.Name);
        Assert.Empty(taxonomy.Suggest(unrelated, TermKind.Tag));
        Assert.Equal("baking", taxonomy.Suggest(Get(snapshot, "b3"), TermKind.Tag)[0].Term.Name);
    }

    [Fact]
    public void EmptyBlog_AndBlogWithoutTerms_Work()
    {
        var (_, empty) = Build([]);
        var (snapshot, bare) = Build([("a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nText.\n")]);

        Assert.Empty(empty.Categories);
        Assert.Empty(empty.Archives);
        Assert.Empty(bare.Tags);
        Assert.Empty(bare.GetRelated(snapshot.Posts[0]));
        Assert.Empty(bare.Suggest(snapshot.Posts[0], TermKind.Tag));
    }
}
