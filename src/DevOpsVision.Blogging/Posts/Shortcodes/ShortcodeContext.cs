namespace DevOpsVision.Blogging.Posts.Shortcodes;

/// <summary>What a shortcode handler knows of the post it renders into.</summary>
/// <remarks>One context serves one post on one thread.</remarks>
public sealed class ShortcodeContext
{
    private readonly List<PostDiagnostic> _diagnostics;

    internal ShortcodeContext(string path, IReadOnlyDictionary<string, object?> frontMatter, BlogOptions options, List<PostDiagnostic> diagnostics)
    {
        SourcePath = path;
        FrontMatter = frontMatter;
        Options = options;
        _diagnostics = diagnostics;
    }

    /// <summary>The path of the post being parsed.</summary>
    public string SourcePath { get; }

    /// <summary>Every front-matter value of the post, by key (Hugo's <c>.Params</c>).</summary>
    public IReadOnlyDictionary<string, object?> FrontMatter { get; }

    /// <summary>The blog's options (for example <see cref="BlogOptions.TrustContent"/> and <see cref="BlogOptions.BaseUrl"/>).</summary>
    public BlogOptions Options { get; }

    internal Shortcode? Current { get; set; }

    /// <summary>Reports a problem with the shortcode being rendered, at its position.</summary>
    /// <param name="severity">How serious the problem is; <see cref="DiagnosticSeverity.Error"/> keeps the post out of the blog.</param>
    /// <param name="message">What is wrong.</param>
    public void Report(DiagnosticSeverity severity, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _diagnostics.Add(new PostDiagnostic(SourcePath, Current?.Line ?? 0, Current?.Column ?? 0, severity, DiagnosticCodes.ShortcodeFailed, message));
    }
}
