using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Posts.Shortcodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.Tests.DependencyInjection;

public class AddBloggingTests
{
    private sealed class MyParser : IPostParser
    {
        public PostParseResult Parse(PostFile file) => throw new NotSupportedException();
    }

    private sealed class MyBlog : IBlog
    {
        public BlogSnapshot Current => throw new NotSupportedException();

        public event EventHandler<BlogSnapshot>? SnapshotChanged
        {
            add { }
            remove { }
        }

        public ValueTask<BlogSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BlogSnapshot> ReloadAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    [Fact]
    public void AddBlogging_RegistersEveryService()
    {
        using ServiceProvider provider = new ServiceCollection().AddBlogging().Services.BuildServiceProvider();

        Assert.IsType<MarkdownPostParser>(provider.GetRequiredService<IPostParser>());
        Assert.NotNull(provider.GetRequiredService<IBlog>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<IBlog>(), provider.GetRequiredService<IBlog>());
    }

    [Fact]
    public void AddBlogging_UserRegistrationsMadeFirst_Win()
    {
        var parser = new MyParser();
        var blog = new MyBlog();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IPostParser>(parser);
        services.AddSingleton<IBlog>(blog);
        services.AddSingleton<TimeProvider>(time);

        services.AddBlogging();
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(parser, provider.GetRequiredService<IPostParser>());
        Assert.Same(blog, provider.GetRequiredService<IBlog>());
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddBlogging_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddBlogging();
        services.AddBlogging();

        Assert.Single(services, d => d.ServiceType == typeof(IBlog));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<BlogOptions>));
    }

    [Fact]
    public void AddBlogging_BindsOptionsFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Blog:Title"] = "DevOps Vision Blog",
            ["Blog:BaseUrl"] = "https://example.org/blog",
            ["Blog:TimeZone"] = "Europe/Stockholm",
            ["Blog:TrustContent"] = "true",
            ["Blog:WordsPerMinute"] = "180",
        }).Build();

        using ServiceProvider provider = new ServiceCollection().AddBlogging(configuration.GetSection("Blog")).Services.BuildServiceProvider();
        BlogOptions options = provider.GetRequiredService<IOptions<BlogOptions>>().Value;

        Assert.Equal("DevOps Vision Blog", options.Title);
        Assert.Equal(new Uri("https://example.org/blog/"), options.BaseUrl);
        Assert.Equal("Europe/Stockholm", options.TimeZone);
        Assert.True(options.TrustContent);
        Assert.Equal(180, options.WordsPerMinute);
    }

    [Theory]
    [InlineData("Title", "", "Blog:Title is required.")]
    [InlineData("TimeZone", "Mars/Olympus", "Blog:TimeZone 'Mars/Olympus' is not a time zone")]
    [InlineData("BaseUrl", "ftp://example.org/", "must be an absolute http or https URL")]
    [InlineData("BaseUrl", "/blog/", "must be an absolute http or https URL")]
    [InlineData("WordsPerMinute", "0", "Blog:WordsPerMinute is 0")]
    [InlineData("Language", "not a language!", "Blog:Language 'not a language!' is not a language tag")]
    public async Task AddBlogging_InvalidOptions_FailHostStartWithClearMessage(string key, string value, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Blog:" + key] = value });
        builder.Services.AddBlogging(builder.Configuration.GetSection("Blog"));
        using IHost host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBlogging_MakeLinksAbsoluteWithoutBaseUrl_IsInvalid()
    {
        using ServiceProvider provider = new ServiceCollection().AddBlogging(o => o.MakeLinksAbsolute = true).Services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BlogOptions>>().Value);
        Assert.Contains("MakeLinksAbsolute needs Blog:BaseUrl", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBlogging_SourcesAndShortcodes_AreUsed()
    {
        var memory = new InMemoryPostSource();
        memory.Set("2021-02-06-hello.md", "---\ntitle: Hello\n---\n{{< greet >}}\n");
        using ServiceProvider provider = new ServiceCollection()
            .AddBlogging()
            .AddInMemorySource(memory)
            .AddShortcode(new GreetHandler())
            .Services.BuildServiceProvider();

        BlogSnapshot snapshot = await provider.GetRequiredService<IBlog>().GetSnapshotAsync();

        Assert.Equal("Hi!", Assert.Single(snapshot.Posts).PlainText);
    }

    [Fact]
    public void AddBlogging_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => BloggingServiceCollectionExtensions.AddBlogging(null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddBlogging((Action<BlogOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddBlogging((IConfiguration)null!));
    }

    private sealed class GreetHandler : IShortcodeHandler
    {
        public string Name => "greet";

        public bool AcceptsContent => false;

        public string Render(Shortcode shortcode, ShortcodeContext context) => "Hi!";
    }
}
