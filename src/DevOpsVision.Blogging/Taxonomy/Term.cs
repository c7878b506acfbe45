using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Taxonomy;

/// <summary>Whether a term is a category or a tag.</summary>
public enum TermKind
{
    /// <summary>A category: hierarchical (<c>Cloud/AWS</c> is AWS under Cloud).</summary>
    Category = 0,

    /// <summary>A tag: flat.</summary>
    Tag = 1,
}

/// <summary>
/// A category or tag of the blog: its name as first written, a stable slug, its posts, and for categories
/// its place in the hierarchy. Spellings that differ only in case or diacritics are one term.
/// </summary>
/// <remarks>Immutable once the taxonomy is built; thread-safe.</remarks>
public sealed class Term
{
    private readonly List<Term> _children = [];
    private readonly List<string> _spellings = [];
    private List<Post> _posts = [];

    internal Term(TermKind kind, string name, string slug, Term? parent, string key)
    {
        Kind = kind;
        Name = name;
        Slug = slug;
        Parent = parent;
        Key = key;
        Path = parent is null ? slug : parent.Path + "/" + slug;
        Depth = parent is null ? 0 : parent.Depth + 1;
        _spellings.Add(name);
    }

    /// <summary>Whether this is a category or a tag.</summary>
    public TermKind Kind { get; }

    /// <summary>The name as the oldest post using it wrote it (for a category, this level's segment only).</summary>
    public string Name { get; }

    /// <summary>This level's URL segment: lower-case ASCII letters, digits and dashes.</summary>
    public string Slug { get; }

    /// <summary>The slugs from the root to this term joined by <c>/</c> (for tags, equal to <see cref="Slug"/>); unique per kind.</summary>
    public string Path { get; }

    /// <summary>The parent category, or <see langword="null"/> for a root category or any tag.</summary>
    public Term? Parent { get; }

    /// <summary>0 for a root, 1 for its children, and so on.</summary>
    public int Depth { get; }

    /// <summary>Child categories, by name.</summary>
    public IReadOnlyList<Term> Children => _children;

    /// <summary>Every spelling of the name seen in posts (first one first), for example <c>DevOps</c> and <c>devops</c>.</summary>
    public IReadOnlyList<string> Spellings => _spellings;

    /// <summary>Posts in this term or any child, newest first (ties by slug).</summary>
    public IReadOnlyList<Post> Posts => _posts;

    /// <summary>How many posts are in this term or any child.</summary>
    public int PostCount => _posts.Count;

    /// <summary>How many posts name this term itself (not only a child).</summary>
    public int OwnPostCount { get; private set; }

    /// <summary>The terms from the root down to this one, for breadcrumbs.</summary>
    public IReadOnlyList<Term> Breadcrumbs
    {
        get
        {
            var trail = new Term[Depth + 1];
            Term? current = this;
            for (int i = Depth; i >= 0; i--)
            {
                trail[i] = current!;
                current = current!.Parent;
            }

            return trail;
        }
    }

    /// <summary>The case- and diacritic-insensitive identity of this level's name.</summary>
    internal string Key { get; }

    internal void AddChild(Term child) => _children.Add(child);

    internal void AddSpelling(string spelling)
    {
        if (!_spellings.Contains(spelling, StringComparer.Ordinal))
        {
            _spellings.Add(spelling);
        }
    }

    internal void CountOwnPost() => OwnPostCount++;

    internal void SetPosts(List<Post> posts) => _posts = posts;

    internal void SortChildren() => _children.Sort(static (a, b) =>
    {
        int byName = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        return byName != 0 ? byName : string.CompareOrdinal(a.Path, b.Path);
    });

    /// <summary>Returns the term's path and post count, for debugging.</summary>
    /// <returns>For example <c>category cloud/aws (3 posts)</c>.</returns>
    public override string ToString() => $"{(Kind == TermKind.Category ? "category" : "tag")} {Path} ({PostCount} posts)";
}
