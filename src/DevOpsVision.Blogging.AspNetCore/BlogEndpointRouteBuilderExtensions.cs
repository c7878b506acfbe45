using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DevOpsVision.Blogging.AspNetCore;

/// <summary>Maps a blog's feeds and sitemaps into an app's endpoints, under any path prefix.</summary>
public static class BlogEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the feeds of the blog, of every category, tag and author, and the sitemaps, at the paths
    /// <see cref="BlogUrls"/> gives them (<c>Blog:Urls</c>), below <paramref name="prefix"/>. Responses carry the
    /// format's media type, a strong <c>ETag</c> (a hash of the bytes) and <c>Last-Modified</c> (the newest
    /// item), and answer conditional requests with 304.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="prefix">The path the blog lives under, such as <c>/blog</c>; empty for the site root.</param>
    /// <returns>A builder for the mapped endpoints, to add conventions (caching, authorization) to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="BlogOptions.BaseUrl"/> is not set.</exception>
    public static IEndpointConventionBuilder MapBlogFeeds(this IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        string route = prefix.Trim('/');
        string pattern = route.Length == 0 ? "/{**path}" : "/" + route + "/{**path}";

        // Feeds need absolute URLs: a missing base URL is a start-up error, not a failure on the first request.
        BlogOptions options = endpoints.ServiceProvider.GetRequiredService<IOptions<BlogOptions>>().Value;
        if (options.BaseUrl is null)
        {
            throw new InvalidOperationException("MapBlogFeeds needs Blog:BaseUrl (the absolute URL the blog is served from, such as https://example.org/blog/) to write absolute links in feeds and sitemaps.");
        }

        // Only feed and sitemap file names match, so every other path below the prefix stays the app's.
        BlogUrlOptions urls = options.Urls;
        RoutePattern routePattern = RoutePatternFactory.Parse(pattern, defaults: null, parameterPolicies: new RouteValueDictionary { ["path"] = new FeedPathConstraint(urls) });
        return endpoints.Map(routePattern, static context => ServeAsync(context, context.Request.RouteValues["path"] as string))
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithDisplayName("Blog feeds and sitemaps");
    }

    /// <summary>Matches the paths of feeds (<c>.../feed.xml</c>) and sitemaps (<c>sitemap.xml</c>, <c>sitemap-2.xml</c>).</summary>
    private sealed class FeedPathConstraint(BlogUrlOptions urls) : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
        {
            if (!values.TryGetValue(routeKey, out object? value) || value is not string path)
            {
                return false;
            }

            path = path.Trim('/');
            if (FeedResolver.IsSitemapName(path))
            {
                return true;
            }

            foreach (string file in (string[])[urls.RssFeed, urls.AtomFeed, urls.JsonFeed])
            {
                if (path == file || path.EndsWith("/" + file, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    // Enough for every feed of a large blog; past it (a crawler trying every URL) responses are made per request.
    private const int MaxCachedResponses = 10_000;

    private static readonly ConditionalWeakTable<BlogSnapshot, ConcurrentDictionary<string, FeedResponse?>> ResponseCache = [];

    private static async Task ServeAsync(HttpContext context, string? path)
    {
        IServiceProvider services = context.RequestServices;
        BlogSnapshot snapshot = await services.GetRequiredService<IBlog>().GetSnapshotAsync(context.RequestAborted).ConfigureAwait(false);
        BlogOptions options = services.GetRequiredService<IOptions<BlogOptions>>().Value;

        // A snapshot never changes, so each of its feeds is written once and its bytes served from memory.
        ConcurrentDictionary<string, FeedResponse?> cache = ResponseCache.GetValue(snapshot, static _ => new ConcurrentDictionary<string, FeedResponse?>(StringComparer.Ordinal));
        string key = (path ?? string.Empty).Trim('/');
        if (!cache.TryGetValue(key, out FeedResponse? response))
        {
            response = FeedResolver.Resolve(key, snapshot, options, services);

            // Only what exists is kept: a client asking for endless made-up paths must not fill the memory.
            if (response is not null && cache.Count < MaxCachedResponses)
            {
                cache.TryAdd(key, response);
            }
        }

        if (response is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteAsync(context, response).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, FeedResponse response)
    {
        string etag = response.ETag;
        ResponseHeaders headers = context.Response.GetTypedHeaders();
        context.Response.Headers.ETag = etag;
        if (response.LastModified is { } lastModified)
        {
            headers.LastModified = lastModified.ToUniversalTime();
        }

        if (IsNotModified(context.Request, etag, response.LastModified))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(response.Bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>RFC 9110: If-None-Match wins over If-Modified-Since.</summary>
    private static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        RequestHeaders headers = request.GetTypedHeaders();
        IList<EntityTagHeaderValue> ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            var current = new EntityTagHeaderValue(etag);
            foreach (EntityTagHeaderValue candidate in ifNoneMatch)
            {
                if (candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(current, useStrongComparison: false))
                {
                    return true;
                }
            }

            return false;
        }

        // HTTP dates have whole seconds.
        return headers.IfModifiedSince is { } since && lastModified is { } modified
            && modified.ToUniversalTime() <= since.AddSeconds(1) && since.UtcDateTime.Ticks / TimeSpan.TicksPerSecond >= modified.UtcDateTime.Ticks / TimeSpan.TicksPerSecond;
    }
}

/// <summary>The bytes of one feed or sitemap, ready to serve.</summary>
internal sealed record FeedResponse(byte[] Bytes, string ContentType, DateTimeOffset? LastModified)
{
    /// <summary>A strong entity tag: the first 16 bytes of the body's SHA-256.</summary>
    public string ETag { get; } = "\"" + Convert.ToHexStringLower(SHA256.HashData(Bytes)[..16]) + "\"";
}

/// <summary>Finds which feed or sitemap a path below the blog's prefix names.</summary>
internal static class FeedResolver
{
    public static FeedResponse? Resolve(string path, BlogSnapshot snapshot, BlogOptions options, IServiceProvider services)
    {
        path = path.Trim('/');
        if (IsSitemapName(path))
        {
            return Sitemap(path, snapshot, services);
        }

        BlogUrlOptions urls = options.Urls;
        FeedFormat? format = null;
        string page = string.Empty;
        foreach ((FeedFormat candidate, string file) in (ReadOnlySpan<(FeedFormat, string)>)[(FeedFormat.Rss, urls.RssFeed), (FeedFormat.Atom, urls.AtomFeed), (FeedFormat.JsonFeed, urls.JsonFeed)])
        {
            if (path == file || path.EndsWith("/" + file, StringComparison.Ordinal))
            {
                format = candidate;
                page = path[..^file.Length].TrimEnd('/');
                break;
            }
        }

        if (format is not { } chosen)
        {
            return null;
        }

        IFeedBuilder builder = services.GetRequiredService<IFeedBuilder>();
        Feed? feed = page.Length == 0 ? builder.ForBlog(snapshot, null) : TermOrAuthorFeed(page, snapshot, urls, builder, services);
        if (feed is null)
        {
            return null;
        }

        using var stream = new MemoryStream();
        services.GetRequiredService<IFeedWriter>().Write(feed, chosen, stream);
        return new FeedResponse(stream.ToArray(), FeedWriter.MediaType(chosen), feed.Items.Count > 0 ? feed.Updated : null);
    }

    private static Feed? TermOrAuthorFeed(string page, BlogSnapshot snapshot, BlogUrlOptions urls, IFeedBuilder builder, IServiceProvider services)
    {
        BlogTaxonomy taxonomy = services.GetRequiredService<ICategorizer>().GetTaxonomy(snapshot);
        if (Match(urls.Category, "{path}", page) is { } categoryPath && taxonomy.TryGetCategory(categoryPath, out Term? category))
        {
            return builder.ForTerm(snapshot, category, null);
        }

        if (Match(urls.Tag, "{slug}", page) is { } tagSlug && taxonomy.TryGetTag(tagSlug, out Term? tag))
        {
            return builder.ForTerm(snapshot, tag, null);
        }

        if (Match(urls.Author, "{slug}", page) is { } authorSlug)
        {
            // Oldest post first: the author who first published under a URL keeps its feed, and a later "Jane Doe!"
            // (same slug, another name) cannot take over Jane Doe's.
            for (int i = snapshot.Posts.Count - 1; i >= 0; i--)
            {
                foreach (PostAuthor author in snapshot.Posts[i].Authors)
                {
                    if (BlogUrls.Slugify(author.Name) == authorSlug)
                    {
                        return builder.ForAuthor(snapshot, author.Name, null);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The value of <paramref name="token"/> when <paramref name="page"/> fits <paramref name="pattern"/> (such as <c>categories/{path}/</c>).</summary>
    private static string? Match(string pattern, string token, string page)
    {
        string trimmed = pattern.Trim('/');
        int at = trimmed.IndexOf(token, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        string before = trimmed[..at];
        string after = trimmed[(at + token.Length)..];
        if (!page.StartsWith(before, StringComparison.Ordinal) || !page.EndsWith(after, StringComparison.Ordinal) || page.Length <= before.Length + after.Length)
        {
            return null;
        }

        return page[before.Length..^after.Length];
    }

    /// <summary>Whether a path names a sitemap the writer can make: <c>sitemap.xml</c>, or <c>sitemap-N.xml</c> when it splits.</summary>
    public static bool IsSitemapName(string path)
    {
        if (path == "sitemap.xml")
        {
            return true;
        }

        if (!path.StartsWith("sitemap-", StringComparison.Ordinal) || !path.EndsWith(".xml", StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> number = path.AsSpan("sitemap-".Length, path.Length - "sitemap-".Length - ".xml".Length);
        return number.Length is > 0 and <= 6 && number[0] != '0' && !number.ContainsAnyExceptInRange('0', '9');
    }

    private static FeedResponse? Sitemap(string path, BlogSnapshot snapshot, IServiceProvider services)
    {
        var files = new Dictionary<string, MemoryStream>(StringComparer.Ordinal);
        services.GetRequiredService<ISitemapWriter>().Write(snapshot, name => files[name] = new MemoryStream());
        if (!files.TryGetValue(path, out MemoryStream? stream))
        {
            return null;
        }

        DateTimeOffset? newest = snapshot.Posts.Count > 0 ? snapshot.Posts[0].LastChanged : null;
        return new FeedResponse(stream.ToArray(), "application/xml; charset=utf-8", newest);
    }
}
