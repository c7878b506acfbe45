using System.Text;

namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// The raw content of one post file, as a <c>IPostSource</c> hands it to the parser.
/// </summary>
/// <remarks>The parser checks the bytes itself (UTF-8, binary content), so a source never has to.</remarks>
public sealed record PostFile
{
    /// <summary>Creates a post file from its raw bytes.</summary>
    /// <param name="path">The path that names the file in diagnostics; also where a slug or date may come from.</param>
    /// <param name="content">The file's bytes, expected to be UTF-8.</param>
    /// <param name="lastModified">When the file last changed, as its source knows it.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public PostFile(string path, ReadOnlyMemory<byte> content, DateTimeOffset lastModified)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        Content = content;
        LastModified = lastModified;
    }

    /// <summary>The path that names the file in diagnostics, relative to its source where possible.</summary>
    public string Path { get; }

    /// <summary>The file's bytes.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>When the file last changed.</summary>
    public DateTimeOffset LastModified { get; }

    /// <summary>A hash of <see cref="Content"/> (lower-case hex SHA-256), computed once on first use.</summary>
    public string ContentHash => _contentHash ??= HashOf(Content.Span);

    private string? _contentHash;

    private static string HashOf(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[System.Security.Cryptography.SHA256.HashSizeInBytes];
        System.Security.Cryptography.SHA256.HashData(content, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Creates a post file from text, for posts kept in memory or in a database.</summary>
    /// <param name="path">The name the post goes by in diagnostics (for example <c>2021-02-06-hello.md</c>).</param>
    /// <param name="text">The Markdown text with its front matter.</param>
    /// <param name="lastModified">When the post last changed; <see langword="null"/> for <see cref="DateTimeOffset.UnixEpoch"/>.</param>
    /// <returns>The post file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static PostFile FromText(string path, string text, DateTimeOffset? lastModified = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new PostFile(path, Encoding.UTF8.GetBytes(text), lastModified ?? DateTimeOffset.UnixEpoch);
    }
}
