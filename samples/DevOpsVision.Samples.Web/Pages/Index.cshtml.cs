using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Quotes;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.AspNetCore.Mvc;

namespace DevOpsVision.Samples.Web.Pages;

/// <summary>The newest posts, a page at a time, with the quote of the day.</summary>
public sealed class IndexModel(IBlog blog, ICategorizer categorizer, IQuoteExtractor quotes, SiteUrls urls, TimeProvider time) : BlogPageModel(blog, categorizer, urls)
{
    public PostList List { get; private set; } = null!;

    public Quote? QuoteOfTheDay { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? pageNumber)
    {
        await LoadAsync();
        if (!Taxonomy.TryGetPage(Snapshot.Posts, pageNumber ?? 1, out PostPage? page))
        {
            return NotFound();
        }

        List = new PostList(page, this, static n => n == 1 ? "/" : $"/page/{n}/");
        QuoteOfTheDay = quotes.GetQuotes(Snapshot).QuoteOfTheDay(DateOnly.FromDateTime(Local(time.GetUtcNow()).DateTime));
        return Page();
    }
}
