namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// What parsing one file gave: the post, unless an error stopped it, and every diagnostic found.
/// </summary>
/// <param name="Source">The file that was parsed.</param>
/// <param name="Post">The post, or <see langword="null"/> when an error diagnostic stopped it.</param>
/// <param name="Diagnostics">Every problem found, in file order; never <see langword="null"/>.</param>
public sealed record PostParseResult(PostFile Source, Post? Post, IReadOnlyList<PostDiagnostic> Diagnostics)
{
    /// <summary>Whether a post was produced.</summary>
    public bool Succeeded => Post is not null;

    /// <summary>Returns the post, or throws when parsing failed.</summary>
    /// <returns>The post.</returns>
    /// <exception cref="PostParseException">Parsing failed; the exception carries the diagnostics.</exception>
    public Post GetPostOrThrow() => Post ?? throw new PostParseException(Source.Path, Diagnostics);
}
