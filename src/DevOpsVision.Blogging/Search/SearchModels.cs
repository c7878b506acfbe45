using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// A search: the query text and what to filter and which page to return.
/// </summary>
/// <remarks>
/// Query syntax: words (all should match, best first; typos tolerated), <c>"exact phrases"</c>, <c>prefix*</c>,
/// <c>-excluded</c> words or phrases, field scopes <c>title:</c>, <c>tag:</c>, <c>category:</c>, <c>excerpt:</c>,
/// <c>body:</c>, and dates <c>date:2021</c>, <c>date:2020-03..2021-06</c>, <c>after:2020-01-01</c>, <c>before:2021</c>.
/// </remarks>
public sealed record SearchRequest
{
    /// <summary>Creates a request for a query.</summary>
    /// <param name="query">The query text.</param>
    public SearchRequest(string query) => Query = query ?? string.Empty;

    /// <summary>The query text.</summary>
    public string Query { get; init; }

    /// <summary>The page to return, from 1. Defaults to 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Hits per page; <see langword="null"/> for <see cref="SearchOptions.PageSize"/>. At most 100.</summary>
    public int? PageSize { get; init; }

    /// <summary>Only posts with this category (as written, ignoring case), if set.</summary>
    public string? Category { get; init; }

    /// <summary>Only posts with this tag (as written, ignoring case), if set.</summary>
    public string? Tag { get; init; }

    /// <summary>Only posts published in this year, if set.</summary>
    public int? Year { get; init; }

    /// <summary>Only posts published at or after this moment, if set.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only posts published before this moment, if set.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Overrides <see cref="SearchOptions.TypoTolerance"/> for this request, if set.</summary>
    public bool? TypoTolerance { get; init; }

    /// <summary>Whether to count facets (categories, tags, years) of all matching posts. Defaults to <see langword="true"/>.</summary>
    public bool IncludeFacets { get; init; } = true;

    /// <summary>Whether to make highlighted snippets for the hits. Defaults to <see langword="true"/>.</summary>
    public bool IncludeSnippets { get; init; } = true;
}

/// <summary>The answer to a <see cref="SearchRequest"/>: one page of hits, facet counts, and a correction when nothing matched.</summary>
public sealed record SearchResults
{
    /// <summary>The query as given.</summary>
    public required string Query { get; init; }

    /// <summary>Why the query could not run (for example an unclosed quote), or <see langword="null"/> when it ran.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the query ran.</summary>
    public bool IsValid => Error is null;

    /// <summary>How many posts match in all.</summary>
    public int TotalCount { get; init; }

    /// <summary>
    /// <see langword="true"/> when the hits hold every word; <see langword="false"/> when no post held all of them and
    /// the hits are the posts that hold the most.
    /// </summary>
    public bool MatchedAllTerms { get; init; } = true;

    /// <summary>The page returned, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Hits per page.</summary>
    public int PageSize { get; init; }

    /// <summary>The hits on this page, best first.</summary>
    public IReadOnlyList<SearchHit> Hits { get; init; } = [];

    /// <summary>Matching posts per category, most first.</summary>
    public IReadOnlyList<SearchFacet> Categories { get; init; } = [];

    /// <summary>Matching posts per tag, most first.</summary>
    public IReadOnlyList<SearchFacet> Tags { get; init; } = [];

    /// <summary>Matching posts per year, newest first.</summary>
    public IReadOnlyList<SearchFacet> Years { get; init; } = [];

    /// <summary>A corrected query when nothing matched and the index knows close words, else <see langword="null"/>.</summary>
    public string? DidYouMean { get; init; }
}

/// <summary>One matching post.</summary>
/// <param name="Post">The post.</param>
/// <param name="Score">Its relevance; higher is better, comparable only within one result.</param>
/// <param name="TitleHtml">The title, HTML-escaped, matched words in <c>&lt;mark&gt;</c>.</param>
/// <param name="Snippet">The best passage of the post, HTML-escaped, matched words in <c>&lt;mark&gt;</c>; only <c>&lt;mark&gt;</c> is markup.</param>
public sealed record SearchHit(Post Post, double Score, string TitleHtml, string Snippet);

/// <summary>A facet value and how many matching posts have it.</summary>
/// <param name="Value">The category, tag or year.</param>
/// <param name="Count">Matching posts with that value.</param>
public sealed record SearchFacet(string Value, int Count);

/// <summary>A saved index could not be read: wrong format, another version, or corrupt bytes.</summary>
public sealed class SearchIndexFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SearchIndexFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the data.</param>
    public SearchIndexFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong with the data.</param>
    /// <param name="innerException">The cause.</param>
    public SearchIndexFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
