namespace DevOpsVision.Samples.Cli;

/// <summary>How <see cref="ContentChanges"/> looks for changes.</summary>
/// <param name="Quiet">How long the folder must stay quiet after a notification: a save, a checkout or a copy is a burst.</param>
/// <param name="PollInterval">How often to look when notifications are not used or have failed.</param>
/// <param name="Rescan">How often to look while notifications are used; zero never.</param>
/// <param name="UsePolling">Look every <paramref name="PollInterval"/> from the start (network shares, bind mounts).</param>
internal sealed record ContentChangeTiming(TimeSpan Quiet, TimeSpan PollInterval, TimeSpan Rescan, bool UsePolling = false);

/// <summary>What woke a <see cref="ContentChanges.WaitAsync"/>.</summary>
/// <param name="Signals">How many notifications and timer ticks were gathered.</param>
/// <param name="Notified">Whether any was a file notification rather than a poll or a rescan.</param>
internal readonly record struct ContentChangeSignal(int Signals, bool Notified);

/// <summary>
/// Tells when the posts under a folder may have changed: file notifications gathered until the folder is quiet,
/// or, where notifications are unavailable or fail, a look every poll interval. Notifications can also be lost
/// without an error, so there is a look every rescan interval anyway. A signal only says "look again": the blog's
/// reload finds out what, if anything, changed. Shared by <c>build --watch</c> and the worker.
/// </summary>
internal sealed class ContentChanges : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _signalled = new(0);
    private readonly ContentChangeTiming _timing;
    private readonly string _ignored;
    private readonly Action<Exception?, bool>? _failed;
    private readonly Timer _timer;
    private readonly FileSystemWatcher? _watcher;
    private int _signals;
    private bool _notified;
    private volatile bool _polling;

    /// <param name="folder">The content folder.</param>
    /// <param name="ignored">A folder whose changes do not count (the site being written, when it sits inside the content).</param>
    /// <param name="timing">The quiet, poll and rescan intervals.</param>
    /// <param name="createWatcher">Creates the folder's watcher (a seam, so a test can make notifications fail); <see langword="null"/> for a plain one.</param>
    /// <param name="failed">Told when notifications cannot start (<c>false</c>) or fail while running (<c>true</c>), before polling begins.</param>
    public ContentChanges(string folder, string ignored, ContentChangeTiming timing, Func<string, FileSystemWatcher>? createWatcher = null, Action<Exception?, bool>? failed = null)
    {
        _timing = timing;
        _failed = failed;
        _ignored = Path.EndsInDirectorySeparator(ignored) ? ignored : ignored + Path.DirectorySeparatorChar;
        _timer = new Timer(_ => Signal(notified: false));
        if (timing.UsePolling)
        {
            StartPolling();
            return;
        }

        FileSystemWatcher watcher = createWatcher?.Invoke(folder) ?? new FileSystemWatcher(folder);
        watcher.IncludeSubdirectories = true;
        watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
        watcher.Created += OnChange;
        watcher.Changed += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.Error += (_, e) => FallBackToPolling(e.GetException(), running: true);
        try
        {
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            if (timing.Rescan > TimeSpan.Zero)
            {
                _timer.Change(timing.Rescan, timing.Rescan);
            }
        }
        catch (IOException e)
        {
            // The system's watch limits are reached.
            watcher.Dispose();
            FallBackToPolling(e, running: false);
        }
    }

    /// <summary>Whether changes are found by looking every poll interval rather than by notifications.</summary>
    public bool Polling => _polling;

    /// <summary>Waits for the next change; after a notification, also for quiet.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>What was gathered.</returns>
    public async Task<ContentChangeSignal> WaitAsync(CancellationToken cancellationToken)
    {
        await _signalled.WaitAsync(cancellationToken);

        // Notifications come in bursts and wait until a quiet spell ends them; polls and rescans do not.
        while (!Polling && Peek().Notified && await _signalled.WaitAsync(_timing.Quiet, cancellationToken))
        {
        }

        lock (_gate)
        {
            var signal = new ContentChangeSignal(_signals, _notified);
            _signals = 0;
            _notified = false;
            while (_signalled.CurrentCount > 0)
            {
                _signalled.Wait(0, CancellationToken.None);
            }

            return signal;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _timer.Dispose();
        _signalled.Dispose();
    }

    private ContentChangeSignal Peek()
    {
        lock (_gate)
        {
            return new ContentChangeSignal(_signals, _notified);
        }
    }

    private void Signal(bool notified)
    {
        try
        {
            // Counted and released together, so WaitAsync's reset never leaves a release without its count.
            lock (_gate)
            {
                _signals++;
                _notified |= notified;
                _signalled.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // A timer tick or an event racing with Dispose.
        }
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (!e.FullPath.StartsWith(_ignored, StringComparison.Ordinal))
        {
            Signal(notified: true);
        }
    }

    private void FallBackToPolling(Exception? exception, bool running)
    {
        if (_polling)
        {
            return;
        }

        // Notifications that failed once may have lost events and may stay silent: look now, then at intervals.
        _polling = true;   // set on the watcher's thread, read by the waiting loop
        _failed?.Invoke(exception, running);
        Signal(notified: false);
        StartPolling();
    }

    private void StartPolling()
    {
        _polling = true;
        TimeSpan interval = _timing.Rescan > TimeSpan.Zero && _timing.Rescan < _timing.PollInterval ? _timing.Rescan : _timing.PollInterval;
        _timer.Change(interval, interval);
    }
}
