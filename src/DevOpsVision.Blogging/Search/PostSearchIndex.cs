using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// A full-text index of posts: BM25F ranking, phrases, prefixes, typo tolerance, exclusions, field scopes, date
/// filters, highlighted snippets, facets and suggestions. Immutable: <see cref="Apply"/> and <see cref="Update"/>
/// return a new index that shares the unchanged parts of this one, so readers keep a consistent view while a
/// writer works.
/// </summary>
/// <remarks>
/// Thread-safe. The index is a list of immutable segments (flat arrays of terms, postings and positions) with a
/// deletion bitset each; an update adds a segment for the new and changed posts and marks the old versions deleted,
/// and segments are merged when there are too many or too much of them is deleted.
/// </remarks>
public sealed class PostSearchIndex
{
    private const int MaxSegments = 8;
    private const double MaxDeletedFraction = 0.25;

    internal readonly Segment[] Segments;
    internal readonly ulong[]?[] Deleted;
    internal readonly int[] Bases;
    internal readonly long[] LengthSums;
    private Dictionary<string, (int Segment, int Doc)>? _byPath;

    private PostSearchIndex(Segment[] segments, ulong[]?[] deleted, SearchOptions options, ITextAnalyzer analyzer)
    {
        Segments = segments;
        Deleted = deleted;
        Options = options;
        Analyzer = analyzer;
        Bases = new int[segments.Length + 1];
        LengthSums = new long[SearchFields.Count];
        int live = 0;
        for (int s = 0; s < segments.Length; s++)
        {
            Segment segment = segments[s];
            Bases[s + 1] = Bases[s] + segment.DocCount;
            ulong[]? bits = deleted[s];
            for (int d = 0; d < segment.DocCount; d++)
            {
                if (bits is not null && IsSet(bits, d))
                {
                    continue;
                }

                live++;
                for (int f = 0; f < SearchFields.Count; f++)
                {
                    LengthSums[f] += segment.FieldLength(d, f);
                }
            }
        }

        Count = live;
    }

    internal SearchOptions Options { get; }

    /// <summary>Where each live post is, by source path; built on the first update, since a search never needs it.</summary>
    private Dictionary<string, (int Segment, int Doc)> ByPath => LazyInitializer.EnsureInitialized(ref _byPath, () =>
    {
        var byPath = new Dictionary<string, (int Segment, int Doc)>(Count, StringComparer.Ordinal);
        for (int s = 0; s < Segments.Length; s++)
        {
            for (int d = 0; d < Segments[s].DocCount; d++)
            {
                if (IsLive(s, d))
                {
                    byPath[Segments[s].Posts[d].SourcePath] = (s, d);
                }
            }
        }

        return byPath;
    });

    internal ITextAnalyzer Analyzer { get; }

    internal int TotalDocs => Bases[^1];

    /// <summary>How many posts the index holds.</summary>
    public int Count { get; }

    /// <summary>How many segments the index is made of (1 after a full build or a merge).</summary>
    public int SegmentCount => Segments.Length;

    /// <summary>Indexes posts.</summary>
    /// <param name="posts">The posts; their source paths must be unique.</param>
    /// <param name="options">Ranking and limits; <see langword="null"/> for the defaults.</param>
    /// <param name="analyzer">The analyzer; <see langword="null"/> for <see cref="EnglishTextAnalyzer.Default"/>.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="posts"/> is <see langword="null"/>.</exception>
    public static PostSearchIndex Build(IEnumerable<Post> posts, SearchOptions? options = null, ITextAnalyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(posts);
        analyzer ??= EnglishTextAnalyzer.Default;
        List<Post> unique = Unique(posts);
        Segment segment = SegmentBuilder.Build(unique, analyzer);
        return new PostSearchIndex([segment], [null], options ?? new SearchOptions(), analyzer);
    }

    internal static PostSearchIndex FromSegments(Segment[] segments, ulong[]?[] deleted, SearchOptions options, ITextAnalyzer analyzer) =>
        new(segments, deleted, options, analyzer);

    private static List<Post> Unique(IEnumerable<Post> posts)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<Post>();
        foreach (Post post in posts)
        {
            ArgumentNullException.ThrowIfNull(post);
            if (seen.TryGetValue(post.SourcePath, out int at))
            {
                list[at] = post;
            }
            else
            {
                seen[post.SourcePath] = list.Count;
                list.Add(post);
            }
        }

