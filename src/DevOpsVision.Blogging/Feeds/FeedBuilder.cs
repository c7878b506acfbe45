using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using DevOpsVision.Blogging.Text;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.Feeds;

/// <summary>The default <see cref="IFeedBuilder"/>: the newest posts, absolute URLs everywhere (inside HTML too).</summary>
internal sealed class FeedBuilder(IOptions<BlogOptions> options, ICategorizer categorizer) : IFeedBuilder
{
    public Feed ForBlog(BlogSnapshot snapshot, FeedSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        BlogOptions blog = options.Value;
        return Build(snapshot, new BlogUrls(blog), blog.Title, blog.Description ?? blog.Title, string.Empty, snapshot.Posts, settings);
    }

    public Feed ForTerm(BlogSnapshot snapshot, Term term, FeedSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(term);
        BlogOptions blog = options.Value;
        var urls = new BlogUrls(blog);
        string noun = term.Kind == TermKind.Category ? "category" : "tag";
        string name = string.Join(" / ", term.Breadcrumbs.Select(static t => t.Name));
        return Build(snapshot, urls, $"{blog.Title} — {name}", $"Posts in the {noun} {name} of {blog.Title}", urls.TermPath(term), term.Posts, settings);
    }

    public Feed ForAuthor(BlogSnapshot snapshot, string author, FeedSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        BlogOptions blog = options.Value;
        string key = Slug.Fold(author);
        var posts = snapshot.Posts.Where(p => p.Authors.Any(a => Slug.Fold(a.Name) == key)).ToList();
        string authorSlug = Slug.Create(author);
        var urls = new BlogUrls(blog);
        string path = authorSlug.Length == 0 ? string.Empty : urls.AuthorPath(authorSlug);
        return Build(snapshot, urls, $"{blog.Title} — {author.Trim()}", $"Posts by {author.Trim()} on {blog.Title}", path, posts, settings);
    }

    private Feed Build(BlogSnapshot snapshot, BlogUrls urls, string title, string description, string pagePath, IReadOnlyList<Post> posts, FeedSettings? settings)
    {
        BlogOptions blog = options.Value;
        BlogTaxonomy taxonomy = categorizer.GetTaxonomy(snapshot);
        int max = Math.Max(0, settings?.MaxItems ?? blog.Feeds.MaxItems);
        bool full = settings?.FullContent ?? blog.Feeds.FullContent;
        var items = new List<FeedItem>(Math.Min(max, posts.Count));
        foreach (Post post in posts)
        {
            if (items.Count >= max)
            {
                break;
            }

            items.Add(Item(post, urls, taxonomy, full));
        }

        Uri home = urls.Absolute(pagePath);
        var feedUrls = new Dictionary<FeedFormat, Uri>
        {
            [FeedFormat.Rss] = urls.Absolute(urls.FeedPath(pagePath, FeedFormat.Rss)),
            [FeedFormat.Atom] = urls.Absolute(urls.FeedPath(pagePath, FeedFormat.Atom)),
            [FeedFormat.JsonFeed] = urls.Absolute(urls.FeedPath(pagePath, FeedFormat.JsonFeed)),
        };

        DateTimeOffset updated = DateTimeOffset.UnixEpoch;
        foreach (FeedItem item in items)
        {
            updated = item.Updated > updated ? item.Updated : updated;
        }

        return new Feed
        {
            Title = title,
            Description = description,
            HomePageUrl = home,
            FeedUrls = feedUrls,
            Id = home.AbsoluteUri,
            Language = blog.Language,
            Updated = updated,
            Author = string.IsNullOrWhiteSpace(blog.DefaultAuthor) ? null : new PostAuthor(blog.DefaultAuthor),
            Items = items,
            Hubs = [.. blog.Feeds.Hubs],
            Stylesheet = string.IsNullOrWhiteSpace(blog.Feeds.Stylesheet) ? null : new Uri(urls.BaseUrl, blog.Feeds.Stylesheet),
        };
    }

    private static FeedItem Item(Post post, BlogUrls urls, BlogTaxonomy taxonomy, bool full)
    {
        Uri url = urls.Absolute(urls.PostPath(post));
        var categories = new List<FeedCategory>();
        foreach (Term term in taxonomy.CategoriesOf(post))
        {
            categories.Add(new FeedCategory(term.Name, term.Path, urls.Absolute(urls.TermPath(term))));
        }

        foreach (Term term in taxonomy.TagsOf(post))
        {
            categories.Add(new FeedCategory(term.Name, term.Path, urls.Absolute(urls.TermPath(term))));
        }

        Uri? image = null;
        if (!string.IsNullOrWhiteSpace(post.Image) && Uri.TryCreate(url, post.Image, out Uri? imageUrl) && imageUrl.Scheme is "http" or "https")
        {
            image = imageUrl;
        }

        return new FeedItem
        {
            Id = url.AbsoluteUri,
            Url = url,
            Title = post.Title,
            Published = post.Date,
            Updated = post.LastChanged,
            SummaryHtml = HtmlUrls.MakeAbsolute(post.ExcerptHtml, url),
            SummaryText = post.ExcerptText,
            ContentHtml = full ? HtmlUrls.MakeAbsolute(post.Html, url) : null,
            Authors = post.Authors,
            Categories = categories,
            Image = image,
        };
    }
}
