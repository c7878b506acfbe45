using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Posts.Shortcodes;
using DevOpsVision.Blogging.Quotes;
using DevOpsVision.Blogging.Search;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.DependencyInjection;

/// <summary>Registers the blog's services in a <see cref="IServiceCollection"/>.</summary>
public static class BloggingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the blog with default options. Every service is added with <c>TryAdd</c>, so a service
    /// registered before this call (say, your own <see cref="IPostParser"/>) is the one used.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add post sources and shortcodes with.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IBloggingBuilder AddBlogging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<BlogOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlogOptions>, BlogOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<BlogOptions>, BlogOptionsNormalizer>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPostParser>(static provider => new MarkdownPostParser(
            provider.GetRequiredService<IOptions<BlogOptions>>().Value,
            provider.GetServices<IShortcodeHandler>(),
            provider.GetRequiredService<IQuoteExtractor>()));
        services.TryAddSingleton<IQuoteExtractor, QuoteExtractor>();
        services.TryAddSingleton<IBlog>(static provider => new Blog(
            provider.GetRequiredService<IOptions<BlogOptions>>().Value,
            provider.GetRequiredService<IPostParser>(),
            provider.GetServices<IPostSource>(),
            provider.GetRequiredService<TimeProvider>(),
            (ILogger?)provider.GetService<ILoggerFactory>()?.CreateLogger("DevOpsVision.Blogging.Blog") ?? NullLogger.Instance));
        services.TryAddSingleton<ICategorizer, Categorizer>();
        services.TryAddSingleton<ITextAnalyzer>(EnglishTextAnalyzer.Default);
        services.TryAddSingleton<ISearchIndex, SearchIndexService>();
        services.TryAddSingleton<IFeedBuilder, FeedBuilder>();
        services.TryAddSingleton<IFeedWriter, FeedWriter>();
        services.TryAddSingleton<ISitemapWriter, Sitemaps>();
        return new BloggingBuilder(services);
    }

    /// <summary>Registers the blog and sets its options in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; runs when the options are first read.</param>
    /// <returns>A builder to add post sources and shortcodes with.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IBloggingBuilder AddBlogging(this IServiceCollection services, Action<BlogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services.AddBlogging();
    }

    /// <summary>Registers the blog and binds its options from configuration (usually the <c>Blog</c> section).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding <see cref="BlogOptions"/> keys, such as <c>configuration.GetSection("Blog")</c>.</param>
    /// <returns>A builder to add post sources and shortcodes with.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IBloggingBuilder AddBlogging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BlogOptions>().Bind(configuration);
        return services.AddBlogging();
    }

    /// <summary>Adds a folder of Markdown posts (read recursively).</summary>
    /// <param name="builder">The blog builder.</param>
    /// <param name="path">The folder; a relative path is resolved against the current directory.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static IBloggingBuilder AddFileSystemSource(this IBloggingBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IPostSource>(new FileSystemPostSource(path));
        return builder;
    }

    /// <summary>Adds the Markdown posts of an <see cref="Microsoft.Extensions.FileProviders.IFileProvider"/> folder.</summary>
    /// <param name="builder">The blog builder.</param>
    /// <param name="provider">The file provider.</param>
    /// <param name="subpath">The folder inside the provider; an empty string for its root.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IBloggingBuilder AddFileProviderSource(this IBloggingBuilder builder, Microsoft.Extensions.FileProviders.IFileProvider provider, string subpath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IPostSource>(new FileProviderPostSource(provider, subpath));
        return builder;
    }

    /// <summary>Adds posts kept in memory; change them through <paramref name="source"/> and reload the blog.</summary>
    /// <param name="builder">The blog builder.</param>
    /// <param name="source">The in-memory source.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IBloggingBuilder AddInMemorySource(this IBloggingBuilder builder, InMemoryPostSource source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Services.AddSingleton<IPostSource>(source);
        return builder;
    }

    /// <summary>Adds a shortcode handler; it replaces a built-in handler with the same name.</summary>
    /// <param name="builder">The blog builder.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IBloggingBuilder AddShortcode(this IBloggingBuilder builder, IShortcodeHandler handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        builder.Services.AddSingleton(handler);
        return builder;
    }
}