        return list;
    }

    /// <summary>Runs a query with default paging and no filters.</summary>
    /// <param name="query">The query text (see <see cref="SearchRequest"/> for the syntax).</param>
    /// <returns>The first page of results, or a result whose <see cref="SearchResults.Error"/> says why the query is malformed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    public SearchResults Search(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Search(new SearchRequest(query));
    }

    /// <summary>Runs a search. Never throws for a malformed query: the result carries the error instead.</summary>
    /// <param name="request">The query, filters and page.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public SearchResults Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Searcher.Run(this, request);
    }

    /// <summary>Completes the last word of what a user is typing from the index's words, most frequent first.</summary>
    /// <param name="text">The text typed so far.</param>
    /// <param name="count">How many completions at most.</param>
    /// <returns>Whole-query completions (the words before the last kept as typed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string> Suggest(string text, int count = 8)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Searcher.Suggest(this, text, Math.Clamp(count, 0, 50));
    }

    /// <summary>Returns an index with posts added or replaced (matched by <see cref="Post.SourcePath"/>) and others removed, without rebuilding this one.</summary>
    /// <param name="upserts">New posts and new versions of indexed posts.</param>
    /// <param name="removedSourcePaths">Source paths of posts to remove; unknown paths are ignored.</param>
    /// <returns>The new index; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public PostSearchIndex Apply(IEnumerable<Post> upserts, IEnumerable<string> removedSourcePaths)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removedSourcePaths);
        List<Post> added = Unique(upserts);
        var deleted = (ulong[]?[])Deleted.Clone();
        var copied = new bool[Segments.Length];
        void Remove(string path)
        {
            if (ByPath.TryGetValue(path, out var at))
            {
                if (!copied[at.Segment])
                {
                    deleted[at.Segment] = deleted[at.Segment] is { } bits ? (ulong[])bits.Clone() : new ulong[(Segments[at.Segment].DocCount + 63) / 64];
                    copied[at.Segment] = true;
                }

                deleted[at.Segment]![at.Doc >> 6] |= 1UL << at.Doc;
            }
        }

        foreach (string path in removedSourcePaths)
        {
            Remove(path);
        }

        foreach (Post post in added)
        {
            Remove(post.SourcePath);
        }

        var segments = new List<Segment>(Segments);
        var deletions = new List<ulong[]?>(deleted);
        if (added.Count > 0)
        {
            segments.Add(SegmentBuilder.Build(added, Analyzer));
            deletions.Add(null);
        }

        // Merge when segments pile up or too much is deleted: re-index the live posts (their text, not their Markdown).
        int total = 0, dead = 0;
        for (int s = 0; s < segments.Count; s++)
        {
            total += segments[s].DocCount;
            dead += deletions[s] is { } bits ? PopCount(bits) : 0;
        }

        if (segments.Count > MaxSegments || (total > 0 && dead > total * MaxDeletedFraction))
        {
            var live = new List<Post>(total - dead);
            for (int s = 0; s < segments.Count; s++)
            {
                for (int d = 0; d < segments[s].DocCount; d++)
                {
                    if (deletions[s] is not { } bits || !IsSet(bits, d))
                    {
                        live.Add(segments[s].Posts[d]);
                    }
                }
            }

            return new PostSearchIndex([SegmentBuilder.Build(live, Analyzer)], [null], Options, Analyzer);
        }

        return new PostSearchIndex([.. segments], [.. deletions], Options, Analyzer);
    }

    /// <summary>
    /// Returns an index holding exactly <paramref name="posts"/>: posts not indexed yet or whose object changed are
    /// (re)indexed, posts no longer present are removed, and the rest is shared with this index.
    /// </summary>
    /// <param name="posts">The posts the index should hold, for example a new snapshot's <c>Posts</c>.</param>
    /// <returns>The updated index (this one when nothing changed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="posts"/> is <see langword="null"/>.</exception>
    public PostSearchIndex Update(IReadOnlyList<Post> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var upserts = new List<Post>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (Post post in posts)
        {
            present.Add(post.SourcePath);
            if (!ByPath.TryGetValue(post.SourcePath, out var at) || !ReferenceEquals(Segments[at.Segment].Posts[at.Doc], post))
            {
                upserts.Add(post);
            }
        }

        var removed = new List<string>();
        foreach (string path in ByPath.Keys)
        {
            if (!present.Contains(path))
            {
                removed.Add(path);
            }
        }

        return upserts.Count == 0 && removed.Count == 0 ? this : Apply(upserts, removed);
    }

    /// <summary>Whether the index holds this exact post object.</summary>
    internal bool Contains(Post post) =>
        ByPath.TryGetValue(post.SourcePath, out var at) && ReferenceEquals(Segments[at.Segment].Posts[at.Doc], post);

    /// <summary>Writes the index in its versioned binary format (magic, version, checksum).</summary>
    /// <param name="stream">Where to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        IndexFile.Write(this, stream);
    }

    /// <summary>
    /// Reads an index written by <see cref="Save"/> and attaches it to the posts it was built from; posts that
    /// changed, appeared or disappeared since are re-indexed or removed.
    /// </summary>
    /// <param name="stream">Where to read.</param>
    /// <param name="posts">The current posts, matched to the saved ones by source path and content hash.</param>
    /// <param name="options">Ranking and limits; <see langword="null"/> for the defaults.</param>
    /// <param name="analyzer">The analyzer the index was built with; <see langword="null"/> for <see cref="EnglishTextAnalyzer.Default"/>.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="posts"/> is <see langword="null"/>.</exception>
    /// <exception cref="SearchIndexFormatException">The data is not an index, is of another format version or analyzer, or is corrupt.</exception>
    public static PostSearchIndex Load(Stream stream, IReadOnlyList<Post> posts, SearchOptions? options = null, ITextAnalyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(posts);
        return IndexFile.Read(stream, posts, options ?? new SearchOptions(), analyzer ?? EnglishTextAnalyzer.Default);
    }

    /// <summary>
    /// Writes a compact JSON index for static sites, read by the dependency-free JavaScript client in
    /// <see cref="ClientScript"/>: posts (slug, title, date, excerpt), terms with their postings, field lengths and weights.
    /// </summary>
    /// <param name="stream">Where to write UTF-8 JSON.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public void ExportJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonExport.Write(this, stream);
    }

    /// <summary>The JavaScript client (no dependencies) that searches an index written by <see cref="ExportJson"/> in a browser or Node.</summary>
    public static string ClientScript => JsonExport.ClientScript;

    internal static bool IsSet(ulong[] bits, int doc) => (bits[doc >> 6] & (1UL << doc)) != 0;

    private static int PopCount(ulong[] bits)
    {
        int count = 0;
        foreach (ulong word in bits)
        {
            count += System.Numerics.BitOperations.PopCount(word);
        }

        return count;
    }

    internal bool IsLive(int segment, int doc) => Deleted[segment] is not { } bits || !IsSet(bits, doc);

    internal int SegmentOf(int global)
    {
        int s = 0;
        while (Bases[s + 1] <= global)
        {
            s++;
        }

        return s;
    }
}
