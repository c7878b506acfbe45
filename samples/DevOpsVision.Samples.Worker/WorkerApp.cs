using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Search;
using DevOpsVision.Blogging.Taxonomy;
using DevOpsVision.Samples.Cli.Site;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Samples.Worker;

/// <summary>Builds the worker's host: the blog from <c>Blog</c> settings, the watcher and publisher from <c>Publish</c>.</summary>
public static class WorkerApp
{
    /// <summary>Creates the host builder; settings come from appsettings, environment variables and the command line.</summary>
    /// <param name="args">The command line, for example <c>--Publish:ContentPath=posts --Publish:OutputPath=site</c>.</param>
    /// <returns>The builder, ready to build and run.</returns>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        IConfigurationSection publish = builder.Configuration.GetSection("Publish");
        string contentPath = Path.GetFullPath(publish["ContentPath"] ?? new PublishOptions().ContentPath);
        builder.Services.AddOptions<PublishOptions>()
            .Bind(publish)
            .PostConfigure(o =>
            {
                o.ContentPath = Path.GetFullPath(o.ContentPath);
                o.OutputPath = Path.GetFullPath(o.OutputPath);
            })
            .Validate(o => Directory.Exists(o.ContentPath), $"Publish:ContentPath '{contentPath}' is not a folder; set it to the folder of posts to watch.")
            .Validate(o => o.Debounce > TimeSpan.Zero, "Publish:Debounce must be positive.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Publish:PollInterval must be positive.")
            .Validate(o => o.RescanInterval >= TimeSpan.Zero, "Publish:RescanInterval must be zero (off) or positive.")
            .ValidateOnStart();
        IConfigurationSection blog = builder.Configuration.GetSection("Blog");
        builder.Services.AddBlogging(blog).AddFileSystemSource(contentPath);
        builder.Services.PostConfigure<DevOpsVision.Blogging.BlogOptions>(o => o.BaseUrl ??= new Uri("https://example.org/"));
        builder.Services.AddSingleton(provider => new FeedPublisher(
            provider.GetRequiredService<IFeedBuilder>(),
            provider.GetRequiredService<IFeedWriter>(),
            provider.GetRequiredService<ISitemapWriter>(),
            provider.GetRequiredService<ISearchIndex>(),
            provider.GetRequiredService<ICategorizer>()));
        builder.Services.AddSingleton<SitePublication>();
        builder.Services.TryAddSingleton<CreateFileSystemWatcher>(static folder => new FileSystemWatcher(folder));
        builder.Services.AddHostedService<ContentWatcher>();
        return builder;
    }

    /// <summary>The folder the running worker publishes to.</summary>
    /// <param name="host">A host built from <see cref="CreateBuilder"/>.</param>
    /// <returns>The output folder's full path.</returns>
    public static string OutputPath(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetRequiredService<IOptions<PublishOptions>>().Value.OutputPath;
    }
}
