using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using DevOpsVision.Blogging;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Samples.Cli.Site;

/// <summary>The machine-readable files of a site, written with <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonFiles
{
    /// <summary>Indented UTF-8 with non-ASCII letters as they are (HTML-sensitive characters are still escaped).</summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void WritePosts(Stream stream, BlogSnapshot snapshot, BlogUrls urls, BlogTaxonomy taxonomy)
    {
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartArray();
        foreach (Post post in snapshot.Posts)
        {
            json.WriteStartObject();
            json.WriteString("slug", post.Slug);
            json.WriteString("url", urls.Absolute(urls.PostPath(post)).AbsoluteUri);
            json.WriteString("title", post.Title);
            json.WriteString("date", Local(post.Date, snapshot));
            if (post.Updated is { } updated)
            {
                json.WriteString("updated", Local(updated, snapshot));
            }
            else
            {
                json.WriteNull("updated");
            }

            WriteStrings(json, "categories", post.Categories);
            WriteStrings(json, "tags", post.Tags);
            WriteStrings(json, "authors", post.Authors.Select(a => a.Name));
            json.WriteString("excerpt", post.ExcerptText);
            json.WriteNumber("wordCount", post.WordCount);
            json.WriteNumber("readingMinutes", ReadingMinutes(post));
            WriteStrings(json, "related", taxonomy.GetRelated(post).Select(r => r.Post.Slug));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteQuotes(Stream stream, IEnumerable<Quote> quotes, BlogSnapshot snapshot, BlogUrls urls)
    {
        using var json = new Utf8JsonWriter(stream, Options);
        WriteQuotes(json, quotes, snapshot, urls);
    }

    public static void WriteQuotes(Utf8JsonWriter json, IEnumerable<Quote> quotes, BlogSnapshot snapshot, BlogUrls urls)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray();
        foreach (Quote quote in quotes)
        {
            json.WriteStartObject();
            json.WriteString("text", quote.Text);
            WriteStrings(json, "people", quote.People);
            WriteNullable(json, "work", quote.Work);
            WriteNullable(json, "url", quote.Url);
            json.WriteString("kind", quote.Kind.ToString());
            json.WriteString("postSlug", quote.PostSlug);
            if (snapshot.TryGetPost(quote.PostSlug, out Post? post))
            {
                json.WriteString("postUrl", urls.Absolute(urls.PostPath(post!)).AbsoluteUri);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteTerms(Stream stream, IEnumerable<Term> terms)
    {
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartArray();
        foreach (Term term in terms)
        {
            json.WriteStartObject();
            json.WriteString("name", term.Name);
            json.WriteString("slug", term.Slug);
            json.WriteString("path", term.Path);
            json.WriteNumber("count", term.PostCount);
            WriteNullable(json, "parent", term.Parent?.Path);
            WriteStrings(json, "posts", term.Posts.Select(p => p.Slug));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static int ReadingMinutes(Post post) => Math.Max(1, (int)Math.Ceiling(post.ReadingTime.TotalMinutes));

    public static string Local(DateTimeOffset date, BlogSnapshot snapshot) =>
        TimeZoneInfo.ConvertTime(date, snapshot.TimeZone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    public static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
