using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Text;

namespace DevOpsVision.Blogging.Taxonomy;

/// <summary>
/// Everything a blog's posts say about how they are organised: categories (hierarchical) and tags with
/// their posts, archives by year and month, series, previous and next posts, related posts, and category
/// and tag suggestions learned from the blog's own posts. Built once per <see cref="BlogSnapshot"/>.
/// </summary>
/// <remarks>Immutable and thread-safe. Orders are deterministic: newest first, ties by slug.</remarks>
public sealed class BlogTaxonomy
{
    private readonly Dictionary<string, Term> _categoriesByPath;
    private readonly Dictionary<string, Term> _tagsBySlug;
    private readonly Dictionary<string, PostSeries> _seriesBySlug;
    private readonly Dictionary<Post, int> _positions;
    private readonly Dictionary<Post, PostSeries> _seriesOfPost;
    private readonly IReadOnlyList<Post> _posts;
    private readonly RelatedPostFinder _related;
    private readonly TermSuggester _suggester;
    private readonly TaxonomyOptions _options;

    internal BlogTaxonomy(
        TaxonomyOptions options,
        IReadOnlyList<Post> posts,
        IReadOnlyList<Term> categoryRoots,
        IReadOnlyList<Term> categories,
        IReadOnlyList<Term> tags,
        IReadOnlyList<ArchiveYear> archives,
        IReadOnlyList<PostSeries> series,
        IReadOnlyList<PostDiagnostic> diagnostics,
        RelatedPostFinder related,
        TermSuggester suggester)
    {
        _options = options;
        _posts = posts;
        CategoryRoots = categoryRoots;
        Categories = categories;
        Tags = tags;
        Archives = archives;
        Series = series;
        Diagnostics = diagnostics;
        _related = related;
        _suggester = suggester;
        _categoriesByPath = categories.ToDictionary(static t => t.Path, StringComparer.Ordinal);
        _tagsBySlug = tags.ToDictionary(static t => t.Path, StringComparer.Ordinal);
        _seriesBySlug = series.ToDictionary(static s => s.Slug, StringComparer.Ordinal);
        _positions = new Dictionary<Post, int>(posts.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < posts.Count; i++)
        {
            _positions[posts[i]] = i;
        }

        _seriesOfPost = new Dictionary<Post, PostSeries>(ReferenceEqualityComparer.Instance);
        foreach (PostSeries one in series)
        {
            foreach (Post post in one.Posts)
            {
                _seriesOfPost[post] = one;
            }
        }
    }

    /// <summary>Top-level categories, by name; their <see cref="Term.Children"/> hold the rest.</summary>
    public IReadOnlyList<Term> CategoryRoots { get; }

    /// <summary>Every category at every level, ordered by path.</summary>
    public IReadOnlyList<Term> Categories { get; }

    /// <summary>Every tag, ordered by slug.</summary>
    public IReadOnlyList<Term> Tags { get; }

    /// <summary>Years with posts, newest first, each with its months.</summary>
    public IReadOnlyList<ArchiveYear> Archives { get; }

    /// <summary>Every series, by slug.</summary>
    public IReadOnlyList<PostSeries> Series { get; }

    /// <summary>What was merged, ignored or renamed while building (merged spellings are <see cref="DiagnosticSeverity.Info"/>).</summary>
    public IReadOnlyList<PostDiagnostic> Diagnostics { get; }

