using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Samples.Web.Pages;

/// <summary>The page shown for any 404.</summary>
public sealed class NotFoundModel(IBlog blog, ICategorizer categorizer, SiteUrls urls) : BlogPageModel(blog, categorizer, urls)
{
    public Task OnGetAsync() => LoadAsync();
}
