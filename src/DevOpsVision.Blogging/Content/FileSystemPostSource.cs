using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Content;

/// <summary>
/// Reads every <c>*.md</c> and <c>*.markdown</c> file below a folder, recursively, skipping hidden files and
/// folders, Hugo's <c>_index.md</c> list pages, and links (so a link cannot lead outside the folder).
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class FileSystemPostSource : IPostSource
{
    // A file is taken from memory only if its time was at least this much older than the read that saw it: a write
    // within the file system's timestamp granularity of that read could otherwise leave size and time unchanged.
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private static readonly EnumerationOptions Enumeration = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
    };

    private Dictionary<string, SeenFile> _seen = new(StringComparer.Ordinal);

    /// <summary>A file as last read: its size and time are the <see cref="PostFile"/>'s own.</summary>
    private sealed record SeenFile(DateTime ReadUtc, PostFile File);

    /// <summary>Creates a source for a folder.</summary>
    /// <param name="root">The folder; a relative path is resolved against the current directory when the source is read.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is empty.</exception>
    public FileSystemPostSource(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = root;
    }

    /// <summary>The folder, as given.</summary>
    public string Root { get; }

    /// <summary>
    /// Whether a file whose size and last-write time are the same as when this source last read it is taken from
    /// memory rather than read again, as make, rsync and git decide. On by default: a reload of a large blog then costs
    /// a directory listing rather than a read of every file. Turn it off for tools that replace files keeping both
    /// their size and their time.
    /// </summary>
    public bool ReuseUnchangedFiles { get; init; } = true;

    /// <inheritdoc />
    public async ValueTask<PostSourceContent> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        string fullRoot = Path.GetFullPath(Root);
        if (!Directory.Exists(fullRoot))
        {
            return new PostSourceContent([], [new PostDiagnostic(Root, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.ReadFailed,
                $"The content folder '{fullRoot}' does not exist.")]);
        }

        DateTime readUtc = DateTime.UtcNow;
        List<(string Path, long Length, DateTime LastWriteUtc)> entries = Collect(fullRoot);
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        Dictionary<string, SeenFile> seen = Volatile.Read(ref _seen);
        var now = new SeenFile?[entries.Count];

        // Read on every core: for a large blog, opening and reading thousands of small files is most of a reload.
        var failures = new PostDiagnostic?[entries.Count];
        await Parallel.ForAsync(0, entries.Count, cancellationToken, (i, _) =>
        {
            (string fullPath, long length, DateTime lastWriteUtc) = entries[i];
            if (ReuseUnchangedFiles && seen.TryGetValue(fullPath, out SeenFile? known) && known.File.Content.Length == length
                && known.File.LastModified.UtcDateTime == lastWriteUtc && lastWriteUtc < known.ReadUtc - RacyWindow)
            {
                now[i] = known;
                return ValueTask.CompletedTask;
            }

            string shownPath = Path.Combine(Root, Path.GetRelativePath(fullRoot, fullPath)).Replace('\\', '/');
            try
            {
                var file = new PostFile(shownPath, File.ReadAllBytes(fullPath), lastWriteUtc);
                now[i] = new SeenFile(readUtc, file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                failures[i] = new PostDiagnostic(shownPath, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.ReadFailed,
                    $"The file could not be read: {exception.Message}");
            }

            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        var files = new List<PostFile>(entries.Count);
        var diagnostics = new List<PostDiagnostic>();
        var remembered = new Dictionary<string, SeenFile>(entries.Count, StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            if (now[i] is { } file)
            {
                files.Add(file.File);
                remembered[entries[i].Path] = file;
            }
            else if (failures[i] is { } failure)
            {
                diagnostics.Add(failure);
            }
        }

        Volatile.Write(ref _seen, remembered);
        return new PostSourceContent(files, diagnostics);
    }

    /// <summary>The post files below a folder with their sizes and times, from one listing (no separate stat per file).</summary>
    private static List<(string Path, long Length, DateTime LastWriteUtc)> Collect(string folder)
    {
        var entries = new System.IO.Enumeration.FileSystemEnumerable<(string, long, DateTime)>(
            folder,
            static (ref System.IO.Enumeration.FileSystemEntry entry) => (entry.ToFullPath(), entry.Length, entry.LastWriteTimeUtc.UtcDateTime),
            Enumeration)
        {
            ShouldIncludePredicate = static (ref System.IO.Enumeration.FileSystemEntry entry) => !entry.IsDirectory && PostFileNames.IsPost(entry.FileName.ToString()),
            ShouldRecursePredicate = static (ref System.IO.Enumeration.FileSystemEntry entry) => !PostFileNames.IsSkippedFolder(entry.FileName.ToString()),
        };
        return [.. entries];
    }
}
