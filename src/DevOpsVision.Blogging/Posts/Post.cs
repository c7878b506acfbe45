namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// One blog post, parsed and rendered: its front matter, its HTML and plain text, and what was
/// learned from walking its Markdown. Immutable and safe to share across threads.
/// </summary>
public sealed record Post
{
    /// <summary>The path of the file the post came from, as its source names it.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The post's URL segment: lower-case ASCII letters, digits and dashes, unique in its blog.</summary>
    public required string Slug { get; init; }

    /// <summary>The title as written in the front matter.</summary>
    public required string Title { get; init; }

    /// <summary>When the post was published (front matter <c>date</c>, else the date in the file name).</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>When the post was last changed (front matter <c>updated</c> or <c>lastmod</c>), if given.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The earliest moment the post may appear (front matter <c>publishDate</c>), if given.</summary>
    public DateTimeOffset? PublishDate { get; init; }

    /// <summary>The moment the post stops appearing (front matter <c>expiryDate</c>), if given.</summary>
    public DateTimeOffset? ExpiryDate { get; init; }

    /// <summary>Whether the front matter marks the post as a draft.</summary>
    public bool IsDraft { get; init; }

    /// <summary>Categories as written, in front-matter order, without duplicates.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Tags as written, in front-matter order, without duplicates.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The post's authors, or the blog's default author when the front matter names none.</summary>
    public IReadOnlyList<PostAuthor> Authors { get; init; } = [];

    /// <summary>Other URL paths the post answers to (front matter <c>aliases</c> or <c>redirect_from</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The series the post belongs to (front matter <c>series</c>), if any.</summary>
    public string? Series { get; init; }

    /// <summary>The post's lead image (front matter <c>image</c>), if any.</summary>
    public string? Image { get; init; }

    /// <summary>The front matter's <c>description</c> (a sentence for search engines and link previews), if given.</summary>
    public string? Description { get; init; }

    /// <summary>The rendered HTML of the post's body.</summary>
    public required string Html { get; init; }

    /// <summary>The body as plain text: no markup, block elements separated by line breaks.</summary>
    public required string PlainText { get; init; }

    /// <summary>The excerpt as HTML: the front matter's summary, else the body before <c>&lt;!--more--&gt;</c>, else the first paragraph.</summary>
    public required string ExcerptHtml { get; init; }

    /// <summary>The excerpt as plain text.</summary>
    public required string ExcerptText { get; init; }

    /// <summary>Words in the body; each CJK character counts as one word.</summary>
    public int WordCount { get; init; }

    /// <summary>Estimated reading time at the blog's words per minute, at least one minute for a non-empty post.</summary>
    public TimeSpan ReadingTime { get; init; }

    /// <summary>The body's headings in document order.</summary>
    public IReadOnlyList<PostHeading> TableOfContents { get; init; } = [];

    /// <summary>Link targets in the body, as rendered (absolute when the blog makes links absolute).</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>Image sources in the body, as rendered.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>Whether the body contains raw HTML (which the sanitizer processed unless the blog trusts its content).</summary>
    public bool HasRawHtml { get; init; }

    /// <summary>
    /// Front-matter keys the parser does not interpret, with their values: <see cref="string"/>,
    /// <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="DateTimeOffset"/> is never produced
    /// (dates stay strings here), <see cref="IReadOnlyList{T}"/> of values, <see cref="IReadOnlyDictionary{TKey, TValue}"/>
    /// of values, or <see langword="null"/>.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Extra { get; init; } = EmptyExtra;

    /// <summary>The quotations in the post, with who or what they are from, in reading order (see <see cref="Quotes.IQuoteExtractor"/>).</summary>
    public IReadOnlyList<Quotes.Quote> Quotes { get; init; } = [];

    /// <summary>When the post last changed as far as readers are concerned: <see cref="Updated"/> when it is later than <see cref="Date"/>, else <see cref="Date"/>.</summary>
    public DateTimeOffset LastChanged => Updated is { } updated && updated > Date ? updated : Date;

    /// <summary>When the post's file last changed.</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>A hash of the file's bytes (lower-case hex SHA-256); equal hashes mean equal files.</summary>
    public required string ContentHash { get; init; }

    internal static readonly IReadOnlyDictionary<string, object?> EmptyExtra =
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());

    /// <summary>
    /// Whether the post is visible at <paramref name="now"/>: not a draft, its publish date (or date) has come, and it has not expired.
    /// </summary>
    /// <param name="now">The moment to judge at, usually from a <see cref="TimeProvider"/>.</param>
    /// <returns><see langword="true"/> when the post is published at that moment.</returns>
    public bool IsPublishedAt(DateTimeOffset now) =>
        !IsDraft
        && (PublishDate ?? Date) <= now
        && (ExpiryDate is not { } expiry || expiry > now);
}
