using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Feeds;

/// <summary>
/// The default <see cref="IFeedWriter"/>: a forward-only UTF-8 XML writer and <see cref="Utf8JsonWriter"/> straight
/// to the stream, every string cleaned of characters XML forbids, dates in each format's exact form.
/// </summary>
public sealed class FeedWriter : IFeedWriter
{
    internal const string AtomNamespace = "http://www.w3.org/2005/Atom";
    internal const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    internal const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    private const string Generator = "DevOpsVision";

    private static readonly JsonWriterOptions JsonSettings = new()
    {
        Indented = true,

        // The feed is served as JSON, never inlined in a page, so HTML-sensitive characters need no escaping.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc />
    public void Write(Feed feed, FeedFormat format, Stream output)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case FeedFormat.Rss:
                WriteRss(feed, output);
                break;
            case FeedFormat.Atom:
                WriteAtom(feed, output);
                break;
            case FeedFormat.JsonFeed:
                WriteJson(feed, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown feed format.");
        }
    }

    /// <summary>The media type to serve a format with.</summary>
    /// <param name="format">The format.</param>
    /// <returns>For example <c>application/rss+xml; charset=utf-8</c>.</returns>
    public static string MediaType(FeedFormat format) => format switch
    {
        FeedFormat.Atom => "application/atom+xml; charset=utf-8",
        FeedFormat.JsonFeed => "application/feed+json; charset=utf-8",
        _ => "application/rss+xml; charset=utf-8",
    };

    internal static string Rfc3339(DateTimeOffset date)
    {
        Span<char> buffer = stackalloc char[25];
        FormatRfc3339(date, buffer);
        return new string(buffer);
    }

    /// <summary>Formats <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c> digit by digit: a custom format string is parsed on every call.</summary>
    internal static int FormatRfc3339(DateTimeOffset date, Span<char> buffer)
    {
        Digits(buffer, 0, date.Year, 4);
        buffer[4] = '-';
        Digits(buffer, 5, date.Month, 2);
        buffer[7] = '-';
        Digits(buffer, 8, date.Day, 2);
        buffer[10] = 'T';
        Digits(buffer, 11, date.Hour, 2);
        buffer[13] = ':';
        Digits(buffer, 14, date.Minute, 2);
        buffer[16] = ':';
        Digits(buffer, 17, date.Second, 2);
        TimeSpan offset = date.Offset;
        buffer[19] = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        Digits(buffer, 20, offset.Hours, 2);
        buffer[22] = ':';
        Digits(buffer, 23, offset.Minutes, 2);
        return 25;
    }

