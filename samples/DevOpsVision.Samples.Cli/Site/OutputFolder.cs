namespace DevOpsVision.Samples.Cli.Site;

/// <summary>
/// The folder a site is written to. Every file is resolved to a full path and must stay inside the folder,
/// whatever slugs, category paths or URL settings say, so a post can never write elsewhere on the disk.
/// </summary>
internal sealed class OutputFolder
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly List<string> _written = [];

    public OutputFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        string full = Path.GetFullPath(root);
        Root = Path.EndsInDirectorySeparator(full) ? full : full + Path.DirectorySeparatorChar;
    }

    /// <summary>The folder's full path, ending in a directory separator.</summary>
    public string Root { get; }

    /// <summary>The files written so far, relative to <see cref="Root"/> with <c>/</c> separators.</summary>
    public IReadOnlyList<string> Written => _written;

    /// <summary>The full path of a file below the folder.</summary>
    /// <param name="relativePath">A path relative to the folder, with <c>/</c> or the platform's separators.</param>
    /// <returns>The full path, inside <see cref="Root"/>.</returns>
    /// <exception cref="UnsafeOutputPathException">The path is empty, rooted, or leads outside the folder.</exception>
    public string Resolve(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string normalized = relativePath.Replace('\\', '/').TrimStart('/');
        if (normalized.Length == 0 || Path.IsPathRooted(relativePath) || normalized.Contains('\0', StringComparison.Ordinal))
        {
            throw new UnsafeOutputPathException(relativePath);
        }

        string full = Path.GetFullPath(Path.Combine(Root, normalized.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Root, PathComparison) || full.Length == Root.Length)
        {
            throw new UnsafeOutputPathException(relativePath);
        }

        return full;
    }

    /// <summary>Creates (or replaces) a file below the folder, creating its folders.</summary>
    /// <param name="relativePath">The file's path relative to the folder.</param>
    /// <returns>The stream to write; the caller disposes it.</returns>
    public Stream Create(string relativePath)
    {
        string full = Resolve(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var stream = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None);
        lock (_written)
        {
            _written.Add(Path.GetRelativePath(Root, full).Replace('\\', '/'));
        }

        return stream;
    }

    /// <summary>Writes a file below the folder.</summary>
    /// <param name="relativePath">The file's path relative to the folder.</param>
    /// <param name="write">Writes the content.</param>
    public void Write(string relativePath, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using Stream stream = Create(relativePath);
        write(stream);
    }
}

/// <summary>A file path that would leave the output folder.</summary>
internal sealed class UnsafeOutputPathException(string path)
    : IOException($"'{path}' would be written outside the output folder; it was not written.")
{
    public string RelativePath { get; } = path;
}
