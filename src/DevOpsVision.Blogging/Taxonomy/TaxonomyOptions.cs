namespace DevOpsVision.Blogging.Taxonomy;

/// <summary>How categories, tags, related posts and suggestions are computed. Part of <see cref="BlogOptions"/> (<c>Blog:Taxonomy</c>).</summary>
public sealed class TaxonomyOptions
{
    /// <summary>Posts per page in category, tag and archive listings. Defaults to 10.</summary>
    public int PageSize { get; set; } = 10;

    /// <summary>How many related posts each post gets at most. Defaults to 5.</summary>
    public int RelatedPostCount { get; set; } = 5;

    /// <summary>Weight of shared tags in a related post's score (cosine of the two tag sets, 0 to 1). Defaults to 1.</summary>
    public double TagWeight { get; set; } = 1.0;

    /// <summary>Weight of shared categories in a related post's score (cosine of the two category sets). Defaults to 0.5.</summary>
    public double CategoryWeight { get; set; } = 0.5;

    /// <summary>Weight of text similarity in a related post's score (TF-IDF cosine, 0 to 1). Defaults to 1.5.</summary>
    public double ContentWeight { get; set; } = 1.5;

    /// <summary>
    /// The lowest score a related post needs; posts with less in common are not related, so a post with
    /// nothing in common with the others gets no related posts. Defaults to 0.15.
    /// </summary>
    public double MinimumRelatedScore { get; set; } = 0.15;

    /// <summary>How many categories and how many tags are suggested for a post at most. Defaults to 3.</summary>
    public int SuggestionCount { get; set; } = 3;

    /// <summary>The lowest confidence (0 to 1) a suggestion needs; below it nothing is suggested. Defaults to 0.1.</summary>
    public double SuggestionThreshold { get; set; } = 0.1;
}
