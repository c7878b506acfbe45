using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DevOpsVision.Blogging;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Feeds;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Samples.Cli.Site;

/// <summary>What every page of a static site is made from: the snapshot, its URLs and its taxonomy.</summary>
internal sealed record SiteContext(BlogSnapshot Snapshot, BlogUrls Urls, BlogTaxonomy Taxonomy);

/// <summary>
/// Writes the static site's HTML pages, with the same pages and style sheet as the web sample. Every link is
/// relative, so the site works from any folder of a server; every text and attribute value is HTML-encoded,
/// and post bodies are the library's sanitized <see cref="Post.Html"/>.
/// </summary>
internal static class HtmlPages
{
    /// <summary>The style sheet, copied from the web sample.</summary>
    public const string StyleSheetFile = "assets/site.css";

    /// <summary>The category tree and tag list.</summary>
    public const string CategoriesFolder = "categories/";

    /// <summary>The list of every tag.</summary>
    public const string TagsFolder = "tags/";

    /// <summary>The years and months with posts.</summary>
    public const string ArchiveFolder = "archive/";

    /// <summary>The quotations grouped by work.</summary>
    public const string QuotesFolder = "quotes/";

    /// <summary>The in-browser search over the exported index.</summary>
    public const string SearchFolder = "search/";

    public static string Home(SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var html = new StringBuilder();
        Start(html, site, "", null, site.Snapshot.Options.Description);
        html.Append("<h1 class=\"visually-hidden\">").Append(E(site.Snapshot.Options.Title)).Append("</h1>\n");
        AppendPostList(html, site, site.Snapshot.Posts, "");
        return End(html, site, "");
    }

