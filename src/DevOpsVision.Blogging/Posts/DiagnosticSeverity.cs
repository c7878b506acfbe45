namespace DevOpsVision.Blogging.Posts;

/// <summary>How serious a <see cref="PostDiagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; the post loaded as written (for example, two spellings of one tag were merged).</summary>
    Info = 0,

    /// <summary>The post loaded, but something was ignored or replaced by a fallback.</summary>
    Warning = 1,

    /// <summary>The post could not be loaded and is not in the blog.</summary>
    Error = 2,
}
