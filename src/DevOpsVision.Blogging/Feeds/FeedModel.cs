using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Feeds;

/// <summary>The feed formats the library writes.</summary>
public enum FeedFormat
{
    /// <summary>RSS 2.0 with <c>content:encoded</c>, <c>dc:creator</c> and an <c>atom:link rel="self"</c>.</summary>
    Rss = 0,

    /// <summary>Atom 1.0 (RFC 4287).</summary>
    Atom = 1,

    /// <summary>JSON Feed 1.1.</summary>
    JsonFeed = 2,
}

/// <summary>What the blog's feeds hold by default (<c>Blog:Feeds</c>); each feed can override it with <see cref="FeedSettings"/>.</summary>
public sealed class FeedOptions
{
    /// <summary>The newest posts a feed holds. Defaults to 20.</summary>
    public int MaxItems { get; set; } = 20;

    /// <summary>Whether items carry the full post (<see langword="true"/>, the default) or only its excerpt.</summary>
    public bool FullContent { get; set; } = true;

    /// <summary>WebSub hubs to announce in every feed (<c>rel="hub"</c>).</summary>
    public IList<Uri> Hubs { get; } = [];

    /// <summary>An XSLT or CSS stylesheet for XML feeds, relative to the base URL or absolute; none by default.</summary>
    public string? Stylesheet { get; set; }
}

/// <summary>Overrides of <see cref="FeedOptions"/> for one feed.</summary>
/// <param name="MaxItems">The newest posts the feed holds, or <see langword="null"/> for the blog's default.</param>
/// <param name="FullContent">Full posts or excerpts, or <see langword="null"/> for the blog's default.</param>
public sealed record FeedSettings(int? MaxItems = null, bool? FullContent = null);

/// <summary>A feed in no particular format: what <see cref="IFeedWriter"/> writes as RSS, Atom or JSON Feed.</summary>
public sealed record Feed
{
    /// <summary>The feed's title (for example the blog's, or "Blog — Cloud").</summary>
    public required string Title { get; init; }

    /// <summary>A sentence describing the feed.</summary>
    public required string Description { get; init; }

    /// <summary>The HTML page the feed belongs to (the home page, or a category's page).</summary>
    public required Uri HomePageUrl { get; init; }

    /// <summary>Where the feed is served in each format, for self links.</summary>
    public required IReadOnlyDictionary<FeedFormat, Uri> FeedUrls { get; init; }

    /// <summary>The feed's permanent identifier (Atom <c>id</c>): its page's URL.</summary>
    public required string Id { get; init; }

    /// <summary>The language of the posts, as a BCP 47 tag.</summary>
    public required string Language { get; init; }

    /// <summary>When the feed last changed: the newest item's date, so the same posts always give the same bytes.</summary>
    public required DateTimeOffset Updated { get; init; }

    /// <summary>The feed's author, used where an item names none.</summary>
    public PostAuthor? Author { get; init; }

    /// <summary>The items, newest first.</summary>
    public required IReadOnlyList<FeedItem> Items { get; init; }

    /// <summary>WebSub hubs to announce.</summary>
    public IReadOnlyList<Uri> Hubs { get; init; } = [];

    /// <summary>An absolute stylesheet URL for XML feeds (XSLT when it ends in <c>.xsl</c> or <c>.xslt</c>, else CSS), if any.</summary>
    public Uri? Stylesheet { get; init; }
}

/// <summary>One post in a feed, its URLs absolute and its HTML rewritten to absolute URLs.</summary>
public sealed record FeedItem
{
    /// <summary>The item's permanent id: the post's URL, which does not change when the post is edited.</summary>
    public required string Id { get; init; }

    /// <summary>The post's page.</summary>
    public required Uri Url { get; init; }

    /// <summary>The title, plain text.</summary>
    public required string Title { get; init; }

    /// <summary>When the post was published.</summary>
    public required DateTimeOffset Published { get; init; }

    /// <summary>When the post was last changed (the published date when never).</summary>
    public required DateTimeOffset Updated { get; init; }

    /// <summary>The excerpt as HTML.</summary>
    public required string SummaryHtml { get; init; }

    /// <summary>The excerpt as plain text.</summary>
    public required string SummaryText { get; init; }

    /// <summary>The full post as HTML, or <see langword="null"/> in a summary-only feed.</summary>
    public string? ContentHtml { get; init; }

    /// <summary>The post's authors.</summary>
    public IReadOnlyList<PostAuthor> Authors { get; init; } = [];

    /// <summary>Categories and tags, with the URL of each one's page.</summary>
    public IReadOnlyList<FeedCategory> Categories { get; init; } = [];

    /// <summary>The post's lead image, absolute, if any.</summary>
    public Uri? Image { get; init; }
}

/// <summary>A category or tag of a feed item.</summary>
/// <param name="Name">The name as written.</param>
/// <param name="Slug">The term's path or slug (Atom <c>term</c>).</param>
/// <param name="Url">The term's page.</param>
public sealed record FeedCategory(string Name, string Slug, Uri Url);
