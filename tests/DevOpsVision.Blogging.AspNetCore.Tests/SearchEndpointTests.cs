using System.Net;
using System.Text.Json;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.AspNetCore.Tests;

/// <summary>The search API in an app of its own, at the site root and under a prefix.</summary>
public sealed class SearchEndpointTests : IAsyncLifetime
{
    private readonly InMemoryPostSource _posts = new();
    private PrefixedTestApps _apps = null!;

    public async Task InitializeAsync()
    {
        _posts.Set("2021-02-06-aws.md", "---\ntitle: AWS exam\ndate: 2021-02-06 06:01\ncategories: [Cloud/AWS, DevOps]\ntags: [certification]\n---\nPassed the *exam* on the second try. Autonomous study <script> pays.\n");
        _posts.Set("2019-09-15-effective.md", "---\ntitle: Effective DevOps\ndate: 2019-09-15 19:29\ncategories: [Book review, DevOps]\n---\nQuotes about culture, affinity and autonomous teams & tooling.\n");
        _posts.Set("2018-04-24-teams.md", "---\ntitle: Autonomous teams\ndate: 2018-04-24 18:47\ncategories: [DevOps]\ntags: [microservices]\n---\nAutonomous teams support their microservices around the clock.\n");
        _apps = await PrefixedTestApps.StartAsync(_posts, static (app, prefix) => app.MapBlog(prefix));
    }

    public async Task DisposeAsync() => await _apps.DisposeAsync();

