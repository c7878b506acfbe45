using System.Globalization;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Search;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace DevOpsVision.Samples.Web.Pages;

/// <summary>Server-rendered search: ranked hits with highlighted snippets, facets to narrow by, and "did you mean".</summary>
public sealed class SearchModel(IBlog blog, ICategorizer categorizer, ISearchIndex search, SiteUrls urls) : BlogPageModel(blog, categorizer, urls)
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string Query { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "tag")]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public SearchResults? Results { get; private set; }

    public int TotalPages => Results is { PageSize: > 0 } r ? Math.Max(1, (r.TotalCount + r.PageSize - 1) / r.PageSize) : 1;

    public IEnumerable<KeyValuePair<string, string>> ActiveFilters
    {
        get
        {
            if (Category is not null)
            {
                yield return new("category", Category);
            }

            if (Tag is not null)
            {
                yield return new("tag", Tag);
            }

            if (Year is not null)
            {
                yield return new("year", Year.Value.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Query = Query.Trim();
        if (Query.Length == 0)
        {
            return;
        }

        Results = search.Search(Snapshot, new SearchRequest(Query)
        {
            Page = Math.Max(1, PageNumber ?? 1),
            Category = Category,
            Tag = Tag,
            Year = Year,
        });
        if (!Results.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>This search with one parameter set (or removed when <paramref name="value"/> is null), back on page 1 unless the page is what changes.</summary>
    public string Link(string key, string? value)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Query,
            ["category"] = Category,
            ["tag"] = Tag,
            ["year"] = Year?.ToString(CultureInfo.InvariantCulture),
        };
        parameters[key] = value;
        var query = new QueryBuilder();
        foreach ((string name, string? text) in parameters)
        {
            if (!string.IsNullOrEmpty(text))
            {
                query.Add(name, text);
            }
        }

        return "/search/" + query.ToQueryString();
    }
}
