using System.Text;
using DevOpsVision.Blogging;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Search;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Samples.Cli.Site;

/// <summary>
/// Writes what a blog publishes besides its pages: the blog's and every category's feeds, the sitemap, and the
/// static search index with its client script. Shared by the command-line tool's <c>build</c> and the worker.
/// </summary>
internal sealed class FeedPublisher(IFeedBuilder feeds, IFeedWriter writer, ISitemapWriter sitemaps, ISearchIndex search, ICategorizer categorizer)
{
    /// <summary>The search index written by <see cref="PostSearchIndex.ExportJson"/>.</summary>
    public const string SearchIndexFile = "search-index.json";

    /// <summary>The script that searches <see cref="SearchIndexFile"/> in a browser.</summary>
    public const string SearchScriptFile = "search.js";

    private static readonly FeedFormat[] Formats = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.JsonFeed];

    /// <summary>Writes <c>feed.xml</c>, <c>atom.xml</c> and <c>feed.json</c> for the blog and below each category's path.</summary>
    public void WriteFeeds(BlogSnapshot snapshot, OutputFolder output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        var urls = new BlogUrls(snapshot.Options);
        Feed blogFeed = feeds.ForBlog(snapshot, null);
        foreach (FeedFormat format in Formats)
        {
            output.Write(urls.FeedPath("", format), stream => writer.Write(blogFeed, format, stream));
        }

        foreach (Term category in categorizer.GetTaxonomy(snapshot).Categories)
        {
            Feed feed = feeds.ForTerm(snapshot, category, null);
            foreach (FeedFormat format in Formats)
            {
                output.Write(urls.FeedPath(urls.TermPath(category), format), stream => writer.Write(feed, format, stream));
            }
        }
    }

    /// <summary>Writes <c>sitemap.xml</c> (and its parts past 50,000 URLs).</summary>
    public IReadOnlyList<string> WriteSitemap(BlogSnapshot snapshot, OutputFolder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return sitemaps.Write(snapshot, output.Create);
    }

    /// <summary>Writes the search index as JSON and the client script that searches it.</summary>
    public void WriteSearch(BlogSnapshot snapshot, OutputFolder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        PostSearchIndex index = search.GetIndex(snapshot);
        output.Write(SearchIndexFile, index.ExportJson);
        output.Write(SearchScriptFile, stream =>
        {
            byte[] script = new UTF8Encoding(false).GetBytes(PostSearchIndex.ClientScript);
            stream.Write(script);
        });
    }
}
