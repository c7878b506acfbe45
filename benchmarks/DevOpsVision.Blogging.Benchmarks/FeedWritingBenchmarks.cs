using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Feeds;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>
/// Writing a feed of full posts, against what .NET offers: <c>System.ServiceModel.Syndication</c>'s
/// <c>Rss20FeedFormatter</c> and <c>Atom10FeedFormatter</c> writing the same items. Both models are built
/// once; one operation writes the feed to a reused memory stream.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class FeedWritingBenchmarks
{
    private static readonly XmlWriterSettings Utf8 = new() { Encoding = new UTF8Encoding(false) };
    private readonly MemoryStream _output = new();
    private Feed _feed = null!;
    private SyndicationFeed _syndication = null!;
    private FeedWriter _writer = null!;

    [Params(20, 1_000)]
    public int Items { get; set; }

    [Params(FeedFormat.Rss, FeedFormat.Atom)]
    public FeedFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddBlogging(o => { o.Title = "Synthetic"; o.BaseUrl = new Uri("https://blog.example.org/"); })
            .AddInMemorySource(new InMemoryPostSource(SyntheticBlog.Create(Items)))
            .Services.BuildServiceProvider();
        BlogSnapshot snapshot = provider.GetRequiredService<IBlog>().GetSnapshotAsync().AsTask().GetAwaiter().GetResult();
        _feed = provider.GetRequiredService<IFeedBuilder>().ForBlog(snapshot, new FeedSettings(MaxItems: Items, FullContent: true));
        _writer = new FeedWriter();
        _syndication = ToSyndication(_feed);
    }

    [Benchmark(Baseline = true, Description = "System.ServiceModel.Syndication")]
    public long Syndication()
    {
        _output.SetLength(0);
        using (var xml = XmlWriter.Create(_output, Utf8))
        {
            SyndicationFeedFormatter formatter = Format == FeedFormat.Atom ? new Atom10FeedFormatter(_syndication) : new Rss20FeedFormatter(_syndication);
            formatter.WriteTo(xml);
        }

        return _output.Length;
    }

    [Benchmark(Description = "IFeedWriter")]
    public long FeedWriter()
    {
        _output.SetLength(0);
        _writer.Write(_feed, Format, _output);
        return _output.Length;
    }

    private static SyndicationFeed ToSyndication(Feed feed)
    {
        var items = new List<SyndicationItem>(feed.Items.Count);
        foreach (FeedItem item in feed.Items)
        {
            var syndicationItem = new SyndicationItem(item.Title, SyndicationContent.CreateHtmlContent(item.ContentHtml ?? item.SummaryHtml), item.Url, item.Id, item.Updated)
            {
                PublishDate = item.Published,
                Summary = SyndicationContent.CreateHtmlContent(item.SummaryHtml),
            };
            foreach (Posts.PostAuthor author in item.Authors)
            {
                syndicationItem.Authors.Add(new SyndicationPerson(null, author.Name, author.Url));
            }

            foreach (FeedCategory category in item.Categories)
            {
                syndicationItem.Categories.Add(new SyndicationCategory(category.Name));
            }

            items.Add(syndicationItem);
        }

        return new SyndicationFeed(feed.Title, feed.Description, feed.HomePageUrl, feed.Id, feed.Updated, items)
        {
            Language = feed.Language,
        };
    }
}
