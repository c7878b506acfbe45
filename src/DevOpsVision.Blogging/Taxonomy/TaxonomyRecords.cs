using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Taxonomy;

/// <summary>One page of a post listing.</summary>
/// <param name="Posts">The posts on this page.</param>
/// <param name="PageNumber">This page's number, from 1.</param>
/// <param name="PageSize">Posts per page.</param>
/// <param name="TotalPosts">Posts on all pages.</param>
public sealed record PostPage(IReadOnlyList<Post> Posts, int PageNumber, int PageSize, int TotalPosts)
{
    /// <summary>How many pages the listing has (at least 1, even when empty).</summary>
    public int TotalPages => Math.Max(1, (TotalPosts + PageSize - 1) / PageSize);

    /// <summary>Whether a page comes before this one.</summary>
    public bool HasPrevious => PageNumber > 1;

    /// <summary>Whether a page comes after this one.</summary>
    public bool HasNext => PageNumber < TotalPages;
}

/// <summary>The posts of one month, in the blog's time zone.</summary>
/// <param name="Year">The year.</param>
/// <param name="Month">The month, 1 to 12.</param>
/// <param name="Posts">The month's posts, newest first.</param>
public sealed record ArchiveMonth(int Year, int Month, IReadOnlyList<Post> Posts)
{
    /// <summary>How many posts the month has.</summary>
    public int PostCount => Posts.Count;
}

/// <summary>The posts of one year, in the blog's time zone.</summary>
/// <param name="Year">The year.</param>
/// <param name="Months">Months with posts, newest first.</param>
/// <param name="Posts">The year's posts, newest first.</param>
public sealed record ArchiveYear(int Year, IReadOnlyList<ArchiveMonth> Months, IReadOnlyList<Post> Posts)
{
    /// <summary>How many posts the year has.</summary>
    public int PostCount => Posts.Count;
}

/// <summary>Posts that share a <c>series</c> value, in reading order.</summary>
/// <param name="Name">The series name as first written.</param>
/// <param name="Slug">The series' URL segment.</param>
/// <param name="Posts">The posts, oldest first.</param>
public sealed record PostSeries(string Name, string Slug, IReadOnlyList<Post> Posts);

/// <summary>The posts on either side of a post in some ordering.</summary>
/// <param name="Previous">The older post, or <see langword="null"/> for the oldest.</param>
/// <param name="Next">The newer post, or <see langword="null"/> for the newest.</param>
public sealed record PostNeighbors(Post? Previous, Post? Next);

/// <summary>A post related to another, with why.</summary>
/// <param name="Post">The related post.</param>
/// <param name="Score">The weighted sum of the reasons below; higher is more related.</param>
/// <param name="SharedTags">Tags both posts have.</param>
/// <param name="SharedCategories">Categories both posts have.</param>
/// <param name="ContentSimilarity">TF-IDF cosine similarity of the two texts, 0 to 1.</param>
public sealed record RelatedPost(Post Post, double Score, IReadOnlyList<Term> SharedTags, IReadOnlyList<Term> SharedCategories, double ContentSimilarity);

/// <summary>A category or tag suggested for a post.</summary>
/// <param name="Term">The suggested term, one the blog already uses.</param>
/// <param name="Confidence">How similar the post is to the term's posts: cosine of TF-IDF vectors, 0 to 1.</param>
public sealed record TermSuggestion(Term Term, double Confidence);
