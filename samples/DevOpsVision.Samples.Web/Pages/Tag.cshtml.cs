using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.AspNetCore.Mvc;

namespace DevOpsVision.Samples.Web.Pages;

/// <summary>The posts with one tag.</summary>
public sealed class TagModel(IBlog blog, ICategorizer categorizer, SiteUrls urls) : BlogPageModel(blog, categorizer, urls)
{
    public Term Tag { get; private set; } = null!;

    public PostList List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] int? page)
    {
        await LoadAsync();
        if (!Taxonomy.TryGetTag(slug, out Term? tag) || !Taxonomy.TryGetPage(tag.Posts, page ?? 1, out PostPage? posts))
        {
            return NotFound();
        }

        Tag = tag;
        string link = Urls.Term(tag);
        List = new PostList(posts, this, n => n == 1 ? link : $"{link}?page={n}");
        return Page();
    }
}
