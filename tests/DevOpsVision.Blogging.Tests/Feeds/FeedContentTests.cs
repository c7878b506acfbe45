using System.Text;
using System.Xml.Linq;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Blogging.Tests.Feeds;

public class FeedContentTests
{
    private static PostFile Post(string slug, string date, string extra = "", string body = "Body.") =>
        PostFile.FromText($"{slug}.md", $"---\ntitle: {slug}\ndate: {date}\n{extra}---\n{body}\n");

    [Fact]
    public void SamePosts_GiveIdenticalBytes_AndUpdatedIsTheNewestItem()
    {
        PostFile[] files = [Post("a", "2021-01-01"), Post("b", "2021-03-01", "updated: 2021-04-01\n"), Post("c", "2021-02-01")];
        using var first = new FeedFixture(files);
        using var second = new FeedFixture(files.Reverse());

        foreach (FeedFormat format in Enum.GetValues<FeedFormat>())
        {
            Assert.Equal(first.Bytes(first.Builder.ForBlog(first.Snapshot, null), format), second.Bytes(second.Builder.ForBlog(second.Snapshot, null), format));
        }

        Feed feed = first.Builder.ForBlog(first.Snapshot, null);
        Assert.Equal(new DateTimeOffset(2021, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)), feed.Updated);
        XDocument rss = XDocument.Load(new MemoryStream(first.Bytes(feed, FeedFormat.Rss)));
        Assert.Equal("Wed, 31 Mar 2021 22:00:00 GMT", (string?)rss.Root!.Element("channel")!.Element("lastBuildDate"));
    }

    [Fact]
    public void ItemIds_DoNotChangeWhenAPostIsEdited()
    {
        using var before = new FeedFixture([Post("a", "2021-01-01", body: "First version.")]);
        using var after = new FeedFixture([Post("a", "2021-01-01", "updated: 2021-02-01\n", body: "Edited, longer version.")]);

        Assert.Equal(before.Builder.ForBlog(before.Snapshot, null).Items[0].Id, after.Builder.ForBlog(after.Snapshot, null).Items[0].Id);
    }

    [Fact]
    public void ItemCountAndFullContent_AreOptionsPerFeed()
    {
        PostFile[] files = Enumerable.Range(1, 30).Select(i => Post($"p{i:D2}", $"2021-01-{i:D2}", body: $"First paragraph {i}.\n\nSecond paragraph.")).ToArray();
        using var fixture = new FeedFixture(files, configure: o => o.Feeds.MaxItems = 25);

        Feed byDefault = fixture.Builder.ForBlog(fixture.Snapshot, null);
        Feed custom = fixture.Builder.ForBlog(fixture.Snapshot, new FeedSettings(MaxItems: 5, FullContent: false));

        Assert.Equal(25, byDefault.Items.Count);
        Assert.Contains("Second paragraph", byDefault.Items[0].ContentHtml, StringComparison.Ordinal);
        Assert.Equal(["p30", "p29", "p28", "p27", "p26"], custom.Items.Select(i => i.Title));
        Assert.All(custom.Items, i => Assert.Null(i.ContentHtml));
        string rss = Encoding.UTF8.GetString(fixture.Bytes(custom, FeedFormat.Rss));
        Assert.DoesNotContain("content:encoded>", rss, StringComparison.Ordinal);
        Assert.Contains("<description><![CDATA[<p>First paragraph 30.</p>]]></description>", rss, StringComparison.Ordinal);
        string json = Encoding.UTF8.GetString(fixture.Bytes(custom, FeedFormat.JsonFeed));
        Assert.Contains("\"content_html\": \"<p>First paragraph 30.</p>\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CategoryTagAndAuthorFeeds_HoldTheirPostsAndOwnSelfLinks()
    {
        using var fixture = new FeedFixture([
            Post("a", "2021-01-01", "categories: [Cloud/AWS]\ntags: [lambda]\nauthor: Jane Doe\n"),
            Post("b", "2021-02-01", "categories: [DevOps]\nauthor: John Roe\n"),
            Post("c", "2021-03-01", "categories: [Cloud]\nauthor: jane doe\n"),
        ]);
        Term cloud = fixture.Taxonomy.CategoryRoots.Single(t => t.Name == "Cloud");
        Term lambda = fixture.Taxonomy.Tags.Single();

        Feed cloudFeed = fixture.Builder.ForTerm(fixture.Snapshot, cloud, null);
        Feed tagFeed = fixture.Builder.ForTerm(fixture.Snapshot, lambda, null);
        Feed janeFeed = fixture.Builder.ForAuthor(fixture.Snapshot, "Jane Doe", null);

        Assert.Equal(["c", "a"], cloudFeed.Items.Select(i => i.Title));
        Assert.Equal("DevOps Vision Blog — Cloud", cloudFeed.Title);
        Assert.Equal(new Uri("https://blog.example.org/categories/cloud/feed.xml"), cloudFeed.FeedUrls[FeedFormat.Rss]);
        Assert.Equal(new Uri("https://blog.example.org/tags/lambda/atom.xml"), tagFeed.FeedUrls[FeedFormat.Atom]);
        Assert.Equal(["a"], tagFeed.Items.Select(i => i.Title));
        Assert.Equal(["c", "a"], janeFeed.Items.Select(i => i.Title));
        Assert.Equal(new Uri("https://blog.example.org/authors/jane-doe/feed.json"), janeFeed.FeedUrls[FeedFormat.JsonFeed]);
        Assert.Empty(fixture.Builder.ForAuthor(fixture.Snapshot, "Nobody", null).Items);
        Assert.Equal(fixture.Builder.ForBlog(fixture.Snapshot, null).Items.Single(i => i.Title == "a").Id, cloudFeed.Items.Single(i => i.Title == "a").Id);
    }

    [Fact]
    public void HubsAndStylesheet_AreAnnouncedWhenConfigured()
    {
        using var fixture = new FeedFixture([Post("a", "2021-01-01")], configure: o =>
        {
            o.Feeds.Hubs.Add(new Uri("https://hub.example.org/"));
            o.Feeds.Stylesheet = "feed.xsl";
        });
        Feed feed = fixture.Builder.ForBlog(fixture.Snapshot, null);

        string rss = Encoding.UTF8.GetString(fixture.Bytes(feed, FeedFormat.Rss));
        string atom = Encoding.UTF8.GetString(fixture.Bytes(feed, FeedFormat.Atom));
        string json = Encoding.UTF8.GetString(fixture.Bytes(feed, FeedFormat.JsonFeed));

        Assert.Contains("<?xml-stylesheet type=\"text/xsl\" href=\"https://blog.example.org/feed.xsl\"?>", rss, StringComparison.Ordinal);
        Assert.Contains("<atom:link href=\"https://hub.example.org/\" rel=\"hub\" />", rss, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"hub\" href=\"https://hub.example.org/\" />", atom, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"WebSub\"", json, StringComparison.Ordinal);
        Assert.Empty(FeedChecks.CheckRss(Encoding.UTF8.GetBytes(rss)));
    }

    [Fact]
    public void ScriptsInUntrustedPosts_NeverReachFeeds()
    {
        using var fixture = new FeedFixture([Post("a", "2021-01-01", body: "<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=x onerror=alert(3)>")]);

        foreach (FeedFormat format in Enum.GetValues<FeedFormat>())
        {
            string text = Encoding.UTF8.GetString(fixture.Bytes(fixture.Builder.ForBlog(fixture.Snapshot, null), format));
            Assert.DoesNotContain("alert", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HtmlPayloads_ReadBackExactly_EvenWithCDataTerminators()
    {
        using var fixture = new FeedFixture([Post("a", "2021-01-01", body: "Text with ]]> and ]]]]>> and `code ]]>` & <b>bold</b>, Björn, 日本, 🚀.")]);
        Feed feed = fixture.Builder.ForBlog(fixture.Snapshot, null);
        FeedItem item = feed.Items.Single();

        XDocument rss = XDocument.Load(new MemoryStream(fixture.Bytes(feed, FeedFormat.Rss)));
        XDocument atom = XDocument.Load(new MemoryStream(fixture.Bytes(feed, FeedFormat.Atom)));

        XElement rssItem = rss.Root!.Element("channel")!.Element("item")!;
        Assert.Equal(item.ContentHtml, (string?)rssItem.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/")));
        Assert.Equal(item.SummaryHtml, (string?)rssItem.Element("description"));
        XElement entry = atom.Root!.Element(FeedChecks.Atom + "entry")!;
        Assert.Equal(item.ContentHtml, (string?)entry.Element(FeedChecks.Atom + "content"));
        Assert.Equal(item.SummaryHtml, (string?)entry.Element(FeedChecks.Atom + "summary"));
    }

    [Fact]
    public void FeedsNeedAnAbsoluteBaseUrl()
    {
        using var fixture = new FeedFixture([Post("a", "2021-01-01")], configure: o => o.BaseUrl = null);

        var error = Assert.Throws<ArgumentException>(() => fixture.Builder.ForBlog(fixture.Snapshot, null));
        Assert.Contains("Blog:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MediaTypes_AreTheRegisteredOnes()
    {
        Assert.Equal("application/rss+xml; charset=utf-8", FeedWriter.MediaType(FeedFormat.Rss));
        Assert.Equal("application/atom+xml; charset=utf-8", FeedWriter.MediaType(FeedFormat.Atom));
        Assert.Equal("application/feed+json; charset=utf-8", FeedWriter.MediaType(FeedFormat.JsonFeed));
    }
}
