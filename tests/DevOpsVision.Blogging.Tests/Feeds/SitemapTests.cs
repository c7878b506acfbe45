using System.Xml.Linq;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.Tests.Feeds;

public class SitemapTests
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public void SampleBlog_SitemapListsHomePostsCategoriesAndArchives()
    {
        using var fixture = new FeedFixture(folder: TestPaths.SampleContent);
        var files = new Dictionary<string, MemoryStream>();

        IReadOnlyList<string> written = fixture.Sitemaps.Write(fixture.Snapshot, name => files[name] = new MemoryStream());

        Assert.Equal(["sitemap.xml"], written);
        XDocument doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(files["sitemap.xml"].ToArray()));
        Assert.Equal(Ns + "urlset", doc.Root!.Name);
        var locs = doc.Root.Elements(Ns + "url").Select(u => (string)u.Element(Ns + "loc")!).ToList();
        Assert.Equal("https://blog.example.org/", locs[0]);
        Assert.Contains("https://blog.example.org/posts/effective-devops/", locs);
        Assert.Contains("https://blog.example.org/categories/book-review/", locs);
        Assert.Contains("https://blog.example.org/archive/2016/06/", locs);
        Assert.Equal(locs.Count, locs.Distinct().Count());
        Assert.Equal(1 + 5 + 3 + 4 + 4, locs.Count);
        Assert.All(doc.Root.Elements(Ns + "url"), u => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", (string)u.Element(Ns + "lastmod")!));
    }

    [Fact]
    public void ManyUrls_AreSplitWithASitemapIndex()
    {
        PostFile[] posts = Enumerable.Range(0, 25).Select(i => PostFile.FromText($"p{i}.md", $"---\ntitle: P{i}\ndate: 2021-01-{i + 1:D2}\n---\nx\n")).ToArray();
        using var fixture = new FeedFixture(posts);
        var sitemaps = new Sitemaps(Options.Create(new BlogOptions { BaseUrl = new Uri("https://blog.example.org/") }), new DevOpsVision.Blogging.Taxonomy.Categorizer(Options.Create(new BlogOptions()))) { UrlsPerFile = 10 };
        var files = new Dictionary<string, MemoryStream>();

        IReadOnlyList<string> written = sitemaps.Write(fixture.Snapshot, name => files[name] = new MemoryStream());

        // 1 home + 25 posts + 1 year + 1 month = 28 URLs: three files of at most 10, and the index.
        Assert.Equal(["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"], written);
        XDocument index = XDocument.Parse(System.Text.Encoding.UTF8.GetString(files["sitemap.xml"].ToArray()));
        Assert.Equal(Ns + "sitemapindex", index.Root!.Name);
        Assert.Equal(["https://blog.example.org/sitemap-1.xml", "https://blog.example.org/sitemap-2.xml", "https://blog.example.org/sitemap-3.xml"], index.Root.Elements(Ns + "sitemap").Select(s => (string)s.Element(Ns + "loc")!));
        int total = written.Skip(1).Sum(name => XDocument.Parse(System.Text.Encoding.UTF8.GetString(files[name].ToArray())).Root!.Elements(Ns + "url").Count());
        Assert.Equal(28, total);
    }
}
