using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.AspNetCore.Mvc;

namespace DevOpsVision.Samples.Web.Pages;

/// <summary>The category tree and tags, or one category's posts (<c>/categories/cloud/aws/</c>).</summary>
public sealed class CategoriesModel(IBlog blog, ICategorizer categorizer, SiteUrls urls) : BlogPageModel(blog, categorizer, urls)
{
    public Term? Category { get; private set; }

    public PostList List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? path, [FromQuery] int? page)
    {
        await LoadAsync();
        if (string.IsNullOrEmpty(path?.Trim('/')))
        {
            return Page();
        }

        if (!Taxonomy.TryGetCategory(path, out Term? category) || !Taxonomy.TryGetPage(category.Posts, page ?? 1, out PostPage? posts))
        {
            return NotFound();
        }

        Category = category;
        string link = Urls.Term(category);
        List = new PostList(posts, this, n => n == 1 ? link : $"{link}?page={n}");
        return Page();
    }
}
