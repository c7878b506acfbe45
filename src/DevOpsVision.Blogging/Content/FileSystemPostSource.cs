using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Content;

/// <summary>
/// Reads every <c>*.md</c> and <c>*.markdown</c> file below a folder, recursively, skipping hidden files and
/// folders, Hugo's <c>_index.md</c> list pages, and links (so a link cannot lead outside the folder).
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class FileSystemPostSource : IPostSource
{
    private static readonly EnumerationOptions Enumeration = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
    };

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

    /// <inheritdoc />
    public async ValueTask<PostSourceContent> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        string fullRoot = Path.GetFullPath(Root);
        if (!Directory.Exists(fullRoot))
        {
            return new PostSourceContent([], [new PostDiagnostic(Root, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.ReadFailed,
                $"The content folder '{fullRoot}' does not exist.")]);
        }

        var paths = new List<string>();
        Collect(fullRoot, paths);
        paths.Sort(StringComparer.Ordinal);

        // Read on every core: for a large blog, opening and reading thousands of small files is most of a reload.
        var read = new PostFile?[paths.Count];
        var failures = new PostDiagnostic?[paths.Count];
        await Parallel.ForAsync(0, paths.Count, cancellationToken, (i, _) =>
        {
            string fullPath = paths[i];
            string shownPath = Path.Combine(Root, Path.GetRelativePath(fullRoot, fullPath)).Replace('\\', '/');
            try
            {
                read[i] = new PostFile(shownPath, File.ReadAllBytes(fullPath), File.GetLastWriteTimeUtc(fullPath));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                failures[i] = new PostDiagnostic(shownPath, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.ReadFailed,
                    $"The file could not be read: {exception.Message}");
            }

            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        var files = new List<PostFile>(paths.Count);
        var diagnostics = new List<PostDiagnostic>();
        for (int i = 0; i < paths.Count; i++)
        {
            if (read[i] is { } file)
            {
                files.Add(file);
            }
            else if (failures[i] is { } failure)
            {
                diagnostics.Add(failure);
            }
        }

        return new PostSourceContent(files, diagnostics);
    }

    private static void Collect(string folder, List<string> paths)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*", Enumeration))
        {
            if (PostFileNames.IsPost(Path.GetFileName(file)))
            {
                paths.Add(file);
            }
        }

        foreach (string child in Directory.EnumerateDirectories(folder, "*", Enumeration))
        {
            if (!PostFileNames.IsSkippedFolder(Path.GetFileName(child)))
            {
                Collect(child, paths);
            }
        }
    }
}
