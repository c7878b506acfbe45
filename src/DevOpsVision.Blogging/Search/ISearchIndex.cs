using System.Runtime.CompilerServices;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.Search;

/// <summary>Searches a blog: ranked, typo-tolerant, highlighted results with facets, and completions as you type.</summary>
/// <remarks>
/// Implementations are thread-safe. The default keeps one <see cref="PostSearchIndex"/> per snapshot, and builds a
/// new snapshot's index from the previous one incrementally (only added, changed and removed posts are indexed).
/// </remarks>
public interface ISearchIndex
{
    /// <summary>Returns the index of a snapshot, building it (or updating the previous snapshot's) on first use.</summary>
    /// <param name="snapshot">The blog snapshot.</param>
    /// <returns>The snapshot's index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    PostSearchIndex GetIndex(BlogSnapshot snapshot);

    /// <summary>Searches a snapshot's published posts. A malformed query gives a result with <see cref="SearchResults.Error"/> set, not an exception.</summary>
    /// <param name="snapshot">The blog snapshot.</param>
    /// <param name="request">The query, filters and page.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    SearchResults Search(BlogSnapshot snapshot, SearchRequest request);

    /// <summary>Completes the last word being typed from the words of the snapshot's posts.</summary>
    /// <param name="snapshot">The blog snapshot.</param>
    /// <param name="text">The text typed so far.</param>
    /// <param name="count">How many completions at most.</param>
    /// <returns>Whole-query completions, most frequent first.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    IReadOnlyList<string> Suggest(BlogSnapshot snapshot, string text, int count = 8);
}

/// <summary>The default <see cref="ISearchIndex"/>: one index per snapshot, each derived incrementally from the latest one built.</summary>
internal sealed class SearchIndexService(IOptions<BlogOptions> options, ITextAnalyzer analyzer) : ISearchIndex
{
    private readonly ConditionalWeakTable<BlogSnapshot, PostSearchIndex> _indexes = [];
    private readonly Lock _gate = new();
    private PostSearchIndex? _latest;
    private long _latestVersion = long.MinValue;

    public PostSearchIndex GetIndex(BlogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_indexes.TryGetValue(snapshot, out PostSearchIndex? index))
        {
            return index;
        }

        lock (_gate)
        {
            if (_indexes.TryGetValue(snapshot, out index))
            {
                return index;
            }

            // Readers of older snapshots keep their own index; the new one shares every unchanged segment.
            index = _latest is { } latest
                ? latest.Update(snapshot.Posts)
                : PostSearchIndex.Build(snapshot.Posts, options.Value.Search, analyzer);
            _indexes.AddOrUpdate(snapshot, index);
            if (snapshot.Version >= _latestVersion)
            {
                _latest = index;
                _latestVersion = snapshot.Version;
            }

            return index;
        }
    }

    public SearchResults Search(BlogSnapshot snapshot, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GetIndex(snapshot).Search(request);
    }

    public IReadOnlyList<string> Suggest(BlogSnapshot snapshot, string text, int count = 8)
    {
        ArgumentNullException.ThrowIfNull(text);
        return GetIndex(snapshot).Suggest(text, count);
    }
}
