using System.Collections.Concurrent;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Content;

/// <summary>
/// Post files kept in memory: for tests, and for apps that keep posts elsewhere (a database, a CMS) and
/// hand them to the blog. Change the files, then call <see cref="IBlog.ReloadAsync"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryPostSource : IPostSource
{
    private readonly ConcurrentDictionary<string, PostFile> _files = new(StringComparer.Ordinal);

    /// <summary>Creates an empty source.</summary>
    public InMemoryPostSource()
    {
    }

    /// <summary>Creates a source holding <paramref name="files"/>.</summary>
    /// <param name="files">The initial files; a later file replaces an earlier one with the same path.</param>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> is <see langword="null"/>.</exception>
    public InMemoryPostSource(IEnumerable<PostFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (PostFile file in files)
        {
            Set(file);
        }
    }

    /// <summary>Adds a file, or replaces the one with the same path.</summary>
    /// <param name="file">The file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is <see langword="null"/>.</exception>
    public void Set(PostFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _files[file.Path] = file;
    }

    /// <summary>Adds a post from its text, or replaces the one with the same path.</summary>
    /// <param name="path">The post's name (for example <c>2021-02-06-hello.md</c>).</param>
    /// <param name="text">The Markdown with its front matter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public void Set(string path, string text) => Set(PostFile.FromText(path, text));

    /// <summary>Removes the file with <paramref name="path"/>.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns><see langword="true"/> when a file was removed.</returns>
    public bool Remove(string path) => _files.TryRemove(path, out _);

    /// <inheritdoc />
    public ValueTask<PostSourceContent> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        PostFile[] files = [.. _files.Values];
        Array.Sort(files, static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return ValueTask.FromResult(new PostSourceContent(files, []));
    }
}
