using System.Threading.Channels;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace DevOpsVision.Blogging.AspNetCore;

/// <summary>How the blog follows changes to its content folders.</summary>
public sealed class BlogReloadOptions
{
    /// <summary>How long the folders must stay quiet before a reload, so a burst of saves gives one reload. Defaults to 300 ms.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(300);
}

/// <summary>Registers the hosted service that reloads the blog when its content files change.</summary>
public static class BlogReloadingExtensions
{
    /// <summary>
    /// Loads the blog when the app starts and reloads it, debounced, whenever a Markdown file under a
    /// <see cref="FileSystemPostSource"/> folder is added, changed or removed. A reload that fails keeps the
    /// last good snapshot and logs why; posts with errors are logged as the blog logs every diagnostic.
    /// </summary>
    /// <param name="builder">The blog builder.</param>
    /// <param name="configure">Sets the reload options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IBloggingBuilder AddBlogReloading(this IBloggingBuilder builder, Action<BlogReloadOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OptionsBuilder<BlogReloadOptions> options = builder.Services.AddOptions<BlogReloadOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BlogReloadService>());
        return builder;
    }
}

/// <summary>Watches the content folders and reloads the blog after changes settle.</summary>
internal sealed partial class BlogReloadService(
    IBlog blog,
    IEnumerable<IPostSource> sources,
    IOptions<BlogReloadOptions> options,
    ILogger<BlogReloadService> logger) : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<PhysicalFileProvider> _providers = [];
    private readonly List<FileWatch> _watches = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (IPostSource source in sources)
        {
            if (source is FileSystemPostSource folder && Directory.Exists(folder.Root))
            {
                var provider = new PhysicalFileProvider(Path.GetFullPath(folder.Root));
                _providers.Add(provider);
                _watches.Add(new FileWatch(provider, "**/*.md", () => _changes.Writer.TryWrite(true)));
                _watches.Add(new FileWatch(provider, "**/*.markdown", () => _changes.Writer.TryWrite(true)));
            }
        }

        await blog.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        foreach (FileWatch watch in _watches)
        {
            watch.Dispose();
        }

        foreach (PhysicalFileProvider provider in _providers)
        {
            provider.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan debounce = options.Value.Debounce;
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                _changes.Reader.TryRead(out _);

                // Wait for quiet: every further change restarts the wait.
                while (true)
                {
                    using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    quiet.CancelAfter(debounce);
                    try
                    {
                        await _changes.Reader.WaitToReadAsync(quiet.Token).ConfigureAwait(false);
                        _changes.Reader.TryRead(out _);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        break;
                    }
                }

                await ReloadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ReloadAsync(CancellationToken stoppingToken)
    {
        try
        {
            BlogSnapshot snapshot = await blog.ReloadAsync(stoppingToken).ConfigureAwait(false);
            int errors = snapshot.Diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Error);
            LogReloaded(snapshot.Changes.Added.Count, snapshot.Changes.Changed.Count, snapshot.Changes.Removed.Count, errors);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The blog swaps snapshots only after a whole reload, so the last good one is still served.
            LogReloadFailed(exception);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Blog content changed: {Added} added, {Changed} changed, {Removed} removed; {Errors} posts with errors")]
    private partial void LogReloaded(int added, int changed, int removed, int errors);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Reloading the blog failed; the last good snapshot is still served")]
    private partial void LogReloadFailed(Exception exception);
}

/// <summary>One glob watched for good: a change token fires once, so each firing registers the next.</summary>
internal sealed class FileWatch : IDisposable
{
    private readonly PhysicalFileProvider _provider;
    private readonly string _filter;
    private readonly Action _changed;
    private IDisposable? _registration;
    private readonly Lock _gate = new();
    private bool _disposed;

    public FileWatch(PhysicalFileProvider provider, string filter, Action changed)
    {
        _provider = provider;
        _filter = filter;
        _changed = changed;
        Register();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _registration?.Dispose();
        }
    }

    private void Register()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _registration?.Dispose();
            _registration = _provider.Watch(_filter).RegisterChangeCallback(static state =>
            {
                var watch = (FileWatch)state!;
                watch._changed();
                watch.Register();
            }, this);
        }
    }
}
