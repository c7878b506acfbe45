using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.DependencyInjection;

/// <summary>Configures the blog's services after <see cref="BloggingServiceCollectionExtensions.AddBlogging(IServiceCollection)"/>: its sources and shortcodes.</summary>
public interface IBloggingBuilder
{
    /// <summary>The service collection the blog is registered in.</summary>
    IServiceCollection Services { get; }
}

internal sealed class BloggingBuilder(IServiceCollection services) : IBloggingBuilder
{
    public IServiceCollection Services { get; } = services;
}
