namespace DevOpsVision.Samples.Web;

/// <summary>Finds the posts folder: an absolute path as given, a relative one below the working directory, the output folder or any folder above them.</summary>
internal static class ContentFolder
{
    public static string Resolve(string path, params string[] starts)
    {
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? path : throw Missing(path);
        }

        foreach (string start in starts)
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, path);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw Missing(path);
    }

    private static DirectoryNotFoundException Missing(string path) =>
        new($"The posts folder '{path}' (Blog:ContentPath) was not found below the working directory, the app's folder or any folder above them. Set Blog:ContentPath to the folder of Markdown posts.");
}