    public static string PostPage(Post post, SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(site);
        string page = site.Urls.PostPath(post);
        string up = UpTo(page);
        var html = new StringBuilder();
        Start(html, site, page, post.Title, post.Description ?? post.ExcerptText);
        html.Append("<article class=\"post\">\n<header>\n<h1>").Append(E(post.Title)).Append("</h1>\n");
        AppendMeta(html, post, site, up);
        html.Append("</header>\n");
        AppendSeries(html, post, site, up);
        if (post.TableOfContents.Count > 1)
        {
            int top = post.TableOfContents.Min(static h => h.Level);
            html.Append("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
            foreach (PostHeading heading in post.TableOfContents)
            {
                html.Append("<li class=\"level-").Append((heading.Level - top).ToString(CultureInfo.InvariantCulture)).Append("\"><a href=\"#").Append(E(heading.Id)).Append("\">")
                    .Append(E(heading.Text)).Append("</a></li>\n");
            }

            html.Append("</ol>\n</nav>\n");
        }

        html.Append("<div class=\"content\">\n").Append(post.Html).Append("\n</div>\n");
        IReadOnlyList<Term> tags = site.Taxonomy.TagsOf(post);
        if (tags.Count > 0)
        {
            html.Append("<p class=\"tags\">Tags:");
            foreach (Term tag in tags)
            {
                html.Append(" <a class=\"tag\" href=\"").Append(E(up + site.Urls.TermPath(tag))).Append("\">").Append(E(tag.Name)).Append("</a>");
            }

            html.Append("</p>\n");
        }

        html.Append("</article>\n");
        if (site.Taxonomy.GetSeries(post) is not null)
        {
            PostNeighbors inSeries = site.Taxonomy.GetSeriesNeighbors(post);
            if (inSeries.Previous is not null || inSeries.Next is not null)
            {
                html.Append("<nav class=\"neighbors\" aria-label=\"Series navigation\">\n");
                if (inSeries.Previous is { } before)
                {
                    html.Append("<a rel=\"prev\" href=\"").Append(E(up + site.Urls.PostPath(before))).Append("\">← Previous part: ").Append(E(before.Title)).Append("</a>\n");
                }

                if (inSeries.Next is { } after)
                {
                    html.Append("<a rel=\"next\" href=\"").Append(E(up + site.Urls.PostPath(after))).Append("\">Next part: ").Append(E(after.Title)).Append(" →</a>\n");
                }

                html.Append("</nav>\n");
            }
        }

        PostNeighbors neighbors = site.Taxonomy.GetNeighbors(post);
        if (neighbors.Previous is not null || neighbors.Next is not null)
        {
            html.Append("<nav class=\"neighbors\" aria-label=\"Older and newer posts\">\n");
            if (neighbors.Previous is { } older)
            {
                html.Append("<a class=\"older\" rel=\"prev\" href=\"").Append(E(up + site.Urls.PostPath(older))).Append("\"><small>Previous post</small>")
                    .Append(E(older.Title)).Append("</a>\n");
            }

            if (neighbors.Next is { } newer)
            {
                html.Append("<a class=\"newer\" rel=\"next\" href=\"").Append(E(up + site.Urls.PostPath(newer))).Append("\"><small>Next post</small>")
                    .Append(E(newer.Title)).Append("</a>\n");
            }

            html.Append("</nav>\n");
        }

        IReadOnlyList<RelatedPost> related = site.Taxonomy.GetRelated(post);
        if (related.Count > 0)
        {
            html.Append("<section class=\"related\"><h2>Related posts</h2><ul>\n");
            foreach (RelatedPost r in related)
            {
                html.Append("<li><a href=\"").Append(E(up + site.Urls.PostPath(r.Post))).Append("\">").Append(E(r.Post.Title)).Append("</a> <small>")
                    .Append(E(Day(r.Post, site))).Append("</small></li>\n");
            }

            html.Append("</ul></section>\n");
        }

        return End(html, site, page);
    }

    /// <summary>The category tree and every tag, at <c>categories/index.html</c>.</summary>
    public static string CategoryIndex(SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(site);
        const string page = CategoriesFolder;
        string up = UpTo(page);
        var html = new StringBuilder();
        Start(html, site, page, "Categories and tags", null);
        html.Append("<h1>Categories</h1>\n");
        if (site.Taxonomy.CategoryRoots.Count == 0)
        {
            html.Append("<p class=\"empty\">No post has categories yet.</p>\n");
        }

        AppendTree(html, site, site.Taxonomy.CategoryRoots, up);
        html.Append("<h2>Tags</h2>\n");
        AppendTagCloud(html, site, up);
        return End(html, site, page);
    }

    /// <summary>Every tag, at <c>tags/index.html</c>.</summary>
    public static string TagIndex(SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(site);
        const string page = TagsFolder;
        string up = UpTo(page);
        var html = new StringBuilder();
        Start(html, site, page, "Tags", null);
        html.Append("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumbs\"><a href=\"").Append(E(up + CategoriesFolder)).Append("\">Categories and tags</a></nav>\n");
        html.Append("<h1>Tags</h1>\n");
        AppendTagCloud(html, site, up);
        return End(html, site, page);
    }

    /// <summary>A category's page: its breadcrumbs, subcategories, feeds and posts (its own and its children's), newest first.</summary>
    public static string CategoryPage(Term category, SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(site);
        string page = site.Urls.TermPath(category);
        string up = UpTo(page);
        var html = new StringBuilder();
        Start(html, site, page, "Category: " + string.Join(" › ", category.Breadcrumbs.Select(t => t.Name)), null, category);
        html.Append("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumbs\"><a href=\"").Append(E(up + CategoriesFolder)).Append("\">Categories</a>");
        foreach (Term level in category.Breadcrumbs)
        {
            html.Append(" <span aria-hidden=\"true\">›</span> <a href=\"").Append(E(up + site.Urls.TermPath(level))).Append("\">").Append(E(level.Name)).Append("</a>");
        }

        html.Append("</nav>\n");
        AppendCountHeading(html, category.Name, category.PostCount);
        if (category.Children.Count > 0)
        {
            html.Append("<p class=\"subcategories\">Subcategories:");
            foreach (Term child in category.Children)
            {
                html.Append(" <a class=\"category\" href=\"").Append(E(up + site.Urls.TermPath(child))).Append("\">").Append(E(child.Name))
                    .Append(" (").Append(child.PostCount.ToString(CultureInfo.InvariantCulture)).Append(")</a>");
            }

            html.Append("</p>\n");
        }

        string feeds = site.Urls.TermPath(category);
        html.Append("<p class=\"feeds\">Follow this category: <a href=\"").Append(E(up + site.Urls.FeedPath(feeds, FeedFormat.Rss))).Append("\">RSS</a> · <a href=\"")
            .Append(E(up + site.Urls.FeedPath(feeds, FeedFormat.Atom))).Append("\">Atom</a> · <a href=\"")
            .Append(E(up + site.Urls.FeedPath(feeds, FeedFormat.JsonFeed))).Append("\">JSON Feed</a></p>\n");
        AppendPostList(html, site, category.Posts, up);
        return End(html, site, page);
    }

    /// <summary>A tag's page: its posts, newest first.</summary>
    public static string TagPage(Term tag, SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(site);
        string page = site.Urls.TermPath(tag);
        string up = UpTo(page);
        var html = new StringBuilder();
        Start(html, site, page, "Tag: " + tag.Name, null);
        html.Append("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumbs\"><a href=\"").Append(E(up + TagsFolder)).Append("\">Tags</a></nav>\n");
        AppendCountHeading(html, "Tagged “" + tag.Name + "”", tag.PostCount);
        AppendPostList(html, site, tag.Posts, up);
        return End(html, site, page);
    }

    /// <summary>Every year and month with posts, at <c>archive/index.html</c>.</summary>
    public static string ArchiveIndex(SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(site);
        const string page = ArchiveFolder;
        string up = UpTo(page);
        var html = new StringBuilder();
        Start(html, site, page, "Archive", null);
        html.Append("<h1>Archive</h1>\n<ul class=\"archive\">\n");
        foreach (ArchiveYear year in site.Taxonomy.Archives)
        {
            html.Append("<li><a href=\"").Append(E(up + site.Urls.ArchivePath(year.Year))).Append("\">").Append(year.Year.ToString(CultureInfo.InvariantCulture))
                .Append("</a> <small>(").Append(year.PostCount.ToString(CultureInfo.InvariantCulture)).Append(")</small>\n<ul>\n");
            foreach (ArchiveMonth month in year.Months)
            {
                html.Append("<li><a href=\"").Append(E(up + site.Urls.ArchivePath(month.Year, month.Month))).Append("\">").Append(E(MonthName(month.Month)))
                    .Append("</a> <small>(").Append(month.PostCount.ToString(CultureInfo.InvariantCulture)).Append(")</small></li>\n");
            }

            html.Append("</ul></li>\n");
        }

        html.Append("</ul>\n");
        if (site.Taxonomy.Archives.Count == 0)
        {
            html.Append("<p class=\"empty\">No posts yet.</p>\n");
        }

        return End(html, site, page);
    }

    /// <summary>A year's or a month's posts.</summary>
    public static string ArchivePage(int year, int? month, IReadOnlyList<Post> posts, SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(site);
        string page = site.Urls.ArchivePath(year, month);
        string up = UpTo(page);
        string yearText = year.ToString(CultureInfo.InvariantCulture);
        string heading = month is { } m ? MonthName(m) + " " + yearText : yearText;
        var html = new StringBuilder();
        Start(html, site, page, heading, null);
        html.Append("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumbs\"><a href=\"").Append(E(up + ArchiveFolder)).Append("\">Archive</a>");
        if (month is not null)
        {
            html.Append(" <span aria-hidden=\"true\">›</span> <a href=\"").Append(E(up + site.Urls.ArchivePath(year))).Append("\">").Append(yearText).Append("</a>");
        }

        html.Append("</nav>\n");
        AppendCountHeading(html, heading, posts.Count);
        AppendPostList(html, site, posts, up);
        return End(html, site, page);
    }

    /// <summary>The quotations, grouped by work (most quoted first), then those without a work; each links to its post.</summary>
    public static string QuotesPage(BlogQuotes quotes, SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(site);
        const string page = QuotesFolder;
        string up = UpTo(page);
        var html = new StringBuilder();
        Start(html, site, page, "Quotes", null);
        html.Append("<h1>Quotes</h1>\n<p class=\"lead\">Quotations from the posts, grouped by the book, report or talk they come from.</p>\n");
        var ids = new HashSet<string>(StringComparer.Ordinal) { "other" };
        var works = new List<(string Name, string Id, IReadOnlyList<Quote> Quotes)>();
        foreach (KeyValuePair<string, IReadOnlyList<Quote>> work in quotes.ByWork
            .OrderByDescending(static w => w.Value.Count)
            .ThenBy(static w => w.Key, StringComparer.OrdinalIgnoreCase))
        {
            string id = "work-" + BlogUrls.Slugify(work.Key);
            for (int n = 2; !ids.Add(id); n++)
            {
                id = "work-" + BlogUrls.Slugify(work.Key) + "-" + n.ToString(CultureInfo.InvariantCulture);
            }

            works.Add((work.Key, id, work.Value));
        }

        Quote[] unattributed = [.. quotes.Distinct.Where(static q => string.IsNullOrEmpty(q.Work))];
        if (works.Count > 0)
        {
            html.Append("<nav class=\"toc\" aria-label=\"Works\"><ol>\n");
            foreach (var work in works)
            {
                html.Append("<li><a href=\"#").Append(E(work.Id)).Append("\">").Append(E(work.Name)).Append("</a> <small>(")
                    .Append(work.Quotes.Count.ToString(CultureInfo.InvariantCulture)).Append(")</small></li>\n");
            }

            html.Append("</ol></nav>\n");
        }

        foreach (var work in works)
        {
            html.Append("<section class=\"work\" id=\"").Append(E(work.Id)).Append("\">\n<h2>").Append(E(work.Name)).Append("</h2>\n");
            AppendQuotes(html, work.Quotes, site, up);
            html.Append("</section>\n");
        }

        if (unattributed.Length > 0)
        {
            html.Append("<section class=\"work\" id=\"other\">\n<h2>Other quotes</h2>\n");
            AppendQuotes(html, unattributed, site, up);
            html.Append("</section>\n");
        }

        if (works.Count == 0 && unattributed.Length == 0)
        {
            html.Append("<p class=\"empty\">No post quotes anyone yet.</p>\n");
        }

        return End(html, site, page);
    }

    /// <summary>
    /// The search page: a form whose query the small script below runs in the browser against
    /// <see cref="FeedPublisher.SearchIndexFile"/> with <see cref="FeedPublisher.SearchScriptFile"/>; no server needed.
    /// </summary>
    public static string SearchPage(SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(site);
        const string page = SearchFolder;
        string up = UpTo(page);
        var html = new StringBuilder();
        Start(html, site, page, "Search", null);
        html.Append("<h1>Search</h1>\n<form id=\"search-form\" class=\"search-form\" action=\"./\" method=\"get\" role=\"search\" data-index=\"")
            .Append(E(up + FeedPublisher.SearchIndexFile)).Append("\">\n")
            .Append("<input id=\"q\" type=\"search\" name=\"q\" placeholder=\"Words, prefix*, -exclude\" aria-label=\"Search the blog\" autocomplete=\"off\" autofocus>\n")
            .Append("<button type=\"submit\">Search</button>\n</form>\n")
            .Append("<div id=\"search-results\" aria-live=\"polite\"><p class=\"hint\">Type a few words; <code>deploy*</code> finds words that start with deploy, <code>-word</code> leaves posts with it out.</p></div>\n");

        // Hits carry a post's slug; its page's path comes from the blog's URL settings, so the page lists them.
        // The default JSON encoder escapes <, > and &, so the data cannot close the script element.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * site.Snapshot.Posts.Count + 16);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (Post post in site.Snapshot.Posts)
            {
                json.WriteString(post.Slug, up + site.Urls.PostPath(post));
            }

            json.WriteEndObject();
        }

        html.Append("<script type=\"application/json\" id=\"post-paths\">").Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append("</script>\n")
            .Append("<script src=\"").Append(E(up + FeedPublisher.SearchScriptFile)).Append("\"></script>\n")
            .Append("<script>\n").Append(SearchPageScript).Append("</script>\n");
        return End(html, site, page);
    }

