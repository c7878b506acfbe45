using DevOpsVision.Blogging.Content;
using DevOpsVision.Samples.Cli.Site;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Samples.Worker;

/// <summary>
/// Writes a snapshot's feeds, sitemap and search index to the output folder, rewriting only files whose bytes changed,
/// and removes the files an earlier publication wrote that this one did not (the feeds of a category no post has any more).
/// </summary>
internal sealed partial class SitePublication(FeedPublisher publisher, IOptions<PublishOptions> options, ILogger<SitePublication> logger)
{
    private IReadOnlyDictionary<string, ulong>? _previous;

    public IReadOnlyList<string> Publish(BlogSnapshot snapshot)
    {
        // Files whose bytes did not change are left alone, so readers and caches see them unchanged.
        var output = new OutputFolder(options.Value.OutputPath, _previous);
        publisher.WriteFeeds(snapshot, output);
        publisher.WriteSitemap(snapshot, output);
        publisher.WriteSearch(snapshot, output);
        foreach (string stale in output.RemoveStale())
        {
            LogRemoved(stale);
        }

        _previous = output.Produced;
        return _previous.Keys.Order(StringComparer.Ordinal).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {File}, which no post needs any more")]
    private partial void LogRemoved(string file);
}
