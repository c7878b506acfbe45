using System.Globalization;
using System.Net;
using System.Text;
using DevOpsVision.Blogging;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Samples.Cli.Site;

/// <summary>Writes the static site's plain HTML pages; every text and attribute value is HTML-encoded.</summary>
internal static class HtmlPages
{
    public static string Home(BlogSnapshot snapshot, BlogUrls urls, BlogTaxonomy taxonomy)
    {
        var html = new StringBuilder();
        string title = snapshot.Options.Title;
        Start(html, title, "", snapshot.Options.Language, snapshot.Options.Description);
        html.Append("<header><h1>").Append(E(title)).Append("</h1>");
        if (!string.IsNullOrWhiteSpace(snapshot.Options.Description))
        {
            html.Append("<p>").Append(E(snapshot.Options.Description)).Append("</p>");
        }

        html.Append("<nav><a href=\"feed.xml\">RSS</a> · <a href=\"atom.xml\">Atom</a> · <a href=\"feed.json\">JSON Feed</a></nav></header>\n<main>\n");
        foreach (Post post in snapshot.Posts)
        {
            html.Append("<article><h2><a href=\"").Append(E(urls.PostPath(post))).Append("\">").Append(E(post.Title)).Append("</a></h2>\n");
            AppendMeta(html, post, snapshot, taxonomy, urls, "");
            html.Append("<p>").Append(E(post.ExcerptText)).Append("</p></article>\n");
        }

        html.Append("</main>\n");
        return End(html);
    }

    public static string PostPage(Post post, BlogSnapshot snapshot, BlogUrls urls, BlogTaxonomy taxonomy)
    {
        string pagePath = urls.PostPath(post);
        string up = UpTo(pagePath);
        var html = new StringBuilder();
        Start(html, post.Title + " – " + snapshot.Options.Title, up, snapshot.Options.Language, post.Description ?? post.ExcerptText);
        html.Append("<header><p><a href=\"").Append(E(up.Length == 0 ? "./" : up)).Append("\">").Append(E(snapshot.Options.Title)).Append("</a></p></header>\n");
        html.Append("<main><article>\n<h1>").Append(E(post.Title)).Append("</h1>\n");
        AppendMeta(html, post, snapshot, taxonomy, urls, up);
        html.Append("<div class=\"post-body\">\n").Append(post.Html).Append("\n</div>\n</article>\n");
        IReadOnlyList<RelatedPost> related = taxonomy.GetRelated(post);
        if (related.Count > 0)
        {
            html.Append("<aside><h2>Related posts</h2><ul>\n");
            foreach (RelatedPost r in related)
            {
                html.Append("<li><a href=\"").Append(E(up + urls.PostPath(r.Post))).Append("\">").Append(E(r.Post.Title)).Append("</a></li>\n");
            }

            html.Append("</ul></aside>\n");
        }

        html.Append("</main>\n");
        return End(html);
    }

    /// <summary>The relative prefix (<c>../../</c>) from a page folder such as <c>posts/hello/</c> back to the site root.</summary>
    public static string UpTo(string pagePath)
    {
        int depth = pagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        return string.Concat(Enumerable.Repeat("../", depth));
    }

    private static void AppendMeta(StringBuilder html, Post post, BlogSnapshot snapshot, BlogTaxonomy taxonomy, BlogUrls urls, string up)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(post.Date, snapshot.TimeZone);
        html.Append("<p class=\"meta\"><time datetime=\"").Append(E(local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture))).Append("\">")
            .Append(E(local.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))).Append("</time>");
        if (post.Authors.Count > 0)
        {
            html.Append(" by ").Append(E(string.Join(", ", post.Authors.Select(a => a.Name))));
        }

        html.Append(" · ").Append(Math.Max(1, (int)Math.Ceiling(post.ReadingTime.TotalMinutes)).ToString(CultureInfo.InvariantCulture)).Append(" min read");
        IReadOnlyList<Term> categories = taxonomy.CategoriesOf(post);
        if (categories.Count > 0)
        {
            html.Append(" · ");
            for (int i = 0; i < categories.Count; i++)
            {
                if (i > 0)
                {
                    html.Append(", ");
                }

                html.Append("<a href=\"").Append(E(up + urls.FeedPath(urls.TermPath(categories[i]), Blogging.Feeds.FeedFormat.Rss))).Append("\">")
                    .Append(E(categories[i].Name)).Append("</a>");
            }
        }

        html.Append("</p>\n");
    }

    private static void Start(StringBuilder html, string title, string up, string language, string? description)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n");
        if (!string.IsNullOrWhiteSpace(description))
        {
            html.Append("<meta name=\"description\" content=\"").Append(E(description)).Append("\">\n");
        }

        html.Append("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"").Append(E(up)).Append("feed.xml\">\n")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"").Append(E(up)).Append("atom.xml\">\n")
            .Append("<link rel=\"alternate\" type=\"application/feed+json\" href=\"").Append(E(up)).Append("feed.json\">\n")
            .Append("</head>\n<body>\n");
    }

    private static string End(StringBuilder html) => html.Append("</body>\n</html>\n").ToString();

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
