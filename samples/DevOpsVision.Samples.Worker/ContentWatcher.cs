using System.Threading.Channels;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
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
    // Timer ticks in the event channel, told apart from paths by reference.
    private static readonly string Poll = new("poll");
    private static readonly string Rescan = new("rescan");

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

        // Set from the watcher's thread when notifications fail (the system's watch limit is reached, the
        // kernel's event queue overflowed): from then on nothing says a file changed, so the loop polls instead.
        int notificationsLost = 0;
        void OnLost(Exception? exception)
        {
            if (Interlocked.Exchange(ref notificationsLost, 1) == 0)
            {
                LogNotificationsLost(exception, settings.ContentPath, settings.PollInterval);
                events.Writer.TryWrite(settings.ContentPath);   // events may be missing: reload everything now
            }
        }

        FileSystemWatcher? watcher = settings.UsePolling ? null : TryWatch(settings.ContentPath, OnEvent, OnLost);
        using var timers = new CancellationTokenSource();
        var tickers = new List<Task>(2);
        void StartPolling()
        {
            // A reload re-parses only files whose bytes changed and reports no change otherwise.
            LogPolling(settings.PollInterval);
            tickers.Add(TickAsync(events.Writer, Poll, settings.PollInterval, timers.Token));
        }

        if (watcher is null)
        {
            StartPolling();
        }
        else if (settings.RescanInterval > TimeSpan.Zero)
        {
            // Notifications can be lost without an error (kernel queue limits, editors that save by renaming,
            // runtime bugs); an occasional look at the folder catches what they missed.
            tickers.Add(TickAsync(events.Writer, Rescan, settings.RescanInterval, timers.Token));
        }

        try
        {
            BlogSnapshot snapshot = await blog.GetSnapshotAsync(stoppingToken);
            Publish(snapshot, initial: true);
            LogWatching(settings.ContentPath);
            while (await events.Reader.WaitToReadAsync(stoppingToken))
            {
                (int count, bool notified) = Drain(events.Reader);
                if (watcher is not null && Volatile.Read(ref notificationsLost) == 1)
                {
                    watcher.Dispose();
                    watcher = null;
                    StartPolling();
                }

                // Notifications come in bursts (an editor saving, a git checkout) and wait for quiet; polls and rescans do not.
                while (notified && watcher is not null)
                {
                    await Task.Delay(settings.Debounce, stoppingToken);
                    (int more, _) = Drain(events.Reader);
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

                if (!notified && watcher is not null)
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
        finally
        {
            watcher?.Dispose();
            await timers.CancelAsync();
            await Task.WhenAll(tickers);
        }
    }

    private FileSystemWatcher? TryWatch(string folder, Action<string> onEvent, Action<Exception?> onLost)
    {
        FileSystemWatcher watcher = createWatcher(folder);
        watcher.IncludeSubdirectories = true;
        watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
        watcher.Created += (_, e) => onEvent(e.FullPath);
        watcher.Changed += (_, e) => onEvent(e.FullPath);
        watcher.Deleted += (_, e) => onEvent(e.FullPath);
        watcher.Renamed += (_, e) => onEvent(e.FullPath);
        watcher.Error += (_, e) => onLost(e.GetException());
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

    private static async Task TickAsync(ChannelWriter<string> events, string marker, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                events.TryWrite(marker);
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

    /// <summary>Takes every waiting event; <c>notified</c> tells whether any came from the file system rather than a timer.</summary>
    private static (int Count, bool Notified) Drain(ChannelReader<string> reader)
    {
        int count = 0;
        bool notified = false;
        while (reader.TryRead(out string? path))
        {
            count++;
            notified |= !ReferenceEquals(path, Poll) && !ReferenceEquals(path, Rescan);
        }

        return (count, notified);
    }

    private static string Names(IReadOnlyList<string> paths) => paths.Count == 0 ? "none" : string.Join(", ", paths.Select(Path.GetFileName));

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {ContentPath} for changes to posts; Ctrl+C stops")]
    private partial void LogWatching(string contentPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Looking for changed posts every {Interval}")]
    private partial void LogPolling(TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes; polling instead")]
    private partial void LogWatchFailed(Exception exception, string folder);

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
