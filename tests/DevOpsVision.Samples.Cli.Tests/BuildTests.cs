using System.Text.Json;
using System.Xml.Linq;

namespace DevOpsVision.Samples.Cli.Tests;

public sealed class BuildTests
{
    private static readonly string[] SiteFiles =
    [
        "index.html", "feed.xml", "atom.xml", "feed.json", "sitemap.xml", "search-index.json", "search.js",
        "posts.json", "quotes.json", "categories.json", "tags.json",
    ];

    [Fact]
    public async Task Build_of_the_sample_blog_writes_the_whole_site_inside_the_output_folder()
    {
        using var temp = new TempFolder();
        string site = Path.Combine(temp.Path, "site");

        CliRun run = await CliRun.RunAsync("build", "--content", TestPaths.SampleContent, "--output", site,
            "--base-url", "https://blog.example.com/", "--title", "DevOps Vision Blog");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([site], Directory.GetFileSystemEntries(temp.Path));   // nothing written next to the site
        foreach (string file in SiteFiles)
        {
            Assert.True(File.Exists(Path.Combine(site, file)), file + " is missing");
        }

        using JsonDocument posts = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "posts.json")));
        JsonElement[] list = [.. posts.RootElement.EnumerateArray()];
        Assert.Equal(5, list.Length);
        foreach (JsonElement post in list)
        {
            string slug = post.GetProperty("slug").GetString()!;
            Assert.True(File.Exists(Path.Combine(site, "posts", slug, "index.html")), slug);
            Assert.Equal($"https://blog.example.com/posts/{slug}/", post.GetProperty("url").GetString());
            Assert.True(post.GetProperty("wordCount").GetInt32() > 0);
            Assert.True(post.GetProperty("readingMinutes").GetInt32() >= 1);
            Assert.False(string.IsNullOrEmpty(post.GetProperty("excerpt").GetString()));
            Assert.Equal(JsonValueKind.Array, post.GetProperty("related").ValueKind);
            Assert.Equal(JsonValueKind.Array, post.GetProperty("authors").ValueKind);
            Assert.True(DateTimeOffset.TryParse(post.GetProperty("date").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        }

        JsonElement effective = list.Single(p => p.GetProperty("slug").GetString() == "effective-devops");
        Assert.Equal(["Book review", "DevOps"], effective.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));

        using JsonDocument categories = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "categories.json")));
        JsonElement devops = categories.RootElement.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "devops");
        Assert.Equal("DevOps", devops.GetProperty("name").GetString());
        Assert.Equal(devops.GetProperty("count").GetInt32(), devops.GetProperty("posts").GetArrayLength());
        Assert.Contains("effective-devops", devops.GetProperty("posts").EnumerateArray().Select(p => p.GetString()));
        foreach (JsonElement category in categories.RootElement.EnumerateArray())
        {
            string path = category.GetProperty("path").GetString()!;
            Assert.True(File.Exists(Path.Combine(site, "categories", path, "feed.xml")), path);
            Assert.True(File.Exists(Path.Combine(site, "categories", path, "atom.xml")), path);
            Assert.True(File.Exists(Path.Combine(site, "categories", path, "feed.json")), path);
        }

        using JsonDocument tags = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "tags.json")));
        Assert.Equal(JsonValueKind.Array, tags.RootElement.ValueKind);

        using JsonDocument quotes = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "quotes.json")));
        Assert.Contains(quotes.RootElement.EnumerateArray(), q => q.GetProperty("work").GetString() == "Effective DevOps"
            && q.GetProperty("postUrl").GetString() == "https://blog.example.com/posts/effective-devops/");

        XDocument rss = XDocument.Load(Path.Combine(site, "feed.xml"));
        Assert.Equal(5, rss.Descendants("item").Count());
        Assert.Equal("DevOps Vision Blog", rss.Descendants("channel").Single().Element("title")!.Value);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(5, XDocument.Load(Path.Combine(site, "atom.xml")).Descendants(atom + "entry").Count());
        using JsonDocument jsonFeed = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "feed.json")));
        Assert.Equal(5, jsonFeed.RootElement.GetProperty("items").GetArrayLength());
        XNamespace sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Contains(XDocument.Load(Path.Combine(site, "sitemap.xml")).Descendants(sitemap + "loc"),
            loc => loc.Value == "https://blog.example.com/posts/effective-devops/");
        using JsonDocument index = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "search-index.json")));
        Assert.Contains("effective-devops", index.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("DevOpsVisionSearch", File.ReadAllText(Path.Combine(site, "search.js")), StringComparison.Ordinal);

        string page = File.ReadAllText(Path.Combine(site, "posts", "effective-devops", "index.html"));
        Assert.Contains("<h1>Effective DevOps</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Three years since Jennifer Davis", page, StringComparison.Ordinal);
        Assert.Contains("15 September 2019", page, StringComparison.Ordinal);
        string home = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("href=\"posts/effective-devops/\"", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("18f-blog")]
    [InlineData("otel-blog")]
    public async Task Build_of_a_corpus_writes_a_page_per_post_and_reports_the_posts_left_out(string corpus)
    {
        using var temp = new TempFolder();
        string site = Path.Combine(temp.Path, "site");

        CliRun run = await CliRun.RunAsync("build", "--content", TestPaths.Corpus(corpus), "--output", site);

        Assert.True(run.ExitCode == 1, run.ToString());   // duplicate slugs: those posts are left out, the rest is built
        Assert.Contains("error DV0114", run.Err, StringComparison.Ordinal);
        Assert.Equal([site], Directory.GetFileSystemEntries(temp.Path));
        using JsonDocument posts = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "posts.json")));
        string[] slugs = [.. posts.RootElement.EnumerateArray().Select(p => p.GetProperty("slug").GetString()!)];
        Assert.NotEmpty(slugs);
        Assert.Equal(slugs.Length, Directory.GetFiles(Path.Combine(site, "posts"), "index.html", SearchOption.AllDirectories).Length);
        Assert.All(slugs, slug => Assert.True(File.Exists(Path.Combine(site, "posts", slug, "index.html")), slug));
        foreach (string file in SiteFiles)
        {
            Assert.True(File.Exists(Path.Combine(site, file)), file + " is missing");
        }

        Assert.All(posts.RootElement.EnumerateArray().SelectMany(p => p.GetProperty("related").EnumerateArray()),
            related => Assert.Contains(related.GetString(), slugs));

        using JsonDocument categories = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "categories.json")));
        using JsonDocument tags = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "tags.json")));
        Assert.Equal(categories.RootElement.GetArrayLength() + 1, Directory.GetFiles(Path.Combine(site, "categories"), "index.html", SearchOption.AllDirectories).Length);
        Assert.Equal(tags.RootElement.GetArrayLength() + 1, Directory.GetFiles(Path.Combine(site, "tags"), "index.html", SearchOption.AllDirectories).Length);
        int months = posts.RootElement.EnumerateArray().Select(p => p.GetProperty("date").GetString()![..7]).Distinct(StringComparer.Ordinal).Count();
        int years = posts.RootElement.EnumerateArray().Select(p => p.GetProperty("date").GetString()![..4]).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(1 + years + months, Directory.GetFiles(Path.Combine(site, "archive"), "index.html", SearchOption.AllDirectories).Length);
        Assert.True(File.Exists(Path.Combine(site, "quotes", "index.html")));
        Assert.True(File.Exists(Path.Combine(site, "search", "index.html")));
        Assert.True(SitePagesTests.CheckLinks(site, postBodies: false) > slugs.Length * 10);
    }

    [Fact]
    public async Task A_hostile_slug_and_title_stay_inside_the_output_folder_and_are_encoded()
    {
        using var temp = new TempFolder();
        string content = Path.Combine(temp.Path, "content");
        string site = Path.Combine(temp.Path, "out", "site");
        Directory.CreateDirectory(content);
        await File.WriteAllTextAsync(Path.Combine(content, "evil.md"),
            "---\ntitle: \"<script>alert(1)</script> & co\"\nslug: ../../etc\ndate: 2024-01-01\ncategories: [\"../../../tmp\"]\n---\nHello.\n");
        await File.WriteAllTextAsync(Path.Combine(content, "evil2.md"),
            "---\ntitle: Second\nslug: \"..\\\\..\\\\windows\"\ndate: 2024-01-02\n---\nHello again.\n");

        CliRun run = await CliRun.RunAsync("build", "--content", content, "--output", site);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["site"], Directory.GetFileSystemEntries(Path.Combine(temp.Path, "out")).Select(Path.GetFileName));
        Assert.Equal(["content", "out"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(content)).Length);
        string[] pages = Directory.GetFiles(Path.Combine(site, "posts"), "index.html", SearchOption.AllDirectories);
        Assert.Equal(2, pages.Length);
        Assert.All(pages, p => Assert.StartsWith(Path.Combine(site, "posts") + Path.DirectorySeparatorChar, Path.GetFullPath(p), StringComparison.Ordinal));
        string page = File.ReadAllText(pages.Single(p => File.ReadAllText(p).Contains("<h1>&lt;script&gt;alert", StringComparison.Ordinal)));
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_exits_with_1_and_says_why()
    {
        using var temp = new TempFolder();
        string file = temp.Write("not-a-folder", "a file where the site should go");

        CliRun run = await CliRun.RunAsync("build", "--content", TestPaths.SampleContent, "--output", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: could not write the site to", run.Err, StringComparison.Ordinal);
        Assert.Equal("a file where the site should go", File.ReadAllText(file));
    }
}
