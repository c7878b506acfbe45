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

        using FileSystemWatcher? watcher = settings.UsePolling ? null : TryWatch(settings.ContentPath, OnEvent, () => events.Writer.TryWrite(settings.ContentPath));
        using var polling = new CancellationTokenSource();
        Task poller = Task.CompletedTask;
        if (watcher is null)
        {
            // No change notifications (asked for, or the system's watch limit is reached): look every PollInterval;
            // a reload re-parses only files whose bytes changed and reports no change otherwise.
            LogPolling(settings.PollInterval);
            poller = PollAsync(events.Writer, settings.PollInterval, polling.Token);
        }

        try
        {
            BlogSnapshot snapshot = await blog.GetSnapshotAsync(stoppingToken);
            Publish(snapshot, initial: true);
            LogWatching(settings.ContentPath);
            while (await events.Reader.WaitToReadAsync(stoppingToken))
            {
                int count = Drain(events.Reader);

                // Polling already looks at the folder at intervals; notifications come in bursts and wait for quiet.
                while (watcher is not null)
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
        finally
        {
            await polling.CancelAsync();
            await poller;
        }
    }

    private FileSystemWatcher? TryWatch(string folder, Action<string> onEvent, Action onLost)
    {
        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, e) => onEvent(e.FullPath);
        watcher.Changed += (_, e) => onEvent(e.FullPath);
        watcher.Deleted += (_, e) => onEvent(e.FullPath);
        watcher.Renamed += (_, e) => onEvent(e.FullPath);
        watcher.Error += (_, _) => onLost();   // events were lost: reload everything
        try
        {
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (IOException e)
        {
            LogWatchFailed(e, folder);
            watcher.Dispose();
            return null;
        }
    }

    private static async Task PollAsync(ChannelWriter<string> events, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                events.TryWrite("");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Looking for changed posts every {Interval}")]
    private partial void LogPolling(TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes; polling instead")]
    private partial void LogWatchFailed(Exception exception, string folder);

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
