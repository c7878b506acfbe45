namespace DevOpsVision.Blogging.Content;

/// <summary>Which files in a content folder are posts.</summary>
internal static class PostFileNames
{
    public static bool IsPost(string fileName) =>
        (fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase))
        && !fileName.StartsWith('.')

        // Hugo's _index.md is a section's list page, not a post.
        && !fileName.Equals("_index.md", StringComparison.OrdinalIgnoreCase);

    public static bool IsSkippedFolder(string folderName) => folderName.StartsWith('.');
}
