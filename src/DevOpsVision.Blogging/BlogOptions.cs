using Markdig;

namespace DevOpsVision.Blogging;

/// <summary>
/// Settings of one blog: how it is named, where it lives, how its posts are read and rendered.
/// Bound from the <c>Blog</c> configuration section by
/// <c>AddBlogging(configuration.GetSection("Blog"))</c>
/// and validated at start-up.
/// </summary>
/// <remarks>Set the options before the blog is first loaded; the services read them once.</remarks>
public sealed class BlogOptions
{
    /// <summary>The blog's name, used in feeds and pages. Required.</summary>
    public string Title { get; set; } = "Blog";

    /// <summary>A sentence that describes the blog, used in feeds and page metadata.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// The absolute URL the blog is served from (for example <c>https://example.org/blog/</c>).
    /// Feeds and sitemaps need it; links inside posts are made absolute against it when
    /// <see cref="MakeLinksAbsolute"/> is set.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The language of the posts as a BCP 47 tag (for example <c>en</c> or <c>sv-SE</c>).</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// The IANA time zone (for example <c>Europe/Stockholm</c>) in which front-matter dates without
    /// an explicit offset are read, and archives are grouped. Defaults to <c>UTC</c>.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The author given to posts whose front matter names none.</summary>
    public string? DefaultAuthor { get; set; }

    /// <summary>
    /// When <see langword="true"/>, raw HTML in posts is rendered exactly as written, scripts included.
    /// When <see langword="false"/> (the default), raw HTML goes through an HTML sanitizer and links
    /// with dangerous schemes (<c>javascript:</c>, <c>vbscript:</c>, <c>data:</c>) are removed.
    /// </summary>
    public bool TrustContent { get; set; }

    /// <summary>Reading speed used for <see cref="Posts.Post.ReadingTime"/>, in words per minute. Defaults to 220.</summary>
    public int WordsPerMinute { get; set; } = 220;

    /// <summary>
    /// When <see langword="true"/>, relative links and image sources inside posts are rewritten to
    /// absolute URLs against <see cref="BaseUrl"/>. Defaults to <see langword="false"/>.
    /// </summary>
    public bool MakeLinksAbsolute { get; set; }

    /// <summary>
    /// Files larger than this many bytes are not parsed and get an error diagnostic instead,
    /// so one huge file cannot exhaust memory. Defaults to 16 MiB.
    /// </summary>
    public int MaxPostBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The deepest nesting of Markdown blocks and inlines (block quotes in lists in block quotes...)
    /// that is parsed; deeper nesting gets an error diagnostic. Defaults to 64.
    /// </summary>
    public int MaxNestingDepth { get; set; } = 64;

    /// <summary>Where pages and feeds live below <see cref="BaseUrl"/> (<c>Blog:Urls</c>).</summary>
    public BlogUrlOptions Urls { get; set; } = new();

    /// <summary>What the blog's feeds hold (<c>Blog:Feeds</c>).</summary>
    public Feeds.FeedOptions Feeds { get; set; } = new();

    /// <summary>How categories, tags, related posts and suggestions are computed (<c>Blog:Taxonomy</c>).</summary>
    public Taxonomy.TaxonomyOptions Taxonomy { get; set; } = new();

    /// <summary>How quotations are found in posts (<c>Blog:Quotes</c>).</summary>
    public Quotes.QuoteOptions Quotes { get; set; } = new();

    /// <summary>How posts are ranked and queries are bounded by the search index (<c>Blog:Search</c>).</summary>
    public Search.SearchOptions Search { get; set; } = new();

    /// <summary>
    /// Replaces the default Markdown pipeline set-up (advanced extensions, auto identifiers on headings,
    /// YAML front matter). The builder it receives already has the YAML front matter extension,
    /// which the parser needs; the delegate runs once, when the parser is built.
    /// </summary>
    public Action<MarkdownPipelineBuilder>? ConfigureMarkdown { get; set; }
}
