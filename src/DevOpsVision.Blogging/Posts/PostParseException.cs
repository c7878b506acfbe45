namespace DevOpsVision.Blogging.Posts;

/// <summary>Thrown by <see cref="PostParseResult.GetPostOrThrow"/> when a file could not be parsed into a post.</summary>
public sealed class PostParseException : Exception
{
    /// <summary>Creates the exception for a file and its diagnostics.</summary>
    /// <param name="path">The file that failed.</param>
    /// <param name="diagnostics">The diagnostics parsing produced.</param>
    public PostParseException(string path, IReadOnlyList<PostDiagnostic> diagnostics)
        : base(BuildMessage(path, diagnostics))
    {
        Path = path;
        Diagnostics = diagnostics;
    }

    /// <summary>The file that failed.</summary>
    public string Path { get; }

    /// <summary>The diagnostics parsing produced.</summary>
    public IReadOnlyList<PostDiagnostic> Diagnostics { get; }

    private static string BuildMessage(string path, IReadOnlyList<PostDiagnostic> diagnostics)
    {
        foreach (PostDiagnostic diagnostic in diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                return diagnostic.ToString();
            }
        }

        return $"{path}: the post could not be parsed.";
    }
}