    /// <summary>The search page's script: reads <c>?q=</c>, loads the index once, and lists the hits as links.</summary>
    public const string SearchPageScript = """
        (function () {
          "use strict";
          var form = document.getElementById("search-form");
          var input = document.getElementById("q");
          var results = document.getElementById("search-results");
          var paths = JSON.parse(document.getElementById("post-paths").textContent);
          var engine = null;

          function element(tag, className, text) {
            var node = document.createElement(tag);
            if (className) { node.className = className; }
            if (text !== undefined) { node.textContent = text; }
            return node;
          }

          function show(query) {
            var hits = engine.search(query, 50);
            var line = element("p", "summary-line", hits.length + (hits.length === 1 ? " post matches " : " posts match "));
            line.appendChild(element("strong", "", query));
            var list = element("ol", "hits");
            hits.forEach(function (hit) {
              var item = element("li", "hit");
              var heading = element("h2");
              var link = element("a", "", hit.title);
              link.href = paths[hit.slug] || "./";
              heading.appendChild(link);
              item.appendChild(heading);
              item.appendChild(element("p", "meta", "Posted on " + hit.date));
              item.appendChild(element("p", "snippet", hit.excerpt));
              list.appendChild(item);
            });
            results.replaceChildren(line, list);
          }

          function run() {
            var query = input.value.trim();
            if (query && engine) { show(query); }
          }

          input.value = new URLSearchParams(location.search).get("q") || "";
          form.addEventListener("submit", function (event) {
            event.preventDefault();
            history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
            run();
          });
          fetch(form.dataset.index)
            .then(function (response) { if (!response.ok) { throw new Error(response.statusText); } return response.json(); })
            .then(function (index) { engine = DevOpsVisionSearch.load(index); run(); })
            .catch(function () {
              results.replaceChildren(element("p", "error", "The search index could not be loaded; serve the site over HTTP to search it."));
            });
        })();

        """;