    private static void Digits(Span<char> buffer, int start, int value, int count)
    {
        for (int i = start + count - 1; i >= start; i--)
        {
            buffer[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Writes a date element without making a string of the date (one per item adds up in large feeds).</summary>
    private static void WriteDate(Utf8XmlWriter xml, string name, DateTimeOffset date, bool rfc822)
    {
        Span<char> buffer = stackalloc char[64];
        int length;
        if (rfc822)
        {
            if (!date.ToUniversalTime().TryFormat(buffer, out length, "R", CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("A date did not fit its buffer.");
            }
        }
        else
        {
            length = FormatRfc3339(date, buffer);
        }

        xml.WriteStartElement(name);
        xml.WriteChars(buffer[..length]);
        xml.WriteEndElement();
    }

    private static void WriteStylesheet(Utf8XmlWriter xml, Feed feed)
    {
        if (feed.Stylesheet is not { } stylesheet)
        {
            return;
        }

        string path = stylesheet.AbsolutePath;
        string type = path.EndsWith(".xsl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xslt", StringComparison.OrdinalIgnoreCase) ? "text/xsl" : "text/css";
        xml.WriteProcessingInstruction("xml-stylesheet", $"type=\"{type}\" href=\"{System.Security.SecurityElement.Escape(stylesheet.AbsoluteUri)}\"");
    }

    private static void WriteRss(Feed feed, Stream output)
    {
        using var xml = new Utf8XmlWriter(output);
        xml.WriteStartDocument();
        WriteStylesheet(xml, feed);
        xml.WriteStartElement("rss");
        xml.WriteAttribute("version", "2.0");
        xml.WriteAttribute("xmlns:atom", AtomNamespace);
        xml.WriteAttribute("xmlns:content", ContentNamespace);
        xml.WriteAttribute("xmlns:dc", DublinCoreNamespace);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", XmlText.Clean(feed.Title));
        xml.WriteElementString("link", feed.HomePageUrl.AbsoluteUri);
        xml.WriteElementString("description", XmlText.Clean(feed.Description));
        xml.WriteElementString("language", XmlText.Clean(feed.Language.ToLowerInvariant()));
        WriteDate(xml, "lastBuildDate", feed.Updated, rfc822: true);
        xml.WriteElementString("generator", Generator);
        WriteAtomLink(xml, "self", feed.FeedUrls[FeedFormat.Rss], "application/rss+xml");
        for (int hubIndex = 0; hubIndex < feed.Hubs.Count; hubIndex++)
        {
            WriteAtomLink(xml, "hub", feed.Hubs[hubIndex], null);
        }

        for (int itemIndex = 0; itemIndex < feed.Items.Count; itemIndex++)
        {
            FeedItem item = feed.Items[itemIndex];
            xml.WriteStartElement("item");
            xml.WriteElementString("title", XmlText.Clean(item.Title));
            xml.WriteElementString("link", item.Url.AbsoluteUri);
            xml.WriteStartElement("guid");
            xml.WriteAttribute("isPermaLink", "true");
            xml.WriteString(item.Id);
            xml.WriteEndElement();
            WriteDate(xml, "pubDate", item.Published, rfc822: true);
            for (int authorIndex = 0; authorIndex < item.Authors.Count; authorIndex++)
            {
                xml.WriteElementString("dc:creator", XmlText.Clean(item.Authors[authorIndex].Name));
            }

            for (int categoryIndex = 0; categoryIndex < item.Categories.Count; categoryIndex++)
            {
                FeedCategory category = item.Categories[categoryIndex];
                xml.WriteStartElement("category");
                xml.WriteAttribute("domain", category.Url.AbsoluteUri);
                xml.WriteString(XmlText.Clean(category.Name));
                xml.WriteEndElement();
            }

            xml.WriteStartElement("description");
            xml.WriteCData(XmlText.Clean(item.SummaryHtml));
            xml.WriteEndElement();
            if (item.ContentHtml is { } content)
            {
                xml.WriteStartElement("content:encoded");
                xml.WriteCData(XmlText.Clean(content));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteAtomLink(Utf8XmlWriter xml, string rel, Uri href, string? type)
    {
        xml.WriteStartElement("atom:link");
        xml.WriteAttribute("href", href.AbsoluteUri);
        xml.WriteAttribute("rel", rel);
        if (type is not null)
        {
            xml.WriteAttribute("type", type);
        }

        xml.WriteEndElement();
    }

    private static void WriteAtom(Feed feed, Stream output)
    {
        using var xml = new Utf8XmlWriter(output);
        xml.WriteStartDocument();
        WriteStylesheet(xml, feed);
        xml.WriteStartElement("feed");
        xml.WriteAttribute("xmlns", AtomNamespace);
        xml.WriteAttribute("xml:lang", XmlText.Clean(feed.Language));
        xml.WriteElementString("id", XmlText.Clean(feed.Id));
        WriteText(xml, "title", feed.Title);
        WriteText(xml, "subtitle", feed.Description);
        WriteDate(xml, "updated", feed.Updated, rfc822: false);
        WriteLink(xml, "alternate", feed.HomePageUrl, "text/html");
        WriteLink(xml, "self", feed.FeedUrls[FeedFormat.Atom], "application/atom+xml");
        for (int hubIndex = 0; hubIndex < feed.Hubs.Count; hubIndex++)
        {
            WriteLink(xml, "hub", feed.Hubs[hubIndex], null);
        }

        xml.WriteElementString("generator", Generator);

        // RFC 4287: every entry needs an author, its own or the feed's.
        PostAuthor? feedAuthor = feed.Author;
        if (feedAuthor is null && HasItemWithoutAuthor(feed.Items))
        {
            feedAuthor = new PostAuthor(feed.Title);
        }

        if (feedAuthor is not null)
        {
            WriteAuthor(xml, feedAuthor);
        }

        for (int itemIndex = 0; itemIndex < feed.Items.Count; itemIndex++)
        {
            FeedItem item = feed.Items[itemIndex];
            xml.WriteStartElement("entry");
            xml.WriteElementString("id", item.Id);
            WriteText(xml, "title", item.Title);
            WriteLink(xml, "alternate", item.Url, "text/html");
            WriteDate(xml, "published", item.Published, rfc822: false);
            WriteDate(xml, "updated", item.Updated, rfc822: false);
            for (int authorIndex = 0; authorIndex < item.Authors.Count; authorIndex++)
            {
                WriteAuthor(xml, item.Authors[authorIndex]);
            }

            for (int categoryIndex = 0; categoryIndex < item.Categories.Count; categoryIndex++)
            {
                FeedCategory category = item.Categories[categoryIndex];
                xml.WriteStartElement("category");
                xml.WriteAttribute("term", XmlText.Clean(category.Slug));
                xml.WriteAttribute("label", XmlText.Clean(category.Name));
                xml.WriteEndElement();
            }

            WriteHtml(xml, "summary", item.SummaryHtml);
            if (item.ContentHtml is { } content)
            {
                WriteHtml(xml, "content", content);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static bool HasItemWithoutAuthor(IReadOnlyList<FeedItem> items)
    {
        for (int itemIndex = 0; itemIndex < items.Count; itemIndex++)
        {
            if (items[itemIndex].Authors.Count == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A plain-text construct: <c>type="text"</c> is the default (RFC 4287, 3.1.1), so it is not written.</summary>
    private static void WriteText(Utf8XmlWriter xml, string name, string text) => xml.WriteElementString(name, XmlText.Clean(text));

    private static void WriteHtml(Utf8XmlWriter xml, string name, string html)
    {
        xml.WriteStartElement(name);
        xml.WriteAttribute("type", "html");
        xml.WriteCData(XmlText.Clean(html));
        xml.WriteEndElement();
    }

    private static void WriteLink(Utf8XmlWriter xml, string rel, Uri href, string? type)
    {
        xml.WriteStartElement("link");
        xml.WriteAttribute("rel", rel);
        if (type is not null)
        {
            xml.WriteAttribute("type", type);
        }

        xml.WriteAttribute("href", href.AbsoluteUri);
        xml.WriteEndElement();
    }

    private static void WriteAuthor(Utf8XmlWriter xml, PostAuthor author)
    {
        xml.WriteStartElement("author");
        xml.WriteElementString("name", XmlText.Clean(author.Name));
        if (AbsoluteHttpUrl(author.Url) is { } url)
        {
            xml.WriteElementString("uri", url.AbsoluteUri);
        }

        xml.WriteEndElement();
    }

    internal static Uri? AbsoluteHttpUrl(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out Uri? absolute) && absolute.Scheme is "http" or "https" ? absolute : null;

    private static void WriteJson(Feed feed, Stream output)
    {
        using var json = new Utf8JsonWriter(output, JsonSettings);
        json.WriteStartObject();
        json.WriteString("version", "https://jsonfeed.org/version/1.1");
        json.WriteString("title", XmlText.Clean(feed.Title));
        json.WriteString("home_page_url", feed.HomePageUrl.AbsoluteUri);
        json.WriteString("feed_url", feed.FeedUrls[FeedFormat.JsonFeed].AbsoluteUri);
        json.WriteString("description", XmlText.Clean(feed.Description));
        json.WriteString("language", feed.Language);
        if (feed.Author is { } feedAuthor)
        {
            json.WriteStartArray("authors");
            WriteJsonAuthor(json, feedAuthor);
            json.WriteEndArray();
        }

        if (feed.Hubs.Count > 0)
        {
            json.WriteStartArray("hubs");
            for (int hubIndex = 0; hubIndex < feed.Hubs.Count; hubIndex++)
            {
                Uri hub = feed.Hubs[hubIndex];
                json.WriteStartObject();
                json.WriteString("type", "WebSub");
                json.WriteString("url", hub.AbsoluteUri);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("items");
        for (int itemIndex = 0; itemIndex < feed.Items.Count; itemIndex++)
        {
            FeedItem item = feed.Items[itemIndex];
            json.WriteStartObject();
            json.WriteString("id", item.Id);
            json.WriteString("url", item.Url.AbsoluteUri);
            json.WriteString("title", XmlText.Clean(item.Title));
            json.WriteString("content_html", XmlText.Clean(item.ContentHtml ?? item.SummaryHtml));
            json.WriteString("summary", XmlText.Clean(item.SummaryText));
            if (item.Image is { } image)
            {
                json.WriteString("image", image.AbsoluteUri);
            }

            WriteJsonDate(json, "date_published", item.Published);
            WriteJsonDate(json, "date_modified", item.Updated);
            if (item.Authors.Count > 0)
            {
                json.WriteStartArray("authors");
                for (int authorIndex = 0; authorIndex < item.Authors.Count; authorIndex++)
                {
                    WriteJsonAuthor(json, item.Authors[authorIndex]);
                }

                json.WriteEndArray();
            }

            if (item.Categories.Count > 0)
            {
                json.WriteStartArray("tags");
                for (int categoryIndex = 0; categoryIndex < item.Categories.Count; categoryIndex++)
                {
                    FeedCategory category = item.Categories[categoryIndex];
                    json.WriteStringValue(XmlText.Clean(category.Name));
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteJsonDate(Utf8JsonWriter json, string name, DateTimeOffset date)
    {
        Span<char> buffer = stackalloc char[25];
        json.WriteString(name, buffer[..FormatRfc3339(date, buffer)]);
    }

    private static void WriteJsonAuthor(Utf8JsonWriter json, PostAuthor author)
    {
        json.WriteStartObject();
        json.WriteString("name", XmlText.Clean(author.Name));
        if (AbsoluteHttpUrl(author.Url) is { } url)
        {
            json.WriteString("url", url.AbsoluteUri);
        }

        json.WriteEndObject();
    }
}
