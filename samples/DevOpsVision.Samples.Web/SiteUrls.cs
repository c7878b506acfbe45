using DevOpsVision.Blogging;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Samples.Web;

/// <summary>Site-relative links to the blog's pages and feeds, made by the library's <see cref="BlogUrls"/> so pages, feeds and sitemaps agree.</summary>
public sealed class SiteUrls(IOptions<BlogOptions> options)
{
    private readonly BlogUrls _urls = new(options.Value);

    public string Post(Post post) => "/" + _urls.PostPath(post);

    public string Term(Term term) => "/" + _urls.TermPath(term);

    public string Archive(int year, int? month = null) => "/" + _urls.ArchivePath(year, month);

    public string Feed(string pagePath, FeedFormat format) => "/" + _urls.FeedPath(pagePath.TrimStart('/'), format);
}
