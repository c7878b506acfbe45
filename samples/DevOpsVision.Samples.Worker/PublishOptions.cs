namespace DevOpsVision.Samples.Worker;

/// <summary>What the worker watches and where it publishes (<c>Publish</c> section).</summary>
public sealed class PublishOptions
{
    /// <summary>The folder of posts to watch (<c>Publish:ContentPath</c>); defaults to the sample blog.</summary>
    public string ContentPath { get; set; } = "samples/content/posts";

    /// <summary>The folder the feeds, sitemap and search index are written to (<c>Publish:OutputPath</c>).</summary>
    public string OutputPath { get; set; } = "publish";

    /// <summary>How long the content folder must stay quiet after a change before the blog is reloaded.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Look for changes every <see cref="PollInterval"/> instead of waiting for file system notifications
    /// (network shares, containers with bind mounts). Polling is also used when notifications are not available.</summary>
    public bool UsePolling { get; set; }

    /// <summary>How often to look for changes when polling.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often to look for changes that file notifications missed while they are used (<c>Publish:RescanInterval</c>,
    /// default one minute; zero turns it off). Notifications can be dropped without an error, and a rescan re-reads the
    /// folder but re-parses only files whose bytes changed.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromMinutes(1);
}
