using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.AspNetCore.Mvc;

namespace DevOpsVision.Samples.Web.Pages;

/// <summary>One post with its contents, series, neighbours and related posts.</summary>
public sealed class PostModel(IBlog blog, ICategorizer categorizer, SiteUrls urls) : BlogPageModel(blog, categorizer, urls)
{
    public Post Post { get; private set; } = null!;

    public IReadOnlyList<Term> Tags { get; private set; } = [];

    public PostNeighbors Neighbors { get; private set; } = new(null, null);

    public PostSeries? Series { get; private set; }

    public int SeriesIndex { get; private set; }

    public PostNeighbors? SeriesNeighbors { get; private set; }

    public IReadOnlyList<RelatedPost> Related { get; private set; } = [];

    /// <summary>The highest heading level in the contents, so the outline starts at the left.</summary>
    public int TopLevel { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        await LoadAsync();
        if (!Snapshot.TryGetPost(slug, out Post? post))
        {
            return NotFound();
        }

        Post = post;
        Tags = Taxonomy.TagsOf(post);
        Neighbors = Taxonomy.GetNeighbors(post);
        Related = Taxonomy.GetRelated(post);
        Series = Taxonomy.GetSeries(post);
        if (Series is not null)
        {
            SeriesIndex = Series.Posts.ToList().IndexOf(post);
            SeriesNeighbors = Taxonomy.GetSeriesNeighbors(post);
        }

        TopLevel = post.TableOfContents.Count == 0 ? 1 : post.TableOfContents.Min(static h => h.Level);
        return Page();
    }
}
