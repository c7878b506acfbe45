namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// Turns one post file (Markdown with YAML front matter) into a <see cref="Post"/>.
/// </summary>
/// <remarks>
/// Implementations are thread-safe: the blog parses many files at once with one parser.
/// Parsing never throws for bad content; problems come back as diagnostics.
/// </remarks>
public interface IPostParser
{
    /// <summary>Parses one file.</summary>
    /// <param name="file">The file to parse.</param>
    /// <returns>The post, or the diagnostics explaining why there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is <see langword="null"/>.</exception>
    PostParseResult Parse(PostFile file);
}
