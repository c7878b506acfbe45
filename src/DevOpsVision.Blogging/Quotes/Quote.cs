namespace DevOpsVision.Blogging.Quotes;

/// <summary>How a quotation was marked in the post.</summary>
public enum QuoteKind
{
    /// <summary>A Markdown blockquote (<c>&gt; ...</c>).</summary>
    Blockquote,

    /// <summary>A raw HTML <c>&lt;blockquote&gt;</c>.</summary>
    HtmlBlockquote,

    /// <summary>A blockquote inside a figure (Markdig's <c>^^^</c> figures or HTML <c>&lt;figure&gt;</c>) with a caption.</summary>
    Figure,

    /// <summary>An embedded quotation: a Quoteback or a tweet.</summary>
    Embed,

    /// <summary>A pull quote: text repeated from the post for emphasis.</summary>
    PullQuote,

    /// <summary>Quotation marks in running text.</summary>
    InlineQuotation,

    /// <summary>A paragraph that is one quotation.</summary>
    WholeParagraph,

    /// <summary>An item under a quotes heading or lead-in ("My favourite quotes:").</summary>
    ListedUnderHeading,

    /// <summary>An HTML <c>&lt;q&gt;</c> element.</summary>
    HtmlQ,

    /// <summary>A partial quotation that continues the author's sentence; only with <see cref="QuoteOptions.EmitFragments"/>.</summary>
    Fragment,

    /// <summary>A quote shortcode left as text (<c>{{&lt; quote &gt;}}</c>, <c>{% blockquote %}</c>).</summary>
    Shortcode,

    /// <summary>The quotation that opens a post, pointed back to by the text after it ("Above quote is ...").</summary>
    Epigraph,
}

/// <summary>Which kind of evidence gave a quote its attribution.</summary>
public enum AttributionRule
{
    /// <summary>No attribution was found.</summary>
    None,

    /// <summary>An explicit tail (<c>— Name, *Work*</c>), <c>cite</c>, footer, figcaption or shortcode parameters.</summary>
    Explicit,

    /// <summary>A reporting pattern around an inline quotation ("said Jane Roe", "according to ...").</summary>
    ReportingPattern,

    /// <summary>A lead-in before the quote that names a person or work ("In *Work*, Roe writes:").</summary>
    LeadIn,

    /// <summary>A sentence after the quote that points back to it ("The quote above is from ...").</summary>
    BackReference,

    /// <summary>The heading of the section the quote is listed under ("Quotes from W").</summary>
    SectionHeading,

    /// <summary>What the post is about: its title, front matter or opening sentence.</summary>
    PostContext,

    /// <summary>The post's own author: used for pull quotes only.</summary>
    PostAuthor,
}

/// <summary>Where a quote is in its post's source file.</summary>
/// <param name="SourcePath">The post's file.</param>
/// <param name="Line">The 1-based line the quote's block starts on.</param>
/// <param name="Column">The 1-based column the quote's block starts at.</param>
public sealed record QuoteLocation(string SourcePath, int Line, int Column);

/// <summary>A quotation found in a post, with who or what it is from.</summary>
public sealed record Quote
{
    /// <summary>The quoted words as written (typos kept), without the quotation marks or attribution; paragraphs separated by a blank line.</summary>
    public required string Text { get; init; }

    /// <summary>The quote's paragraphs.</summary>
    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    /// <summary>How the quote was marked.</summary>
    public required QuoteKind Kind { get; init; }

    /// <summary>The people the quote is from, as written in the post.</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    /// <summary>The book, report, talk or other work the quote is from.</summary>
    public string? Work { get; init; }

    /// <summary>The organisation the quote or its work is from.</summary>
    public string? Organization { get; init; }

    /// <summary>A URL for the source (<c>cite</c>, an attribution link).</summary>
    public string? Url { get; init; }

    /// <summary>The speaker's role ("CEO of X").</summary>
    public string? Role { get; init; }

    /// <summary>A year given with the attribution.</summary>
    public int? Year { get; init; }

    /// <summary>A page or chapter given with the attribution ("p. 12").</summary>
    public string? Locator { get; init; }

    /// <summary>The attribution text as found, before it was split into people and work.</summary>
    public string? AttributionRaw { get; init; }

    /// <summary>The evidence that supplied the attribution (the first one that gave anything).</summary>
    public AttributionRule AttributionRule { get; init; }

    /// <summary>How sure the extractor is that this is a quotation, from 0 to 1.</summary>
    public double Confidence { get; init; }

    /// <summary>Whether the quotation marks were never closed and the quote was cut at the paragraph's end.</summary>
    public bool Unclosed { get; init; }

    /// <summary>The slug of the post the quote is in.</summary>
    public required string PostSlug { get; init; }

    /// <summary>Where the quote is in the post's file.</summary>
    public required QuoteLocation Location { get; init; }

    /// <summary>The language the quotation marks were read in (<c>en</c>, <c>de</c>...), when the post states one.</summary>
    public string? Language { get; init; }

    /// <summary>The post slug and the text lower-cased without punctuation or white space: the same quote twice in a post has the same key.</summary>
    public required string DedupeKey { get; init; }
}
