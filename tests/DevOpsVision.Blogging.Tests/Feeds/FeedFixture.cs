using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.Tests.Feeds;

/// <summary>A blog with its feed services, from files in memory or a folder.</summary>
internal sealed class FeedFixture : IDisposable
{
    private readonly ServiceProvider _provider;

    public FeedFixture(IEnumerable<PostFile>? files = null, string? folder = null, Action<BlogOptions>? configure = null)
    {
        IBloggingBuilder builder = new ServiceCollection().AddBlogging(o =>
        {
            o.Title = "DevOps Vision Blog";
            o.Description = "Notes on DevOps and the cloud";
            o.BaseUrl = new Uri("https://blog.example.org/");
            o.TimeZone = "Europe/Stockholm";
            configure?.Invoke(o);
        });
        if (files is not null)
        {
            builder.AddInMemorySource(new InMemoryPostSource(files));
        }

        if (folder is not null)
        {
            builder.AddFileSystemSource(folder);
        }

        _provider = builder.Services.BuildServiceProvider();
        Snapshot = _provider.GetRequiredService<IBlog>().GetSnapshotAsync().AsTask().GetAwaiter().GetResult();
        Taxonomy = _provider.GetRequiredService<ICategorizer>().GetTaxonomy(Snapshot);
        Builder = _provider.GetRequiredService<IFeedBuilder>();
        Writer = _provider.GetRequiredService<IFeedWriter>();
        Sitemaps = _provider.GetRequiredService<ISitemapWriter>();
    }

    public BlogSnapshot Snapshot { get; }

    public BlogTaxonomy Taxonomy { get; }

    public IFeedBuilder Builder { get; }

    public IFeedWriter Writer { get; }

    public ISitemapWriter Sitemaps { get; }

    public byte[] Bytes(Feed feed, FeedFormat format)
    {
        using var stream = new MemoryStream();
        Writer.Write(feed, format, stream);
        return stream.ToArray();
    }

    /// <summary>Every feed of the blog: site-wide, per category, per tag.</summary>
    public IEnumerable<(string Name, Feed Feed)> AllFeeds(FeedSettings? settings = null)
    {
        yield return ("blog", Builder.ForBlog(Snapshot, settings));
        foreach (Term term in Taxonomy.Categories.Concat(Taxonomy.Tags))
        {
            yield return ($"{term.Kind}-{term.Path.Replace('/', '_')}", Builder.ForTerm(Snapshot, term, settings));
        }
    }

    public void Dispose() => _provider.Dispose();
}