    /// <summary>The relative prefix (<c>../../</c>) from a page folder such as <c>posts/hello/</c> back to the site root.</summary>
    public static string UpTo(string pagePath)
    {
        int depth = pagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        return string.Concat(Enumerable.Repeat("../", depth));
    }

    private static void AppendPostList(StringBuilder html, SiteContext site, IReadOnlyList<Post> posts, string up)
    {
        if (posts.Count == 0)
        {
            html.Append("<p class=\"empty\">No posts here yet.</p>\n");
        }

        foreach (Post post in posts)
        {
            string link = E(up + site.Urls.PostPath(post));
            html.Append("<article class=\"summary\">\n<h2><a href=\"").Append(link).Append("\">").Append(E(post.Title)).Append("</a></h2>\n");
            AppendMeta(html, post, site, up);
            html.Append("<p class=\"excerpt\">").Append(E(post.ExcerptText)).Append("</p>\n<a class=\"more\" href=\"").Append(link)
                .Append("\">Continue reading <span class=\"visually-hidden\">").Append(E(post.Title)).Append("</span> →</a>\n</article>\n");
        }
    }

    private static void AppendMeta(StringBuilder html, Post post, SiteContext site, string up)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(post.Date, site.Snapshot.TimeZone);
        html.Append("<p class=\"meta\">Posted on <time datetime=\"").Append(E(local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture))).Append("\">")
            .Append(E(Day(post, site))).Append("</time>");
        if (post.Authors.Count > 0)
        {
            html.Append(" by ").Append(E(string.Join(", ", post.Authors.Select(a => a.Name))));
        }

        IReadOnlyList<Term> categories = site.Taxonomy.CategoriesOf(post);
        if (categories.Count > 0)
        {
            html.Append(" <span class=\"in\">in ");
            for (int i = 0; i < categories.Count; i++)
            {
                if (i > 0)
                {
                    html.Append(", ");
                }

                html.Append("<a class=\"category\" href=\"").Append(E(up + site.Urls.TermPath(categories[i]))).Append("\">").Append(E(categories[i].Name)).Append("</a>");
            }

            html.Append("</span>");
        }

        html.Append(" <span class=\"reading\">· ").Append(JsonFiles.ReadingMinutes(post).ToString(CultureInfo.InvariantCulture)).Append(" min read</span></p>\n");
    }

    private static void AppendSeries(StringBuilder html, Post post, SiteContext site, string up)
    {
        if (site.Taxonomy.GetSeries(post) is not { } series)
        {
            return;
        }

        int part = series.Posts.ToList().IndexOf(post) + 1;
        html.Append("<aside class=\"series\" aria-label=\"Series\">\n<p>Part ").Append(part.ToString(CultureInfo.InvariantCulture)).Append(" of ")
            .Append(series.Posts.Count.ToString(CultureInfo.InvariantCulture)).Append(" in the series <strong>").Append(E(series.Name)).Append("</strong>:</p>\n<ol>\n");
        foreach (Post other in series.Posts)
        {
            html.Append("<li>");
            if (ReferenceEquals(other, post))
            {
                html.Append("<strong>").Append(E(other.Title)).Append("</strong>");
            }
            else
            {
                html.Append("<a href=\"").Append(E(up + site.Urls.PostPath(other))).Append("\">").Append(E(other.Title)).Append("</a>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n</aside>\n");
    }

    private static void AppendTree(StringBuilder html, SiteContext site, IReadOnlyList<Term> terms, string up)
    {
        if (terms.Count == 0)
        {
            return;
        }

        html.Append("<ul class=\"tree\">\n");
        foreach (Term term in terms)
        {
            html.Append("<li><a class=\"category\" href=\"").Append(E(up + site.Urls.TermPath(term))).Append("\">").Append(E(term.Name)).Append("</a> <small>(")
                .Append(term.PostCount.ToString(CultureInfo.InvariantCulture)).Append(")</small>\n");
            AppendTree(html, site, term.Children, up);
            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void AppendTagCloud(StringBuilder html, SiteContext site, string up)
    {
        if (site.Taxonomy.Tags.Count == 0)
        {
            html.Append("<p class=\"empty\">No post has tags yet.</p>\n");
            return;
        }

        html.Append("<p class=\"tag-cloud\">\n");
        foreach (Term tag in site.Taxonomy.Tags)
        {
            html.Append("<a class=\"tag\" href=\"").Append(E(up + site.Urls.TermPath(tag))).Append("\">").Append(E(tag.Name)).Append(" <small>(")
                .Append(tag.PostCount.ToString(CultureInfo.InvariantCulture)).Append(")</small></a>\n");
        }

        html.Append("</p>\n");
    }

    private static void AppendCountHeading(StringBuilder html, string name, int count) =>
        html.Append("<h1>").Append(E(name)).Append(" <small>").Append(count.ToString(CultureInfo.InvariantCulture)).Append(count == 1 ? " post" : " posts").Append("</small></h1>\n");

    private static void AppendQuotes(StringBuilder html, IEnumerable<Quote> quotes, SiteContext site, string up)
    {
        html.Append("<ul class=\"quotes\">\n");
        foreach (Quote quote in quotes)
        {
            html.Append("<li>\n<blockquote>");
            foreach (string paragraph in quote.Paragraphs.Count > 0 ? quote.Paragraphs : [quote.Text])
            {
                html.Append("<p>").Append(E(paragraph)).Append("</p>");
            }

            html.Append("</blockquote>\n<p class=\"attribution\">");
            if (quote.People.Count > 0)
            {
                html.Append("<span>— ").Append(E(string.Join(", ", quote.People))).Append("</span> ");
            }

            if (site.Snapshot.TryGetPost(quote.PostSlug, out Post? post))
            {
                html.Append("<a class=\"source\" href=\"").Append(E(up + site.Urls.PostPath(post!))).Append("\">from “").Append(E(post!.Title)).Append("”</a>");
            }

            html.Append("</p>\n</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Start(StringBuilder html, SiteContext site, string pagePath, string? title, string? description, Term? category = null)
    {
        BlogOptions options = site.Snapshot.Options;
        string up = UpTo(pagePath);
        string home = up.Length == 0 ? "./" : up;
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(options.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title is null ? options.Title : title + " – " + options.Title)).Append("</title>\n");
        if (!string.IsNullOrWhiteSpace(description))
        {
            html.Append("<meta name=\"description\" content=\"").Append(E(description)).Append("\">\n");
        }

        html.Append("<link rel=\"stylesheet\" href=\"").Append(E(up + StyleSheetFile)).Append("\">\n");
        AppendAlternates(html, site, up, "", options.Title);
        if (category is not null)
        {
            AppendAlternates(html, site, up, site.Urls.TermPath(category), options.Title + " – " + category.Name);
        }

        html.Append("</head>\n<body>\n<header class=\"site-header\">\n<div class=\"wrap\">\n")
            .Append("<a class=\"site-title\" href=\"").Append(E(home)).Append("\">").Append(E(options.Title)).Append("</a>\n")
            .Append("<nav class=\"site-nav\" aria-label=\"Site\">\n")
            .Append("<a href=\"").Append(E(home)).Append("\">Home</a>\n")
            .Append("<a href=\"").Append(E(up + CategoriesFolder)).Append("\">Categories</a>\n")
            .Append("<a href=\"").Append(E(up + ArchiveFolder)).Append("\">Archive</a>\n")
            .Append("<a href=\"").Append(E(up + QuotesFolder)).Append("\">Quotes</a>\n")
            .Append("<a href=\"").Append(E(up + SearchFolder)).Append("\">Search</a>\n</nav>\n")
            .Append("<form class=\"site-search\" action=\"").Append(E(up + SearchFolder)).Append("\" method=\"get\" role=\"search\">")
            .Append("<input type=\"search\" name=\"q\" placeholder=\"Search posts\" aria-label=\"Search posts\"></form>\n")
            .Append("</div>\n</header>\n<main class=\"wrap\">\n");
    }

    private static void AppendAlternates(StringBuilder html, SiteContext site, string up, string pagePath, string title)
    {
        (FeedFormat Format, string Type, string Name)[] feeds =
        [
            (FeedFormat.Rss, "application/rss+xml", "RSS"),
            (FeedFormat.Atom, "application/atom+xml", "Atom"),
            (FeedFormat.JsonFeed, "application/feed+json", "JSON Feed"),
        ];
        foreach ((FeedFormat format, string type, string name) in feeds)
        {
            html.Append("<link rel=\"alternate\" type=\"").Append(type).Append("\" title=\"").Append(E(title + " (" + name + ")")).Append("\" href=\"")
                .Append(E(up + site.Urls.FeedPath(pagePath, format))).Append("\">\n");
        }
    }

    private static string End(StringBuilder html, SiteContext site, string pagePath)
    {
        string up = UpTo(pagePath);
        html.Append("</main>\n<footer class=\"site-footer\">\n<div class=\"wrap\">\n<span>").Append(E(site.Snapshot.Options.Title)).Append("</span>\n")
            .Append("<span>Subscribe: <a href=\"").Append(E(up + site.Urls.FeedPath("", FeedFormat.Rss))).Append("\">RSS</a> · <a href=\"")
            .Append(E(up + site.Urls.FeedPath("", FeedFormat.Atom))).Append("\">Atom</a> · <a href=\"")
            .Append(E(up + site.Urls.FeedPath("", FeedFormat.JsonFeed))).Append("\">JSON Feed</a> · <a href=\"")
            .Append(E(up)).Append("sitemap.xml\">Sitemap</a></span>\n</div>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Day(Post post, SiteContext site) =>
        TimeZoneInfo.ConvertTime(post.Date, site.Snapshot.TimeZone).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
