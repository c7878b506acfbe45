using DevOpsVision.Blogging.Content;
using DevOpsVision.Samples.Cli.Site;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Samples.Worker;

/// <summary>
/// Writes a snapshot's feeds, sitemap and search index to the output folder, and removes the files an earlier
/// publication wrote that this one did not (the feeds of a category no post has any more).
/// </summary>
internal sealed partial class SitePublication(FeedPublisher publisher, IOptions<PublishOptions> options, ILogger<SitePublication> logger)
{
    private HashSet<string> _previous = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Publish(BlogSnapshot snapshot)
    {
        var output = new OutputFolder(options.Value.OutputPath);
        publisher.WriteFeeds(snapshot, output);
        publisher.WriteSitemap(snapshot, output);
        publisher.WriteSearch(snapshot, output);
        var current = new HashSet<string>(output.Written, StringComparer.Ordinal);
        foreach (string stale in _previous.Where(p => !current.Contains(p)))
        {
            string path = output.Resolve(stale);
            if (File.Exists(path))
            {
                File.Delete(path);
                LogRemoved(stale);
                RemoveEmptyFolders(Path.GetDirectoryName(path)!, output.Root);
            }
        }

        _previous = current;
        return output.Written;
    }

    private static void RemoveEmptyFolders(string folder, string root)
    {
        // Up to, never including, the output folder; every folder here was resolved inside it.
        while (folder.Length > root.Length && folder.StartsWith(root, StringComparison.Ordinal)
            && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {File}, which no post needs any more")]
    private partial void LogRemoved(string file);
}
