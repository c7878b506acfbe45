using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.FileProviders;

namespace DevOpsVision.Blogging.Content;

/// <summary>
/// Reads post files from any <see cref="IFileProvider"/>: physical folders, embedded resources, composite providers.
/// </summary>
/// <remarks>Thread-safe when the provider is.</remarks>
public sealed class FileProviderPostSource : IPostSource
{
    private readonly IFileProvider _provider;
    private readonly string _subpath;

    /// <summary>Creates a source over a provider's folder.</summary>
    /// <param name="provider">The file provider.</param>
    /// <param name="subpath">The folder inside the provider, or an empty string for its root.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public FileProviderPostSource(IFileProvider provider, string subpath)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(subpath);
        _provider = provider;
        _subpath = subpath.Trim('/');
    }

    /// <inheritdoc />
    public async ValueTask<PostSourceContent> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<(string Path, IFileInfo File)>();
        Collect(_subpath, entries, depth: 0);
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        var files = new List<PostFile>(entries.Count);
        var diagnostics = new List<PostDiagnostic>();
        foreach ((string path, IFileInfo file) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                Stream stream = file.CreateReadStream();
                await using (stream.ConfigureAwait(false))
                {
                    using var buffer = new MemoryStream(file.Length > 0 && file.Length < int.MaxValue ? (int)file.Length : 4096);
                    await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    files.Add(new PostFile(path, buffer.ToArray(), file.LastModified));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                diagnostics.Add(new PostDiagnostic(path, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.ReadFailed,
                    $"The file could not be read: {exception.Message}"));
            }
        }

        return new PostSourceContent(files, diagnostics);
    }

    private void Collect(string folder, List<(string, IFileInfo)> entries, int depth)
    {
        // A provider can present cycles (links); no real blog nests posts 64 folders deep.
        if (depth > 64)
        {
            return;
        }

        foreach (IFileInfo entry in _provider.GetDirectoryContents(folder))
        {
            string path = folder.Length == 0 ? entry.Name : folder + "/" + entry.Name;
            if (entry.IsDirectory)
            {
                if (!PostFileNames.IsSkippedFolder(entry.Name))
                {
                    Collect(path, entries, depth + 1);
                }
            }
            else if (PostFileNames.IsPost(entry.Name))
            {
                entries.Add((path, entry));
            }
        }
    }
}
