namespace DevOpsVision.Blogging.Search;

/// <summary>How posts are ranked and queries are bounded. Part of <see cref="BlogOptions"/> (<c>Blog:Search</c>).</summary>
public sealed class SearchOptions
{
    /// <summary>Weight of a match in the title (BM25F field weight). Defaults to 3.</summary>
    public double TitleWeight { get; set; } = 3.0;

    /// <summary>Weight of a match in a tag. Defaults to 2.</summary>
    public double TagWeight { get; set; } = 2.0;

    /// <summary>Weight of a match in a category. Defaults to 1.5.</summary>
    public double CategoryWeight { get; set; } = 1.5;

    /// <summary>Weight of a match in the excerpt. Defaults to 1.</summary>
    public double ExcerptWeight { get; set; } = 1.0;

    /// <summary>Weight of a match in the body. Defaults to 1.</summary>
    public double BodyWeight { get; set; } = 1.0;

    /// <summary>BM25 term-frequency saturation. Defaults to 1.2.</summary>
    public double K1 { get; set; } = 1.2;

    /// <summary>BM25 length normalisation, 0 (none) to 1 (full). Defaults to 0.75.</summary>
    public double B { get; set; } = 0.75;

    /// <summary>
    /// How scores combine fields: <see cref="SearchScoring.Bm25F"/> (default) or the sum of per-field BM25 scores
    /// that Lucene computes for a multi-field query.
    /// </summary>
    public SearchScoring Scoring { get; set; } = SearchScoring.Bm25F;

    /// <summary>Hits per page when a request does not say. Defaults to 10.</summary>
    public int PageSize { get; set; } = 10;

    /// <summary>The longest query accepted, in characters; longer queries get an error result. Defaults to 1000.</summary>
    public int MaxQueryLength { get; set; } = 1000;

    /// <summary>The most words and phrases a query may hold; more get an error result. Defaults to 32.</summary>
    public int MaxQueryTerms { get; set; } = 32;

    /// <summary>The most index terms one prefix or misspelled word expands to. Defaults to 50.</summary>
    public int MaxExpansions { get; set; } = 50;

    /// <summary>Whether words match index terms within a few typos (0 edits up to 4 letters, 1 up to 8, 2 beyond). Defaults to <see langword="true"/>.</summary>
    public bool TypoTolerance { get; set; } = true;

    /// <summary>About how many characters of text a snippet shows. Defaults to 180.</summary>
    public int SnippetLength { get; set; } = 180;
}

/// <summary>How a post's score combines its fields.</summary>
public enum SearchScoring
{
    /// <summary>BM25F: weighted term frequencies of all fields are summed, then saturated once.</summary>
    Bm25F,

    /// <summary>Each field is scored with BM25 on its own (its own document frequency) and the weighted scores are summed, as Lucene does.</summary>
    PerFieldBm25,
}
