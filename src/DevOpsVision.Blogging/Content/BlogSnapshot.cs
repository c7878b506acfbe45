using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Content;

/// <summary>
/// The whole blog at one moment: its published posts newest first, lookups by slug and alias, and every
/// diagnostic. Immutable: a reload builds a new snapshot, so a reader never sees a half-loaded blog.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class BlogSnapshot
{
    private readonly Dictionary<string, Post> _bySlug;
    private readonly Dictionary<string, Post> _byAlias;

    internal BlogSnapshot(
        BlogOptions options,
        TimeZoneInfo timeZone,
        long version,
        DateTimeOffset createdAt,
        IReadOnlyList<Post> posts,
        IReadOnlyList<Post> allPosts,
        IReadOnlyList<PostDiagnostic> diagnostics,
        BlogChanges changes)
    {
        Options = options;
        TimeZone = timeZone;
        Version = version;
        CreatedAt = createdAt;
        Posts = posts;
        AllPosts = allPosts;
        Diagnostics = diagnostics;
        Changes = changes;
        _bySlug = new Dictionary<string, Post>(posts.Count, StringComparer.Ordinal);
        _byAlias = new Dictionary<string, Post>(StringComparer.OrdinalIgnoreCase);
        foreach (Post post in posts)
        {
            _bySlug[post.Slug] = post;
            foreach (string alias in post.Aliases)
            {
                _byAlias.TryAdd(NormalizeAlias(alias), post);
            }
        }
    }

    /// <summary>The options the blog was loaded with.</summary>
    public BlogOptions Options { get; }

    /// <summary>The blog's time zone (from <see cref="BlogOptions.TimeZone"/>), for showing dates and grouping archives.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Counts loads: each reload's snapshot has a higher version than the one before.</summary>
    public long Version { get; }

    /// <summary>When the snapshot was built; publish and expiry dates were judged at this moment.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Published posts (not drafts, publish date reached, not expired), newest first; ties by slug.</summary>
    public IReadOnlyList<Post> Posts { get; }

    /// <summary>Every post that loaded, drafts and scheduled posts included, newest first; for previews and tools.</summary>
    public IReadOnlyList<Post> AllPosts { get; }

    /// <summary>Every diagnostic of every file, ordered by path, then line.</summary>
    public IReadOnlyList<PostDiagnostic> Diagnostics { get; }

    /// <summary>Which files were added, changed or removed since the previous snapshot.</summary>
    public BlogChanges Changes { get; }

    /// <summary>Whether any file had an error (and so is missing from the blog).</summary>
    public bool HasErrors
    {
        get
        {
            foreach (PostDiagnostic diagnostic in Diagnostics)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Finds a published post by its slug.</summary>
    /// <param name="slug">The slug, exactly as <see cref="Post.Slug"/> has it.</param>
    /// <param name="post">The post, when found.</param>
    /// <returns><see langword="true"/> when a published post has that slug.</returns>
    public bool TryGetPost(string slug, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Post? post)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return _bySlug.TryGetValue(slug, out post);
    }

    /// <summary>Finds a published post by one of its aliases (old URLs), ignoring case and surrounding slashes.</summary>
    /// <param name="alias">The URL path, for example <c>/2016/06/old-title/</c>.</param>
    /// <param name="post">The post, when found.</param>
    /// <returns><see langword="true"/> when a published post has that alias.</returns>
    public bool TryGetPostByAlias(string alias, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Post? post)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return _byAlias.TryGetValue(NormalizeAlias(alias), out post);
    }

    internal static string NormalizeAlias(string alias) => alias.Trim().Trim('/');
}

/// <summary>The files a reload found added, changed or removed, by path.</summary>
/// <param name="Added">Files that were not there before.</param>
/// <param name="Changed">Files whose bytes changed.</param>
/// <param name="Removed">Files that are gone.</param>
public sealed record BlogChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed)
{
    /// <summary>Whether anything changed.</summary>
    public bool Any => Added.Count + Changed.Count + Removed.Count > 0;
}
