using System.Net;
using System.Text.RegularExpressions;

namespace DevOpsVision.Samples.Web.Tests;

/// <summary>Starts the built web sample once for the class.</summary>
public sealed class SampleFixture : IAsyncLifetime
{
    private SampleApp? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = await SampleApp.StartAsync();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Address };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The web sample's pages, feeds and assets over HTTP, as it runs with no set-up.</summary>
public sealed partial class SamplePagesTests(SampleFixture sample) : IClassFixture<SampleFixture>
{
    private readonly HttpClient _client = sample.Client;

    public static TheoryData<string, string> Pages() => new()
    {
        { "/", "Posted on <time datetime=\"2021-02-06T06:01&#x2B;01:00\">February 6, 2021</time>" },
        { "/posts/effective-devops/", "<a href=\"#my-top-quotes-from-effective-devops\">My top quotes from Effective DevOps</a>" },
        { "/posts/aws-devops-engineer-pro-exam-experiences/", "<small>Previous post</small>Effective DevOps" },
        { "/categories/", "<a class=\"category\" href=\"/categories/book-review/\">Book review</a>" },
        { "/categories/cloud/", "AWS DevOps Engineer Pro Exam" },
        { "/archive/", "<a href=\"/archive/2019/09/\">September</a>" },
        { "/archive/2019/09/", "<h1>September 2019</h1>" },
        { "/archive/2016/", "2016 State of DevOps Report" },
        { "/quotes/", "<h2>Effective DevOps</h2>" },
        { "/search/?q=autonomus", "<mark>Autonomous</mark> teams Supporting Microservices 24/7" },
        { "/search/?q=autonomus&year=2018", "href=\"/search/?q=autonomus\" title=\"Remove this filter\">year: 2018" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_ShowTheBlog(string path, string expected)
    {
        using HttpResponseMessage response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/posts/no-such-post/")]
    [InlineData("/categories/no-such-category/")]
    [InlineData("/tags/no-such-tag/")]
    [InlineData("/archive/1999/")]
    [InlineData("/archive/2021/12/")]
    [InlineData("/page/9/")]
    [InlineData("/categories/devops/?page=9")]
    public async Task MissingPages_Are404WithTheSitesPage(string path)
    {
        using HttpResponseMessage response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Nothing here</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPage_AnnouncesTheFeeds_AndCategoryPagesTheirOwn()
    {
        string home = await _client.GetStringAsync("/");
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"DevOps Vision Blog (RSS)\" href=\"/feed.xml\">", home, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"DevOps Vision Blog (Atom)\" href=\"/atom.xml\">", home, StringComparison.Ordinal);

        string category = await _client.GetStringAsync("/categories/devops/");
        Assert.Contains("type=\"application/atom+xml\" title=\"DevOps Vision Blog – DevOps (Atom)\" href=\"/categories/devops/atom.xml\"", category, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/feed.xml", "application/rss+xml")]
    [InlineData("/atom.xml", "application/atom+xml")]
    [InlineData("/feed.json", "application/feed+json")]
    [InlineData("/categories/devops/feed.xml", "application/rss+xml")]
    [InlineData("/categories/book-review/atom.xml", "application/atom+xml")]
    [InlineData("/sitemap.xml", "application/xml")]
    public async Task Feeds_AndTheSitemap_AreServedBelowThePages(string path, string mediaType)
    {
        using HttpResponseMessage response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("http://localhost:5080/posts/effective-devops/", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchApi_IsMappedUnderApi()
    {
        string json = await _client.GetStringAsync("/api/search?q=autonomus");
        Assert.Contains("\"url\":\"/posts/autonomous-teams-supporting-microservices-24-7/\"", json, StringComparison.Ordinal);

        using HttpResponseMessage malformed = await _client.GetAsync("/api/search?q=%22unclosed");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task MalformedSearch_ShowsWhatToFix_With400()
    {
        using HttpResponseMessage response = await _client.GetAsync("/search/?q=%22unclosed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is never closed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StylesAndScript_AreServedLocally_AndNoPageLoadsAnythingFromElsewhere()
    {
        using HttpResponseMessage css = await _client.GetAsync("/assets/site.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        using HttpResponseMessage js = await _client.GetAsync("/assets/search.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);

        foreach (string path in (string[])["/", "/posts/effective-devops/", "/search/?q=devops", "/quotes/"])
        {
            string html = await _client.GetStringAsync(path);
            Assert.Empty(ExternalResource().Matches(html));
        }
    }

    [GeneratedRegex("<(?:link|script|img)[^>]+(?:href|src)=\"(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
