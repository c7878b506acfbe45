using System.Buffers;
using System.IO.Hashing;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DevOpsVision.Samples.Cli.Site;

/// <summary>
/// The folder a site is written to. Every file is resolved to a full path and must stay inside the folder,
/// whatever slugs, category paths or URL settings say, so a post can never write elsewhere on the disk.
/// A file whose bytes are already on disk is left alone; given what an earlier build produced, that is known from
/// its hashes without reading the file, and the files this build no longer produces can be removed.
/// </summary>
internal sealed class OutputFolder
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly List<string> _written = [];
    private readonly Dictionary<string, ulong> _produced = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, ulong>? _previous;
    private int _unchanged;

    /// <summary>A folder with no earlier build known: each file on disk is compared with the new bytes.</summary>
    /// <param name="root">The folder; created as files are written.</param>
    public OutputFolder(string root)
        : this(root, null)
    {
    }

    /// <summary>A folder an earlier build wrote to.</summary>
    /// <param name="root">The folder; created as files are written.</param>
    /// <param name="previous">What the earlier build produced (<see cref="Produced"/>): a file whose bytes hash the same
    /// and is still on disk is not rewritten, nor read. <see langword="null"/> when no earlier build is known.</param>
    public OutputFolder(string root, IReadOnlyDictionary<string, ulong>? previous)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        string full = Path.GetFullPath(root);
        Root = Path.EndsInDirectorySeparator(full) ? full : full + Path.DirectorySeparatorChar;
        _previous = previous;
    }

    /// <summary>The folder's full path, ending in a directory separator.</summary>
    public string Root { get; }

    /// <summary>The files whose bytes were written, relative to <see cref="Root"/> with <c>/</c> separators, sorted.</summary>
    public IReadOnlyList<string> Written
    {
        get
        {
            lock (_written)
            {
                return _written.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>How many files this build produced with the bytes already on disk, and left alone.</summary>
    public int Unchanged => Volatile.Read(ref _unchanged);

    /// <summary>Every file this build produced (written or unchanged), with a 64-bit hash of its bytes: the
    /// <c>previous</c> of the next build into this folder.</summary>
    public IReadOnlyDictionary<string, ulong> Produced
    {
        get
        {
            lock (_produced)
            {
                return new Dictionary<string, ulong>(_produced, StringComparer.Ordinal);
            }
        }
    }

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

    /// <summary>Creates (or replaces) a file below the folder; its bytes reach the disk when the stream is disposed.</summary>
    /// <param name="relativePath">The file's path relative to the folder.</param>
    /// <returns>The stream to write; the caller disposes it.</returns>
    /// <exception cref="UnsafeOutputPathException">The path leads outside the folder; nothing is written.</exception>
    public Stream Create(string relativePath) => new PendingFile(this, Resolve(relativePath));

    /// <summary>Writes a file below the folder.</summary>
    /// <param name="relativePath">The file's path relative to the folder.</param>
    /// <param name="write">Writes the content.</param>
    public void Write(string relativePath, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var file = new PendingFile(this, Resolve(relativePath));
        try
        {
            write(file);
        }
        catch
        {
            file.Abandon();   // half a file is not written
            throw;
        }
        finally
        {
            file.Dispose();
        }
    }

    /// <summary>Writes text as UTF-8 (no byte order mark) to a file below the folder.</summary>
    /// <param name="relativePath">The file's path relative to the folder.</param>
    /// <param name="text">The file's content.</param>
    public void WriteText(string relativePath, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string full = Resolve(relativePath);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(text, buffer);
            Commit(full, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Keeps a file the earlier build produced, without its bytes: for a page known to come out the same.</summary>
    /// <param name="relativePath">The file's path relative to the folder.</param>
    /// <returns><see langword="false"/> when the earlier build did not produce it or it is gone from the disk: write it.</returns>
    public bool Keep(string relativePath)
    {
        string full = Resolve(relativePath);
        string relative = RelativeTo(full);
        return _previous is not null && _previous.TryGetValue(relative, out ulong hash) && KeepIfOnDisk(full, relative, hash);
    }

    /// <summary>Deletes the files the earlier build produced and this one did not (a removed post's page, the feeds
    /// of a category no post has any more), then the folders that left empty. Files the builds never produced are kept.</summary>
    /// <returns>The removed files, relative to <see cref="Root"/>, sorted.</returns>
    public IReadOnlyList<string> RemoveStale()
    {
        var removed = new List<string>();
        if (_previous is null)
        {
            return removed;
        }

        lock (_produced)
        {
            foreach (string relative in _previous.Keys)
            {
                if (_produced.ContainsKey(relative))
                {
                    continue;
                }

                string full = Resolve(relative);
                if (File.Exists(full))
                {
                    File.Delete(full);
                    removed.Add(relative);
                    RemoveEmptyFolders(Path.GetDirectoryName(full)!);
                }
            }
        }

        removed.Sort(StringComparer.Ordinal);
        return removed;
    }

    private void Commit(string full, ReadOnlySpan<byte> bytes)
    {
        string relative = RelativeTo(full);
        ulong hash = XxHash3.HashToUInt64(bytes);
        if (_previous is not null && _previous.TryGetValue(relative, out ulong before) && before == hash && KeepIfOnDisk(full, relative, hash))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        // A file already there with these bytes (a build over an earlier one, in a new process) is left as it is:
        // reading it back costs less than writing it. Otherwise it is overwritten in place, never truncated to zero
        // first: on ext4 a file truncated to zero and written again is flushed to disk at close, and a build
        // rewriting thousands of pages spent a tenth of its time in that.
        using (SafeFileHandle file = File.OpenHandle(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            long length = RandomAccess.GetLength(file);
            if (length == bytes.Length && HasBytes(file, bytes))
            {
                ProduceUnchanged(relative, hash);
                return;
            }

            RandomAccess.Write(file, bytes, 0);
            if (length > bytes.Length)
            {
                RandomAccess.SetLength(file, bytes.Length);
            }
        }

        Produce(relative, hash);
        lock (_written)
        {
            _written.Add(relative);
        }
    }

    /// <summary>Whether an open file holds exactly these bytes (its length already checked).</summary>
    private static bool HasBytes(SafeFileHandle file, ReadOnlySpan<byte> bytes)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(bytes.Length, 1 << 20));
        try
        {
            long offset = 0;
            while (offset < bytes.Length)
            {
                int read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, bytes.Length - offset)), offset);
                if (read == 0 || !buffer.AsSpan(0, read).SequenceEqual(bytes.Slice((int)offset, read)))
                {
                    return false;
                }

                offset += read;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string RelativeTo(string full) => Path.GetRelativePath(Root, full).Replace('\\', '/');

    /// <summary>Counts a file the earlier build produced with these bytes as produced again, if it is still there.</summary>
    private bool KeepIfOnDisk(string full, string relative, ulong hash)
    {
        if (!File.Exists(full))
        {
            return false;
        }

        ProduceUnchanged(relative, hash);
        return true;
    }

    private void ProduceUnchanged(string relative, ulong hash)
    {
        Produce(relative, hash);
        Interlocked.Increment(ref _unchanged);
    }

    // Recorded once the bytes are on disk, so a failed write is never taken for an unchanged file next time.
    private void Produce(string relative, ulong hash)
    {
        lock (_produced)
        {
            _produced[relative] = hash;
        }
    }

    private void RemoveEmptyFolders(string folder)
    {
        // Up to, never including, the output folder; every folder here was resolved inside it.
        while (folder.Length > Root.Length && folder.StartsWith(Root, PathComparison)
            && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    /// <summary>A file's bytes, gathered in memory and committed (hashed, compared, written) when disposed.</summary>
    private sealed class PendingFile(OutputFolder folder, string fullPath) : MemoryStream
    {
        private bool _committed;

        public void Abandon() => _committed = true;

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_committed)
            {
                _committed = true;
                folder.Commit(fullPath, GetBuffer().AsSpan(0, (int)Length));
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A file path that would leave the output folder.</summary>
internal sealed class UnsafeOutputPathException(string path)
    : IOException($"'{path}' would be written outside the output folder; it was not written.")
{
    public string RelativePath { get; } = path;
}
