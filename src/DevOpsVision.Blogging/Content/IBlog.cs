namespace DevOpsVision.Blogging.Content;

/// <summary>
/// The blog as an app sees it: the current snapshot, and a way to reload it when content changes.
/// </summary>
/// <remarks>Thread-safe. Readers take <see cref="Current"/> once per request and use that snapshot throughout.</remarks>
public interface IBlog
{
    /// <summary>
    /// The current snapshot. The first access loads the blog, blocking until it is loaded; call
    /// <see cref="GetSnapshotAsync"/> at start-up to load it without blocking.
    /// </summary>
    BlogSnapshot Current { get; }

    /// <summary>Returns the current snapshot, loading the blog first if it has never been loaded.</summary>
    /// <param name="cancellationToken">Stops the first load.</param>
    /// <returns>The current snapshot.</returns>
    ValueTask<BlogSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every source again, re-parses only the files whose bytes changed, builds a new snapshot and
    /// swaps it in atomically. Reloads run one at a time.
    /// </summary>
    /// <param name="cancellationToken">Stops the reload; the previous snapshot stays current.</param>
    /// <returns>The new snapshot.</returns>
    Task<BlogSnapshot> ReloadAsync(CancellationToken cancellationToken = default);

    /// <summary>Raised after a new snapshot becomes current.</summary>
    event EventHandler<BlogSnapshot>? SnapshotChanged;
}
