using System.Globalization;

namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// A problem found in one post file, with its position.
/// </summary>
/// <param name="Path">The post's path as its source names it.</param>
/// <param name="Line">The one-based line, or 0 when the problem concerns the whole file.</param>
/// <param name="Column">The one-based column, or 0 when the problem concerns the whole line or file.</param>
/// <param name="Severity">How serious the problem is.</param>
/// <param name="Code">A stable identifier such as <c>DV0101</c>, for filtering and documentation.</param>
/// <param name="Message">What is wrong, in a sentence a writer understands.</param>
public sealed record PostDiagnostic(
    string Path,
    int Line,
    int Column,
    DiagnosticSeverity Severity,
    string Code,
    string Message)
{
    /// <summary>
    /// Formats the diagnostic the way compilers do, so editors and CI logs can link to it:
    /// <c>path(line,col): error CODE: message</c>.
    /// </summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString()
    {
        string severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Path}({Line},{Column}): {severity} {Code}: {Message}");
    }
}
