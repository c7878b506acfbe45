using System.Threading.Channels;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Samples.Worker;

/// <summary>
/// Publishes the blog at start, then watches the content folder and republishes whenever posts change. Bursts of
/// file events (an editor saving, a git checkout) are gathered until the folder is quiet for <see cref="PublishOptions.Debounce"/>.
/// </summary>
internal sealed partial class ContentWatcher(IBlog blog, SitePublication publication, IOptions<PublishOptions> options, ILogger<ContentWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PublishOptions settings = options.Value;
        Channel<string> events = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        string outputRoot = Path.EndsInDirectorySeparator(settings.OutputPath) ? settings.OutputPath : settings.OutputPath + Path.DirectorySeparatorChar;
        void OnEvent(string path)
        {
            // The output folder may sit inside the content folder; its own writes are not content changes.
            if (!path.StartsWith(outputRoot, StringComparison.Ordinal))
            {
                events.Writer.TryWrite(path);
            }
        }

        using var watcher = new FileSystemWatcher(settings.ContentPath)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, e) => OnEvent(e.FullPath);
        watcher.Changed += (_, e) => OnEvent(e.FullPath);
        watcher.Deleted += (_, e) => OnEvent(e.FullPath);
        watcher.Renamed += (_, e) => OnEvent(e.FullPath);
        watcher.Error += (_, e) => events.Writer.TryWrite(settings.ContentPath);   // events were lost: reload everything
        watcher.EnableRaisingEvents = true;

        try
        {
            BlogSnapshot snapshot = await blog.GetSnapshotAsync(stoppingToken);
            Publish(snapshot, initial: true);
            LogWatching(settings.ContentPath);
            while (await events.Reader.WaitToReadAsync(stoppingToken))
            {
                int count = Drain(events.Reader);
                while (true)
                {
                    await Task.Delay(settings.Debounce, stoppingToken);
                    int more = Drain(events.Reader);
                    if (more == 0)
                    {
                        break;
                    }

                    count += more;
                }

                snapshot = await blog.ReloadAsync(stoppingToken);
                if (!snapshot.Changes.Any)
                {
                    LogNoChange(count);
                    continue;
                }

                Publish(snapshot, initial: false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopping();
        }
    }

    private void Publish(BlogSnapshot snapshot, bool initial)
    {
        foreach (PostDiagnostic diagnostic in snapshot.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            LogPostError(diagnostic.ToString());
        }

        if (!initial)
        {
            BlogChanges changes = snapshot.Changes;
            LogChanges(Names(changes.Added), Names(changes.Changed), Names(changes.Removed));
        }

        try
        {
            IReadOnlyList<string> files = publication.Publish(snapshot);
            LogPublished(files.Count, snapshot.Posts.Count, options.Value.OutputPath, snapshot.Version);
        }
        catch (IOException e)
        {
            // A file locked by a reader or a full disk: keep watching, the next change publishes again.
            LogPublishFailed(e, options.Value.OutputPath);
        }
    }

    private static int Drain(ChannelReader<string> reader)
    {
        int count = 0;
        while (reader.TryRead(out _))
        {
            count++;
        }

        return count;
    }

    private static string Names(IReadOnlyList<string> paths) => paths.Count == 0 ? "none" : string.Join(", ", paths.Select(Path.GetFileName));

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {ContentPath} for changes to posts; Ctrl+C stops")]
    private partial void LogWatching(string contentPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posts changed: added {Added}; changed {Changed}; removed {Removed}")]
    private partial void LogChanges(string added, string changed, string removed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Files} files for {Posts} posts to {OutputPath} (snapshot {Version})")]
    private partial void LogPublished(int files, int posts, string outputPath, long version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Events} file events changed no post")]
    private partial void LogNoChange(int events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Diagnostic}")]
    private partial void LogPostError(string diagnostic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not publish to {OutputPath}; the next change tries again")]
    private partial void LogPublishFailed(Exception exception, string outputPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping")]
    private partial void LogStopping();
}
