using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace DevOpsVision.Blogging.AspNetCore;

/// <summary>Maps a blog's JSON search API, and the whole blog (feeds and search), into an app's endpoints.</summary>
public static class BlogSearchEndpointRouteBuilderExtensions
{
    /// <summary>The most completions the suggestion endpoint returns.</summary>
    private const int SuggestionCount = 8;

    /// <summary>
    /// Maps the blog's search API below <paramref name="prefix"/>:
    /// <c>GET {prefix}/search?q=...&amp;page=1&amp;pageSize=10&amp;category=...&amp;tag=...&amp;year=2021</c> returns one page
    /// of hits (slug, url (the post page's path from the site root, below <see cref="BlogOptions.BaseUrl"/>'s path, or below
    /// <paramref name="prefix"/> when no base URL is set), title, date in the blog's time zone, score, an HTML-escaped snippet with matches in <c>&lt;mark&gt;</c>), facet counts,
    /// the total and a "did you mean" correction as JSON (without <c>q</c>, every post that passes the filters, newest first); a malformed query or parameter gives 400 with problem details
    /// whose <c>detail</c> says what to fix. <c>GET {prefix}/search/suggest?q=...</c> returns completions of the last
    /// word typed as a JSON array of strings.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="prefix">The path the blog lives under, such as <c>/blog</c>; empty for the site root.</param>
    /// <returns>A builder for the mapped endpoints, to add conventions (caching, rate limiting) to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    public static IEndpointConventionBuilder MapBlogSearch(this IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        string route = prefix.Trim('/');
        string root = route.Length == 0 ? string.Empty : "/" + route;

        // Hit URLs are paths from the site root (so they work whatever host name the request came in on): below
        // Blog:BaseUrl's path, where the blog's pages are, or below the prefix when no base URL is set.
        BlogOptions options = endpoints.ServiceProvider.GetRequiredService<IOptions<BlogOptions>>().Value;
        BlogUrls urls = new(new BlogOptions
        {
            BaseUrl = options.BaseUrl is { IsAbsoluteUri: true } baseUrl ? baseUrl : new Uri("http://localhost" + root + "/"),
            TimeZone = options.TimeZone,
            Urls = options.Urls,
        });

