using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace DevOpsVision.Blogging.AspNetCore.Tests;

/// <summary>
/// One test app per prefix (the site root and <c>/blog</c>), each serving the same posts with the blog's
/// endpoints mapped by the caller, next to a route and a fallback of the app's own.
/// </summary>
internal sealed class PrefixedTestApps : IAsyncDisposable
{
    private readonly Dictionary<string, (WebApplication App, HttpClient Client)> _apps = [];

    public static string[] Prefixes { get; } = ["", "/blog"];

    public (WebApplication App, HttpClient Client) this[string prefix] => _apps[prefix];

    public static async Task<PrefixedTestApps> StartAsync(InMemoryPostSource posts, Action<WebApplication, string> mapBlog)
    {
        var apps = new PrefixedTestApps();
        foreach (string prefix in Prefixes)
        {
            WebApplicationBuilder builder = WebApplication.CreateBuilder();
            builder.WebHost.UseTestServer();
            builder.Services.AddBlogging(o =>
            {
                o.Title = "DevOps Vision Blog";
                o.BaseUrl = new Uri("https://example.org" + prefix + "/");
                o.TimeZone = "Europe/Stockholm";
            }).AddInMemorySource(posts);
            WebApplication app = builder.Build();
            app.MapGet(prefix + "/hello", () => "an app route of its own");
            mapBlog(app, prefix);
            app.MapFallback(() => "the app's fallback");
            await app.StartAsync();
            apps._apps[prefix] = (app, app.GetTestClient());
        }

        return apps;
    }

    public async ValueTask DisposeAsync()
    {
        foreach ((WebApplication app, HttpClient client) in _apps.Values)
        {
            client.Dispose();
            await app.DisposeAsync();
        }
    }
}
