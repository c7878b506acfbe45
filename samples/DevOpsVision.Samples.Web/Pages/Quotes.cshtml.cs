using DevOpsVision.Blogging;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Quotes;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Samples.Web.Pages;

/// <summary>The blog's quotes grouped by work, most quoted work first, each linking back to its post.</summary>
public sealed class QuotesModel(IBlog blog, ICategorizer categorizer, IQuoteExtractor extractor, SiteUrls urls) : BlogPageModel(blog, categorizer, urls)
{
    public sealed record WorkQuotes(string Name, string Id, IReadOnlyList<Quote> Quotes);

    public IReadOnlyList<WorkQuotes> Works { get; private set; } = [];

    public IReadOnlyList<Quote> Unattributed { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        BlogQuotes quotes = extractor.GetQuotes(Snapshot);
        Works = [.. quotes.ByWork
            .OrderByDescending(static w => w.Value.Count)
            .ThenBy(static w => w.Key, StringComparer.OrdinalIgnoreCase)
            .Select(static w => new WorkQuotes(w.Key, "work-" + BlogUrls.Slugify(w.Key), w.Value))];
        Unattributed = [.. quotes.Distinct.Where(static q => string.IsNullOrEmpty(q.Work))];
    }
}
