using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.AspNetCore.Mvc;

namespace DevOpsVision.Samples.Web.Pages;

/// <summary>Every year and month with posts, or the posts of one year or month (in the blog's time zone).</summary>
public sealed class ArchiveModel(IBlog blog, ICategorizer categorizer, SiteUrls urls) : BlogPageModel(blog, categorizer, urls)
{
    public int? Year { get; private set; }

    public int? Month { get; private set; }

    public string Heading { get; private set; } = "Archive";

    public PostList? List { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year, int? month, [FromQuery] int? page)
    {
        await LoadAsync();
        if (year is null)
        {
            return Page();
        }

        ArchiveYear? archive = Taxonomy.Archives.FirstOrDefault(a => a.Year == year);
        IReadOnlyList<Post>? posts = month is null ? archive?.Posts : archive?.Months.FirstOrDefault(m => m.Month == month)?.Posts;
        if (posts is null || !Taxonomy.TryGetPage(posts, page ?? 1, out PostPage? listing))
        {
            return NotFound();
        }

        Year = year;
        Month = month;
        Heading = month is { } m ? $"{MonthName(m)} {year}" : $"{year}";
        string link = Urls.Archive(year.Value, month);
        List = new PostList(listing, this, n => n == 1 ? link : $"{link}?page={n}");
        return Page();
    }
}
