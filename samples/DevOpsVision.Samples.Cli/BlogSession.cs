using DevOpsVision.Blogging;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Samples.Cli;

/// <summary>The blog of a content folder, loaded once through the library's services.</summary>
internal sealed class BlogSession : IAsyncDisposable
{
    /// <summary>Used when no <c>--base-url</c> is given; feeds and sitemaps need absolute URLs.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://example.org/");

    private readonly ServiceProvider _services;

    private BlogSession(ServiceProvider services, BlogSnapshot snapshot)
    {
        _services = services;
        Snapshot = snapshot;
        Urls = new BlogUrls(snapshot.Options);
    }

    public BlogSnapshot Snapshot { get; private set; }

    public BlogUrls Urls { get; }

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<BlogSession> LoadAsync(string contentPath, string title, Uri? baseUrl, CancellationToken cancellationToken)
    {
        ServiceProvider services = new ServiceCollection()
            .AddBlogging(o =>
            {
                o.Title = title;
                o.BaseUrl = baseUrl ?? DefaultBaseUrl;
            })
            .AddFileSystemSource(contentPath)
            .Services
            .BuildServiceProvider();
        try
        {
            BlogSnapshot snapshot = await services.GetRequiredService<IBlog>().GetSnapshotAsync(cancellationToken);
            return new BlogSession(services, snapshot);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the content folder again; only posts whose bytes changed are parsed again.</summary>
    public async Task<BlogSnapshot> ReloadAsync(CancellationToken cancellationToken)
    {
        Snapshot = await _services.GetRequiredService<IBlog>().ReloadAsync(cancellationToken);
        return Snapshot;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