    public static TheoryData<string> Prefixes() => [.. PrefixedTestApps.Prefixes];

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task Search_ReturnsRankedHitsWithUrlsSnippetsAndFacets(string prefix)
    {
        using HttpResponseMessage response = await _apps[prefix].Client.GetAsync(prefix + "/search?q=autonomous");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = json.RootElement;
        Assert.Equal("autonomous", root.GetProperty("query").GetString());
        Assert.Equal(3, root.GetProperty("total").GetInt32());
        Assert.Equal(1, root.GetProperty("page").GetInt32());
        Assert.True(root.GetProperty("matchedAllTerms").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("didYouMean").ValueKind);

        JsonElement first = root.GetProperty("hits")[0];
        Assert.Equal("teams", first.GetProperty("slug").GetString());
        Assert.Equal(prefix + "/posts/teams/", first.GetProperty("url").GetString());
        Assert.Equal("Autonomous teams", first.GetProperty("title").GetString());
        Assert.Equal("<mark>Autonomous</mark> teams", first.GetProperty("titleHtml").GetString());
        Assert.Equal(new DateTimeOffset(2018, 4, 24, 18, 47, 0, TimeSpan.FromHours(2)), first.GetProperty("date").GetDateTimeOffset());
        Assert.Equal("2018-04-24T18:47:00+02:00", first.GetProperty("date").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
        Assert.Contains("<mark>Autonomous</mark>", first.GetProperty("snippet").GetString(), StringComparison.Ordinal);

        JsonElement facets = root.GetProperty("facets");
        JsonElement devops = facets.GetProperty("categories").EnumerateArray().Single(f => f.GetProperty("value").GetString() == "DevOps");
        Assert.Equal(3, devops.GetProperty("count").GetInt32());
        Assert.Equal(3, facets.GetProperty("years").GetArrayLength());
    }

    [Fact]
    public async Task Snippets_EscapeHtmlAndMarkOnlyMatches()
    {
        string body = await _apps[string.Empty].Client.GetStringAsync("/search?q=tooling");

        using JsonDocument json = JsonDocument.Parse(body);
        string snippet = json.RootElement.GetProperty("hits")[0].GetProperty("snippet").GetString()!;
        Assert.Contains("&amp; <mark>tooling</mark>", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("& ", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_AndPaging_NarrowTheHits()
    {
        HttpClient client = _apps["/blog"].Client;

        using JsonDocument byYear = JsonDocument.Parse(await client.GetStringAsync("/blog/search?q=autonomous&year=2019"));
        Assert.Equal(1, byYear.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("effective", byYear.RootElement.GetProperty("hits")[0].GetProperty("slug").GetString());

        using JsonDocument byTag = JsonDocument.Parse(await client.GetStringAsync("/blog/search?q=autonomous&tag=certification"));
        Assert.Equal("aws", byTag.RootElement.GetProperty("hits")[0].GetProperty("slug").GetString());
        Assert.Equal(1, byTag.RootElement.GetProperty("total").GetInt32());

        using JsonDocument byCategory = JsonDocument.Parse(await client.GetStringAsync("/blog/search?q=autonomous&category=Book%20review"));
        Assert.Equal(1, byCategory.RootElement.GetProperty("total").GetInt32());

        using JsonDocument second = JsonDocument.Parse(await client.GetStringAsync("/blog/search?q=autonomous&page=2&pageSize=2"));
        Assert.Equal(3, second.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, second.RootElement.GetProperty("totalPages").GetInt32());
        Assert.Equal(2, second.RootElement.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, second.RootElement.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task NoQuery_ListsThePostsTheFiltersLeave_NewestFirst()
    {
        using JsonDocument json = JsonDocument.Parse(await _apps[string.Empty].Client.GetStringAsync("/search?category=DevOps"));

        Assert.Equal(3, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(["aws", "effective", "teams"], json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("slug").GetString()));
    }

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task Typos_FindThePost_AndNoHitGivesDidYouMean(string prefix)
    {
        HttpClient client = _apps[prefix].Client;

        using JsonDocument typo = JsonDocument.Parse(await client.GetStringAsync(prefix + "/search?q=autonomus"));
        Assert.Equal(3, typo.RootElement.GetProperty("total").GetInt32());

        using JsonDocument none = JsonDocument.Parse(await client.GetStringAsync(prefix + "/search?q=" + Uri.EscapeDataString("\"microservices culture\"")));
        Assert.Equal(0, none.RootElement.GetProperty("total").GetInt32());
        Assert.Empty(none.RootElement.GetProperty("hits").EnumerateArray());
    }

    [Fact]
    public async Task NoHit_ProposesACorrection()
    {
        using JsonDocument json = JsonDocument.Parse(await _apps[string.Empty].Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("title:microservicse")));

        Assert.Equal(0, json.RootElement.GetProperty("total").GetInt32());
        Assert.Contains("microservices", json.RootElement.GetProperty("didYouMean").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task MalformedQuery_Is400WithTheErrorAsProblemDetails(string prefix)
    {
        using HttpResponseMessage response = await _apps[prefix].Client.GetAsync(prefix + "/search?q=" + Uri.EscapeDataString("\"unclosed phrase"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("never closed", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=x")]
    [InlineData("pageSize=101")]
    [InlineData("year=-1")]
    public async Task BadNumbers_Are400NamingTheParameter(string parameter)
    {
        using HttpResponseMessage response = await _apps["/blog"].Client.GetAsync("/blog/search?q=devops&" + parameter);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("'" + parameter[..parameter.IndexOf('=', StringComparison.Ordinal)] + "'", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task Suggest_CompletesTheLastWord(string prefix)
    {
        HttpClient client = _apps[prefix].Client;

        using JsonDocument json = JsonDocument.Parse(await client.GetStringAsync(prefix + "/search/suggest?q=" + Uri.EscapeDataString("teams micro")));
        Assert.Contains("teams microservices", json.RootElement.EnumerateArray().Select(e => e.GetString()));

        using JsonDocument empty = JsonDocument.Parse(await client.GetStringAsync(prefix + "/search/suggest?q="));
        Assert.Equal(0, empty.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task MapBlog_AlsoServesFeeds_AndLeavesOtherPathsToTheApp()
    {
        HttpClient client = _apps["/blog"].Client;

        using HttpResponseMessage feed = await client.GetAsync("/blog/feed.xml");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("an app route of its own", await client.GetStringAsync("/blog/hello"));
        Assert.Equal("the app's fallback", await client.GetStringAsync("/blog/searching"));
        Assert.Equal("the app's fallback", await client.GetStringAsync("/search"));
    }

    [Fact]
    public async Task Conventions_ApplyToEveryMappedEndpoint()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddBlogging(o => o.BaseUrl = new Uri("https://example.org/")).AddInMemorySource(_posts);
        await using WebApplication app = builder.Build();
        app.MapBlog("/").Add(b => b.Metadata.Add(new ConventionMarker()));
        app.MapGet("/other", () => "other");
        await app.StartAsync();

        string[] marked = [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<ConventionMarker>() is not null)
            .Select(e => e.DisplayName!)
            .Order(StringComparer.Ordinal)];
        Assert.Equal(["Blog feeds and sitemaps", "Blog search", "Blog search suggestions"], marked);
    }

    [Theory]
    [InlineData("https://example.org/blog/", "/blog/posts/teams/")]
    [InlineData(null, "/api/posts/teams/")]
    public async Task HitUrls_FollowTheBaseUrlsPath_ElseThePrefix(string? baseUrl, string expected)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddBlogging(o => o.BaseUrl = baseUrl is null ? null : new Uri(baseUrl)).AddInMemorySource(_posts);
        await using WebApplication app = builder.Build();
        app.MapBlogSearch("/api");
        await app.StartAsync();
        using HttpClient client = app.GetTestClient();

        using JsonDocument json = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=microservices"));

        Assert.Equal(expected, json.RootElement.GetProperty("hits")[0].GetProperty("url").GetString());
    }

    private sealed class ConventionMarker;
}
