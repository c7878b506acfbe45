using System.Threading.Channels;

namespace DevOpsVision.Samples.Cli;

/// <summary>
/// Tells when the posts under a folder may have changed: file notifications gathered until the folder is quiet,
/// or, where notifications are unavailable or fail, a look every second. Notifications can also be lost without
/// an error, so there is a look every <c>rescan</c> interval anyway. A signal only says "look again": the blog's
/// reload finds out what, if anything, changed.
/// </summary>
internal sealed class ContentChanges : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TimeSpan _quiet;
    private readonly string _ignored;
    private readonly Timer _poll;
    private readonly TimeSpan _rescan;
    private volatile bool _polling;
    private readonly FileSystemWatcher? _watcher;

    /// <param name="folder">The content folder.</param>
    /// <param name="ignored">A folder whose changes do not count (the site being written, when it sits inside the content).</param>
    /// <param name="quiet">How long the folder must stay quiet after a notification.</param>
    /// <param name="rescan">How often to look while notifications are used.</param>
    public ContentChanges(string folder, string ignored, TimeSpan quiet, TimeSpan rescan)
    {
        _quiet = quiet;
        _rescan = rescan;
        _ignored = Path.EndsInDirectorySeparator(ignored) ? ignored : ignored + Path.DirectorySeparatorChar;
        _poll = new Timer(_ => _signals.Writer.TryWrite(true));
        try
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += OnChange;
            watcher.Changed += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            watcher.Error += (_, _) => FallBackToPolling();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            _poll.Change(rescan, rescan);
        }
        catch (IOException)
        {
            // The system's watch limits are reached.
            FallBackToPolling();
        }
    }

    /// <summary>Whether changes are found by looking every second rather than by notifications.</summary>
    public bool Polling => _polling;

    /// <summary>Waits for the next change, then for quiet.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _signals.Reader.ReadAsync(cancellationToken);
        while (!Polling)
        {
            // A save, a checkout or a copy is a burst of events: wait until a quiet spell ends it.
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(_quiet);
            try
            {
                await _signals.Reader.ReadAsync(quiet.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _poll.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (!e.FullPath.StartsWith(_ignored, StringComparison.Ordinal))
        {
            _signals.Writer.TryWrite(true);
        }
    }

    private void FallBackToPolling()
    {
        // Notifications that failed once may have lost events and may stay silent: look now, then every second.
        _polling = true;   // set on the watcher's thread, read by the waiting loop
        _signals.Writer.TryWrite(true);
        TimeSpan interval = _rescan < PollInterval ? _rescan : PollInterval;
        _poll.Change(interval, interval);
    }
}
