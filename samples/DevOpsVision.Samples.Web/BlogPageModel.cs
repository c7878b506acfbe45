using System.Globalization;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DevOpsVision.Samples.Web;

/// <summary>What every page of the blog reads: the snapshot of this request, its taxonomy and the links.</summary>
public abstract class BlogPageModel(IBlog blog, ICategorizer categorizer, SiteUrls urls) : PageModel
{
    public BlogSnapshot Snapshot { get; private set; } = null!;

    public BlogTaxonomy Taxonomy { get; private set; } = null!;

    public SiteUrls Urls { get; } = urls;

    public string BlogTitle => Snapshot.Options.Title;

    /// <summary>Takes the current snapshot once, so the whole page shows one version of the blog.</summary>
    protected async Task LoadAsync()
    {
        Snapshot = await blog.GetSnapshotAsync(HttpContext.RequestAborted);
        Taxonomy = categorizer.GetTaxonomy(Snapshot);
    }

    /// <summary>The day a post was published, in the blog's time zone, as the original blog writes it ("February 6, 2021").</summary>
    public string Day(Post post) => Local(post.Date).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    public DateTimeOffset Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Snapshot.TimeZone);

    public static string Minutes(Post post) => $"{Math.Max(1, (int)Math.Round(post.ReadingTime.TotalMinutes))} min read";

    public static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
}

/// <summary>A list of posts with a pager: the model of the <c>_PostList</c> partial.</summary>
/// <param name="Page">The page of posts.</param>
/// <param name="Owner">The page showing them.</param>
/// <param name="PageLink">The link to another page of the listing.</param>
public sealed record PostList(PostPage Page, BlogPageModel Owner, Func<int, string> PageLink);