    /// <summary>Finds a category by its path (<c>cloud/aws</c>).</summary>
    /// <param name="path">The category's <see cref="Term.Path"/>; surrounding slashes and case are ignored.</param>
    /// <param name="category">The category, when found.</param>
    /// <returns><see langword="true"/> when the blog has that category.</returns>
    public bool TryGetCategory(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Term? category)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _categoriesByPath.TryGetValue(path.Trim('/').ToLowerInvariant(), out category);
    }

    /// <summary>Finds a tag by its slug.</summary>
    /// <param name="slug">The tag's <see cref="Term.Slug"/>; case is ignored.</param>
    /// <param name="tag">The tag, when found.</param>
    /// <returns><see langword="true"/> when the blog has that tag.</returns>
    public bool TryGetTag(string slug, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Term? tag)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return _tagsBySlug.TryGetValue(slug.Trim('/').ToLowerInvariant(), out tag);
    }

    /// <summary>Finds a series by its slug.</summary>
    /// <param name="slug">The series' slug.</param>
    /// <param name="series">The series, when found.</param>
    /// <returns><see langword="true"/> when the blog has that series.</returns>
    public bool TryGetSeries(string slug, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PostSeries? series)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return _seriesBySlug.TryGetValue(slug, out series);
    }

    /// <summary>The categories a post names, as terms (a post in <c>Cloud/AWS</c> gets the AWS term).</summary>
    /// <param name="post">A post of the snapshot.</param>
    /// <returns>The post's categories, in front-matter order.</returns>
    public IReadOnlyList<Term> CategoriesOf(Post post) => _positions.TryGetValue(post, out int index) ? _related.CategoriesOf(index) : [];

    /// <summary>The tags a post names, as terms.</summary>
    /// <param name="post">A post of the snapshot.</param>
    /// <returns>The post's tags, in front-matter order.</returns>
    public IReadOnlyList<Term> TagsOf(Post post) => _positions.TryGetValue(post, out int index) ? _related.TagsOf(index) : [];

    /// <summary>Pages a listing of posts (a term's, a year's, the whole blog's).</summary>
    /// <param name="posts">The listing, already in order.</param>
    /// <param name="pageNumber">The page, from 1.</param>
    /// <param name="page">The page, when <paramref name="pageNumber"/> exists.</param>
    /// <returns><see langword="false"/> when the page number is below 1 or past the last page (page 1 always exists).</returns>
    public bool TryGetPage(IReadOnlyList<Post> posts, int pageNumber, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PostPage? page)
    {
        ArgumentNullException.ThrowIfNull(posts);
        int size = _options.PageSize;
        int totalPages = Math.Max(1, (posts.Count + size - 1) / size);
        if (pageNumber < 1 || pageNumber > totalPages)
        {
            page = null;
            return false;
        }

        int start = (pageNumber - 1) * size;
        int count = Math.Min(size, posts.Count - start);
        var items = new Post[Math.Max(0, count)];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = posts[start + i];
        }

        page = new PostPage(items, pageNumber, size, posts.Count);
        return true;
    }

    /// <summary>The older and newer post in the whole blog.</summary>
    /// <param name="post">A published post of the snapshot.</param>
    /// <returns>Its neighbours; both <see langword="null"/> when the post is not in the blog.</returns>
    public PostNeighbors GetNeighbors(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return _positions.TryGetValue(post, out int index) ? Around(_posts, index) : new PostNeighbors(null, null);
    }

    /// <summary>The older and newer post within a category or tag.</summary>
    /// <param name="post">A post of the term.</param>
    /// <param name="term">The category or tag.</param>
    /// <returns>Its neighbours in the term; both <see langword="null"/> when the post is not in it.</returns>
    public PostNeighbors GetNeighbors(Post post, Term term)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(term);
        int index = FindInNewestFirst(term.Posts, post);
        return index < 0 ? new PostNeighbors(null, null) : Around(term.Posts, index);
    }

    /// <summary>The series a post belongs to, if any.</summary>
    /// <param name="post">A post of the snapshot.</param>
    /// <returns>The series, or <see langword="null"/>.</returns>
    public PostSeries? GetSeries(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return _seriesOfPost.GetValueOrDefault(post);
    }

    /// <summary>The posts before and after a post in its series (series run oldest first, so "previous" is the part before).</summary>
    /// <param name="post">A post of a series.</param>
    /// <returns>Its neighbours in the series; both <see langword="null"/> when it has none.</returns>
    public PostNeighbors GetSeriesNeighbors(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (GetSeries(post) is not { } series)
        {
            return new PostNeighbors(null, null);
        }

        int index = -1;
        for (int i = 0; i < series.Posts.Count; i++)
        {
            if (ReferenceEquals(series.Posts[i], post))
            {
                index = i;
                break;
            }
        }

        return new PostNeighbors(index > 0 ? series.Posts[index - 1] : null, index + 1 < series.Posts.Count ? series.Posts[index + 1] : null);
    }

    /// <summary>The posts most related to a post, best first, with their reasons.</summary>
    /// <param name="post">A post of the snapshot.</param>
    /// <returns>At most <see cref="TaxonomyOptions.RelatedPostCount"/> posts scoring at least <see cref="TaxonomyOptions.MinimumRelatedScore"/>.</returns>
    public IReadOnlyList<RelatedPost> GetRelated(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return _positions.TryGetValue(post, out int index) ? _related.Related(index) : [];
    }

    /// <summary>
    /// Suggests categories and tags for a post, including a new one that is not in the blog, from how
    /// similar its text is to the posts of each term. The post's own terms are not counted as evidence.
    /// </summary>
    /// <param name="post">The post.</param>
    /// <param name="kind">Suggest categories or tags.</param>
    /// <returns>At most <see cref="TaxonomyOptions.SuggestionCount"/> terms with confidence of at least <see cref="TaxonomyOptions.SuggestionThreshold"/>, best first.</returns>
    public IReadOnlyList<TermSuggestion> Suggest(Post post, TermKind kind)
    {
        ArgumentNullException.ThrowIfNull(post);
        return _suggester.Suggest(post, kind, _positions.TryGetValue(post, out int index) ? index : -1);
    }

    private static PostNeighbors Around(IReadOnlyList<Post> newestFirst, int index) =>
        new(index + 1 < newestFirst.Count ? newestFirst[index + 1] : null, index > 0 ? newestFirst[index - 1] : null);

    /// <summary>Binary search in a newest-first listing (ties by slug), the order every listing here uses.</summary>
    private static int FindInNewestFirst(IReadOnlyList<Post> posts, Post post)
    {
        int low = 0, high = posts.Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int comparison = SnapshotOrder.Compare(posts[middle], post);
            if (comparison == 0)
            {
                return ReferenceEquals(posts[middle], post) ? middle : -1;
            }

            if (comparison < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