        RouteGroupBuilder group = endpoints.MapGroup(root.Length == 0 ? "/" : root);
        group.MapGet("search", context => SearchAsync(context, urls)).WithDisplayName("Blog search");
        group.MapGet("search/suggest", SuggestAsync).WithDisplayName("Blog search suggestions");
        return group;
    }

    /// <summary>Maps the whole blog below <paramref name="prefix"/>: its feeds and sitemaps (<see cref="BlogEndpointRouteBuilderExtensions.MapBlogFeeds"/>) and its search API (<see cref="MapBlogSearch"/>).</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="prefix">The path the blog lives under, such as <c>/blog</c>; empty for the site root.</param>
    /// <returns>A builder that adds conventions to every mapped endpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="BlogOptions.BaseUrl"/> is not set (feeds need it).</exception>
    public static IEndpointConventionBuilder MapBlog(this IEndpointRouteBuilder endpoints, string prefix)
    {
        IEndpointConventionBuilder feeds = endpoints.MapBlogFeeds(prefix);
        IEndpointConventionBuilder search = endpoints.MapBlogSearch(prefix);
        return new CompositeConventionBuilder([feeds, search]);
    }

    private static async Task SearchAsync(HttpContext context, BlogUrls urls)
    {
        IQueryCollection query = context.Request.Query;
        if (!TryReadRequest(query, out SearchRequest? request, out string? problem))
        {
            await WriteProblemAsync(context, "The search parameters are not valid.", problem).ConfigureAwait(false);
            return;
        }

        IServiceProvider services = context.RequestServices;
        BlogSnapshot snapshot = await services.GetRequiredService<IBlog>().GetSnapshotAsync(context.RequestAborted).ConfigureAwait(false);
        SearchResults results = services.GetRequiredService<ISearchIndex>().Search(snapshot, request);
        if (results.Error is { } error)
        {
            await WriteProblemAsync(context, "The search query is malformed.", error).ConfigureAwait(false);
            return;
        }

        var hits = new SearchHitResponse[results.Hits.Count];
        for (int i = 0; i < hits.Length; i++)
        {
            SearchHit hit = results.Hits[i];
            Post post = hit.Post;
            hits[i] = new SearchHitResponse(
                post.Slug,
                urls.Absolute(urls.PostPath(post)).AbsolutePath,
                post.Title,
                hit.TitleHtml,
                TimeZoneInfo.ConvertTime(post.Date, snapshot.TimeZone),
                Math.Round(hit.Score, 4),
                hit.Snippet,
                post.Categories,
                post.Tags);
        }

        var response = new SearchResponse(
            results.Query,
            results.TotalCount,
            results.Page,
            results.PageSize,
            Math.Max(1, (results.TotalCount + results.PageSize - 1) / Math.Max(1, results.PageSize)),
            results.MatchedAllTerms,
            results.DidYouMean,
            hits,
            new SearchFacetsResponse(results.Categories, results.Tags, results.Years));
        await context.Response.WriteAsJsonAsync(response, SearchJsonContext.Default.SearchResponse, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task SuggestAsync(HttpContext context)
    {
        string text = context.Request.Query["q"].ToString();
        IServiceProvider services = context.RequestServices;
        BlogSnapshot snapshot = await services.GetRequiredService<IBlog>().GetSnapshotAsync(context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<string> suggestions = text.Trim().Length == 0 ? [] : services.GetRequiredService<ISearchIndex>().Suggest(snapshot, text, SuggestionCount);
        await context.Response.WriteAsJsonAsync(suggestions, SearchJsonContext.Default.IReadOnlyListString, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads <c>q</c>, <c>page</c>, <c>pageSize</c>, <c>category</c>, <c>tag</c> and <c>year</c>; a number that is not one, or out of range, is a problem.</summary>
    private static bool TryReadRequest(IQueryCollection query, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SearchRequest? request, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        request = null;
        if (!TryReadNumber(query, "page", 1, int.MaxValue, out int? page, out problem)
            || !TryReadNumber(query, "pageSize", 1, 100, out int? pageSize, out problem)
            || !TryReadNumber(query, "year", 1, 9999, out int? year, out problem))
        {
            return false;
        }

        request = new SearchRequest(query["q"].ToString())
        {
            Page = page ?? 1,
            PageSize = pageSize,
            Year = year,
            Category = NullIfEmpty(query["category"]),
            Tag = NullIfEmpty(query["tag"]),
        };
        return true;
    }

    private static bool TryReadNumber(IQueryCollection query, string name, int min, int max, out int? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        value = null;
        problem = null;
        string? text = NullIfEmpty(query[name]);
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < min || number > max)
        {
            problem = max == int.MaxValue
                ? $"'{name}' must be a whole number of at least {min}; it was '{text}'."
                : $"'{name}' must be a whole number from {min} to {max}; it was '{text}'.";
            return false;
        }

        value = number;
        return true;
    }

    private static string? NullIfEmpty(StringValues values)
    {
        string text = values.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    private static Task WriteProblemAsync(HttpContext context, string title, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = detail,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(problem, SearchJsonContext.Default.ProblemDetails, "application/problem+json", context.RequestAborted);
    }

    /// <summary>Adds each convention to every builder it holds.</summary>
    private sealed class CompositeConventionBuilder(IEndpointConventionBuilder[] builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (IEndpointConventionBuilder builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (IEndpointConventionBuilder builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}

/// <summary>The JSON answer of the search endpoint.</summary>
internal sealed record SearchResponse(
    string Query,
    int Total,
    int Page,
    int PageSize,
    int TotalPages,
    bool MatchedAllTerms,
    string? DidYouMean,
    IReadOnlyList<SearchHitResponse> Hits,
    SearchFacetsResponse Facets);

/// <summary>One hit as JSON; <see cref="Snippet"/> and <see cref="TitleHtml"/> are HTML-escaped with matches in <c>&lt;mark&gt;</c>.</summary>
internal sealed record SearchHitResponse(
    string Slug,
    string Url,
    string Title,
    string TitleHtml,
    DateTimeOffset Date,
    double Score,
    string Snippet,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Tags);

/// <summary>Facet counts over every matching post.</summary>
internal sealed record SearchFacetsResponse(IReadOnlyList<SearchFacet> Categories, IReadOnlyList<SearchFacet> Tags, IReadOnlyList<SearchFacet> Years);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
