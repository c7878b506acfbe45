using DevOpsVision.Blogging.AspNetCore;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Samples.Web;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;

// The content root is the output folder, so settings and assets are found whatever the working directory.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

IConfigurationSection blog = builder.Configuration.GetSection("Blog");
string contentPath = ContentFolder.Resolve(blog["ContentPath"] ?? "samples/content/posts", Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
builder.Services.AddBlogging(blog).AddFileSystemSource(contentPath).AddBlogReloading(null);
builder.Services.AddSingleton<SiteUrls>();
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));   // "–" stays "–" in the HTML
builder.Services.Configure<RouteOptions>(o => o.ConstraintMap["pagepath"] = typeof(PagePathConstraint));
builder.Services.AddRazorPages(o => o.Conventions.AddPageRoute("/Index", "page/{pageNumber:int:min(1)}/"));

WebApplication app = builder.Build();
app.UseStatusCodePagesWithReExecute("/not-found/");
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "assets")),
    RequestPath = "/assets",
});

app.MapBlogFeeds("/");        // /feed.xml, /atom.xml, /feed.json, /categories/devops/feed.xml, /sitemap.xml ...
app.MapBlogSearch("/api");    // /api/search?q=..., /api/search/suggest?q=...
app.MapRazorPages();
app.Logger.LogInformation("Serving the posts in {ContentPath}", contentPath);
await app.RunAsync();
