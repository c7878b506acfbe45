using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DevOpsVision.Samples.Cli.Tests;

/// <summary>The static site's HTML pages: categories, tags, archives, quotes, search, and the links between them.</summary>
public sealed partial class SitePagesTests
{
    private static readonly string[] Pages =
    [
        "index.html", "categories/index.html", "tags/index.html", "archive/index.html", "quotes/index.html", "search/index.html", "assets/site.css",
    ];

    [Fact]
    public async Task Build_of_the_sample_blog_writes_linked_category_archive_quotes_and_search_pages()
    {
        using var temp = new TempFolder();
        string site = Path.Combine(temp.Path, "site");

        CliRun run = await CliRun.RunAsync("build", "--content", TestPaths.SampleContent, "--output", site, "--base-url", "https://blog.example.com/",
            "--title", "DevOps Vision Blog");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string page in Pages)
        {
            Assert.True(File.Exists(Path.Combine(site, page)), page + " is missing");
        }

        // Every relative link, script and form of every page leads to a file of the site.
        int links = CheckLinks(site);
        Assert.True(links > 200, $"only {links} links checked");

        using JsonDocument posts = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "posts.json")));
        var dates = posts.RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("slug").GetString()!, p => p.GetProperty("date").GetString()!);

        // A category page lists its posts (its own and its subcategories'), newest first, with their dates.
        using JsonDocument categories = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "categories.json")));
        foreach (JsonElement category in categories.RootElement.EnumerateArray())
        {
            string path = category.GetProperty("path").GetString()!;
            string page = File.ReadAllText(Path.Combine(site, "categories", path, "index.html"));
            string[] expected = [.. category.GetProperty("posts").EnumerateArray().Select(p => p.GetString()!)];
            Assert.Equal(expected, ListedPosts(page));
            Assert.Equal(expected, expected.OrderByDescending(slug => DateTimeOffset.Parse(dates[slug], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Contains($"<h1>{WebUtility.HtmlEncode(category.GetProperty("name").GetString()!)} <small>", page, StringComparison.Ordinal);
            Assert.Contains("<time datetime=\"", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"../categories/{path}/\"", File.ReadAllText(Path.Combine(site, "categories", "index.html")), StringComparison.Ordinal);
        }

        string devops = File.ReadAllText(Path.Combine(site, "categories", "devops", "index.html"));
        Assert.Equal(5, ListedPosts(devops).Count);
        Assert.Equal(["aws-devops-engineer-pro-exam-experiences"], ListedPosts(File.ReadAllText(Path.Combine(site, "categories", "cloud", "index.html"))));
        Assert.Equal(["effective-devops"], ListedPosts(File.ReadAllText(Path.Combine(site, "categories", "book-review", "index.html"))));
        Assert.Contains("type=\"application/rss+xml\" title=\"DevOps Vision Blog – DevOps (RSS)\" href=\"../../categories/devops/feed.xml\"", devops, StringComparison.Ordinal);

        // Post pages link a category to its page, not to its feed.
        string post = File.ReadAllText(Path.Combine(site, "posts", "effective-devops", "index.html"));
        Assert.Contains("<a class=\"category\" href=\"../../categories/devops/\">DevOps</a>", post, StringComparison.Ordinal);
        Assert.Contains("<a class=\"category\" href=\"../../categories/book-review/\">Book review</a>", post, StringComparison.Ordinal);
        foreach (string nav in new[] { "Home", "Categories", "Archive", "Quotes", "Search" })
        {
            Assert.Contains($"\">{nav}</a>", post, StringComparison.Ordinal);
        }

        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"DevOps Vision Blog (Atom)\" href=\"../../atom.xml\">", post, StringComparison.Ordinal);

        // Archives: a page per year and month with that period's posts.
        foreach (IGrouping<string, KeyValuePair<string, string>> month in dates.GroupBy(d => d.Value[..7]))
        {
            string year = month.Key[..4];
            string monthPage = File.ReadAllText(Path.Combine(site, "archive", year, month.Key[5..], "index.html"));
            Assert.Equal(month.Select(d => d.Key).Order(StringComparer.Ordinal), ListedPosts(monthPage).Order(StringComparer.Ordinal));
            Assert.Contains($"href=\"../archive/{year}/{month.Key[5..]}/\"", File.ReadAllText(Path.Combine(site, "archive", "index.html")), StringComparison.Ordinal);
        }

        Assert.Equal(dates.Count(d => d.Value.StartsWith("2016", StringComparison.Ordinal)),
            ListedPosts(File.ReadAllText(Path.Combine(site, "archive", "2016", "index.html"))).Count);

        // Quotes: grouped by work, with people and a link back to the post.
        string quotes = File.ReadAllText(Path.Combine(site, "quotes", "index.html"));
        Assert.Contains("<h2>Effective DevOps</h2>", quotes, StringComparison.Ordinal);
        int section = quotes.IndexOf("<h2>Effective DevOps</h2>", StringComparison.Ordinal);
        string effective = quotes[section..quotes.IndexOf("</section>", section, StringComparison.Ordinal)];
        Assert.Contains("<blockquote><p>", effective, StringComparison.Ordinal);
        Assert.Contains("href=\"../posts/effective-devops/\">from “Effective DevOps”</a>", effective, StringComparison.Ordinal);
        Assert.Contains("<span>— ", effective, StringComparison.Ordinal);

        // Search: the form, the exported index and client, and the path of every post for the hits' links.
        string search = File.ReadAllText(Path.Combine(site, "search", "index.html"));
        Assert.Contains("<form id=\"search-form\"", search, StringComparison.Ordinal);
        Assert.Contains("data-index=\"../search-index.json\"", search, StringComparison.Ordinal);
        Assert.Contains("<script src=\"../search.js\"></script>", search, StringComparison.Ordinal);
        Assert.Contains("DevOpsVisionSearch.load(", search, StringComparison.Ordinal);
        Match map = PostPathsPattern().Match(search);
        Assert.True(map.Success);
        using JsonDocument paths = JsonDocument.Parse(map.Groups[1].Value);
        Assert.Equal(dates.Keys.Order(StringComparer.Ordinal), paths.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("../posts/effective-devops/", paths.RootElement.GetProperty("effective-devops").GetString());

        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.Root, "samples", "DevOpsVision.Samples.Web", "assets", "site.css")),
            File.ReadAllText(Path.Combine(site, "assets", "site.css")));
    }

    [Fact]
    public async Task Hostile_category_and_tag_names_stay_inside_the_output_folder_and_are_encoded()
    {
        using var temp = new TempFolder();
        string content = Path.Combine(temp.Path, "content");
        string site = Path.Combine(temp.Path, "out", "site");
        Directory.CreateDirectory(content);
        await File.WriteAllTextAsync(Path.Combine(content, "evil.md"),
            "---\ntitle: Evil\nslug: evil\ndate: 2024-01-01\ncategories: [\"<img src=x onerror=alert(1)>/../../../../escape\", \"..\"]\ntags: [\"<b>bold</b>\", \"../../up\"]\n---\nHello.\n");

        CliRun run = await CliRun.RunAsync("build", "--content", content, "--output", site);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["site"], Directory.GetFileSystemEntries(Path.Combine(temp.Path, "out")).Select(Path.GetFileName));
        Assert.Equal(["content", "out"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string[] categoryPages = Directory.GetFiles(Path.Combine(site, "categories"), "index.html", SearchOption.AllDirectories);
        Assert.True(categoryPages.Length >= 2, string.Join(", ", categoryPages));
        string[] tagPages = Directory.GetFiles(Path.Combine(site, "tags"), "index.html", SearchOption.AllDirectories);
        Assert.True(tagPages.Length >= 2, string.Join(", ", tagPages));
        foreach (string file in Directory.GetFiles(site, "*.html", SearchOption.AllDirectories))
        {
            string html = File.ReadAllText(file);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        }

        string post = File.ReadAllText(Path.Combine(site, "posts", "evil", "index.html"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", File.ReadAllText(Path.Combine(site, "categories", "index.html")), StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", post, StringComparison.Ordinal);
        Assert.Contains(categoryPages, p => File.ReadAllText(p).Contains("<h1>&lt;img src=x onerror=alert(1)&gt; <small>", StringComparison.Ordinal));
        Assert.Contains(tagPages, p => File.ReadAllText(p).Contains("<h1>Tagged “&lt;b&gt;bold&lt;/b&gt;” <small>", StringComparison.Ordinal));
        CheckLinks(site);
    }

    [Fact]
    public async Task A_post_page_shows_its_series_and_contents_and_tags_link_to_tag_pages()
    {
        using var temp = new TempFolder();
        string site = Path.Combine(temp.Path, "site");
        temp.Write("content/one.md", "---\ntitle: Part one\nslug: one\ndate: 2024-01-01\nseries: K8s basics\ntags: [Kubernetes]\n---\n## Pods\n\nText.\n\n## Services\n\nMore.\n");
        temp.Write("content/two.md", "---\ntitle: Part two\nslug: two\ndate: 2024-02-01\nseries: K8s basics\ntags: [Kubernetes, Helm]\n---\nHello.\n");

        CliRun run = await CliRun.RunAsync("build", "--content", Path.Combine(temp.Path, "content"), "--output", site);

        Assert.True(run.ExitCode == 0, run.ToString());
        string one = File.ReadAllText(Path.Combine(site, "posts", "one", "index.html"));
        Assert.Contains("<p>Part 1 of 2 in the series <strong>K8s basics</strong>:</p>", one, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"next\" href=\"../../posts/two/\">Next part: Part two →</a>", one, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"toc\" aria-label=\"Contents\">", one, StringComparison.Ordinal);
        Assert.Contains(">Pods</a></li>", one, StringComparison.Ordinal);
        Assert.Contains("<a class=\"tag\" href=\"../../tags/kubernetes/\">Kubernetes</a>", one, StringComparison.Ordinal);
        string two = File.ReadAllText(Path.Combine(site, "posts", "two", "index.html"));
        Assert.Contains("<a rel=\"prev\" href=\"../../posts/one/\">← Previous part: Part one</a>", two, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"toc\"", two, StringComparison.Ordinal);
        Assert.Equal(["two", "one"], ListedPosts(File.ReadAllText(Path.Combine(site, "tags", "kubernetes", "index.html"))));
        Assert.Equal(["two"], ListedPosts(File.ReadAllText(Path.Combine(site, "tags", "helm", "index.html"))));
        string tags = File.ReadAllText(Path.Combine(site, "tags", "index.html"));
        Assert.Contains("<a class=\"tag\" href=\"../tags/kubernetes/\">Kubernetes <small>(2)</small></a>", tags, StringComparison.Ordinal);
        CheckLinks(site);
    }

    /// <summary>Resolves every relative <c>href</c>, <c>src</c> and form <c>action</c> of every page against the page's folder.</summary>
    /// <param name="site">The output folder.</param>
    /// <param name="postBodies">Whether to check the links posts' authors wrote too (imported posts link to their old site's pages).</param>
    /// <returns>How many links were checked.</returns>
    internal static int CheckLinks(string site, bool postBodies = true)
    {
        string root = Path.GetFullPath(site) + Path.DirectorySeparatorChar;
        int count = 0;
        foreach (string page in Directory.GetFiles(site, "*.html", SearchOption.AllDirectories))
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(page))!;
            string html = File.ReadAllText(page);
            int body = html.IndexOf("<div class=\"content\">", StringComparison.Ordinal);
            if (!postBodies && body >= 0)
            {
                int bodyEnd = html.LastIndexOf("\n</div>\n", html.LastIndexOf("</article>", StringComparison.Ordinal), StringComparison.Ordinal);
                html = html[..body] + html[bodyEnd..];
            }

            foreach (Match match in LinkPattern().Matches(html))
            {
                string link = WebUtility.HtmlDecode(match.Groups["url"].Value);
                if (link.StartsWith('#') || link.StartsWith("//", StringComparison.Ordinal) || SchemePattern().IsMatch(link))
                {
                    continue;
                }

                int end = link.IndexOfAny(['?', '#']);
                string path = Uri.UnescapeDataString(end < 0 ? link : link[..end]);
                string target = Path.GetFullPath(Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar)));
                if (path.Length == 0 || path.EndsWith('/'))
                {
                    target = Path.Combine(target, "index.html");
                }

                Assert.True(target.StartsWith(root, StringComparison.Ordinal), $"{page}: '{link}' leads outside the site");
                Assert.True(File.Exists(target), $"{page}: '{link}' leads to {target}, which was not written");
                count++;
            }
        }

        return count;
    }

    private static List<string> ListedPosts(string page) =>
        [.. ListedPostPattern().Matches(page).Select(m => m.Groups["slug"].Value)];

    [GeneratedRegex("""\s(?:href|src|action)="(?<url>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex SchemePattern();

    [GeneratedRegex("""<article class="summary">\n<h2><a href="(?:\.\./)*posts/(?<slug>[^/"]+)/">""")]
    private static partial Regex ListedPostPattern();

    [GeneratedRegex("""<script type="application/json" id="post-paths">(.*?)</script>""")]
    private static partial Regex PostPathsPattern();
}
