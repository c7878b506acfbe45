using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Content;

/// <summary>
/// Where a blog's post files come from: a folder, an <see cref="Microsoft.Extensions.FileProviders.IFileProvider"/>,
/// memory, or anything a user writes (a database, a CMS).
/// </summary>
/// <remarks>Implementations must be thread-safe; the blog reads every source on each reload.</remarks>
public interface IPostSource
{
    /// <summary>Reads every post file the source holds now.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The files, and diagnostics for files that could not be read.</returns>
    ValueTask<PostSourceContent> ReadAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>What a source held when it was read.</summary>
/// <param name="Files">The post files, in a stable order.</param>
/// <param name="Diagnostics">Files or folders that could not be read.</param>
public sealed record PostSourceContent(IReadOnlyList<PostFile> Files, IReadOnlyList<PostDiagnostic> Diagnostics);
