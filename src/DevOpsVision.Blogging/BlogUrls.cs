using System.Globalization;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Blogging;

/// <summary>Where a blog's pages and feeds live, as paths below <see cref="BlogOptions.BaseUrl"/> (<c>Blog:Urls</c>).</summary>
public sealed class BlogUrlOptions
{
    /// <summary>A post's page; <c>{slug}</c>, <c>{year}</c>, <c>{month}</c> and <c>{day}</c> (in the blog's time zone) are replaced. Defaults to <c>posts/{slug}/</c>.</summary>
    public string Post { get; set; } = "posts/{slug}/";

    /// <summary>A category's page; <c>{path}</c> is the category's path (<c>cloud/aws</c>). Defaults to <c>categories/{path}/</c>.</summary>
    public string Category { get; set; } = "categories/{path}/";

    /// <summary>A tag's page; <c>{slug}</c> is the tag's slug. Defaults to <c>tags/{slug}/</c>.</summary>
    public string Tag { get; set; } = "tags/{slug}/";

    /// <summary>An author's page; <c>{slug}</c> is the author's slug. Defaults to <c>authors/{slug}/</c>.</summary>
    public string Author { get; set; } = "authors/{slug}/";

    /// <summary>A year's archive; <c>{year}</c>. Defaults to <c>archive/{year}/</c>.</summary>
    public string Year { get; set; } = "archive/{year}/";

    /// <summary>A month's archive; <c>{year}</c> and <c>{month}</c> (two digits). Defaults to <c>archive/{year}/{month}/</c>.</summary>
    public string Month { get; set; } = "archive/{year}/{month}/";

    /// <summary>The RSS feed's file name, appended to the blog's or a term's page path. Defaults to <c>feed.xml</c>.</summary>
    public string RssFeed { get; set; } = "feed.xml";

    /// <summary>The Atom feed's file name. Defaults to <c>atom.xml</c>.</summary>
    public string AtomFeed { get; set; } = "atom.xml";

    /// <summary>The JSON Feed's file name. Defaults to <c>feed.json</c>.</summary>
    public string JsonFeed { get; set; } = "feed.json";
}

/// <summary>
/// Makes the URLs of a blog's pages and feeds from <see cref="BlogOptions.BaseUrl"/> and <see cref="BlogUrlOptions"/>,
/// so feeds, sitemaps and hosts agree on them.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BlogUrls
{
    private readonly BlogUrlOptions _paths;
    private readonly TimeZoneInfo _zone;

    /// <summary>Creates the URL maker for a blog.</summary>
    /// <param name="options">The blog's options; <see cref="BlogOptions.BaseUrl"/> must be set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options have no absolute <see cref="BlogOptions.BaseUrl"/>.</exception>
    public BlogUrls(BlogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BaseUrl is not { IsAbsoluteUri: true } baseUrl)
        {
            throw new ArgumentException("Blog:BaseUrl must be an absolute URL to make page and feed URLs.", nameof(options));
        }

        string text = baseUrl.AbsoluteUri;
        BaseUrl = new Uri(text.EndsWith('/') ? text : text + "/");
        _paths = options.Urls;
        _zone = BlogTimeZone.Resolve(options.TimeZone);
    }

    /// <summary>
    /// The URL segment the library makes of a name (posts, terms, authors, series): lower-case, diacritics folded
    /// to ASCII, other runs of non-alphanumerics one dash, at most 100 characters.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>The slug; empty when the name has no letters or digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public static string Slugify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Text.Slug.Create(name);
    }

    /// <summary>The blog's home page, ending in <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The path of a post's page, relative to the base URL.</summary>
    /// <param name="post">The post.</param>
    /// <returns>For example <c>posts/hello-world/</c>.</returns>
    public string PostPath(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        DateTimeOffset local = TimeZoneInfo.ConvertTime(post.Date, _zone);
        return _paths.Post
            .Replace("{slug}", post.Slug, StringComparison.Ordinal)
            .Replace("{year}", local.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{month}", local.Month.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{day}", local.Day.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>The path of a category's or tag's page.</summary>
    /// <param name="term">The category or tag.</param>
    /// <returns>For example <c>categories/cloud/aws/</c> or <c>tags/kubernetes/</c>.</returns>
    public string TermPath(Term term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return term.Kind == TermKind.Category
            ? _paths.Category.Replace("{path}", term.Path, StringComparison.Ordinal)
            : _paths.Tag.Replace("{slug}", term.Slug, StringComparison.Ordinal);
    }

    /// <summary>The path of an author's page.</summary>
    /// <param name="authorSlug">The author's slug.</param>
    /// <returns>For example <c>authors/jane-doe/</c>.</returns>
    public string AuthorPath(string authorSlug)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorSlug);
        return _paths.Author.Replace("{slug}", authorSlug, StringComparison.Ordinal);
    }

    /// <summary>The path of a year's or a month's archive.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month, or <see langword="null"/> for the whole year.</param>
    /// <returns>For example <c>archive/2021/</c> or <c>archive/2021/02/</c>.</returns>
    public string ArchivePath(int year, int? month = null)
    {
        string y = year.ToString("D4", CultureInfo.InvariantCulture);
        return month is { } m
            ? _paths.Month.Replace("{year}", y, StringComparison.Ordinal).Replace("{month}", m.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : _paths.Year.Replace("{year}", y, StringComparison.Ordinal);
    }

    /// <summary>The path of a feed, below a page path (empty for the whole blog).</summary>
    /// <param name="pagePath">The page the feed belongs to: empty for the blog, or a term's or author's path.</param>
    /// <param name="format">The feed's format.</param>
    /// <returns>For example <c>feed.xml</c> or <c>categories/cloud/atom.xml</c>.</returns>
    public string FeedPath(string pagePath, FeedFormat format)
    {
        ArgumentNullException.ThrowIfNull(pagePath);
        string file = format switch
        {
            FeedFormat.Atom => _paths.AtomFeed,
            FeedFormat.JsonFeed => _paths.JsonFeed,
            _ => _paths.RssFeed,
        };
        return pagePath.Length == 0 || pagePath.EndsWith('/') ? pagePath + file : pagePath + "/" + file;
    }

    /// <summary>Makes a path absolute against the base URL.</summary>
    /// <param name="path">A path relative to the base URL.</param>
    /// <returns>The absolute URL.</returns>
    public Uri Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Uri(BaseUrl, path.TrimStart('/'));
    }
}
