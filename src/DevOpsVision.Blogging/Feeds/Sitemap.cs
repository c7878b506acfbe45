using System.Globalization;
using System.Text;
using System.Xml;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.Feeds;

/// <summary>One URL of a sitemap.</summary>
/// <param name="Url">The absolute page URL.</param>
/// <param name="LastModified">When the page last changed, if known.</param>
public sealed record SitemapEntry(Uri Url, DateTimeOffset? LastModified);

/// <summary>Lists a blog's pages for search engines and writes <c>sitemap.xml</c> (sitemaps.org 0.9).</summary>
/// <remarks>Thread-safe.</remarks>
public interface ISitemapWriter
{
    /// <summary>The pages of a snapshot: home, posts, categories, tags and archives, each once.</summary>
    /// <param name="snapshot">The blog.</param>
    /// <returns>The entries, home first, then posts newest first, then categories, tags, years and months.</returns>
    IReadOnlyList<SitemapEntry> GetEntries(BlogSnapshot snapshot);

    /// <summary>
    /// Writes the sitemaps of a snapshot. Up to 50,000 URLs (the sitemaps.org limit) give one file,
    /// <c>sitemap.xml</c>; more give <c>sitemap-1.xml</c>, <c>sitemap-2.xml</c>... and a <c>sitemap.xml</c> index of them.
    /// </summary>
    /// <param name="snapshot">The blog.</param>
    /// <param name="openFile">Opens the stream for a file name (such as <c>sitemap.xml</c>); the writer disposes it.</param>
    /// <returns>The names of the files written, the index (or only sitemap) first.</returns>
    IReadOnlyList<string> Write(BlogSnapshot snapshot, Func<string, Stream> openFile);
}

/// <summary>The default <see cref="ISitemapWriter"/>.</summary>
internal sealed class Sitemaps(IOptions<BlogOptions> options, ICategorizer categorizer) : ISitemapWriter
{
    public const int MaxUrlsPerFile = 50_000;

    internal const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        CloseOutput = false,
    };

    internal int UrlsPerFile { get; init; } = MaxUrlsPerFile;

    public IReadOnlyList<SitemapEntry> GetEntries(BlogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var urls = new BlogUrls(options.Value);
        BlogTaxonomy taxonomy = categorizer.GetTaxonomy(snapshot);
        var entries = new List<SitemapEntry>(snapshot.Posts.Count + taxonomy.Categories.Count + taxonomy.Tags.Count + 16);
        DateTimeOffset? newest = snapshot.Posts.Count > 0 ? snapshot.Posts[0].LastChanged : null;
        entries.Add(new SitemapEntry(urls.BaseUrl, newest));
        foreach (Post post in snapshot.Posts)
        {
            entries.Add(new SitemapEntry(urls.Absolute(urls.PostPath(post)), post.LastChanged));
        }

        foreach (Term term in taxonomy.Categories)
        {
            entries.Add(new SitemapEntry(urls.Absolute(urls.TermPath(term)), Newest(term.Posts)));
        }

        foreach (Term term in taxonomy.Tags)
        {
            entries.Add(new SitemapEntry(urls.Absolute(urls.TermPath(term)), Newest(term.Posts)));
        }

        foreach (ArchiveYear year in taxonomy.Archives)
        {
            entries.Add(new SitemapEntry(urls.Absolute(urls.ArchivePath(year.Year)), Newest(year.Posts)));
            foreach (ArchiveMonth month in year.Months)
            {
                entries.Add(new SitemapEntry(urls.Absolute(urls.ArchivePath(month.Year, month.Month)), Newest(month.Posts)));
            }
        }

        return entries;
    }

    public IReadOnlyList<string> Write(BlogSnapshot snapshot, Func<string, Stream> openFile)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(openFile);
        IReadOnlyList<SitemapEntry> entries = GetEntries(snapshot);
        if (entries.Count <= UrlsPerFile)
        {
            using Stream single = openFile("sitemap.xml");
            WriteUrlSet(entries, 0, entries.Count, single);
            return ["sitemap.xml"];
        }

        var urls = new BlogUrls(options.Value);
        var files = new List<string> { "sitemap.xml" };
        var parts = new List<(Uri Url, DateTimeOffset? Modified)>();
        for (int start = 0, part = 1; start < entries.Count; start += UrlsPerFile, part++)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"sitemap-{part}.xml");
            int count = Math.Min(UrlsPerFile, entries.Count - start);
            using (Stream stream = openFile(name))
            {
                WriteUrlSet(entries, start, count, stream);
            }

            DateTimeOffset? modified = null;
            for (int i = start; i < start + count; i++)
            {
                if (entries[i].LastModified is { } date && (modified is null || date > modified))
                {
                    modified = date;
                }
            }

            files.Add(name);
            parts.Add((urls.Absolute(name), modified));
        }

        using Stream index = openFile("sitemap.xml");
        using var xml = XmlWriter.Create(index, Settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("sitemapindex", Namespace);
        foreach ((Uri url, DateTimeOffset? modified) in parts)
        {
            xml.WriteStartElement("sitemap", Namespace);
            xml.WriteElementString("loc", Namespace, url.AbsoluteUri);
            if (modified is { } date)
            {
                xml.WriteElementString("lastmod", Namespace, FeedWriter.Rfc3339(date));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        return files;
    }

    private static void WriteUrlSet(IReadOnlyList<SitemapEntry> entries, int start, int count, Stream output)
    {
        using var xml = XmlWriter.Create(output, Settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("urlset", Namespace);
        for (int i = start; i < start + count; i++)
        {
            xml.WriteStartElement("url", Namespace);
            xml.WriteElementString("loc", Namespace, entries[i].Url.AbsoluteUri);
            if (entries[i].LastModified is { } date)
            {
                xml.WriteElementString("lastmod", Namespace, FeedWriter.Rfc3339(date));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static DateTimeOffset? Newest(IReadOnlyList<Post> posts)
    {
        DateTimeOffset? newest = null;
        foreach (Post post in posts)
        {
            DateTimeOffset change = post.LastChanged;
            if (newest is null || change > newest)
            {
                newest = change;
            }
        }

        return newest;
    }
}
