using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.Tests.Taxonomy;

internal static class TaxonomyFixture
{
    public static (BlogSnapshot Snapshot, BlogTaxonomy Taxonomy) Build(IEnumerable<(string Path, string Text)> posts, Action<BlogOptions>? configure = null)
    {
        var source = new InMemoryPostSource();
        foreach ((string path, string text) in posts)
        {
            source.Set(path, text);
        }

        using ServiceProvider provider = new ServiceCollection()
            .AddBlogging(o => configure?.Invoke(o))
            .AddInMemorySource(source)
            .Services.BuildServiceProvider();
        BlogSnapshot snapshot = provider.GetRequiredService<IBlog>().GetSnapshotAsync().AsTask().GetAwaiter().GetResult();
        return (snapshot, provider.GetRequiredService<ICategorizer>().GetTaxonomy(snapshot));
    }

    public static (string Path, string Text) Post(string slug, string date, string categories = "", string tags = "", string body = "Body.", string extra = "") =>
        ($"{slug}.md", $"---\ntitle: {slug}\ndate: {date}\ncategories: [{categories}]\ntags: [{tags}]\n{extra}---\n{body}\n");

    public static Post Get(BlogSnapshot snapshot, string slug) => snapshot.Posts.Single(p => p.Slug == slug);
}
