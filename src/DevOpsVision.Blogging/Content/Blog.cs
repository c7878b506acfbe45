using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.Logging;

namespace DevOpsVision.Blogging.Content;

/// <summary>The default <see cref="IBlog"/>: parses in parallel, caches results by file hash, swaps snapshots atomically.</summary>
internal sealed partial class Blog : IBlog, IDisposable
{
    private readonly BlogOptions _options;
    private readonly TimeZoneInfo _timeZone;
    private readonly IPostParser _parser;
    private readonly IReadOnlyList<IPostSource> _sources;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private Dictionary<string, CachedParse> _cache = new(StringComparer.Ordinal);
    private BlogSnapshot? _current;
    private long _version;

    public Blog(BlogOptions options, IPostParser parser, IEnumerable<IPostSource> sources, TimeProvider time, ILogger logger)
    {
        _options = options;
        _timeZone = BlogTimeZone.Resolve(options.TimeZone);
        _parser = parser;
        _sources = [.. sources];
        _time = time;
        _logger = logger;
    }

    public event EventHandler<BlogSnapshot>? SnapshotChanged;

    public BlogSnapshot Current => Volatile.Read(ref _current) ?? GetSnapshotAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask<BlogSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        BlogSnapshot? current = Volatile.Read(ref _current);
        if (current is not null)
        {
            return current;
        }

        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Volatile.Read(ref _current) ?? await ReloadCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    public async Task<BlogSnapshot> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReloadCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    public void Dispose() => _reloadLock.Dispose();

    private async Task<BlogSnapshot> ReloadCoreAsync(CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        var files = new List<PostFile>();
        var diagnostics = new List<PostDiagnostic>();
        foreach (IPostSource source in _sources)
        {
            PostSourceContent content = await source.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            files.AddRange(content.Files);
            diagnostics.AddRange(content.Diagnostics);
        }

        Dictionary<string, CachedParse> previous = _cache;
        var results = new CachedParse[files.Count];
        int parsed = 0;
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            PostFile file = files[i];
            string hash = file.ContentHash;
            if (previous.TryGetValue(file.Path, out CachedParse? cached) && cached.Hash == hash)
            {
                results[i] = cached;
                return;
            }

            Interlocked.Increment(ref parsed);
            results[i] = new CachedParse(hash, _parser.Parse(file));
        });

        var cache = new Dictionary<string, CachedParse>(results.Length, StringComparer.Ordinal);
        var added = new List<string>();
        var changed = new List<string>();
        foreach (CachedParse result in results)
        {
            string path = result.Result.Source.Path;
            if (!cache.TryAdd(path, result))
            {
                diagnostics.Add(new PostDiagnostic(path, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.DuplicateSlug,
                    "Two sources hold a file with this path; the second is ignored."));
                continue;
            }

            if (!previous.TryGetValue(path, out CachedParse? before))
            {
                added.Add(path);
            }
            else if (before.Hash != result.Hash)
            {
                changed.Add(path);
            }
        }

        var removed = new List<string>();
        foreach (string path in previous.Keys)
        {
            if (!cache.ContainsKey(path))
            {
                removed.Add(path);
            }
        }

        removed.Sort(StringComparer.Ordinal);
        BlogSnapshot snapshot = SnapshotBuilder.Build(
            _options, _timeZone, Interlocked.Increment(ref _version), _time.GetUtcNow(), results, diagnostics, new BlogChanges(added, changed, removed));

        _cache = cache;
        Volatile.Write(ref _current, snapshot);
        LogLoaded(snapshot.Posts.Count, snapshot.AllPosts.Count, files.Count, parsed, _time.GetElapsedTime(started).TotalMilliseconds);
        foreach (PostDiagnostic diagnostic in snapshot.Diagnostics)
        {
            LogDiagnostic(diagnostic.Severity switch
            {
                DiagnosticSeverity.Error => LogLevel.Error,
                DiagnosticSeverity.Warning => LogLevel.Warning,
                _ => LogLevel.Debug,
            }, diagnostic.ToString());
        }

        SnapshotChanged?.Invoke(this, snapshot);
        return snapshot;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Blog loaded: {Published} published of {Loaded} posts from {Files} files ({Parsed} parsed) in {Milliseconds:F0} ms")]
    private partial void LogLoaded(int published, int loaded, int files, int parsed, double milliseconds);

    [LoggerMessage(EventId = 2, Message = "{Diagnostic}")]
    private partial void LogDiagnostic(LogLevel level, string diagnostic);
}

/// <summary>A parse result remembered with the hash of the bytes it came from.</summary>
internal sealed record CachedParse(string Hash, PostParseResult Result);
