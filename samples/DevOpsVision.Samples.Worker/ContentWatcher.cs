using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Samples.Cli;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Samples.Worker;

/// <summary>Creates the watcher of the content folder (a seam, so a test can make notifications fail).</summary>
/// <param name="folder">The folder to watch.</param>
/// <returns>A watcher not yet raising events.</returns>
internal delegate FileSystemWatcher CreateFileSystemWatcher(string folder);

/// <summary>
/// Publishes the blog at start, then watches the content folder and republishes whenever posts change. Bursts of
/// file events (an editor saving, a git checkout) are gathered until the folder is quiet for <see cref="PublishOptions.Debounce"/>.
/// When notifications are not available, or fail while running, it polls every <see cref="PublishOptions.PollInterval"/> instead.
/// </summary>
internal sealed partial class ContentWatcher(
    IBlog blog,
    SitePublication publication,
    IOptions<PublishOptions> options,
    CreateFileSystemWatcher createWatcher,
    ILogger<ContentWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PublishOptions settings = options.Value;
        void OnFailed(Exception? exception, bool running)
        {
            if (running)
            {
                // The system's watch limit is reached or the kernel's queue overflowed: from then on nothing says a
                // file changed, so reload everything now and poll.
                LogNotificationsLost(exception, settings.ContentPath, settings.PollInterval);
                LogPolling(settings.PollInterval);
            }
            else
            {
                LogWatchFailed(exception, settings.ContentPath);
            }
        }

        // The output folder may sit inside the content folder; its own writes are not content changes.
        using var changes = new ContentChanges(
            settings.ContentPath,
            settings.OutputPath,
            new ContentChangeTiming(settings.Debounce, settings.PollInterval, settings.RescanInterval, settings.UsePolling),
            folder => createWatcher(folder),
            OnFailed);
        if (changes.Polling)
        {
            LogPolling(settings.PollInterval);
        }

        try
        {
            BlogSnapshot snapshot = await blog.GetSnapshotAsync(stoppingToken);
            Publish(snapshot, initial: true);
            LogWatching(settings.ContentPath);
            while (true)
            {
                ContentChangeSignal signal = await changes.WaitAsync(stoppingToken);
                snapshot = await blog.ReloadAsync(stoppingToken);
                if (!snapshot.Changes.Any)
                {
                    LogNoChange(signal.Signals);
                    continue;
                }

                if (!signal.Notified && !changes.Polling)
                {
                    LogMissedByNotifications(snapshot.Changes.Added.Count + snapshot.Changes.Changed.Count + snapshot.Changes.Removed.Count);
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

    private static string Names(IReadOnlyList<string> paths) => paths.Count == 0 ? "none" : string.Join(", ", paths.Select(Path.GetFileName));

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {ContentPath} for changes to posts; Ctrl+C stops")]
    private partial void LogWatching(string contentPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Looking for changed posts every {Interval}")]
    private partial void LogPolling(TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes; polling instead")]
    private partial void LogWatchFailed(Exception? exception, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change notifications for {Folder} failed; reloading, then looking for changes every {Interval}")]
    private partial void LogNotificationsLost(Exception? exception, string folder, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A rescan found {Posts} changed posts that file notifications did not report")]
    private partial void LogMissedByNotifications(int posts);

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
