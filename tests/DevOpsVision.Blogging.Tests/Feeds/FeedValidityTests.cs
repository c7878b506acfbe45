using System.ServiceModel.Syndication;
using System.Text;
using DevOpsVision.Blogging.Benchmarks;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Tests.Feeds;

/// <summary>Every feed of the sample blog, both corpora and 10,000 synthetic posts passes every check.</summary>
public sealed class FeedValidityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dv-feeds-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Blogs() => ["sample", "18f", "otel", "synthetic-10000"];

    private static FeedFixture Open(string blog) => blog switch
    {
        "sample" => new FeedFixture(folder: TestPaths.SampleContent),
        "18f" => new FeedFixture(folder: Path.Combine(TestPaths.Corpus("18f-blog"), "posts")),
        "otel" => new FeedFixture(folder: Path.Combine(TestPaths.Corpus("otel-blog"), "posts")),
        _ => new FeedFixture(files: SyntheticBlog.Create(10_000)),
    };

    [Theory]
    [MemberData(nameof(Blogs))]
    public void AllFeeds_PassStructureReaderAndSchemaChecks(string blog)
    {
        using FeedFixture fixture = Open(blog);
        var atomFiles = new List<string>();
        var feeds = fixture.AllFeeds().ToList();
        if (blog == "synthetic-10000")
        {
            // The whole blog in one feed as well: 10,000 items.
            feeds.Add(("everything", fixture.Builder.ForBlog(fixture.Snapshot, new FeedSettings(MaxItems: 10_000, FullContent: false))));
        }

        foreach ((string name, Feed feed) in feeds)
        {
            byte[] rss = fixture.Bytes(feed, FeedFormat.Rss);
            byte[] atom = fixture.Bytes(feed, FeedFormat.Atom);
            byte[] json = fixture.Bytes(feed, FeedFormat.JsonFeed);
            Assert.True(FeedChecks.CheckRss(rss) is [], $"{blog}/{name} RSS: {string.Join("; ", FeedChecks.CheckRss(rss).Take(5))}");
            Assert.True(FeedChecks.CheckAtom(atom) is [], $"{blog}/{name} Atom: {string.Join("; ", FeedChecks.CheckAtom(atom).Take(5))}");
            Assert.True(FeedChecks.CheckJsonFeed(json) is [], $"{blog}/{name} JSON: {string.Join("; ", FeedChecks.CheckJsonFeed(json).Take(5))}");

            SyndicationFeed fromRss = FeedChecks.Read(rss);
            SyndicationFeed fromAtom = FeedChecks.Read(atom);
            Assert.Equal(feed.Items.Select(i => i.Title), fromRss.Items.Select(i => i.Title.Text));
            Assert.Equal(feed.Items.Select(i => i.Title), fromAtom.Items.Select(i => i.Title.Text));
            Assert.Equal(feed.Items.Select(i => i.Url), fromAtom.Items.Select(i => i.Links.Single(l => l.RelationshipType == "alternate").Uri));
            Assert.Equal(feed.Items.Select(i => i.Url), fromRss.Items.Select(i => i.Links[0].Uri));
            Assert.Equal(feed.Items.Select(i => i.Published.ToUniversalTime()), fromRss.Items.Select(i => i.PublishDate.ToUniversalTime()));
            Assert.Equal(feed.Items.Select(i => i.Published), fromAtom.Items.Select(i => i.PublishDate));
            Assert.Equal(feed.Items.Select(i => i.Categories.Select(c => c.Name)), fromRss.Items.Select(i => i.Categories.Select(c => c.Name)));
            Assert.Equal(feed.Items.Select(i => i.Categories.Select(c => c.Slug)), fromAtom.Items.Select(i => i.Categories.Select(c => c.Name)));

            string path = Path.Combine(_folder, $"{blog}-{name}.atom");
            File.WriteAllBytes(path, atom);
            atomFiles.Add(path);
        }

        Assert.Equal(string.Empty, FeedChecks.RunJing(atomFiles));
    }

    [Fact]
    public void Checks_CatchBrokenFeeds()
    {
        using FeedFixture fixture = Open("sample");
        Feed feed = fixture.Builder.ForBlog(fixture.Snapshot, null);
        string rss = Encoding.UTF8.GetString(fixture.Bytes(feed, FeedFormat.Rss));
        string atom = Encoding.UTF8.GetString(fixture.Bytes(feed, FeedFormat.Atom));
        string json = Encoding.UTF8.GetString(fixture.Bytes(feed, FeedFormat.JsonFeed));

        // Each check fails on a feed broken the way other generators break theirs.
        Assert.NotEmpty(FeedChecks.CheckRss(Encoding.UTF8.GetBytes(rss.Replace("rel=\"self\"", "rel=\"alternate\"", StringComparison.Ordinal))));
        Assert.NotEmpty(FeedChecks.CheckRss(Encoding.UTF8.GetBytes(rss.Replace(" GMT</pubDate>", " UTC+2</pubDate>", StringComparison.Ordinal))));
        Assert.NotEmpty(FeedChecks.CheckRss([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(rss)]));
        Assert.NotEmpty(FeedChecks.CheckAtom(Encoding.UTF8.GetBytes(atom.Replace("<author>", "<author><email>x@example.org</email>", StringComparison.Ordinal).Replace("<name>", "<nom>", StringComparison.Ordinal).Replace("</name>", "</nom>", StringComparison.Ordinal))));
        Assert.NotEmpty(FeedChecks.CheckJsonFeed(Encoding.UTF8.GetBytes(json.Replace("\"id\": \"https://", "\"id\": 12, \"x\": \"https://", StringComparison.Ordinal))));
        Assert.NotEmpty(FeedChecks.CheckJsonFeed(Encoding.UTF8.GetBytes(json.Replace("https://jsonfeed.org/version/1.1", "https://jsonfeed.org/version/1", StringComparison.Ordinal))));
        Assert.NotEmpty(FeedChecks.CheckJsonFeed(Encoding.UTF8.GetBytes(json.Replace("\"url\": \"https://blog.example.org/posts/", "\"url\": \"posts/", StringComparison.Ordinal))));

        string broken = Path.Combine(_folder, "broken.atom");
        File.WriteAllText(broken, atom.Replace("<id>", "<identifier>", StringComparison.Ordinal).Replace("</id>", "</identifier>", StringComparison.Ordinal));
        Assert.NotEqual(string.Empty, FeedChecks.RunJing([broken]));
        string https = Path.Combine(_folder, "https-namespace.atom");
        File.WriteAllText(https, atom.Replace("http://www.w3.org/2005/Atom", "https://www.w3.org/2005/Atom", StringComparison.Ordinal));
        Assert.NotEqual(string.Empty, FeedChecks.RunJing([https]));
    }

    [Fact]
    public void HostilePosts_StillGiveValidFeeds()
    {
        string control = "Title \u0001\u0008\u000B\u001F\u0085 with ]]> and <b>tags</b> & \uFFFE end";
        PostFile[] files =
        [
            PostFile.FromText("2021-01-01-control.md", $"---\ntitle: \"{control.Replace("\u0001", "\\x01").Replace("\u0008", "\\b").Replace("\u000B", "\\v").Replace("\u001F", "\\x1F").Replace("\u0085", "\\N").Replace("\uFFFE", "\\uFFFE")}\"\ncategories: ['../../etc', '<script>']\ntags: [']]>']\n---\nBody with ]]> inside and <div><span>unclosed tags\n"),
            PostFile.FromText("2021-01-02-huge.md", "---\ntitle: Huge\n---\n" + string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet ]]> consectetur. ", 1024 * 1024 / 44)) + "\n"),
            PostFile.FromText("2021-01-03-relative.md", "---\ntitle: Relative\nimage: cover.png\n---\n[a](../other/) ![i](pic.png) <img srcset=\"a.png 1x, /b.png 2x\" src=\"c.png\">\n"),
        ];
        using var fixture = new FeedFixture(files);
        var atomFiles = new List<string>();
        foreach ((string name, Feed feed) in fixture.AllFeeds())
        {
            foreach (FeedFormat format in Enum.GetValues<FeedFormat>())
            {
                byte[] bytes = fixture.Bytes(feed, format);
                List<string> problems = format switch
                {
                    FeedFormat.Rss => FeedChecks.CheckRss(bytes),
                    FeedFormat.Atom => FeedChecks.CheckAtom(bytes),
                    _ => FeedChecks.CheckJsonFeed(bytes),
                };
                Assert.True(problems is [], $"{name} {format}: {string.Join("; ", problems)}");
            }

            string path = Path.Combine(_folder, $"hostile-{atomFiles.Count}.atom");
            File.WriteAllBytes(path, fixture.Bytes(feed, FeedFormat.Atom));
            atomFiles.Add(path);
        }

        Assert.Equal(string.Empty, FeedChecks.RunJing(atomFiles));
        Assert.Contains(fixture.Taxonomy.Categories, c => c.Path == "etc");
        Assert.DoesNotContain(fixture.Taxonomy.Categories, c => c.Path.Contains("..", StringComparison.Ordinal));
        FeedItem relative = fixture.Builder.ForBlog(fixture.Snapshot, null).Items.Single(i => i.Title == "Relative");
        Assert.Contains("href=\"https://blog.example.org/posts/other/\"", relative.ContentHtml, StringComparison.Ordinal);
        Assert.Contains("src=\"https://blog.example.org/posts/relative/pic.png\"", relative.ContentHtml, StringComparison.Ordinal);
        Assert.Contains("src=\"https://blog.example.org/posts/relative/c.png\"", relative.ContentHtml, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://blog.example.org/posts/relative/cover.png"), relative.Image);
    }
}
