using System.Net;
using System.Net.Http.Headers;
using DevOpsVision.Blogging.AspNetCore;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.AspNetCore.Tests;

/// <summary>The feed endpoints in an app of their own, at the site root and under a prefix.</summary>
public sealed class FeedEndpointTests : IAsyncLifetime
{
    private readonly InMemoryPostSource _posts = new();
    private PrefixedTestApps _apps = null!;

    public async Task InitializeAsync()
    {
        _posts.Set("2021-02-06-aws.md", "---\ntitle: AWS exam\ndate: 2021-02-06 06:01\ncategories: [Cloud/AWS, DevOps]\ntags: [certification]\nauthor: Jane Doe\n---\nPassed the *exam*.\n");
        _posts.Set("2019-09-15-effective.md", "---\ntitle: Effective DevOps\ndate: 2019-09-15 19:29\ncategories: [Book review, DevOps]\n---\nQuotes.\n");
        _apps = await PrefixedTestApps.StartAsync(_posts, static (app, prefix) => app.MapBlogFeeds(prefix));
    }

    public async Task DisposeAsync() => await _apps.DisposeAsync();

    public static TheoryData<string> Prefixes() => [.. PrefixedTestApps.Prefixes];

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task Feeds_AreServedWithTheirMediaTypes(string prefix)
    {
        HttpClient client = _apps[prefix].Client;
        foreach ((string path, string type) in ((string, string)[])[
            ("/feed.xml", "application/rss+xml"),
            ("/atom.xml", "application/atom+xml"),
            ("/feed.json", "application/feed+json"),
            ("/categories/cloud/aws/feed.xml", "application/rss+xml"),
            ("/categories/devops/atom.xml", "application/atom+xml"),
            ("/tags/certification/feed.json", "application/feed+json"),
            ("/authors/jane-doe/feed.xml", "application/rss+xml"),
            ("/sitemap.xml", "application/xml")])
        {
            using HttpResponseMessage response = await client.GetAsync(prefix + path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{prefix}{path}: {response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
            Assert.NotNull(response.Headers.ETag);
            string body = await response.Content.ReadAsStringAsync();
            Assert.Contains("https://example.org" + prefix + "/", body, StringComparison.Ordinal);
        }

        Assert.Equal("an app route of its own", await client.GetStringAsync(prefix + "/hello"));
        Assert.Equal("the app's fallback", await client.GetStringAsync(prefix + "/anything/else"));
    }

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task UnknownFeedsAndPages_Are404(string prefix)
    {
        HttpClient client = _apps[prefix].Client;
        foreach (string path in (string[])["/categories/nope/feed.xml", "/tags/nope/atom.xml", "/authors/nobody/feed.json", "/sitemap-9.xml", "/categories/../../etc/feed.xml",
            "/sitemap-0.xml", "/sitemap-abc.xml", "/sitemapx.xml", "/sitemap-1.xml.xml", "/sitemap-01.xml"])
        {
            using HttpResponseMessage response = await client.GetAsync(prefix + path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{prefix}{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task AuthorFeed_BelongsToTheFirstAuthorToPublishUnderItsUrl()
    {
        var posts = new InMemoryPostSource();
        posts.Set("2021-01-01-jane.md", "---\ntitle: Jane's post\ndate: 2021-01-01\nauthor: Jane Doe\n---\nHers.\n");
        posts.Set("2022-01-01-later.md", "---\ntitle: A later post\ndate: 2022-01-01\nauthor: Jane Doe!\n---\nNot hers.\n");
        await using PrefixedTestApps apps = await PrefixedTestApps.StartAsync(posts, static (app, prefix) => app.MapBlogFeeds(prefix));

        string feed = await apps[""].Client.GetStringAsync("/authors/jane-doe/feed.xml");

        Assert.Contains("Hers.", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("A later post", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe!", feed, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task ConditionalRequests_Get304(string prefix)
    {
        HttpClient client = _apps[prefix].Client;
        using HttpResponseMessage first = await client.GetAsync(prefix + "/atom.xml");
        EntityTagHeaderValue etag = first.Headers.ETag!;
        DateTimeOffset lastModified = first.Content.Headers.LastModified!.Value;
        Assert.Equal(new DateTimeOffset(2021, 2, 6, 5, 1, 0, TimeSpan.Zero), lastModified);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, prefix + "/atom.xml");
        byTag.Headers.IfNoneMatch.Add(etag);
        using HttpResponseMessage notModified = await client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var byDate = new HttpRequestMessage(HttpMethod.Get, prefix + "/atom.xml");
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byDate)).StatusCode);

        // If-None-Match wins: a different tag means modified, whatever the date says.
        using var stale = new HttpRequestMessage(HttpMethod.Get, prefix + "/atom.xml");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        stale.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);

        using var older = new HttpRequestMessage(HttpMethod.Get, prefix + "/atom.xml");
        older.Headers.IfModifiedSince = lastModified.AddDays(-1);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(older)).StatusCode);
    }

    [Fact]
    public async Task Head_GivesHeadersWithoutBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/feed.json");

        using HttpResponseMessage response = await _apps[string.Empty].Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ChangedPosts_AfterAReload_GiveANewETag()
    {
        (WebApplication app, HttpClient client) = _apps[string.Empty];
        using HttpResponseMessage before = await client.GetAsync("/feed.xml");

        _posts.Set("2021-03-01-new.md", "---\ntitle: A new post\ndate: 2021-03-01\n---\nNews.\n");
        await app.Services.GetRequiredService<IBlog>().ReloadAsync();
        using HttpResponseMessage after = await client.GetAsync("/feed.xml");

        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("A new post", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _posts.Remove("2021-03-01-new.md");
        await app.Services.GetRequiredService<IBlog>().ReloadAsync();
    }

    [Fact]
    public async Task MissingBaseUrl_FailsAtStartUpWithAClearMessage()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddBlogging().AddInMemorySource(_posts);
        await using WebApplication app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapBlogFeeds("/blog"));

        Assert.Contains("Blog:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameContent_GivesTheSameETag()
    {
        HttpClient client = _apps[string.Empty].Client;

        using HttpResponseMessage first = await client.GetAsync("/feed.xml");
        using HttpResponseMessage second = await client.GetAsync("/feed.xml");

        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }
}
